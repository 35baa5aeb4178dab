/**
 * Bilinear resampling on RgbaImage, written here because the engine may not import an image library and because
 * the models need the pixels straight in a normalized CHW float tensor (one pass, no intermediate bitmap).
 *
 * Sampling convention: pixel centres (half-pixel, align_corners=false), edge pixels clamped, no antialias. This is
 * OpenCV's INTER_LINEAR, which is what PaddleOCR trained and infers with.
 */
import type { RgbaImage } from '../ports.js';

/** A rectangle in image px of the source image: integer origin and size, inside the image. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Per output coordinate: the two source indices (absolute, image px) and the weight of the second one. */
interface Axis {
  readonly i0: Int32Array;
  readonly i1: Int32Array;
  readonly f: Float32Array;
}

function axis(srcStart: number, srcLen: number, dstLen: number): Axis {
  const i0 = new Int32Array(dstLen);
  const i1 = new Int32Array(dstLen);
  const f = new Float32Array(dstLen);
  const scale = srcLen / dstLen;
  for (let d = 0; d < dstLen; d++) {
    let s = (d + 0.5) * scale - 0.5;
    if (s < 0) s = 0;
    let a = Math.floor(s);
    if (a > srcLen - 1) a = srcLen - 1;
    const b = a + 1 < srcLen ? a + 1 : a;
    i0[d] = srcStart + a;
    i1[d] = srcStart + b;
    f[d] = Math.min(1, s - a);
  }
  return { i0, i1, f };
}

function checkRect(img: RgbaImage, r: Rect): void {
  if (r.w <= 0 || r.h <= 0 || r.x < 0 || r.y < 0 || r.x + r.w > img.width || r.y + r.h > img.height) {
    throw new RangeError(`rect ${JSON.stringify(r)} is not inside the ${img.width}x${img.height} image`);
  }
}

/** Resizes `src` (default: the whole image) to dstW x dstH image px with bilinear sampling. Returns a new image. */
export function resizeBilinear(img: RgbaImage, dstW: number, dstH: number, src: Rect = { x: 0, y: 0, w: img.width, h: img.height }): RgbaImage {
  checkRect(img, src);
  if (dstW < 1 || dstH < 1) throw new RangeError(`cannot resize to ${dstW}x${dstH}`);
  const ax = axis(src.x, src.w, dstW);
  const ay = axis(src.y, src.h, dstH);
  const out = new Uint8Array(dstW * dstH * 4);
  const d = img.data;
  const stride = img.width * 4;
  for (let y = 0; y < dstH; y++) {
    const r0 = ay.i0[y]! * stride;
    const r1 = ay.i1[y]! * stride;
    const fy = ay.f[y]!;
    for (let x = 0; x < dstW; x++) {
      const c0 = ax.i0[x]! * 4;
      const c1 = ax.i1[x]! * 4;
      const fx = ax.f[x]!;
      const o = (y * dstW + x) * 4;
      for (let c = 0; c < 4; c++) {
        const top = d[r0 + c0 + c]! + (d[r0 + c1 + c]! - d[r0 + c0 + c]!) * fx;
        const bot = d[r1 + c0 + c]! + (d[r1 + c1 + c]! - d[r1 + c0 + c]!) * fx;
        out[o + c] = Math.round(top + (bot - top) * fy);
      }
    }
  }
  return { width: dstW, height: dstH, data: out };
}

/** Per-channel affine normalization v -> v * scale[c] + bias[c], v in 0..255; channel order of the tensor. */
export interface Normalization {
  /** For each tensor channel, which RGBA byte feeds it: PaddleOCR models take BGR, i.e. [2, 1, 0]. */
  readonly channels: readonly [number, number, number];
  readonly scale: readonly [number, number, number];
  readonly bias: readonly [number, number, number];
}

/** ImageNet mean/std on BGR, as PaddleOCR's det NormalizeImage applies them to cv2's BGR image. */
export const PADDLE_DET_NORM: Normalization = normalization([2, 1, 0], [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);
/** (x/255 - 0.5) / 0.5 on BGR: PaddleOCR's rec resize_norm_img. */
export const PADDLE_REC_NORM: Normalization = normalization([2, 1, 0], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]);

export function normalization(channels: [number, number, number], mean: [number, number, number], std: [number, number, number]): Normalization {
  return {
    channels,
    scale: [1 / (255 * std[0]), 1 / (255 * std[1]), 1 / (255 * std[2])],
    bias: [-mean[0] / std[0], -mean[1] / std[1], -mean[2] / std[2]],
  };
}

/**
 * Resamples `src` (image px) to dstW x dstH and writes it, normalized, into one CHW item of a batch tensor:
 * out[offset + c*planeH*planeW + y*planeW + x] for x < dstW, y < dstH. The rest of the plane (padding) is left as
 * it is: callers fill it beforehand (0 = the normalized mean, what PaddleOCR pads with). Bilinear interpolation
 * commutes with the affine normalization, so the raw bytes are interpolated first.
 */
export function resizeToChw(
  img: RgbaImage,
  src: Rect,
  dstW: number,
  dstH: number,
  norm: Normalization,
  out: Float32Array,
  offset: number,
  planeW: number,
  planeH: number,
): void {
  checkRect(img, src);
  if (dstW > planeW || dstH > planeH) throw new RangeError(`${dstW}x${dstH} does not fit the ${planeW}x${planeH} plane`);
  const d = img.data;
  const stride = img.width * 4;
  const plane = planeW * planeH;
  const [ch0, ch1, ch2] = norm.channels;
  const [s0, s1, s2] = norm.scale;
  const [b0, b1, b2] = norm.bias;
  if (dstW === src.w && dstH === src.h) {
    // Same size: a straight copy (the det path at scale 1, the common case for screens up to the det limit).
    for (let y = 0; y < dstH; y++) {
      let p = (src.y + y) * stride + src.x * 4;
      let o = offset + y * planeW;
      for (let x = 0; x < dstW; x++, p += 4, o++) {
        out[o] = d[p + ch0]! * s0 + b0;
        out[o + plane] = d[p + ch1]! * s1 + b1;
        out[o + 2 * plane] = d[p + ch2]! * s2 + b2;
      }
    }
    return;
  }
  const ax = axis(src.x, src.w, dstW);
  const ay = axis(src.y, src.h, dstH);
  for (let y = 0; y < dstH; y++) {
    const r0 = ay.i0[y]! * stride;
    const r1 = ay.i1[y]! * stride;
    const fy = ay.f[y]!;
    const gy = 1 - fy;
    let o = offset + y * planeW;
    for (let x = 0; x < dstW; x++, o++) {
      const c0 = ax.i0[x]! * 4;
      const c1 = ax.i1[x]! * 4;
      const fx = ax.f[x]!;
      const w00 = (1 - fx) * gy;
      const w01 = fx * gy;
      const w10 = (1 - fx) * fy;
      const w11 = fx * fy;
      const p00 = r0 + c0;
      const p01 = r0 + c1;
      const p10 = r1 + c0;
      const p11 = r1 + c1;
      out[o] = (d[p00 + ch0]! * w00 + d[p01 + ch0]! * w01 + d[p10 + ch0]! * w10 + d[p11 + ch0]! * w11) * s0 + b0;
      out[o + plane] = (d[p00 + ch1]! * w00 + d[p01 + ch1]! * w01 + d[p10 + ch1]! * w10 + d[p11 + ch1]! * w11) * s1 + b1;
      out[o + 2 * plane] = (d[p00 + ch2]! * w00 + d[p01 + ch2]! * w01 + d[p10 + ch2]! * w10 + d[p11 + ch2]! * w11) * s2 + b2;
    }
  }
}
