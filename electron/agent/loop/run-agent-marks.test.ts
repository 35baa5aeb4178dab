/**
 * Person numbers through the whole loop: a person's `#n` and a model's mark both reach the approval and the
 * input as the same, stable person number, while the screen's model numbering shifts between steps.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApprovalRequest } from '../../common/approval.js';
import type { Element } from '../../common/elements.js';
import type { RunEvent } from '../../common/run-events.js';
import { RecordingInputDriver } from '../../adapters/input-recording.js';
import { CommandPlanner } from '../planner/command.js';
import type { Planner, Proposal } from '../planner/planner.js';
import type { ApprovalChannel, RgbaImage } from '../ports.js';
import type { Perceiver } from './run-agent.js';
import { runAgent } from './run-agent.js';
import { FakeScreen, instantClock, textElement } from '../../../tests/support/fakes.js';

const keys = [textElement(0, '7', [10, 40, 30, 60]), textElement(1, '*', [40, 40, 60, 60]), textElement(2, 'Delete', [70, 40, 110, 60])];
/** Step 2's screen: a display reading appears above the keys (model ids shift by one) and "Delete" is gone. */
const shifted = [textElement(0, '39', [150, 2, 190, 12]), textElement(1, '7', [10, 40, 30, 60]), textElement(2, '*', [40, 40, 60, 60])];

function frames(...seq: Element[][]): Perceiver {
  let n = 0;
  return { perceive: async () => ({ elements: seq[Math.min(n++, seq.length - 1)]!, timings_ms: {} }) };
}

function setup(planner: Planner, perceiver: Perceiver) {
  const input = new RecordingInputDriver();
  const events: RunEvent[] = [];
  const asked: ApprovalRequest[] = [];
  const approvals: ApprovalChannel = { request: async (r) => (asked.push(r), { approvalId: r.id, verdict: 'approve' }) };
  const deps = { screen: new FakeScreen(input), input, perceiver, markImage: (i: RgbaImage) => i, planner, approvals, clock: instantClock, emit: (e: RunEvent) => events.push(e) };
  return { input, events, asked, deps };
}
const clicks = (input: RecordingInputDriver) => input.injected.map((e) => e.kind === 'click' && [e.p.x, e.p.y]);
// The fake screen shows one click per spot, so a second click on "*" changes nothing: effect checks are off.
const run = (deps: Parameters<typeof runAgent>[0]) => runAgent(deps, { goal: 'x', signal: new AbortController().signal, settleMs: 0, verify: false });

test('"click #1" twice hits "*" both times, though on the second screen the model numbers "*" 2', async () => {
  const s = setup(new CommandPlanner('click #1; click #1'), frames(keys, shifted));
  const r = await run(s.deps);
  assert.equal(r.status, 'done', r.reason);
  assert.deepEqual(clicks(s.input), [[50, 50], [50, 50]]);
  assert.deepEqual(s.asked.map((q) => q.description), ['click #1 "*" (screen parser) at (50, 50)', 'click #1 "*" (screen parser) at (50, 50)']);
  const perceived = s.events.filter((e): e is Extract<RunEvent, { type: 'perceived' }> => e.type === 'perceived');
  assert.deepEqual(perceived[1]!.elements.map((e) => [e.text, e.id, e.mark]), [['39', 0, 3], ['7', 1, 0], ['*', 2, 1]], 'events carry both numbers');
});

test('"click #2" after "Delete" (#2) left the screen is refused, naming what #2 was, and sends nothing', async () => {
  const s = setup(new CommandPlanner('click #0; click #2'), frames(keys, shifted));
  const r = await run(s.deps);
  assert.equal(r.status, 'failed');
  assert.match(r.reason, /#2 was the "Delete" text; it is no longer on screen, and its number is not given to anything else in this run\. Marks now near where it was: #1 "\*", #0 "7"/);
  assert.deepEqual(clicks(s.input), [[20, 50]], 'only the first step ran');
});

test('a label resolves to its person number: "click *" on the shifted screen asks to click #1', async () => {
  const s = setup(new CommandPlanner('click 7; click *'), frames(keys, shifted));
  const r = await run(s.deps);
  assert.equal(r.status, 'done', r.reason);
  assert.deepEqual(s.asked.map((q) => q.action), [{ kind: 'click', target: { mark: 0 } }, { kind: 'click', target: { mark: 1 } }]);
});

test("a model's mark (its image's 0..n-1) is shown for approval and sent as the person's number", async () => {
  // A model planner: on the shifted screen it names mark 2, which is "*" on its image.
  let n = 0;
  const model: Planner = {
    name: 'fake-model',
    needsElements: true,
    next: async (): Promise<Proposal> => (n++ === 0 ? { ok: true, action: { kind: 'wait', ms: 1 }, reasoning: '' } : n === 2 ? { ok: true, action: { kind: 'click', target: { mark: 2 } }, reasoning: 'Mark: 2' } : { ok: true, action: { kind: 'done' }, reasoning: '' }),
  };
  const s = setup(model, frames(keys, shifted));
  const r = await run(s.deps);
  assert.equal(r.status, 'done', r.reason);
  assert.deepEqual(s.asked.map((q) => [q.action, q.description]), [[{ kind: 'click', target: { mark: 1 } }, 'click #1 "*" (screen parser) at (50, 50)']]);
  assert.deepEqual(clicks(s.input), [[50, 50]]);
});
