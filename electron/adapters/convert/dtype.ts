/**
 * Number formats of checkpoint tensors and bundle initializers.
 *
 * bf16 -> fp32 is exact (bf16 is the top half of an fp32). To fp16 we round to nearest, ties to even, the way
 * torch's `.to(torch.float16)` does, so a TypeScript bundle holds the same halves as one the Python exporter made.
 * A finite value beyond fp16's range would become infinity: `toHalf` reports it instead (the caller names the
 * tensor), since a silent inf in a weight makes the model produce NaN.
 */
import { halfToFloat } from '../../common/half.js';

export type StDtype = 'BF16' | 'F16' | 'F32';
export const ST_BYTES: Record<StDtype, number> = { BF16: 2, F16: 2, F32: 4 };

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Raw little-endian checkpoint bytes (bf16, fp16 or fp32) -> fp32 values, exact. */
export function toFloat32(raw: Uint8Array, dtype: StDtype, out?: Float32Array): Float32Array {
  const n = raw.byteLength / ST_BYTES[dtype];
  const o = out ?? new Float32Array(n);
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  if (dtype === 'F32') {
    for (let i = 0; i < n; i++) o[i] = dv.getFloat32(i * 4, true);
  } else if (dtype === 'BF16') {
    const ou = new Uint32Array(o.buffer, o.byteOffset, n);
    if (LITTLE_ENDIAN && raw.byteOffset % 2 === 0) {
      // The fast path (x86-64, arm64): the file's little-endian halves read as they lie.
      const src = new Uint16Array(raw.buffer, raw.byteOffset, n);
      for (let i = 0; i < n; i++) ou[i] = src[i]! << 16;
    } else {
      for (let i = 0; i < n; i++) ou[i] = dv.getUint16(i * 2, true) << 16;
    }
  } else {
    for (let i = 0; i < n; i++) o[i] = halfToFloat(dv.getUint16(i * 2, true));
  }
  return o;
}


/** The largest finite fp16 value; anything that rounds beyond it becomes infinity. */
export const HALF_MAX = 65504;

/**
 * One number (fp32 or fp64) -> fp16 bits, round to nearest even, exactly as a single IEEE rounding step
 * (torch rounds fp64 -> fp16 directly, not through fp32). Returns -1 for a finite value that overflows.
 */
export function floatToHalfBits(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a === Infinity) return sign | 0x7c00;
  // Values >= 65520 round to infinity (65504 + half an ulp of 32).
  if (a >= 65520) return -1;
  if (a < 2 ** -14) {
    // Subnormal: units of 2^-24, round half to even.
    const q = a / 2 ** -24;
    return sign | roundHalfEven(q);
  }
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e -= 1;
  else if (2 ** (e + 1) <= a) e += 1;
  const m = a / 2 ** e - 1; // [0, 1)
  let mi = roundHalfEven(m * 1024);
  if (mi === 1024) {
    mi = 0;
    e += 1;
  }
  return sign | ((e + 15) << 10) | mi;
}

/** numpy / torch rounding: to the nearest integer, halves to the even one. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export class HalfOverflow extends Error {
  constructor(readonly index: number, readonly value: number) {
    super(`value ${value} at element ${index} is beyond fp16's range (±${HALF_MAX})`);
  }
}

/** fp32 values -> fp16 bits. Fast path through fp32 bit patterns (same result as floatToHalfBits for fp32 inputs). */
export function toHalf(src: Float32Array, out?: Uint16Array): Uint16Array {
  const o = out ?? new Uint16Array(src.length);
  for (let i = 0; i < src.length; i++) {
    f32[0] = src[i]!;
    const x = u32[0]!;
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    const man = x & 0x7fffff;
    let h: number;
    if (exp === 0xff) h = sign | 0x7c00 | (man ? 0x200 : 0);
    else if (exp > 142) throw new HalfOverflow(i, src[i]!);
    else if (exp >= 113) {
      // Normal half: drop 13 bits with round to nearest even.
      h = sign | (((exp - 112) << 10) | (man >>> 13));
      const rest = man & 0x1fff;
      if (rest > 0x1000 || (rest === 0x1000 && h & 1)) h += 1;
      if ((h & 0x7fff) === 0x7c00) throw new HalfOverflow(i, src[i]!);
    } else if (exp >= 102) {
      // Subnormal half.
      const m = man | 0x800000;
      const shift = 126 - exp;
      h = sign | (m >>> shift);
      const rest = m & ((1 << shift) - 1);
      const half = 1 << (shift - 1);
      if (rest > half || (rest === half && h & 1)) h += 1;
    } else h = sign; // below 2^-25: half the smallest subnormal or less, rounds to zero
    o[i] = h;
  }
  return o;
}
