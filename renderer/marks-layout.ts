/**
 * The marks as the renderer draws them for people (the overlay and the approval view): the people's layout
 * (electron/common/people-marks.ts) with the person's numbers, labels off every control's text and attached to
 * their own box, digits >= 9 px at the size the overlay is shown. Not the model's drawing: the model is shown
 * MAGMA's labels and its own 0..n-1 numbers (marks.ts), which often cover the very keys they number.
 * Image px of the frame throughout.
 */
import type { Element } from '../electron/common/elements.js';
import { layoutPeopleMarks } from '../electron/common/people-marks.js';

export interface MarkBox {
  /** The person's number: what the label shows and what `click #n` takes. */
  id: number;
  box: readonly [number, number, number, number];
  label: { x: number; y: number; width: number; height: number };
  /** SVG font size whose digits are digitH tall (monospace digits ~0.72 em). */
  fontSize: number;
  /** Baseline of the digits, centred in the label. */
  baseline: number;
  interactive: boolean;
}

/** `scale`: display px per image px where the marks are shown (the overlay's width / the frame's width). */
export function layoutMarkBoxes(elements: readonly Element[], imageWidth: number, imageHeight: number, scale = 1): MarkBox[] {
  return layoutPeopleMarks(elements, imageWidth, imageHeight, scale).marks.map((m) => ({
    id: m.number,
    box: m.box,
    label: { x: m.label.x, y: m.label.y, width: m.label.w, height: m.label.h },
    fontSize: m.digitH / 0.72,
    baseline: m.label.y + (m.label.h + m.digitH) / 2,
    interactive: m.interactive,
  }));
}
