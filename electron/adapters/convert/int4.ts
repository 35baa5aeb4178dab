/**
 * MatMulNBits weights: 4 bits, blocks of 32 along K, symmetric, zero point 8 (implied), exactly as
 * models/magma/onnx_writer.py's quantize_int4 computes them in float32 torch:
 *   scale = amax(|block|) / 7 (float32; a zero block gets scale 1), q = clamp(round_half_even(w / scale) + 8, 0, 15),
 *   two values per byte, the even index in the low nibble. Same weights -> the same bytes as the Python exporter.
 * The scales are returned as float32; the graph stores them in its float type (fp16 for int4 bundles).
 */
import { roundHalfEven } from './dtype.js';

export const INT4_BLOCK = 32;

/** w: [N, K] row-major fp32 values (rows [row0, row0 + n) of a larger matrix are fine). */
export function quantizeInt4(w: Float32Array, N: number, K: number): { packed: Uint8Array; scales: Float32Array } {
  if (K % INT4_BLOCK) throw new Error(`K=${K} is not a multiple of the int4 block ${INT4_BLOCK}`);
  const blocks = K / INT4_BLOCK;
  const packed = new Uint8Array((N * K) / 2);
  const scales = new Float32Array(N * blocks);
  for (let b = 0; b < N * blocks; b++) {
    const o = b * INT4_BLOCK;
    let amax = 0;
    for (let j = 0; j < INT4_BLOCK; j++) {
      const v = Math.abs(w[o + j]!);
      if (v > amax) amax = v;
    }
    let scale = Math.fround(amax / 7);
    if (scale === 0) scale = 1;
    scales[b] = scale;
    for (let j = 0; j < INT4_BLOCK; j += 2) {
      const lo = Math.min(15, Math.max(0, roundHalfEven(Math.fround(w[o + j]! / scale)) + 8));
      const hi = Math.min(15, Math.max(0, roundHalfEven(Math.fround(w[o + j + 1]! / scale)) + 8));
      packed[(o + j) >> 1] = lo | (hi << 4);
    }
  }
  return { packed, scales };
}
