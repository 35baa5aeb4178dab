/**
 * Fixed-size buckets for the decoder's KV cache (#16). The graph's GroupQueryAttention sizes its present output
 * as max(past length, total_sequence_length), and the decoder graph takes total_sequence_length from the length
 * of `attention_mask` and the real length (seqlens_k + 1) from the number of ones in it. So, with no graph change:
 *
 * - within a bucket, the past is fed at the bucket's length and the mask at the real length: present keeps the
 *   bucket's length, the new position is written at real - 1, and the positions beyond it are never read;
 * - at a bucket's boundary (and on the first step after the prefill, whose present has the prompt's length) the
 *   mask is padded with zeros to the next bucket: present comes back at that length, with the past copied in.
 *
 * Every step then asks the runtime for present buffers of one size, which its allocator can hand back from the
 * step before, instead of buffers one position longer each step. tests/integration/magma-kv-buckets.test.ts
 * checks these facts on onnxruntime's CPU provider.
 */

/** The smallest bucket: shorter contexts are cheap to pad and a step's KV is tiny there. */
const FIRST_BUCKET = 256;

/** Powers of two from 256 up to `maxPositions`, which is always the last bucket (the rotary tables' length). */
export function defaultKvBuckets(maxPositions: number): number[] {
  const out: number[] = [];
  for (let b = FIRST_BUCKET; b < maxPositions; b *= 2) out.push(b);
  out.push(maxPositions);
  return out;
}

/** The smallest bucket holding `positions`; the caller has checked that `positions` fits the model. */
export function kvBucketFor(positions: number, buckets: readonly number[]): number {
  for (const b of buckets) if (b >= positions) return b;
  throw new RangeError(`${positions} positions exceed the largest KV bucket (${buckets[buckets.length - 1] ?? 0})`);
}

/** Buckets given by a caller: ascending, positive integers, the last one no longer than the model's positions. */
export function checkKvBuckets(buckets: readonly number[], maxPositions: number): number[] {
  const b = [...buckets];
  if (b.length === 0 || b.some((x, i) => !Number.isInteger(x) || x <= 0 || (i > 0 && x <= b[i - 1]!))) {
    throw new RangeError(`KV buckets must be ascending positive integers, got [${b.join(', ')}]`);
  }
  if (b[b.length - 1]! > maxPositions) throw new RangeError(`KV bucket ${b[b.length - 1]} exceeds the model's ${maxPositions} positions`);
  if (b[b.length - 1]! < maxPositions) b.push(maxPositions);
  return b;
}

/**
 * The attention mask of one step: `real` ones (the positions that exist, this step's included), then zeros up to
 * `length` (the present length asked of GroupQueryAttention). int64 [1, length].
 */
export function paddedMask(real: number, length: number): BigInt64Array {
  if (length < real) throw new RangeError(`mask of ${length} cannot hold ${real} positions`);
  const m = new BigInt64Array(length);
  m.fill(1n, 0, real);
  return m;
}
