import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ActionSchema, actionTargets, type Action } from '../../common/actions.js';
import { toImage, type FrameGeometry } from '../../common/geometry.js';
import type { MarkRef } from './magma-reply.js';
import { detectReplyFormat, familyFromModelName, parseCall, parseModelReply, resolveFamily, smartResize, type ModelFamily, type SentImage } from './reply-formats.js';

const fixtures = JSON.parse(readFileSync(new URL('../../../tests/fixtures/openai/replies.json', import.meta.url), 'utf8')) as {
  cases: Array<{ name: string; family: ModelFamily; image: SentImage; reply: string; expect?: Action; error?: string }>;
};
const marks: MarkRef[] = [0, 1, 2, 3, 4].map((id) => ({ id, bbox: [id * 50, 10, id * 50 + 40, 40] }));

/** Deep equality with points compared to 0.01 px. */
function close(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number') {
    assert.equal(typeof actual, 'number', path);
    assert.ok(Math.abs((actual as number) - expected) < 0.01, `${path}: ${actual} != ${expected}`);
  } else if (expected && typeof expected === 'object') {
    assert.ok(actual && typeof actual === 'object', path);
    assert.deepEqual(Object.keys(actual as object).sort(), Object.keys(expected).sort(), path);
    for (const [k, v] of Object.entries(expected)) close((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else assert.equal(actual, expected, path);
}

describe('reply formats: recorded-style replies of each family', () => {
  for (const c of fixtures.cases) {
    it(c.name, () => {
      const r = parseModelReply(c.reply, { family: c.family, image: c.image, marks });
      if (c.expect) {
        assert.ok(r.ok, r.ok ? '' : r.error);
        close(r.action, c.expect);
      } else {
        assert.equal(r.ok, false, `expected an error, got ${JSON.stringify(r)}`);
        assert.ok(!r.ok && r.error.includes(c.error!), `"${!r.ok && r.error}" does not say "${c.error}"`);
      }
    });
  }
});

describe('reply formats: families and sizes', () => {
  it('reads the family from model names that servers use', () => {
    assert.equal(familyFromModelName('ByteDance-Seed/UI-TARS-1.5-7B'), 'ui-tars-1.5');
    assert.equal(familyFromModelName('bytedance-research/UI-TARS-7B-DPO'), 'ui-tars-1.0');
    assert.equal(familyFromModelName('qwen2.5vl:7b'), 'qwen2.5-vl');
    assert.equal(familyFromModelName('Qwen/Qwen2.5-VL-72B-Instruct'), 'qwen2.5-vl');
    assert.equal(familyFromModelName('llava:13b'), undefined);
    assert.equal(resolveFamily('auto', 'llava:13b'), 'auto');
    assert.equal(resolveFamily('generic', 'ui-tars-1.5-7b'), 'generic', 'a declared family wins over the name');
  });
  it('smart_resize gives sides that are multiples of 28 within the pixel limits', () => {
    assert.deepEqual(smartResize(1280, 800), { width: 1288, height: 812 });
    assert.deepEqual(smartResize(1920, 1080), { width: 1932, height: 1092 });
    const big = smartResize(3840, 2160, { maxPixels: 1280 * 28 * 28 });
    assert.ok(big.width * big.height <= 1280 * 28 * 28 && big.width % 28 === 0 && big.height % 28 === 0, JSON.stringify(big));
  });
  it('the format comes from the reply, the family only breaks ties', () => {
    assert.equal(detectReplyFormat('<tool_call>{"name": "computer_use", "arguments": {"action": "left_click", "coordinate": [1, 2]}}</tool_call>'), 'qwen');
    assert.equal(detectReplyFormat("Thought: x\nAction: click(start_box='(1,2)')"), 'ui-tars');
    assert.equal(detectReplyFormat('{"Reasoning": "click(start_box) is not it", "Next Action": "done"}'), 'som-json');
    assert.equal(detectReplyFormat('no action here'), undefined);
  });
  it('reads call arguments as data: quotes, escapes and parentheses inside values', () => {
    const c = parseCall("type(content='a, b) \\'c\\'\\n', x=\"(1, 2)\")", 0);
    assert.deepEqual(c?.args, { content: "a, b) 'c'\n", x: '(1, 2)' });
    assert.equal(parseCall("click(start_box='(1,2)'", 0), undefined, 'an unclosed call is no call');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties: on any input the parsers return (never throw), every action validates, and no point lies outside
// the image.

const families = fc.constantFrom<ModelFamily>('auto', 'generic', 'ui-tars-1.0', 'ui-tars-1.5', 'qwen2.5-vl');
const sizes = fc.record({ sentWidth: fc.integer({ min: 28, max: 4000 }), sentHeight: fc.integer({ min: 28, max: 3000 }), frameWidth: fc.integer({ min: 16, max: 5000 }), frameHeight: fc.integer({ min: 16, max: 3000 }) });
const num = fc.oneof(fc.integer({ min: -2000, max: 6000 }).map(String), fc.double({ min: -10, max: 5000, noNaN: false }).map(String), fc.constantFrom('NaN', 'Infinity', '-0', '1e309', '', 'abc', '0x10', '٣'));
const point = fc.tuple(num, num).map(([x, y]) => `(${x},${y})`);
const box = fc.tuple(num, num, num, num).map(([a, b, c, d]) => `(${a},${b},${c},${d})`);
const where = fc.oneof(point, box, point.map((p) => `<|box_start|>${p}<|box_end|>`), fc.tuple(num, num).map(([x, y]) => `<point>${x} ${y}</point>`));
const uiTars = fc.oneof(
  fc.tuple(fc.constantFrom('click', 'left_double', 'right_single', 'left_single', 'hover'), where).map(([n, w]) => `Thought: t\nAction: ${n}(start_box='${w}')`),
  fc.tuple(where, where).map(([a, b]) => `Action: drag(start_box='${a}', end_box='${b}')`),
  fc.tuple(where, fc.constantFrom('up', 'down', 'sideways', '')).map(([w, d]) => `Action: scroll(start_box='${w}', direction='${d}')`),
  fc.string({ maxLength: 60 }).map((s) => `Action: type(content='${s}')`),
  fc.string({ maxLength: 20 }).map((s) => `Action: hotkey(key='${s}')`),
);
const qwen = fc.tuple(fc.constantFrom('left_click', 'right_click', 'double_click', 'scroll', 'key', 'type', 'wait', 'terminate', 'mouse_move'), fc.array(fc.oneof(fc.double(), fc.integer({ min: -5000, max: 5000 }), fc.string({ maxLength: 4 })), { maxLength: 5 }), fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.double()))
  .map(([action, coordinate, pixels]) => `<tool_call>\n${JSON.stringify({ name: 'computer_use', arguments: { action, coordinate, pixels, keys: ['ctrl', 'c'], text: 'x', time: pixels } })}\n</tool_call>`);
const som = fc.record({ 'Next Action': fc.constantFrom('click', 'left_click', 'double_click', 'type', 'press', 'scroll_up', 'None', 'fly'), 'Box ID': fc.oneof(fc.integer({ min: -3, max: 12 }), fc.constant(null), fc.string({ maxLength: 3 })), value: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null)) })
  .map((o) => JSON.stringify(o));
const reply = fc.oneof(uiTars, qwen, som, fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 }));

function inside(a: Action, img: SentImage): string | undefined {
  const g: FrameGeometry = { display: { id: 'd', name: 'd', bounds: { x: 0, y: 0, width: img.frameWidth, height: img.frameHeight }, scaleFactor: 1, primary: true }, imageWidth: img.frameWidth, imageHeight: img.frameHeight };
  for (const t of actionTargets(a)) {
    if ('mark' in t) {
      if (!marks.some((m) => m.id === t.mark)) return `unknown mark ${t.mark}`;
      continue;
    }
    const p = toImage(t.point, g);
    if (!(p.x >= 0 && p.y >= 0 && p.x < img.frameWidth && p.y < img.frameHeight)) return `(${p.x}, ${p.y}) outside ${img.frameWidth}x${img.frameHeight}`;
  }
  return undefined;
}

describe('reply formats: properties', () => {
  it('never throw, every action validates, and no point falls outside the image', () => {
    fc.assert(
      fc.property(reply, families, sizes, (text, family, image) => {
        const r = parseModelReply(text, { family, image, marks });
        assert.equal(typeof r.ok, 'boolean');
        if (!r.ok) {
          assert.equal(typeof r.error, 'string');
          return;
        }
        assert.ok(ActionSchema.safeParse(r.action).success, JSON.stringify(r.action));
        const out = inside(r.action, image);
        assert.equal(out, undefined, `${text} -> ${JSON.stringify(r.action)}: ${out}`);
      }),
      { numRuns: 3000 },
    );
  });
  it('a UI-TARS-1.5 point inside the sent image lands on the same spot of the frame, whatever the resize', () => {
    fc.assert(
      fc.property(sizes, fc.double({ min: 0, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 0.999, noNaN: true }), (image, fx, fy) => {
        const x = Math.floor(fx * image.sentWidth);
        const y = Math.floor(fy * image.sentHeight);
        const r = parseModelReply(`Action: click(start_box='(${x},${y})')`, { family: 'ui-tars-1.5', image, marks });
        assert.ok(r.ok, r.ok ? '' : r.error);
        assert.ok(r.action.kind === 'click' && 'point' in r.action.target);
        const p = r.action.target.point;
        assert.equal(p.space, 'image');
        assert.ok(Math.abs(p.x / image.frameWidth - x / image.sentWidth) < 1e-9 && Math.abs(p.y / image.frameHeight - y / image.sentHeight) < 1e-9);
      }),
      { numRuns: 500 },
    );
  });
  it('a point outside the sent image is always an error, never a click', () => {
    fc.assert(
      fc.property(sizes, families, fc.integer({ min: 0, max: 20000 }), fc.integer({ min: 1, max: 5000 }), (image, family, x, extra) => {
        const y = image.sentHeight + extra - 1 + 1000; // beyond the image and beyond 0..1000 either way
        const r = parseModelReply(`Action: click(start_box='(${x},${y})')`, { family, image, marks });
        assert.equal(r.ok, false);
      }),
      { numRuns: 500 },
    );
  });
});
