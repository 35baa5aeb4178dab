/**
 * The prompt's prefill in chunks of a fixed number of rows (#16, opt-in: MagmaModel's `prefillChunk`).
 *
 * Why: under WebGPU's `simple` buffer cache every buffer size a run asks for stays allocated, and a prefill's
 * activations ([1, rows, hidden], [1, rows, 14336], ...) are one set per prompt length. The prompt buckets
 * (prompt-buckets.ts) bound that to one set per bucket, about 1 GB each at Magma-8B's size: a session that sees four
 * prompt lengths kept 8.6 GB on the H200 where one step needed 7.1. Chunks of one size make it one set whatever the
 * prompt's length; the price is more decoder runs per prompt.
 *
 * How it stays exact, with no graph change (tests/integration/magma-prefill-chunks.test.ts, CPU): the first run
 * takes the first r = n mod C positions (C when that is 0) as real rows of a C-row run, with the mask's ones on
 * them only: GroupQueryAttention's first-prompt path starts positions at 0 and never lets a real row see the rows
 * after it, which are whatever the buffer holds there (they are the next chunk's tokens, not zeros). Every later run
 * is C real rows with the cache so far as its past and the mask padded to the KV bucket (kv-buckets.ts):
 * GroupQueryAttention writes them after the real past, over the first run's padding, at positions r, r + 1, ...
 * So every run is exactly C rows, the last run's last row is the prompt's last position (its logits are the
 * prompt's, whatever the decoder format), and the KV cache stays in its buckets.
 */

/** A chunk size: a positive whole number of rows. */
export function checkPrefillChunk(rows: number): number {
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`prefill chunk must be a positive whole number of rows, got ${rows}`);
  return rows;
}
