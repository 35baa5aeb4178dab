/**
 * Prompt-length buckets for the decoder's prefill (#16). The prompt's length changes with every screenshot size
 * and goal; each new length makes the GPU provider ask for a new set of activation buffers ([1, n, hidden],
 * [1, n, 14336], ...). Under onnxruntime WebGPU's `simple` buffer cache, which keeps every freed buffer by exact
 * size and never frees it, that set grows for as long as the app runs. Padding the prefill to a few lengths keeps
 * the set of sizes bounded, so `simple` (whose exact-size reuse makes a decode step at 1.3k positions as fast as at
 * 64) is safe to use by default (magma-bundle.ts).
 *
 * How the padding stays exact, with no graph change (tests/integration/magma-prompt-buckets.test.ts, CPU): the
 * decoder's GroupQueryAttention takes the real length from the mask's ones and writes present at the mask's
 * length, positions 0.. from the left, attention causal. So the prompt's first n - 1 positions run padded on the
 * right to the bucket (mask: n - 1 ones, then zeros): their keys and values are bit-identical to an unpadded run,
 * and the padding rows are never read later. The graph's logits are those of its last row, which is padding here,
 * so the prompt's last position then runs as one ordinary decode step (position n - 1 written over the padding):
 * the present keeps the bucket's length and the first generated token continues at position n.
 */

/** Prompts are padded to a multiple of this many positions (a 1284-token grounding prompt runs as 1536). */
export const PROMPT_BUCKET_STEP = 256;

/** Rows the prefill runs with: `positions` rounded up to a multiple of `step`, at most the model's length. */
export function promptBucketFor(positions: number, step: number, maxPositions: number): number {
  if (!Number.isInteger(step) || step <= 0) throw new RangeError(`prompt bucket step must be a positive integer, got ${step}`);
  return Math.min(Math.ceil(positions / step) * step, Math.max(maxPositions, positions));
}
