/**
 * The run reducer's step states, from the events the real loop emits (runAgent with the command planner, a fake
 * screen and a recording input driver) and from hand-written sequences for what the loop cannot easily be made
 * to do (a wait, a failure after approval).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordingInputDriver } from '../adapters/input-recording.js';
import { runAgent } from '../agent/loop/run-agent.js';
import { CommandPlanner } from '../agent/planner/command.js';
import type { ApprovalChannel, RgbaImage } from '../agent/ports.js';
import { FakeScreen, fixedPerceiver, instantClock, textElement } from '../../tests/support/fakes.js';
import type { ApprovalRequest, Decision } from './approval.js';
import { describeEditOriginal, describeStep, initialRunState, reduceRun, type RunEvent, type RunState } from './run-events.js';

const marks = [textElement(0, '7', [10, 10, 30, 30]), textElement(1, '*', [40, 10, 60, 30]), textElement(2, 'Save', [70, 10, 110, 30])];

/** Runs a command goal through the real loop; `answer` decides each approval (n counts from 1). */
async function realRun(goal: string, answer: (r: ApprovalRequest, n: number) => Decision): Promise<{ state: RunState; events: RunEvent[] }> {
  const input = new RecordingInputDriver();
  const events: RunEvent[] = [];
  let n = 0;
  const approvals: ApprovalChannel = { request: async (r) => answer(r, ++n) };
  await runAgent(
    {
      screen: new FakeScreen(input), input, perceiver: fixedPerceiver(marks), markImage: (i: RgbaImage) => i,
      planner: new CommandPlanner(goal), approvals, clock: instantClock, emit: (e) => events.push(e),
    },
    { goal, signal: new AbortController().signal, settleMs: 0, verify: false },
  );
  return { state: events.reduce(reduceRun, initialRunState), events };
}
const verdict = (...vs: (Decision['verdict'] | [string])[]) => (r: ApprovalRequest, n: number): Decision => {
  const v = vs[n - 1] ?? 'approve';
  return Array.isArray(v) ? { approvalId: r.id, verdict: 'edit', edit: v[0] } : { approvalId: r.id, verdict: v };
};
const outcomes = (s: RunState) => s.steps.map((st) => `${describeStep(st)}: ${st.outcome ?? 'pending'}`);

test('a finished run has no extra "done" step: its steps are the ones that ran, and the finish is the run status', async () => {
  const { state } = await realRun('click 7; click *', verdict());
  assert.deepEqual(outcomes(state), ['click #0 "7": executed', 'click #1 "*": executed']);
  assert.equal(state.status, 'done');
  assert.equal(state.finishReason, 'all 2 steps ran');
  assert.ok(state.finalView?.frameId, 'the screen the run ended on is kept for the view');
  assert.deepEqual(state.finalView?.elements.map((e) => e.text), ['7', '*', 'Save']);
});

test('a step waiting for approval when the run is stopped reads "stopped", not pending', async () => {
  const { state } = await realRun('click 7; click *', verdict('approve', 'stop'));
  assert.deepEqual(outcomes(state), ['click #0 "7": executed', 'click #1 "*": stopped']);
  assert.equal(state.status, 'stopped');
});

test('a skipped step reads skipped and the run goes on', async () => {
  const { state } = await realRun('click 7; click Save', verdict('skip'));
  assert.deepEqual(outcomes(state), ['click #0 "7": skipped', 'click #2 "Save": executed']);
});

test('an edited step shows what was proposed and what ran instead', async () => {
  const { state } = await realRun('click 7; click *', verdict(['click Save']));
  const first = state.steps[0]!;
  assert.equal(first.outcome, 'executed');
  assert.equal(describeStep(first), 'click #2 "Save"', 'the replacement is what ran');
  assert.equal(first.edit?.status, 'replaced');
  assert.equal(describeEditOriginal(first.edit!), 'click #0 "7"');
  assert.equal(first.edit?.text, 'click Save');
  assert.deepEqual(outcomes(state).slice(1), ['click #1 "*": executed'], 'the planned steps follow the replacement');
});

test('an edit the planner cannot read is marked not taken, with its reason', async () => {
  const { state } = await realRun('click 7; click *', verdict(['fly to the moon']));
  const first = state.steps[0]!;
  assert.equal(first.edit?.status, 'not_taken');
  assert.match(first.edit?.note ?? '', /edit not taken/);
  assert.equal(describeEditOriginal(first.edit!), 'click #0 "7"');
});

test('a run that fails while a step waits marks it not run; a step that failed after approval reads failed', () => {
  const base: RunEvent[] = [
    { type: 'run_started', runId: 'r', goal: 'g', planner: 'p', at: 0 },
    { type: 'frame', step: 0, frameId: 'f0', width: 10, height: 10, display: { id: '0', name: 'd', bounds: { x: 0, y: 0, width: 10, height: 10 }, scaleFactor: 1, primary: true } },
    { type: 'proposal', step: 0, action: { kind: 'click', target: { mark: 3 } }, description: 'click #3', reasoning: '' },
  ];
  const request: ApprovalRequest = { id: 'a0-long-id', runId: 'r', step: 0, action: { kind: 'click', target: { mark: 3 } }, description: 'click #3', screenPoints: [], frameId: 'f0', risk: { tier: 'normal', reasons: [] }, expiresAt: 1e15 };
  const refused = [...base, { type: 'run_finished', status: 'refused', reason: 'step 1: too much text', at: 1 } as RunEvent].reduce(reduceRun, initialRunState);
  assert.equal(refused.steps[0]!.outcome, 'not_run');
  assert.equal(describeStep(refused.steps[0]!), 'click #3', 'a mark with no known label reads by its number');
  const failed = [
    ...base,
    { type: 'approval_requested', request } as RunEvent,
    { type: 'approval_decided', decision: { approvalId: request.id, verdict: 'approve' }, by: 'user' } as RunEvent,
    { type: 'run_finished', status: 'failed', reason: 'the input driver crashed', at: 1 } as RunEvent,
  ].reduce(reduceRun, initialRunState);
  assert.equal(failed.steps[0]!.outcome, 'failed', 'approved and then the run failed: it may have partly run');
});

test('a wait step reads executed once the loop moves on; a fail proposal is the run status, not a step', () => {
  const display = { id: '0', name: 'd', bounds: { x: 0, y: 0, width: 10, height: 10 }, scaleFactor: 1, primary: true };
  const s = ([
    { type: 'run_started', runId: 'r', goal: 'g', planner: 'p', at: 0 },
    { type: 'frame', step: 0, frameId: 'f0', width: 10, height: 10, display },
    { type: 'proposal', step: 0, action: { kind: 'wait', ms: 5 }, description: 'wait 5 ms', reasoning: '' },
    { type: 'frame', step: 1, frameId: 'f1', width: 10, height: 10, display },
    { type: 'proposal', step: 1, action: { kind: 'fail', reason: 'no Save button' }, description: 'fail: no Save button', reasoning: '' },
    { type: 'run_finished', status: 'failed', reason: 'no Save button', at: 1 },
  ] as RunEvent[]).reduce(reduceRun, initialRunState);
  assert.deepEqual(outcomes(s), ['wait 5 ms: executed']);
  assert.equal(s.finalView?.frameId, 'f1');
  assert.equal(s.finishReason, 'no Save button');
});
