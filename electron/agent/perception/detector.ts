/**
 * A user-supplied YOLO-format icon detector (OmniParser's icon_detect exported to ONNX, or any single- or
 * multi-class YOLOv8/11 export): letterbox to 1280 on the long side (padded to a multiple of 32, the pad split
 * evenly, grey 114, RGB / 255), decode [1, 4 + classes, N] (or [1, N, 4 + classes]) cx,cy,w,h + class scores,
 * keep score >= 0.05, class-agnostic NMS at IoU 0.1, at most 300 boxes: OmniParser's settings.
 */
import type { ImageBox } from '../../common/geometry.js';
import type { RgbaImage, TensorLike } from '../ports.js';

export interface DetectorSettings {
  readonly longSide?: number;
  readonly conf?: number;
  readonly iou?: number;
  readonly maxDet?: number;
}

export interface Letterbox {
  readonly tensor: TensorLike;
  readonly scale: number;
  readonly padX: number;
  readonly padY: number;
}

/** Letterboxes `img` into a 1x3xHxW float tensor. `square` pads to longSide x longSide (fixed-shape exports). */
export function letterbox(img: RgbaImage, longSide = 1280, square = false): Letterbox {
  const scale = longSide / Math.max(img.width, img.height);
  const nw = Math.max(1, Math.round(img.width * scale));
  const nh = Math.max(1, Math.round(img.height * scale));
  const W = square ? longSide : Math.ceil(nw / 32) * 32;
  const H = square ? longSide : Math.ceil(nh / 32) * 32;
  const padX = Math.floor((W - nw) / 2);
  const padY = Math.floor((H - nh) / 2);
  const plane = W * H;
  const data = new Float32Array(3 * plane).fill(114 / 255);
  const d = img.data;
  const sx = img.width / nw;
  const sy = img.height / nh;
  for (let y = 0; y < nh; y++) {
    // Bilinear, pixel centres.
    const fy = Math.max(0, (y + 0.5) * sy - 0.5);
    const y0 = Math.min(img.height - 1, Math.floor(fy));
    const y1 = Math.min(img.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < nw; x++) {
      const fx = Math.max(0, (x + 0.5) * sx - 0.5);
      const x0 = Math.min(img.width - 1, Math.floor(fx));
      const x1 = Math.min(img.width - 1, x0 + 1);
      const wx = fx - x0;
      const o = (y + padY) * W + x + padX;
      for (let c = 0; c < 3; c++) {
        const a = d[(y0 * img.width + x0) * 4 + c]!;
        const b = d[(y0 * img.width + x1) * 4 + c]!;
        const e = d[(y1 * img.width + x0) * 4 + c]!;
        const f = d[(y1 * img.width + x1) * 4 + c]!;
        data[c * plane + o] = ((a * (1 - wx) + b * wx) * (1 - wy) + (e * (1 - wx) + f * wx) * wy) / 255;
      }
    }
  }
  return { tensor: { type: 'float32', dims: [1, 3, H, W], data }, scale, padX, padY };
}

export interface Detection {
  readonly box: ImageBox;
  readonly confidence: number;
}

/** Decodes a YOLOv8/11 output into image px boxes, then NMS. */
export function decodeYolo(out: TensorLike, lb: Letterbox, imgW: number, imgH: number, s: DetectorSettings = {}): Detection[] {
  const conf = s.conf ?? 0.05;
  const dims = out.dims;
  if (dims.length !== 3 || dims[0] !== 1) throw new Error(`detector output has shape [${dims.join(', ')}], expected [1, 4 + classes, boxes]`);
  // Ultralytics exports are [1, 4 + classes, boxes]; a transposed [1, boxes, 4 + classes] has more rows than the
  // 84 channels of an 80-class model.
  const channelsFirst = dims[1]! <= dims[2]! || dims[1]! <= 84;
  const C = channelsFirst ? dims[1]! : dims[2]!;
  const N = channelsFirst ? dims[2]! : dims[1]!;
  if (C < 5) throw new Error(`detector output has ${C} channels per box, expected 4 box values + at least one class`);
  const v = out.data as Float32Array;
  const at = (i: number, c: number) => (channelsFirst ? v[c * N + i]! : v[i * C + c]!);
  const cands: Detection[] = [];
  for (let i = 0; i < N; i++) {
    let best = 0;
    for (let c = 4; c < C; c++) best = Math.max(best, at(i, c));
    if (best < conf) continue;
    const cx = at(i, 0);
    const cy = at(i, 1);
    const w = at(i, 2);
    const h = at(i, 3);
    const x0 = Math.max(0, (cx - w / 2 - lb.padX) / lb.scale);
    const y0 = Math.max(0, (cy - h / 2 - lb.padY) / lb.scale);
    const x1 = Math.min(imgW, (cx + w / 2 - lb.padX) / lb.scale);
    const y1 = Math.min(imgH, (cy + h / 2 - lb.padY) / lb.scale);
    if (x1 - x0 < 1 || y1 - y0 < 1) continue;
    cands.push({ box: [x0, y0, x1, y1], confidence: best });
  }
  return nms(cands, s.iou ?? 0.1, s.maxDet ?? 300);
}

export function nms(dets: readonly Detection[], iouThresh: number, maxDet: number): Detection[] {
  const sorted = [...dets].sort((a, b) => b.confidence - a.confidence);
  const keep: Detection[] = [];
  for (const d of sorted) {
    if (keep.length >= maxDet) break;
    if (keep.every((k) => iouOf(k.box, d.box) <= iouThresh)) keep.push(d);
  }
  return keep;
}

function iouOf(a: ImageBox, b: ImageBox): number {
  const i = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const u = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - i;
  return u > 0 ? i / u : 0;
}
