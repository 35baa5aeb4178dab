/**
 * S1/S9/S15 at full size: MAGMA_SAFETY_S1_RUNS (default 10,000) randomized runs of the real loop with the recording
 * driver; prints the counts for docs/SAFETY-REPORT.md and the first counterexample if any invariant breaks.
 *   npx tsx scripts/safety-fuzz.ts [runs] [seed]
 */
import fc from 'fast-check';
import { checkS1Case, s1Case } from '../tests/safety/s1-harness.js';

const runs = Number(process.argv[2] ?? process.env.MAGMA_SAFETY_S1_RUNS ?? 10_000);
const seed = process.argv[3] !== undefined ? Number(process.argv[3]) : Date.now() % 2 ** 31;
let withInput = 0;
let events = 0;
let requests = 0;
let stops = 0;
const statuses: Record<string, number> = {};
let lastViolations: string[] = [];
const t0 = performance.now();
const r = await fc.check(
  fc.asyncProperty(s1Case, async (c) => {
    const o = await checkS1Case(c);
    if (o.injected) withInput++;
    events += o.injected;
    requests += o.requests;
    if (o.stopped) stops++;
    const st = o.result?.status ?? 'threw';
    statuses[st] = (statuses[st] ?? 0) + 1;
    if (o.violations.length) lastViolations = o.violations;
    return o.violations.length === 0;
  }),
  { numRuns: runs, seed },
);
const secs = (performance.now() - t0) / 1000;
if (r.failed) {
  const o = await checkS1Case(r.counterexample![0]);
  console.log(JSON.stringify({ s1: 'FAILED', seed, counterexample: r.counterexample![0], violations: lastViolations, violationsOnRerun: o.violations, status: o.result?.status, reason: o.result?.reason }, null, 1));
  process.exit(1);
}
console.log(JSON.stringify({ s1: 'ok', runs: r.numRuns, seed, violations: 0, runsWithInput: withInput, inputEvents: events, approvalRequests: requests, runsWithRandomStop: stops, statuses, seconds: Math.round(secs) }));
