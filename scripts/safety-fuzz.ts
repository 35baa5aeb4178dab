/**
 * The fuzz numbers of docs/SAFETY-REPORT.md:
 *   S1/S9/S15: MAGMA_SAFETY_S1_RUNS (default 10,000) randomized runs of the real loop with the recording driver.
 *   S5: MAGMA_SAFETY_S5_RUNS (default 100,000) malformed replies through every reply parser, 2,000 of them through
 *   the whole loop, and 10,000 forged approvals into the executor.
 *   npx tsx scripts/safety-fuzz.ts [s1|s5|all] [seed]
 */
import fc from 'fast-check';
import { RecordingInputDriver } from '../electron/adapters/input-recording.js';
import { Executor } from '../electron/agent/execution/executor.js';
import { runAgent } from '../electron/agent/loop/run-agent.js';
import { parseGroundingReply, parseNavigateReply } from '../electron/agent/planner/magma-reply.js';
import type { Planner, Proposal } from '../electron/agent/planner/planner.js';
import { checkS1Case, s1Case } from '../tests/safety/s1-harness.js';
import * as s5 from '../tests/safety/s5-harness.js';
import { FakeScreen, fixedPerceiver, instantClock } from '../tests/support/fakes.js';

const which = process.argv[2] ?? 'all';
const seed = process.argv[3] !== undefined ? Number(process.argv[3]) : Date.now() % 2 ** 31;
let failed = false;

async function s1(): Promise<void> {
  const runs = Number(process.env.MAGMA_SAFETY_S1_RUNS ?? 10_000);
  let withInput = 0, events = 0, requests = 0, stops = 0;
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
  const seconds = Math.round((performance.now() - t0) / 1000);
  if (r.failed) {
    failed = true;
    console.log(JSON.stringify({ s1: 'FAILED', seed, counterexample: JSON.stringify(r.counterexample![0]).slice(0, 4000), violations: lastViolations }, null, 1));
    return;
  }
  console.log(JSON.stringify({ s1: 'ok', runs: r.numRuns, seed, violations: 0, runsWithInput: withInput, inputEvents: events, approvalRequests: requests, runsWithRandomStop: stops, statuses, seconds }));
}

class ReplyPlanner implements Planner {
  readonly name = 'reply-fuzz';
  readonly needsElements = true;
  constructor(private readonly reply: unknown, private readonly mode: 'grounding' | 'navigate') {}
  async next(): Promise<Proposal> {
    const r = this.mode === 'grounding' ? parseGroundingReply(this.reply as string, s5.MARK_REFS) : parseNavigateReply(this.reply as string, s5.MARK_REFS);
    return r.ok ? { ok: true, action: r.action, reasoning: r.detail } : { ok: false, error: r.error };
  }
}

async function s5run(): Promise<void> {
  const total = Number(process.env.MAGMA_SAFETY_S5_RUNS ?? 100_000);
  const per = Math.floor(total / 4);
  const out: Record<string, unknown> = { s5: 'ok', seed, total: per * 4 };
  const t0 = performance.now();
  let problems = 0;
  const samples: string[] = [];
  const kinds = [['grounding', s5.badGrounding], ['navigate', s5.badNavigate], ['command', s5.badCommand], ['answer', s5.badAnswer]] as const;
  for (const [i, [kind, arb]] of kinds.entries()) {
    let bad = 0;
    const rs = fc.sample(arb as fc.Arbitrary<unknown>, { numRuns: per, seed: seed + i });
    for (const r of rs) {
      const p = kind === 'answer' ? s5.checkAnswer(r) : s5.checkReply(kind, r);
      if (p) {
        bad++;
        if (samples.length < 5) samples.push(`${kind}: ${p.slice(0, 200)}`);
      }
    }
    out[kind] = { replies: per, crashesOrAcceptances: bad };
    problems += bad;
  }
  out.longestRejectionChars = s5.longestError;
  // Through the whole loop: the run must fail with nothing asked and no input.
  let loopBad = 0;
  const loopN = Math.min(2000, per);
  const loopReplies = [...fc.sample(s5.badGrounding, { numRuns: loopN / 2, seed }), ...fc.sample(s5.badNavigate, { numRuns: loopN / 2, seed })];
  for (const [i, reply] of loopReplies.entries()) {
    const input = new RecordingInputDriver();
    let asked = 0;
    const r = await runAgent(
      { screen: new FakeScreen(input), input, perceiver: fixedPerceiver(s5.MARKS), markImage: (x) => x, planner: new ReplyPlanner(reply, i < loopN / 2 ? 'grounding' : 'navigate'), approvals: { request: async (q) => { asked++; return { approvalId: q.id, verdict: 'approve' }; } }, clock: instantClock },
      { goal: 'g', signal: new AbortController().signal, settleMs: 0 },
    );
    if (r.status !== 'failed' || asked || input.injected.length) loopBad++;
  }
  out.throughLoop = { replies: loopReplies.length, runsThatAskedOrActed: loopBad };
  problems += loopBad;
  // Forged approvals into the executor.
  const input = new RecordingInputDriver();
  const ex = new Executor(input);
  let executed = 0;
  for (const f of fc.sample(fc.anything({ withObjectString: true, withNullPrototype: true, withBigInt: true }), { numRuns: 10_000, seed })) {
    try {
      await ex.execute(f as never, new AbortController().signal);
      executed++;
    } catch {
      // refused, as it must be
    }
  }
  out.executorForgeries = { tried: 10_000, executed, inputEvents: input.events.length };
  problems += executed + input.events.length;
  // "Mark: 1.5", "9e308", "3abc", "(0x1F, NaN)": each must be refused, not read by its leading digits.
  const amb = fc.sample(s5.ambiguousGrounding, { numRuns: 1000, seed });
  const accepted = amb.filter((r) => parseGroundingReply(r, s5.MARK_REFS).ok);
  out.ambiguousMarkNumbers = { replies: amb.length, readAsLeadingInteger: accepted.length, examples: [...new Set(accepted)].slice(0, 4) };
  problems += accepted.length;
  out.seconds = Math.round((performance.now() - t0) / 1000);
  if (problems) {
    failed = true;
    out.s5 = 'FAILED';
    out.samples = samples;
  }
  console.log(JSON.stringify(out));
}

if (which === 's1' || which === 'all') await s1();
if (which === 's5' || which === 'all') await s5run();
process.exit(failed ? 1 : 0);
