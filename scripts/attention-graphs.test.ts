import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareForms } from './attention-graphs.js';

// The timing tool is only worth its numbers if the forms it times compute the same attention: GroupQueryAttention
// as the decoder writes it, the same in MatMul + Softmax, and that inside an If (decode rows take the GQA branch).
describe('attention graphs for the prefill timing (#16)', () => {
  for (const n of [1, 40]) {
    it(`GroupQueryAttention, MatMul + Softmax and the If form agree to fp16 rounding at ${n} rows (CPU)`, async () => {
      const r = await compareForms(n, 'cpu');
      assert.ok(r.maxAbs > 0.5, `outputs should not vanish (largest ${r.maxAbs})`);
      assert.ok(r.maxDiff <= 2e-3, `largest difference ${r.maxDiff} over outputs up to ${r.maxAbs}`);
    });
  }
});
