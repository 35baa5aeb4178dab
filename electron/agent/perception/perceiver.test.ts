import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeOcrRuntime as fakeRuntime, white } from '../../../tests/support/fake-ocr.js';
import type { TensorRuntime } from '../ports.js';
import { createPerceiver } from './perceiver.js';

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

  it('times the load, every stage in run order, the steps inside them, and the whole frame', async () => {
    const p = createPerceiver({ ...opts(fakeRuntime(4)), recCacheSize: 0 });
    const { timings_ms: t } = await p.perceive(white(100, 60, [[20, 20, 50, 30]]));
    const stages = ['detect', 'widgets', 'recognise', 'merge', 'number'];
    assert.deepEqual(Object.keys(t).filter((k) => stages.includes(k)), stages);
    for (const k of ['load', 'det_pre', 'det_infer', 'det_post', 'rec_pre', 'rec_infer', 'rec_post', 'total']) assert.ok(t[k]! >= 0, `${k} timed`);
    const stageSum = stages.reduce((a, k) => a + t[k]!, 0);
    assert.ok(stageSum <= t.total! + 1, `stages (${stageSum} ms) fit in the total (${t.total} ms)`);
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
