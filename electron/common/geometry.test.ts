import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageBoxToScreen, imagePoint, iou, toImage, toScreen, type DisplayInfo, type FrameGeometry } from './geometry.js';

const display = (x: number, y: number, w: number, h: number, scaleFactor = 1): DisplayInfo => ({
  id: 'd', name: 'd', bounds: { x, y, width: w, height: h }, scaleFactor, primary: true,
});
const geom = (d: DisplayInfo): FrameGeometry => ({ display: d, imageWidth: d.bounds.width * d.scaleFactor, imageHeight: d.bounds.height * d.scaleFactor });

test('an image pixel maps to the same screen pixel on a scale-1 display at the origin', () => {
  const g = geom(display(0, 0, 1280, 800));
  assert.deepEqual(toScreen(imagePoint(170, 386), g), { space: 'screen', x: 170, y: 386 });
});

for (const scale of [1, 1.25, 1.5, 2]) {
  test(`a mark centre lands within 2 logical px at scale factor ${scale} on a monitor with a negative origin`, () => {
    const d = display(-1920, -200, 1920, 1080, scale);
    const g = geom(d);
    // The element sits at logical (-1000, 300): its image pixel is (920*scale, 500*scale).
    const p = toScreen(imagePoint(920 * scale, 500 * scale), g);
    assert.ok(Math.abs(p.x - -1000) <= 2 && Math.abs(p.y - 300) <= 2, JSON.stringify(p));
    const back = toImage(p, g);
    assert.ok(Math.abs(back.x - 920 * scale) < 1e-9 && Math.abs(back.y - 500 * scale) < 1e-9);
  });
}

test('normalized and 0-1000 points scale by the frame size, not the display size', () => {
  const g: FrameGeometry = { display: display(100, 0, 1000, 500), imageWidth: 2000, imageHeight: 1000 };
  assert.deepEqual(toImage({ space: 'normalized', x: 0.5, y: 0.25 }, g), imagePoint(1000, 250));
  assert.deepEqual(toImage({ space: 'box1000', x: 500, y: 250 }, g), imagePoint(1000, 250));
  assert.deepEqual(toScreen({ space: 'normalized', x: 0.5, y: 0.25 }, g), { space: 'screen', x: 600, y: 125 });
});

test('a box in image pixels maps to the overlay rectangle in screen pixels', () => {
  const g = geom(display(1920, 0, 1280, 800, 2));
  assert.deepEqual(imageBoxToScreen([200, 100, 400, 300], g), [2020, 50, 2120, 150]);
});

test('IoU of identical boxes is 1 and of disjoint boxes is 0', () => {
  assert.equal(iou([0, 0, 10, 10], [0, 0, 10, 10]), 1);
  assert.equal(iou([0, 0, 10, 10], [20, 20, 30, 30]), 0);
  assert.ok(Math.abs(iou([0, 0, 10, 10], [5, 0, 15, 10]) - 1 / 3) < 1e-12);
});
