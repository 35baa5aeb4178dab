import { z } from 'zod';

/**
 * Coordinate spaces. Every point carries the name of its space, so a function that takes a point can check it
 * at run time as well as in the type (a tag survives JSON and zod, a compile-time brand does not):
 *  - image:      pixels of the frame bitmap the model saw (origin top-left of that bitmap).
 *  - screen:     logical desktop pixels (what the input driver moves to); origin may be negative on multi-monitor.
 *  - normalized: 0..1 of the frame's width/height (Magma's `Coordinate: (x, y)`).
 *  - box1000:    0..1000 of the frame's width/height (`<box>` replies, UI-TARS-1.0).
 */
export const SPACES = ['image', 'screen', 'normalized', 'box1000'] as const;
export type Space = (typeof SPACES)[number];

export interface PointIn<S extends Space> {
  readonly space: S;
  readonly x: number;
  readonly y: number;
}
export type ImagePoint = PointIn<'image'>;
export type ScreenPoint = PointIn<'screen'>;
export type AnyPoint = PointIn<Space>;

const finite = z.number().finite();
export const PointSchema = z.object({ space: z.enum(SPACES), x: finite, y: finite }).strict();

/** Axis-aligned box [x1, y1, x2, y2], x2 > x1, in image pixels of one frame. */
export type ImageBox = readonly [number, number, number, number];

/** A display, in logical screen pixels. scaleFactor = physical pixels per logical pixel (1, 1.25, 1.5, 2...). */
export interface DisplayInfo {
  readonly id: string;
  readonly name: string;
  readonly bounds: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  readonly scaleFactor: number;
  readonly primary: boolean;
}

export const DisplayInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  bounds: z.object({ x: finite, y: finite, width: finite.positive(), height: finite.positive() }).strict(),
  scaleFactor: finite.positive(),
  primary: z.boolean(),
});

/**
 * What maps a frame's bitmap onto the desktop: the display it shows and the bitmap's size in image pixels.
 * The bitmap may be physical pixels (width = bounds.width * scaleFactor) or a resized copy: the conversion
 * below uses the ratio of the two sizes and never assumes scaleFactor = 1.
 */
export interface FrameGeometry {
  readonly display: DisplayInfo;
  readonly imageWidth: number;
  readonly imageHeight: number;
}

export function imagePoint(x: number, y: number): ImagePoint {
  return { space: 'image', x, y };
}
export function screenPoint(x: number, y: number): ScreenPoint {
  return { space: 'screen', x, y };
}

/** The one conversion from any space to image pixels of the frame. */
export function toImage(p: AnyPoint, g: FrameGeometry): ImagePoint {
  switch (p.space) {
    case 'image':
      return imagePoint(p.x, p.y);
    case 'normalized':
      return imagePoint(p.x * g.imageWidth, p.y * g.imageHeight);
    case 'box1000':
      return imagePoint((p.x / 1000) * g.imageWidth, (p.y / 1000) * g.imageHeight);
    case 'screen': {
      const b = g.display.bounds;
      return imagePoint(((p.x - b.x) * g.imageWidth) / b.width, ((p.y - b.y) * g.imageHeight) / b.height);
    }
  }
}

/** The one conversion from any space to logical screen pixels (where the input driver moves). */
export function toScreen(p: AnyPoint, g: FrameGeometry): ScreenPoint {
  if (p.space === 'screen') return screenPoint(p.x, p.y);
  const ip = toImage(p, g);
  const b = g.display.bounds;
  return screenPoint(b.x + (ip.x * b.width) / g.imageWidth, b.y + (ip.y * b.height) / g.imageHeight);
}

/** Screen rectangle (logical px) of an image-pixel box. Used by the overlay to draw marks where the model saw them. */
export function imageBoxToScreen(box: ImageBox, g: FrameGeometry): ImageBox {
  const a = toScreen(imagePoint(box[0], box[1]), g);
  const c = toScreen(imagePoint(box[2], box[3]), g);
  return [a.x, a.y, c.x, c.y];
}

export function boxCenter(box: ImageBox): ImagePoint {
  return imagePoint((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
}

export function insideImage(p: ImagePoint, g: FrameGeometry): boolean {
  return p.x >= 0 && p.y >= 0 && p.x < g.imageWidth && p.y < g.imageHeight;
}

export function insideDisplay(p: ScreenPoint, d: DisplayInfo): boolean {
  const b = d.bounds;
  return p.x >= b.x && p.y >= b.y && p.x < b.x + b.width && p.y < b.y + b.height;
}

export function boxArea(b: ImageBox): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}

export function intersectionArea(a: ImageBox, b: ImageBox): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

export function iou(a: ImageBox, b: ImageBox): number {
  const i = intersectionArea(a, b);
  const u = boxArea(a) + boxArea(b) - i;
  return u > 0 ? i / u : 0;
}
