/** The overlay and approval view draw the people's marks: the person's numbers, labels off the controls' text. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToString } from 'react-dom/server';
import type { Element } from '../electron/common/elements.js';
import { checkMarks } from '../electron/common/people-marks.js';
import { contentBox, MarkOverlay } from './components/MarkOverlay.js';
import { layoutMarkBoxes } from './marks-layout.js';

const display = { id: 'd', name: 'd', bounds: { x: 0, y: 0, width: 400, height: 300 }, scaleFactor: 1, primary: true };
/** Two xcalc keys side by side, 2 px apart: model ids 0 and 1, person numbers 67 and 68. */
const keys: Element[] = [
  { id: 0, mark: 67, kind: 'button', bbox: [105, 163, 147, 191], ink: [120, 173, 132, 182], text: '+', interactive: true, confidence: 1, source: 't' },
  { id: 1, mark: 68, kind: 'button', bbox: [149, 163, 191, 191], ink: [164, 173, 176, 182], text: '=', interactive: true, confidence: 1, source: 't' },
];

test("the overlay shows each mark's person number, not the model's index", () => {
  const html = renderToString(<MarkOverlay frameId="f0" frame={{ width: 400, height: 300, display }} src="x.png" elements={keys} />);
  assert.match(html, /data-mark="67"/);
  assert.match(html, /data-mark="68"/);
  assert.doesNotMatch(html, /data-mark="0"|data-mark="1"/);
  assert.match(html, />67<\/text>/);
});

test("the renderer's labels cover neither key's text and touch only their own key", () => {
  const boxes = layoutMarkBoxes(keys, 400, 300);
  const r = checkMarks(boxes.map((b) => ({ box: b.box, label: { x: b.label.x, y: b.label.y, w: b.label.width, h: b.label.height }, digitH: b.fontSize * 0.72 })), keys, 400, 300);
  assert.equal(r.share, 1, JSON.stringify(r.broken));
});

test('the overview is cropped to where the marks are: an app window is shown larger, a full desktop whole', () => {
  // xcalc 300x400 at (100, 100) on a 1280x800 screen: the window and a margin, widened to the screen's aspect ratio (0.6 of its width).
  assert.deepEqual(contentBox([[100, 100, 400, 500]], 1280, 800), [0, 62, 762, 476]);
  assert.deepEqual(contentBox([[0, 0, 50, 50], [1200, 700, 1280, 800]], 1280, 800), [0, 0, 1280, 800]);
  assert.deepEqual(contentBox([], 1280, 800), [0, 0, 1280, 800]);
});
