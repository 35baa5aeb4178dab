import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeOcrRuntime, white } from '../../../../tests/support/fake-ocr.js';
import { detectStage, toImage } from './detect.js';
import { newFrame } from './frame.js';

const session = () => fakeOcrRuntime(4).load('det.onnx');

describe('stage "detect"', () => {
  it('finds a line of ink and gives its box in image px', async () => {
    const ctx = newFrame(white(100, 60, [[20, 20, 50, 30]]), {});
    await detectStage({ session, detMaxSide: 1920 }).run(ctx);
    assert.equal(ctx.lines.length, 1);
    const r = ctx.lines[0]!;
    assert.ok(r.x <= 20 && r.y <= 20 && r.x + r.w >= 50 && r.y + r.h >= 30, `box ${JSON.stringify(r)} holds the ink`);
    assert.ok(Math.abs(r.x + r.w / 2 - 35) <= 1 && Math.abs(r.y + r.h / 2 - 25) <= 1 && r.w < 60, `box ${JSON.stringify(r)} is centred on the ink`);
    for (const k of ['det_pre', 'det_infer', 'det_post']) assert.ok(ctx.timings[k]! >= 0, `${k} timed`);
  });

  it('maps boxes back to image px when the frame is scaled down for the detector', async () => {
    const ctx = newFrame(white(200, 120, [[40, 40, 100, 60]]), {});
    await detectStage({ session, detMaxSide: 100 }).run(ctx);
    assert.equal(ctx.lines.length, 1);
    const r = ctx.lines[0]!;
    assert.ok(r.x <= 40 && r.y <= 40 && r.x + r.w >= 100 && r.y + r.h >= 60, `box ${JSON.stringify(r)} holds the ink`);
    assert.ok(Math.abs(r.x + r.w / 2 - 70) <= 2 && Math.abs(r.y + r.h / 2 - 50) <= 2, `box ${JSON.stringify(r)} is centred on the ink in image px`);
  });

  it('finds nothing on an empty frame', async () => {
    const ctx = newFrame(white(100, 60), {});
    await detectStage({ session, detMaxSide: 1920 }).run(ctx);
    assert.deepEqual(ctx.lines, []);
  });
});

describe('detector px to image px', () => {
  it('rounds outward and clips to the image', () => {
    assert.deepEqual(toImage([10.5, 4.2, 20.1, 9.9], 0.5, 0.5, 30, 100), { x: 21, y: 8, w: 9, h: 12 });
  });
  it('drops boxes under 2 px on a side', () => {
    assert.equal(toImage([10, 10, 11, 30], 1, 1, 100, 100), undefined);
  });
});
