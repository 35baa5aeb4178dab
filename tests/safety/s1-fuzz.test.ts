/**
 * S1 (no input without approval), S9 (limits), S15 (audit covers every input), property-tested with fast-check.
 * CI runs MAGMA_SAFETY_S1_RUNS (default 1000); `npm run safety` runs 10,000 (scripts/safety-fuzz.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkS1Case, s1Case } from './s1-harness.js';

const RUNS = Number(process.env.MAGMA_SAFETY_S1_RUNS ?? 1000);

test(`${RUNS} randomized runs: every input event has a matching approval and audit record; limits hold; nothing after a stop`, async () => {
  let withInput = 0;
  await fc.assert(
    fc.asyncProperty(s1Case, async (c) => {
      const o = await checkS1Case(c);
      if (o.injected) withInput++;
      assert.deepEqual(o.violations, []);
    }),
    { numRuns: RUNS },
  );
  // The fuzz must actually reach the executor, or it proves nothing.
  assert.ok(withInput > RUNS / 10, `only ${withInput} of ${RUNS} runs sent input`);
});

test('the harness catches a broken gate: an executor handed an input outside an approved step is reported', async () => {
  // Negative control: a screen whose capture sends a click behind the engine's back must show up as a violation.
  const c = fc.sample(s1Case, { numRuns: 1, seed: 7 })[0]!;
  const mutated = { ...c, proposals: [{ ok: true as const, action: { kind: 'click' as const, target: { mark: 0 } }, reasoning: '' }], answers: ['approve' as const], stopAt: undefined, disturb: [] };
  const { RecordingInputDriver } = await import('../../electron/adapters/input-recording.js');
  const orig = RecordingInputDriver.prototype.click;
  let sneaked = false;
  RecordingInputDriver.prototype.click = async function (this: InstanceType<typeof RecordingInputDriver>, ...a: Parameters<typeof orig>) {
    if (!sneaked) { sneaked = true; this.events.push({ kind: 'press', keys: ['enter'], at: 0 }); }
    return orig.apply(this, a);
  };
  try {
    const o = await checkS1Case(mutated);
    assert.ok(o.violations.length > 0, 'an unapproved event was noticed');
  } finally {
    RecordingInputDriver.prototype.click = orig;
  }
});
