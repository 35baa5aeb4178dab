/** S9 limits and the repetition pause, checked against what the recording driver saw, on a virtual clock. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApprovalRequest, Decision } from '../../electron/common/approval.js';
import type { Action } from '../../electron/common/actions.js';
import type { RunEvent } from '../../electron/common/run-events.js';
import { RecordingInputDriver } from '../../electron/adapters/input-recording.js';
import { runAgent, type AgentDeps } from '../../electron/agent/loop/run-agent.js';
import type { ApprovalChannel, ScreenSource } from '../../electron/agent/ports.js';
import { FakeScreen, fixedPerceiver, textElement } from '../support/fakes.js';
import { MemoryLog, ScriptedPlanner, StaticScreen, ToggleScreen, VirtualClock, maxInWindow } from './support.js';

const marks = [textElement(0, '7', [10, 10, 30, 30]), textElement(1, '8', [40, 10, 60, 30]), textElement(2, 'Name', [70, 40, 110, 60])];
const click = (mark: number): Action => ({ kind: 'click', target: { mark } });
/** Clicks on distinct points, so each one visibly changes the fake screen. */
const clickAt = (i: number): Action => ({ kind: 'click', target: { point: { space: 'screen', x: 5 + (i % 30) * 6, y: 50 + Math.floor(i / 30) * 6 } } });

function setup(actions: Action[], o: { answer?: (r: ApprovalRequest, n: number, clock: VirtualClock) => Decision | Promise<Decision>; screen?: (input: RecordingInputDriver) => ScreenSource } = {}) {
  const clock = new VirtualClock();
  const input = new RecordingInputDriver(clock.now);
  const screen = o.screen?.(input) ?? new FakeScreen(input);
  const asked: ApprovalRequest[] = [];
  const events: RunEvent[] = [];
  const audit = new MemoryLog();
  const answer = o.answer ?? ((r: ApprovalRequest) => ({ approvalId: r.id, verdict: 'approve' as const }));
  const approvals: ApprovalChannel = { request: async (r) => { asked.push(r); return answer(r, asked.length, clock); } };
  const deps: AgentDeps = { screen, input, perceiver: fixedPerceiver(marks), markImage: (i) => i, planner: new ScriptedPlanner(actions), approvals, clock, emit: (e) => events.push(e), audit };
  return { clock, input, asked, events, audit, deps };
}
const signal = () => new AbortController().signal;

test('no more than maxActionsPerSecond input events land in any one second; the run waits instead of dropping', async () => {
  const actions = Array.from({ length: 24 }, (_, i) => clickAt(i));
  const s = setup(actions);
  const r = await runAgent(s.deps, { goal: 'g', signal: signal(), settleMs: 0, maxSteps: 100, limits: { maxActionsPerSecond: 4 } });
  assert.equal(r.status, 'done', r.reason);
  assert.equal(s.input.injected.length, 24);
  assert.ok(maxInWindow(s.input.injected) <= 4, `saw ${maxInWindow(s.input.injected)} events in one second`);
  assert.ok(s.clock.now() >= 5000, 'throttling took virtual time');
});

test('typed characters stay under maxCharsPerSecond, the text arrives complete and in order', async () => {
  const text = 'abcdefghij'.repeat(30);
  const s = setup([{ kind: 'type', text }]);
  const r = await runAgent(s.deps, { goal: 'g', signal: signal(), settleMs: 0, verify: false, limits: { maxCharsPerSecond: 40 } });
  assert.equal(r.status, 'done', r.reason);
  const typed = s.input.injected.filter((e) => e.kind === 'type');
  assert.equal(typed.map((e) => (e.kind === 'type' ? e.text : '')).join(''), text);
  const perSecond = maxInWindow(typed.map((e) => ({ at: e.at, n: e.kind === 'type' ? e.text.length : 0 })));
  assert.ok(perSecond <= 40, `${perSecond} chars in one second`);
});

test('text longer than maxTextLength is refused before it is asked, and nothing is typed', async () => {
  const s = setup([{ kind: 'type', text: 'x'.repeat(101) }]);
  const r = await runAgent(s.deps, { goal: 'g', signal: signal(), settleMs: 0, limits: { maxTextLength: 100 } });
  assert.equal(r.status, 'refused');
  assert.match(r.reason, /101 characters, over the limit of 100/);
  assert.equal(s.asked.length, 0);
  assert.equal(s.input.injected.length, 0);
});

test('the wall-time limit ends the run even while an approval is pending, and nothing runs after it', async () => {
  const actions = Array.from({ length: 50 }, (_, i) => clickAt(i));
  // Each approval takes 2 s of (virtual) thinking.
  const s = setup(actions, { answer: async (r, _n, clock) => { await clock.sleep(2000); return { approvalId: r.id, verdict: 'approve' }; } });
  const r = await runAgent(s.deps, { goal: 'g', signal: signal(), settleMs: 0, maxSteps: 100, limits: { maxWallMs: 5000 } });
  assert.equal(r.status, 'failed');
  assert.match(r.reason, /time limit of 5 s/);
  assert.ok(s.input.injected.length <= 3, `${s.input.injected.length} clicks`);
  assert.ok(s.input.injected.every((e) => e.at <= 5000));
  assert.equal(s.input.events.at(-1)?.kind, 'releaseAll');
});

test('the step limit counts every step; no input beyond it', async () => {
  const s = setup(Array.from({ length: 10 }, (_, i) => clickAt(i)));
  const r = await runAgent(s.deps, { goal: 'g', signal: signal(), settleMs: 0, maxSteps: 4 });
  assert.equal(r.status, 'failed');
  assert.equal(s.input.injected.length, 4);
});

test('the same action a third time on a screen that did not change pauses the run and asks, even under approve-the-rest', async () => {
  // Verification off: the screen never changes, so only the repetition rule is in play.
  const s = setup([click(0), click(0), click(0), click(0)], {
    screen: () => new StaticScreen(),
    answer: (r, n) => ({ approvalId: r.id, verdict: n === 1 ? 'approve' : 'stop', approveRest: n === 1 }),
  });
  const r = await runAgent(s.deps, { goal: 'g', signal: signal(), settleMs: 0, verify: false });
  assert.equal(s.asked.length, 2, 'first step asked, second covered by approve-rest, third asked again');
  assert.equal(s.asked[1]!.step, 2);
  assert.equal(s.asked[1]!.risk.tier, 'high');
  assert.match(s.asked[1]!.risk.reasons.join(' '), /paused: "click #0" already ran 2 times on this same screen/);
  assert.equal(r.status, 'stopped');
  assert.equal(s.input.injected.length, 2);
  assert.ok(s.events.some((e) => e.type === 'notice' && /paused/.test(e.message)));
});

test('an action that flips the screen back and forth is paused on its third run on the same screen', async () => {
  const s = setup(Array.from({ length: 8 }, () => click(0)), {
    screen: (input) => new ToggleScreen(input),
    answer: (r, n) => ({ approvalId: r.id, verdict: n === 1 ? 'approve' : 'stop', approveRest: n === 1 }),
  });
  const r = await runAgent(s.deps, { goal: 'g', signal: signal(), settleMs: 0 });
  // Screens before each click: A, B, A, B, A -> the fifth click is the third on screen A.
  assert.equal(s.input.injected.length, 4);
  assert.equal(s.asked.at(-1)!.step, 4);
  assert.match(s.asked.at(-1)!.risk.reasons.join(' '), /paused/);
  assert.equal(r.status, 'stopped');
});

test('once a person confirms the repeated action, the run goes on and counts afresh', async () => {
  const s = setup([click(0), click(0), click(0), click(0)], { screen: () => new StaticScreen() });
  const r = await runAgent(s.deps, { goal: 'g', signal: signal(), settleMs: 0, verify: false });
  assert.equal(r.status, 'done');
  assert.equal(s.input.injected.length, 4);
  assert.deepEqual(s.asked.map((a) => a.risk.tier), ['normal', 'normal', 'high', 'normal']);
});

test('a stop in the middle of a long text stops typing at the next chunk and releases at once', async () => {
  const ac = new AbortController();
  const s = setup([{ kind: 'type', text: 'y'.repeat(200) }]);
  void s.clock.sleep(2500).then(() => ac.abort());
  const r = await runAgent(s.deps, { goal: 'g', signal: ac.signal, settleMs: 0, verify: false, limits: { maxCharsPerSecond: 20 } });
  assert.equal(r.status, 'stopped');
  const typed = s.input.injected.filter((e) => e.kind === 'type').map((e) => (e.kind === 'type' ? e.text : '')).join('');
  assert.ok(typed.length > 0 && typed.length <= 60, `${typed.length} chars typed`);
  assert.ok(s.input.injected.every((e) => e.at <= 2500), 'no event after the stop');
  const release = s.input.events.find((e) => e.kind === 'releaseAll');
  assert.equal(release?.at, 2500, 'released at the moment of the stop');
});

test('the corner fail-safe of the driver stops the run with its message', async () => {
  const s = setup([click(0), click(1)]);
  const inner = s.deps.input;
  let n = 0;
  s.deps.input = Object.assign(Object.create(inner) as typeof inner, {
    click: async (...a: Parameters<typeof inner.click>) => {
      if (++n === 2) throw Object.assign(new Error('fail-safe: the mouse was pushed into a screen corner'), { code: 'MAGMA_FAILSAFE' });
      return inner.click(...a);
    },
  });
  const r = await runAgent(s.deps, { goal: 'g', signal: signal(), settleMs: 0 });
  assert.equal(r.status, 'stopped');
  assert.match(r.reason, /fail-safe/);
  assert.equal(s.input.injected.length, 1);
});

test('a planner that returns an invalid action fails the run with nothing asked or sent', async () => {
  const bad = [{ ok: true, action: { kind: 'click', target: { point: { space: 'screen', x: Number.NaN, y: 1 } } }, reasoning: '' }, { ok: true, action: { kind: 'launch_missiles' }, reasoning: '' }];
  for (const p of bad) {
    const s = setup([p as never]);
    const r = await runAgent(s.deps, { goal: 'g', signal: signal(), settleMs: 0 });
    assert.equal(r.status, 'failed');
    assert.match(r.reason, /invalid action/);
    assert.equal(s.asked.length, 0);
    assert.equal(s.input.injected.length, 0);
  }
});
