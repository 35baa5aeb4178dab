/**
 * 8-bit MatMulNBits weights for the vision tower of bundle format 2: blocks of 32 along K, symmetric, zero point
 * 128 (implied), as models/magma/optimize_graphs.py's quantize_blocks(bits=8) computes them in float32:
 *   scale = amax(|block|) / 127 (a zero block gets scale 1), q = clamp(round_half_even(w / scale), -128, 127) + 128.
 * 8 bits keep the image features at cosine >= 0.999 of the fp16 tower (0.99986 on Magma-8B's shapes; the unit
 * test checks the fixtures) while onnxruntime's WebGPU provider runs MatMulNBits on tensor cores (#16).
 */
import { roundHalfEven } from './dtype.js';
import { INT4_BLOCK } from './int4.js';

/** w: [N, K] row-major fp32 values -> packed [N, K/32, 32] bytes and N*K/32 float32 scales. */
export function quantizeInt8(w: Float32Array, N: number, K: number): { packed: Uint8Array; scales: Float32Array } {
  if (K % INT4_BLOCK) throw new Error(`K=${K} is not a multiple of the block ${INT4_BLOCK}`);
  const blocks = (N * K) / INT4_BLOCK;
  const packed = new Uint8Array(N * K);
  const scales = new Float32Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const o = b * INT4_BLOCK;
    let amax = 0;
    for (let j = 0; j < INT4_BLOCK; j++) {
      const v = Math.abs(w[o + j]!);
      if (v > amax) amax = v;
    }
    let scale = Math.fround(amax / 127);
    if (scale === 0) scale = 1;
    scales[b] = scale;
    for (let j = 0; j < INT4_BLOCK; j++) packed[o + j] = Math.min(127, Math.max(-128, roundHalfEven(Math.fround(w[o + j]! / scale)))) + 128;
  }
  return { packed, scales };
}
