import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImageBox } from '../../common/geometry.js';
import type { RgbaImage, TensorLike, TensorRuntime, TensorSession } from '../ports.js';
import { createPerceiver, packRows, readingOrder } from './perceiver.js';

describe('reading order', () => {
  const it_ = (box: ImageBox, name: string) => ({ box, name });
  it('reads rows top to bottom and each row left to right', () => {
    const items = [it_([200, 52, 240, 66], 'b'), it_([10, 100, 40, 114], 'c'), it_([10, 50, 60, 64], 'a'), it_([300, 104, 330, 112], 'd')];
    assert.deepEqual(readingOrder(items).map((i) => i.name), ['a', 'b', 'c', 'd']);
  });
  it('keeps a slightly lower box in the same row but starts a new row for the next line', () => {
    const items = [it_([100, 13, 130, 27], 'right, 3 px lower'), it_([10, 10, 60, 24], 'left'), it_([10, 26, 60, 40], 'next line')];
    assert.deepEqual(readingOrder(items).map((i) => i.name), ['left', 'right, 3 px lower', 'next line']);
  });
});

describe('packing crops into recognizer rows', () => {
  it('puts every crop in exactly one row, none overlapping, none beyond the row width', () => {
    const widths = [40, 300, 24, 500, 64, 64, 100, 16, 200];
    const rows = packRows(widths, 320, 32);
    assert.deepEqual(rows.flatMap((r) => r.slots.map((s) => s.index)).sort((a, b) => a - b), widths.map((_, i) => i));
    for (const r of rows) {
      const spans = r.slots.map((s) => [s.offset, s.offset + widths[s.index]!] as const).sort((a, b) => a[0] - b[0]);
      spans.forEach((s, k) => k > 0 && assert.ok(s[0] >= spans[k - 1]![1] + 32, 'gap kept'));
      if (r.slots.length > 1) assert.ok(r.width <= 320);
    }
    assert.ok(rows.length < widths.length, 'short crops share rows');
  });
  it('gives a crop wider than the row a row of its own', () => {
    const rows = packRows([500, 20], 320, 32);
    assert.deepEqual(rows.map((r) => r.slots.map((s) => s.index)), [[0], [1]]);
  });
});

/** A runtime whose detector marks dark pixels as text and whose recognizer reads "A" in the first step. */
function fakeRuntime(classes: number): TensorRuntime & { loads: number; recRuns: number; recHeights: number[] } {
  const rt = {
    loads: 0,
    recRuns: 0,
    recHeights: [] as number[],
    async load(path: string): Promise<TensorSession> {
      rt.loads++;
      const det = path.includes('det');
      return {
        inputNames: ['x'],
        outputNames: ['y'],
        provider: 'fake',
        async run(feeds: Record<string, TensorLike>) {
          const x = feeds.x!;
          const [n, , h, w] = x.dims as [number, number, number, number];
          const data = x.data as Float32Array;
          if (det) {
            // Dark pixel (normalized blue < -1.5) -> text probability 0.9.
            const p = new Float32Array(h * w);
            for (let i = 0; i < h * w; i++) p[i] = data[i]! < -1.5 ? 0.9 : 0;
            return { y: { type: 'float32', dims: [1, 1, h, w], data: p } };
          }
          rt.recRuns++;
          rt.recHeights.push(h);
          const steps = w / 8;
          const out = new Float32Array(n * steps * classes);
          for (let b = 0; b < n; b++) for (let t = 0; t < steps; t++) out[(b * steps + t) * classes + (t === 0 ? 1 : 0)] = 0.95;
          return { y: { type: 'float32', dims: [n, steps, classes], data: out } };
        },
        async release() {},
      };
    },
  };
  return rt;
}

function white(w: number, h: number, dark: [number, number, number, number][] = []): RgbaImage {
  const data = new Uint8Array(w * h * 4).fill(255);
  for (const [x0, y0, x1, y1] of dark) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data.set([0, 0, 0, 255], (y * w + x) * 4);
  return { width: w, height: h, data };
}

describe('perceiver', () => {
  const dictionary = 'A\nB';
  const opts = (runtime: TensorRuntime) => ({ runtime, detModelPath: 'det.onnx', recModelPath: 'rec.onnx', dictionary });

  it('returns no elements for an empty screen and never runs the recognizer', async () => {
    const rt = fakeRuntime(4);
    const p = createPerceiver(opts(rt));
    const r = await p.perceive(white(100, 60));
    assert.deepEqual(r.elements, []);
    assert.equal(rt.recRuns, 0);
    assert.ok(r.timings_ms.total! >= 0);
  });

  it('loads its two sessions once and reuses them', async () => {
    const rt = fakeRuntime(4);
    const p = createPerceiver(opts(rt));
    await p.perceive(white(100, 60, [[20, 20, 50, 30]]));
    await p.perceive(white(100, 60, [[20, 20, 50, 30]]));
    assert.equal(rt.loads, 2);
    await p.release();
  });

  it('turns a detected, recognized line into a text element in image px', async () => {
    // Widgets off: the fake's "text" is a solid block, which widget detection would take for a filled button.
    const p = createPerceiver({ ...opts(fakeRuntime(4)), recCacheSize: 0, widgets: false });
    const { elements } = await p.perceive(white(100, 60, [[20, 20, 50, 30]]));
    assert.equal(elements.length, 1);
    const e = elements[0]!;
    assert.deepEqual([e.id, e.kind, e.text, e.interactive, e.source], [0, 'text', 'A', false, 'ocr']);
    assert.ok(e.bbox[0] <= 20 && e.bbox[1] <= 20 && e.bbox[2] >= 50 && e.bbox[3] >= 30, `box ${e.bbox} holds the ink`);
    assert.ok(Math.abs(e.confidence - 0.95) < 1e-6);
  });

  it('takes a solid block with a label for a filled button when widget detection is on', async () => {
    const p = createPerceiver({ ...opts(fakeRuntime(4)), recCacheSize: 0 });
    const { elements } = await p.perceive(white(100, 60, [[20, 20, 50, 30]]));
    assert.deepEqual(elements.map((e) => [e.kind, e.text, e.interactive]), [['button', 'A', true]]);
  });

  it('answers a repeated frame from the recognition cache', async () => {
    const rt = fakeRuntime(4);
    const p = createPerceiver(opts(rt));
    const img = white(100, 60, [[20, 20, 50, 30]]);
    const a = await p.perceive(img);
    const b = await p.perceive(img);
    assert.equal(rt.recRuns, 1);
    assert.deepEqual(b.elements, a.elements);
    assert.deepEqual(b.counts, { lines: 1, recCached: 1 });
  });

  it('reads long lines at recLongHeight and short ones at 48, in separate batches', async () => {
    const rt = fakeRuntime(4);
    const p = createPerceiver({ ...opts(rt), recCacheSize: 0, widgets: false, recLongHeight: 40 });
    // A 300 px wide line (~1000 rec px at 48) and a 20 px one (packed into a 320 px row).
    const { elements } = await p.perceive(white(400, 80, [[20, 20, 320, 30], [20, 50, 40, 60]]));
    assert.deepEqual([...rt.recHeights].sort(), [40, 48]);
    assert.equal(elements.length, 2);
  });

  it('says so when the dictionary does not match the recognizer', async () => {
    const p = createPerceiver(opts(fakeRuntime(9)));
    await assert.rejects(p.perceive(white(100, 60, [[20, 20, 50, 30]])), /9 classes but the dictionary gives 4/);
  });

  it('stops when the signal is aborted', async () => {
    const p = createPerceiver(opts(fakeRuntime(4)));
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(p.perceive(white(100, 60), ac.signal), { name: 'AbortError' });
  });
});
