/** S16: no-op detection after each action, one retry through the gate, then stop and ask. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApprovalRequest, Decision } from '../../electron/common/approval.js';
import type { Action } from '../../electron/common/actions.js';
import type { RunEvent } from '../../electron/common/run-events.js';
import { RecordingInputDriver } from '../../electron/adapters/input-recording.js';
import { runAgent, type AgentDeps } from '../../electron/agent/loop/run-agent.js';
import type { ApprovalChannel } from '../../electron/agent/ports.js';
import { fixedPerceiver, textElement } from '../support/fakes.js';
import { ScriptedPlanner, StaticScreen, VirtualClock, fillRect } from './support.js';

const marks = [textElement(0, 'OK', [10, 10, 30, 30]), textElement(1, 'Name', [10, 60, 40, 75])];
const click0: Action = { kind: 'click', target: { mark: 0 } };

function setup(actions: Action[], paint: (n: number, img: import('../../electron/agent/ports.js').RgbaImage, input: RecordingInputDriver) => void, answer?: (r: ApprovalRequest, n: number) => Decision) {
  const clock = new VirtualClock();
  const input = new RecordingInputDriver(clock.now);
  const screen = new StaticScreen();
  screen.paint = (n, img) => paint(n, img, input);
  const asked: ApprovalRequest[] = [];
  const events: RunEvent[] = [];
  const approvals: ApprovalChannel = { request: async (r) => { asked.push(r); return (answer ?? ((x) => ({ approvalId: x.id, verdict: 'approve' as const })))(r, asked.length); } };
  const deps: AgentDeps = { screen, input, perceiver: fixedPerceiver(marks), markImage: (i) => i, planner: new ScriptedPlanner(actions), approvals, clock, emit: (e) => events.push(e) };
  return { clock, input, screen, asked, events, deps };
}
const run = (deps: AgentDeps) => runAgent(deps, { goal: 'g', signal: new AbortController().signal, settleMs: 100 });
const clicks = (input: RecordingInputDriver) => input.events.filter((e) => e.kind === 'click').length;

test('a click that changes nothing is retried once, asked again at the gate, then the run stops and says why', async () => {
  const s = setup([click0, { kind: 'click', target: { mark: 1 } }], () => undefined);
  const r = await run(s.deps);
  assert.equal(r.status, 'stopped');
  assert.match(r.reason, /changed nothing on screen, also after one retry/);
  assert.equal(clicks(s.input), 2, 'the first try and one retry, nothing more');
  assert.equal(s.asked.length, 2, 'the retry went through the gate');
  assert.match(s.asked[1]!.risk.reasons.join(' '), /retry/);
  assert.ok(s.events.some((e) => e.type === 'notice' && /changed nothing on screen; trying once more/.test(e.message)));
});

test('a retry that works lets the run go on', async () => {
  const s = setup([click0, { kind: 'click', target: { mark: 1 } }], (_n, img, input) => { for (let c = 2; c <= clicks(input); c++) fillRect(img, 60 + c * 20, 50, 75 + c * 20, 90, 0); });
  const r = await run(s.deps);
  assert.equal(r.status, 'done', r.reason);
  assert.equal(clicks(s.input), 3);
});

test('an effect that shows only after a second look is not retried (slow UIs are not clicked twice)', async () => {
  // Captures: 0 proposal, 1 re-check, 2 after settle (nothing yet), 3 the later look (changed).
  const s = setup([click0], (n, img) => { if (n >= 3) fillRect(img, 100, 50, 140, 90, 0); });
  const r = await run(s.deps);
  assert.equal(r.status, 'done', r.reason);
  assert.equal(clicks(s.input), 1);
});

test('a blinking region (caret, clock) is volatile and does not count as an effect', async () => {
  const s = setup([click0], (n, img) => { if (n % 2 === 1) fillRect(img, 150, 80, 152, 96, 0); });
  const r = await run(s.deps);
  assert.equal(r.status, 'stopped');
  assert.match(r.reason, /changed nothing/);
});

test('typed text that lands far from the field it was meant for (focus elsewhere) is a no-op', async () => {
  const type: Action = { kind: 'type', text: 'hello', target: { mark: 1 } };
  // After typing, text appears at the top right, far from the "Name" field at the bottom left.
  const s = setup([type], (_n, img, input) => { if (input.events.some((e) => e.kind === 'type')) fillRect(img, 160, 0, 200, 12, 0); });
  const r = await run(s.deps);
  assert.equal(r.status, 'stopped');
  assert.equal(s.input.events.filter((e) => e.kind === 'type').length, 2);
});

test('typed text that appears beside its label counts as an effect', async () => {
  const type: Action = { kind: 'type', text: 'hello', target: { mark: 1 } };
  const s = setup([type], (_n, img, input) => { if (input.events.some((e) => e.kind === 'type')) fillRect(img, 50, 62, 90, 74, 0); });
  const r = await run(s.deps);
  assert.equal(r.status, 'done', r.reason);
});

test('copying (ctrl+c) shows nothing by design and is not called a no-op', async () => {
  const s = setup([{ kind: 'press', keys: ['ctrl', 'c'] }], () => undefined);
  const r = await run(s.deps);
  assert.equal(r.status, 'done', r.reason);
  assert.equal(s.input.injected.length, 1);
});

test('a skipped retry sends nothing more and the run continues with the planner', async () => {
  const s = setup([click0], () => undefined, (r, n) => ({ approvalId: r.id, verdict: n === 2 ? 'skip' : 'approve' }));
  const r = await run(s.deps);
  assert.equal(r.status, 'done');
  assert.equal(clicks(s.input), 1);
});

test('the previous control losing its hover highlight when the pointer leaves is not an effect of the next click', async () => {
  // Mark 0 is highlighted while the pointer rests on it; clicking mark 1 only removes that highlight.
  const s = setup([click0, { kind: 'click', target: { mark: 1 } }], (_n, img, input) => {
    const last = input.events.filter((e) => e.kind === 'click').at(-1);
    if (last?.kind === 'click' && last.p.x === 20 && last.p.y === 20) fillRect(img, 10, 10, 30, 30, 0);
  });
  const r = await run(s.deps);
  assert.equal(r.status, 'stopped');
  assert.match(r.reason, /"click #1" changed nothing/);
});
