import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeOcrRuntime, white, type FakeOcr } from '../../../../tests/support/fake-ocr.js';
import { ctcAlphabet } from '../ctc.js';
import { newFrame } from './frame.js';
import { recogniseStage, type RecogniseOptions } from './recognise.js';

function stage(rt: FakeOcr, o: Partial<RecogniseOptions> = {}) {
  return recogniseStage({ session: () => rt.load('rec.onnx'), alphabet: ctcAlphabet('A\nB'), minScore: 0.5, cacheSize: 0, ...o });
}
const frame = (dark: [number, number, number, number][], lines: { x: number; y: number; w: number; h: number }[]) => {
  const ctx = newFrame(white(400, 80, dark), {});
  ctx.lines = lines;
  return ctx;
};

describe('stage "recognise"', () => {
  it('reads a line into a segment in image px, with its score, and times its steps', async () => {
    const ctx = frame([[20, 20, 50, 30]], [{ x: 16, y: 16, w: 38, h: 18 }]);
    await stage(fakeOcrRuntime(4)).run(ctx);
    assert.deepEqual(ctx.segments.map((s) => s.text), ['A']);
    const [x0, y0, x1, y1] = ctx.segments[0]!.box;
    assert.ok(x0 >= 16 && y0 >= 16 && x1 <= 54 && y1 <= 34, `box ${ctx.segments[0]!.box} inside the line`);
    assert.ok(Math.abs(ctx.segments[0]!.confidence - 0.95) < 1e-6);
    assert.equal(ctx.recCached, 0);
    for (const k of ['rec_crops', 'rec_pre', 'rec_infer', 'rec_post']) assert.ok(ctx.timings[k]! >= 0, `${k} timed`);
  });

  it('drops segments scoring under minScore', async () => {
    const ctx = frame([[20, 20, 50, 30]], [{ x: 16, y: 16, w: 38, h: 18 }]);
    await stage(fakeOcrRuntime(4), { minScore: 0.97 }).run(ctx);
    assert.deepEqual(ctx.segments, []);
  });

  it('answers a line seen before from its cache without running the recognizer', async () => {
    const rt = fakeOcrRuntime(4);
    const s = stage(rt, { cacheSize: 16 });
    const a = frame([[20, 20, 50, 30]], [{ x: 16, y: 16, w: 38, h: 18 }]);
    await s.run(a);
    const b = frame([[20, 20, 50, 30]], [{ x: 16, y: 16, w: 38, h: 18 }]);
    await s.run(b);
    assert.equal(rt.recRuns, 1);
    assert.equal(b.recCached, 1);
    assert.deepEqual(b.segments, a.segments);
  });

  it('reads long lines at recLongHeight and short ones at 48, in separate batches', async () => {
    const rt = fakeOcrRuntime(4);
    const ctx = frame([[20, 20, 320, 30], [20, 50, 40, 60]], [{ x: 18, y: 18, w: 304, h: 14 }, { x: 18, y: 48, w: 24, h: 14 }]);
    await stage(rt, { recLongHeight: 40 }).run(ctx);
    assert.deepEqual([...rt.recHeights].sort(), [40, 48]);
    assert.equal(ctx.segments.length, 2);
  });

  it('reads lines with identical pixels once per frame and places the text at each of them', async () => {
    const rt = fakeOcrRuntime(4);
    // Rows fed to the recognizer, summed over its batches.
    let rows = 0;
    const counting: FakeOcr = Object.assign(Object.create(rt) as FakeOcr, {
      async load(p: string) {
        const s = await rt.load(p);
        return { ...s, run: async (f: Parameters<typeof s.run>[0]) => ((rows += f.x!.dims[0]!), s.run(f)) };
      },
    });
    // Two long lines with the same ink (each a row of its own) and a third that differs.
    const ctx = frame([[20, 10, 320, 20], [20, 40, 320, 50], [20, 62, 300, 72]], [{ x: 18, y: 8, w: 304, h: 14 }, { x: 18, y: 38, w: 304, h: 14 }, { x: 18, y: 60, w: 304, h: 14 }]);
    await stage(counting).run(ctx);
    assert.equal(rows, 2, 'the repeated line is not read again');
    assert.equal(ctx.recCached, 0, 'a repeat is not a cache answer');
    const ys = ctx.segments.map((s) => s.box[1]).sort((a, b) => a - b);
    assert.equal(ys.length, 3);
    assert.ok(ys[0]! >= 8 && ys[0]! < 22 && ys[1]! >= 38 && ys[1]! < 52 && ys[2]! >= 60, `each line keeps its own place: ${ys}`);
  });

  it('says so when the dictionary does not match the recognizer', async () => {
    const ctx = frame([[20, 20, 50, 30]], [{ x: 16, y: 16, w: 38, h: 18 }]);
    await assert.rejects(Promise.resolve(stage(fakeOcrRuntime(9)).run(ctx)), /9 classes but the dictionary gives 4/);
  });
});
