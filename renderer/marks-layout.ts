/**
 * Where each mark's box and number go, in image px of the frame. The engine draws the model's Set-of-Mark image
 * with perception's layoutMarks; the renderer may import only electron/common, so until that layout moves there
 * this pure copy of its rule is used: number label at the box's top-left corner, above the box when it fits,
 * inside it otherwise.
 */
import type { Element } from '../electron/common/elements.js';

export interface MarkBox {
  id: number;
  box: readonly [number, number, number, number];
  label: { x: number; y: number; width: number; height: number };
  fontSize: number;
  interactive: boolean;
}

export function layoutMarkBoxes(elements: readonly Element[], imageWidth: number, imageHeight: number): MarkBox[] {
  const fontSize = Math.max(12, Math.min(28, Math.round(Math.min(imageWidth, imageHeight) / 60)));
  const height = Math.round(fontSize * 1.3);
  return elements.map((e) => {
    const [x1, y1, x2, y2] = e.bbox;
    const width = Math.round(String(e.id).length * fontSize * 0.62 + fontSize * 0.5);
    const x = Math.max(0, Math.min(x1, imageWidth - width));
    const y = y1 - height >= 0 ? y1 - height : Math.max(0, Math.min(y1, imageHeight - height));
    return { id: e.id, box: [x1, y1, x2, y2] as const, label: { x, y, width, height }, fontSize, interactive: e.interactive };
  });
}
