import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApprovalRequest, Decision } from '../../common/approval.js';
import type { RunEvent } from '../../common/run-events.js';
import { reduceRun, initialRunState } from '../../common/run-events.js';
import { RecordingInputDriver } from '../../adapters/input-recording.js';
import { CommandPlanner } from '../planner/command.js';
import type { ApprovalChannel, RgbaImage } from '../ports.js';
import { runAgent } from './run-agent.js';
import { FakeScreen, fixedPerceiver, instantClock, textElement } from '../../../tests/support/fakes.js';

const marks = [textElement(0, '7', [10, 10, 30, 30]), textElement(1, '*', [40, 10, 60, 30]), textElement(2, 'Delete', [70, 10, 110, 30])];

function setup(goal: string, answer: (r: ApprovalRequest, n: number) => Decision | Promise<Decision>) {
  const input = new RecordingInputDriver();
  const screen = new FakeScreen(input);
  const events: RunEvent[] = [];
  const asked: ApprovalRequest[] = [];
  const approvals: ApprovalChannel = { request: async (r) => { asked.push(r); return answer(r, asked.length); } };
  const deps = { screen, input, perceiver: fixedPerceiver(marks), markImage: (i: RgbaImage) => i, planner: new CommandPlanner(goal), approvals, clock: instantClock, emit: (e: RunEvent) => events.push(e) };
  return { input, screen, events, asked, deps };
}
const approve = (r: ApprovalRequest): Decision => ({ approvalId: r.id, verdict: 'approve' });

test('approved clicks land on the centre of each mark, one approval per input action', async () => {
  const s = setup('click 7; click *', approve);
  const r = await runAgent(s.deps, { goal: 'x', signal: new AbortController().signal, settleMs: 0 });
  assert.equal(r.status, 'done');
  assert.deepEqual(s.input.injected.map((e) => e.kind === 'click' && [e.p.x, e.p.y]), [[20, 20], [50, 20]]);
  assert.equal(s.asked.length, 2);
  const executed = s.events.filter((e) => e.type === 'executed');
  assert.ok(executed.every((e) => e.type === 'executed' && e.changed), 'the fake screen changed after each click');
});

test('a skipped step sends nothing and the run goes on to the next', async () => {
  const s = setup('click 7; click *', (r, n) => ({ approvalId: r.id, verdict: n === 1 ? 'skip' : 'approve' }));
  const r = await runAgent(s.deps, { goal: 'x', signal: new AbortController().signal, settleMs: 0 });
  assert.equal(r.status, 'done');
  assert.equal(s.input.injected.length, 1);
});

test('stop at the prompt ends the run with no input and releases held keys', async () => {
  const s = setup('click 7; click *', (r) => ({ approvalId: r.id, verdict: 'stop' }));
  const r = await runAgent(s.deps, { goal: 'x', signal: new AbortController().signal, settleMs: 0 });
  assert.equal(r.status, 'stopped');
  assert.equal(s.input.injected.length, 0);
  assert.equal(s.input.events.at(-1)?.kind, 'releaseAll');
});

test('an approval that names another request, or comes malformed, is a deny', async () => {
  for (const bad of [(r: ApprovalRequest) => ({ approvalId: r.id + 'x', verdict: 'approve' }), () => ({ verdict: 'approve' })]) {
    const s = setup('click 7', bad as never);
    const r = await runAgent(s.deps, { goal: 'x', signal: new AbortController().signal, settleMs: 0 });
    assert.equal(r.status, 'stopped');
    assert.equal(s.input.injected.length, 0);
  }
});

test('no answer before the request expires is a deny', async () => {
  const s = setup('click 7', () => new Promise(() => undefined));
  const r = await runAgent(s.deps, { goal: 'x', signal: new AbortController().signal, approvalTimeoutMs: 20, settleMs: 0 });
  assert.equal(r.status, 'stopped');
  assert.match(r.reason, /timed out/);
  assert.equal(s.input.injected.length, 0);
});

test('an abort while waiting for approval stops with no input', async () => {
  const ac = new AbortController();
  const s = setup('click 7', () => { setTimeout(() => ac.abort(), 5); return new Promise(() => undefined); });
  const r = await runAgent(s.deps, { goal: 'x', signal: ac.signal, settleMs: 0 });
  assert.equal(r.status, 'stopped');
  assert.equal(s.input.injected.length, 0);
});

test('if the target region changes after approval, the step is asked again before anything is sent', async () => {
  const s = setup('click 7', approve);
  // Capture 0: shown for approval. Capture 1: the re-check; paint over mark #0's region.
  s.screen.beforeCapture = (n, img) => { if (n >= 1) img.data.fill(0, 0, img.width * 40 * 4); };
  // The paint also hides the click's mark on later captures, so verification (tested below) is off here.
  const r = await runAgent(s.deps, { goal: 'x', signal: new AbortController().signal, settleMs: 0, verify: false });
  assert.equal(r.status, 'done');
  assert.equal(s.asked.length, 2, 'asked twice');
  assert.equal(s.input.injected.length, 1);
  assert.ok(s.events.some((e) => e.type === 'notice' && /changed where this step acts/.test(e.message)));
});

test('an unknown label fails the run, names the candidates and sends nothing', async () => {
  const s = setup('click 9', approve);
  const r = await runAgent(s.deps, { goal: 'x', signal: new AbortController().signal, settleMs: 0 });
  assert.equal(r.status, 'failed');
  assert.match(r.reason, /no mark reads "9"; nearest: #\d "/);
  assert.equal(s.asked.length, 0);
  assert.equal(s.input.injected.length, 0);
});

test('a high-risk click is flagged in the request and "approve the rest" does not cover it', async () => {
  const s = setup('click 7; click Delete', (r, n) => ({ approvalId: r.id, verdict: n === 1 ? 'approve' : 'stop', approveRest: n === 1 }));
  const r = await runAgent(s.deps, { goal: 'x', signal: new AbortController().signal, settleMs: 0 });
  assert.equal(s.asked.length, 2, 'the delete step was asked despite approve-rest');
  assert.equal(s.asked[1]!.risk.tier, 'high');
  assert.equal(r.status, 'stopped');
  assert.equal(s.input.injected.length, 1);
});

test('the step limit ends the run', async () => {
  const s = setup('click 7; click 7; click 7', approve);
  const r = await runAgent(s.deps, { goal: 'x', signal: new AbortController().signal, maxSteps: 2, settleMs: 0 });
  assert.equal(r.status, 'failed');
  assert.match(r.reason, /step limit of 2/);
  assert.equal(s.input.injected.length, 2);
});

test('the shared reducer turns the run events into the state a UI shows', async () => {
  const s = setup('click 7', approve);
  await runAgent(s.deps, { goal: 'click 7', signal: new AbortController().signal, settleMs: 0 });
  const st = s.events.reduce(reduceRun, initialRunState);
  assert.equal(st.status, 'done');
  assert.equal(st.steps[0]?.outcome, 'executed');
  assert.equal(st.steps[0]?.elements.length, 3);
  assert.equal(st.pending, undefined);
});
