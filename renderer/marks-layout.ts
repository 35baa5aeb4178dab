/**
 * The marks as the renderer draws them: the very layout the model saw (electron/common/marks.ts, MAGMA's label
 * spots and font rule), reshaped for SVG. Image px of the frame throughout.
 */
import type { Element } from '../electron/common/elements.js';
import { layoutMarks } from '../electron/common/marks.js';

export interface MarkBox {
  id: number;
  box: readonly [number, number, number, number];
  label: { x: number; y: number; width: number; height: number };
  /** SVG font size whose digits are as tall as the bitmap digits the model saw (digits ~0.72 em). */
  fontSize: number;
  interactive: boolean;
}

export function layoutMarkBoxes(elements: readonly Element[], imageWidth: number, imageHeight: number): MarkBox[] {
  const layout = layoutMarks(elements, imageWidth, imageHeight);
  const interactive = new Map(elements.map((e) => [e.id, e.interactive]));
  const fontSize = layout.font.digitH / 0.72;
  return layout.marks.map((m) => ({
    id: m.id,
    box: m.box,
    label: { x: m.label.x, y: m.label.y, width: m.label.w, height: m.label.h },
    fontSize,
    interactive: interactive.get(m.id) ?? false,
  }));
}
