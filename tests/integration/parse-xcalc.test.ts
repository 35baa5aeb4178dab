/**
 * Perception v1 on real screenshots of X apps (fixtures captured under Xvfb; see
 * tests/fixtures/perception/README.md), with the shipped PaddleOCR models (recognizer: models/ocr/) on the CPU.
 * Ground truth for xcalc comes from the X server, not from the parser: each button is an X window whose geometry
 * `xwininfo -root -tree` printed when the screenshot was taken (xcalc-1280x800.buttons.json).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../../electron/adapters/image-codec.js';
import { OrtRuntime } from '../../electron/adapters/onnx-runtime.js';
import { shippedOcrModels } from '../../electron/adapters/ocr-models.js';
import type { Element } from '../../electron/common/elements.js';
import { ElementSchema } from '../../electron/common/elements.js';
import { createPerceiver, type Perceiver } from '../../electron/agent/perception/perceiver.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = `${root}tests/fixtures/perception/`;

interface Button {
  label: string;
  box: [number, number, number, number];
}
const buttons: Button[] = JSON.parse(readFileSync(`${fixtures}xcalc-1280x800.buttons.json`, 'utf8')).buttons;
const centre = (b: Button) => ({ x: (b.box[0] + b.box[2]) / 2, y: (b.box[1] + b.box[3]) / 2 });
const contains = (e: Element, p: { x: number; y: number }) => e.bbox[0] <= p.x && p.x <= e.bbox[2] && e.bbox[1] <= p.y && p.y <= e.bbox[3];
function iou(a: readonly number[], b: readonly number[]): number {
  const i = Math.max(0, Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!)) * Math.max(0, Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!));
  const area = (x: readonly number[]) => (x[2]! - x[0]!) * (x[3]! - x[1]!);
  return i / (area(a) + area(b) - i);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

let perceiver: Perceiver;
before(async () => {
  perceiver = createPerceiver({
    runtime: new OrtRuntime(),
    // What ships: the package's detector and dictionary, our rewritten recognizer (models/ocr/).
    ...shippedOcrModels(),
    providers: ['cpu'],
    // Every call below is a cold parse: no recognition results carried over from an earlier call.
    recCacheSize: 0,
  });
  await perceiver.ready();
});
after(() => perceiver.release());

describe('perceiving xcalc at 1280x800', () => {
  let elements: Element[];
  before(async () => {
    elements = (await perceiver.perceive(await decodeImage(`${fixtures}xcalc-1280x800.png`))).elements;
  });

  // xwininfo's geometry excludes the 1 px window border: the button a person sees is 1 px larger on every side.
  const outer = (b: Button): [number, number, number, number] => [b.box[0], b.box[1], b.box[2] + 2, b.box[3] + 2];

  for (const label of ['7', '*', '6', '=', 'STO', 'sin', 'e', 'trunc']) {
    it(`finds the "${label}" button as one interactive element whose box is the button's`, () => {
      const b = buttons.find((x) => x.label === label)!;
      const c = centre(b);
      const hit = elements.filter((e) => e.text === label && contains(e, c));
      assert.equal(hit.length, 1, `elements at ${c.x},${c.y}: ${JSON.stringify(elements.filter((e) => contains(e, c)))}`);
      const e = hit[0]!;
      assert.equal(e.kind, 'button');
      assert.equal(e.interactive, true);
      assert.ok(iou(e.bbox, outer(b)) >= 0.85, `box ${e.bbox} against button ${outer(b)}: IoU ${iou(e.bbox, outer(b)).toFixed(2)}`);
      assert.equal(elements.filter((x) => x.text === label).length, 1, `"${label}" is read exactly once on the screen`);
    });
  }

  it('reads most of the 55 button labels, each on its own button', (t) => {
    const norm = (s: string) => s.normalize('NFKC');
    const read = buttons.filter((b) => elements.some((e) => norm(e.text) === norm(b.label) && contains(e, centre(b))));
    const missed = buttons.filter((b) => !read.includes(b)).map((b) => b.label);
    t.diagnostic(`read ${read.length}/55; missed ${JSON.stringify(missed)}`);
    assert.ok(read.length >= 48, `read ${read.length}/55, missed ${missed.join(' ')}`);
  });

  it('finds every one of the 55 buttons as an interactive element (IoU >= 0.85), read or not, and nothing else interactive', () => {
    const found = buttons.filter((b) => elements.some((e) => e.interactive && iou(e.bbox, outer(b)) >= 0.85));
    assert.equal(found.length, 55, `missing ${buttons.filter((b) => !found.includes(b)).map((b) => b.label).join(' ')}`);
    const extra = elements.filter((e) => e.interactive && !buttons.some((b) => iou(e.bbox, outer(b)) >= 0.85));
    assert.deepEqual(extra, []);
  });

  it('numbers elements 0..n-1 in reading order and keeps the display text honest (text, not interactive)', () => {
    assert.deepEqual(elements.map((e) => e.id), elements.map((_, i) => i));
    for (const e of elements) ElementSchema.parse(e);
    for (const label of ['DEG', 'DEC']) {
      const e = elements.find((x) => x.text === label);
      assert.ok(e, `${label} is read`);
      assert.deepEqual([e.kind, e.interactive, e.source], ['text', false, 'ocr']);
    }
    const ids = ['STO', '7', '8', '9', '*'].map((l) => elements.find((e) => e.text === l && contains(e, centre(buttons.find((b) => b.label === l)!)))!.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'the STO row reads left to right');
    const sin = elements.find((e) => e.text === 'sin')!;
    assert.ok(sin.id < ids[0]!, 'the sin row comes before the STO row');
  });
});

describe('perceiving an empty screen', () => {
  it('returns no elements (where OmniParser crashes)', async () => {
    const blank = { width: 1280, height: 800, data: new Uint8Array(1280 * 800 * 4).fill(255) };
    assert.deepEqual((await perceiver.perceive(blank)).elements, []);
  });
});

describe('perceiving xedit, xman and xcalc at 1920x1080', () => {
  it('separates the Quit, Save and Load buttons and reads the text body, timing five cold parses', async (t) => {
    const img = await decodeImage(`${fixtures}xedit-1920x1080.png`);
    const totals: number[] = [];
    let elements: Element[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await perceiver.perceive(img);
      totals.push(r.timings_ms.total!);
      elements = r.elements;
      if (i === 0) t.diagnostic(`timings_ms ${JSON.stringify(r.timings_ms)}`);
    }
    t.diagnostic(`median of 5 perceive() at 1920x1080: ${median(totals)} ms (${totals.join(', ')}); ${elements.length} elements`);
    const bar = elements.filter((e) => e.bbox[1] < 30 && e.bbox[0] < 120).map((e) => e.text);
    assert.deepEqual(bar, ['Quit', 'Save', 'Load']);
    assert.ok(elements.some((e) => e.text.includes('Use Control-S and Control-R to Search')));
    assert.ok(elements.length > 100, `${elements.length} elements`);
  });

  it('times five cold parses of xcalc at 1280x800', async (t) => {
    const img = await decodeImage(`${fixtures}xcalc-1280x800.png`);
    const totals: number[] = [];
    for (let i = 0; i < 5; i++) totals.push((await perceiver.perceive(img)).timings_ms.total!);
    t.diagnostic(`median of 5 perceive() at 1280x800: ${median(totals)} ms (${totals.join(', ')})`);
    assert.ok(median(totals) < 10_000);
  });
});
