/**
 * S5 malformed model output -> 0 crashes, 0 actions, 100% structured rejections. CI runs MAGMA_SAFETY_S5_RUNS
 * (default 2,000) replies in all; scripts/safety-fuzz.ts runs 100,000.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { RecordingInputDriver } from '../../electron/adapters/input-recording.js';
import { Executor, ExecutionRefused } from '../../electron/agent/execution/executor.js';
import { runAgent } from '../../electron/agent/loop/run-agent.js';
import { parseGroundingReply, parseNavigateReply } from '../../electron/agent/planner/magma-reply.js';
import type { Planner, Proposal } from '../../electron/agent/planner/planner.js';
import { ApprovalGate } from '../../electron/agent/safety/gate.js';
import { FakeScreen, fixedPerceiver, instantClock } from '../support/fakes.js';
import { MARKS, MARK_REFS, ambiguousGrounding, badAnswer, badCommand, badGrounding, badNavigate, checkAnswer, checkReply } from './s5-harness.js';

const RUNS = Number(process.env.MAGMA_SAFETY_S5_RUNS ?? 2000);
const each = Math.max(10, Math.floor(RUNS / 4));

for (const [kind, arb] of [['grounding', badGrounding], ['grounding', ambiguousGrounding], ['navigate', badNavigate], ['command', badCommand]] as const) {
  test(`${each} malformed ${kind} replies: no throw, each a structured rejection`, () => {
    fc.assert(fc.property(arb as fc.Arbitrary<unknown>, (r) => { assert.equal(checkReply(kind, r), undefined); }), { numRuns: each });
  });
}

test(`${each} empty or non-text answers are rejected by the answer parser`, () => {
  fc.assert(fc.property(badAnswer, (r) => { assert.equal(checkAnswer(r), undefined); }), { numRuns: each });
});

test('the checks can fail: well-formed replies are reported as accepted', () => {
  assert.match(checkReply('grounding', 'Coordinate: (0.5, 0.5). Mark: 3') ?? '', /accepted/);
  assert.match(checkReply('navigate', '{"ACTION": "CLICK", "MARK": 2, "VALUE": null}') ?? '', /accepted/);
  assert.match(checkReply('command', 'click #3') ?? '', /resolved/);
});

/** A Magma-style planner whose replies are the fuzzed strings, parsed as the real planner would. */
class ReplyPlanner implements Planner {
  readonly name = 'reply-fuzz';
  readonly needsElements = true;
  constructor(private readonly reply: unknown, private readonly mode: 'grounding' | 'navigate') {}
  async next(): Promise<Proposal> {
    const r = this.mode === 'grounding' ? parseGroundingReply(this.reply as string, MARK_REFS) : parseNavigateReply(this.reply as string, MARK_REFS);
    return r.ok ? { ok: true, action: r.action, reasoning: r.detail } : { ok: false, error: r.error };
  }
}

test('malformed replies through the whole loop: the run fails with the reason, nothing is asked, no input', async () => {
  const replies = [...fc.sample(badGrounding, 60).map((r) => ['grounding', r] as const), ...fc.sample(badNavigate, 60).map((r) => ['navigate', r] as const)];
  for (const [mode, reply] of replies) {
    const input = new RecordingInputDriver();
    let asked = 0;
    const r = await runAgent(
      { screen: new FakeScreen(input), input, perceiver: fixedPerceiver(MARKS), markImage: (i) => i, planner: new ReplyPlanner(reply, mode), approvals: { request: async (q) => { asked++; return { approvalId: q.id, verdict: 'approve' }; } }, clock: instantClock },
      { goal: 'g', signal: new AbortController().signal, settleMs: 0 },
    );
    assert.equal(r.status, 'failed');
    assert.equal(asked, 0);
    assert.equal(input.injected.length, 0);
  }
});

test('the executor refuses anything the gate did not mint: random objects, JSON copies, spreads, prototypes', async () => {
  const input = new RecordingInputDriver();
  const ex = new Executor(input);
  const gate = new ApprovalGate({ request: async (q) => ({ approvalId: q.id, verdict: 'approve' }) }, instantClock, { runId: 'r', timeoutMs: 1000 });
  const resolved = { action: { kind: 'click' as const, target: { mark: 0 } }, frameId: 'f', targets: [{ markId: 0, text: 'b0', box: [0, 0, 10, 10] as const, imagePoint: { space: 'image' as const, x: 5, y: 5 }, screenPoint: { space: 'screen' as const, x: 5, y: 5 } }] };
  const out = await gate.decide(0, resolved, { tier: 'normal', reasons: [] }, new AbortController().signal);
  assert.equal(out.kind, 'approved');
  const real = out.kind === 'approved' ? out.approved : undefined;
  const forged: unknown[] = [JSON.parse(JSON.stringify(real)), { ...real }, Object.create(real as object), structuredClone(real)];
  const all = [...forged, ...fc.sample(fc.anything(), 500)];
  for (const f of all) {
    await assert.rejects(ex.execute(f as never, new AbortController().signal), ExecutionRefused);
  }
  assert.equal(input.events.length, 0);
  // Control: the minted one runs, so the refusals above are not a broken executor.
  await ex.execute(real!, new AbortController().signal);
  assert.equal(input.events.length, 1);
});
