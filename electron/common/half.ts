/**
 * IEEE 754 half precision (fp16) bits -> the number they encode, exactly (subnormals, infinities, NaN). One decoder
 * for the model runtime (fp16 logits and KV outputs) and the converter (fp16 checkpoints, its tests).
 */
export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}
