/**
 * S1/S9/S15 fuzz harness: one randomized run of the real loop (gate, executor, guarded input) with random planner
 * replies, random approval behaviour (approve, approve-the-rest, skip, stop, edit, timeout, late, wrong id,
 * malformed, throwing), random stop times, random screens and random limits, on a virtual clock with the recording
 * driver. checkS1Case returns every violated invariant (empty = fine); tests/safety/s1-fuzz.test.ts and
 * scripts/safety-fuzz.ts both use it.
 */
import fc from 'fast-check';
import type { Action } from '../../electron/common/actions.js';
import type { ApprovalRequest, Decision } from '../../electron/common/approval.js';
import type { RunEvent } from '../../electron/common/run-events.js';
import { RecordingInputDriver, type InputEvent } from '../../electron/adapters/input-recording.js';
import { runAgent, type RunResult } from '../../electron/agent/loop/run-agent.js';
import type { PlanContext, Planner, Proposal } from '../../electron/agent/planner/planner.js';
import type { ApprovalChannel, ScreenSource } from '../../electron/agent/ports.js';
import { FakeScreen, fixedPerceiver, textElement } from '../support/fakes.js';
import { MemoryLog, StaticScreen, ToggleScreen, VirtualClock, maxInWindow } from './support.js';

const marks = [
  textElement(0, '7', [10, 10, 30, 30]), textElement(1, 'Delete', [40, 10, 80, 30]), textElement(2, 'Password', [90, 10, 140, 30]),
  textElement(3, 'Send', [10, 50, 40, 70]), textElement(4, 'Name', [60, 50, 100, 70]),
];

const point = fc.record({ space: fc.constantFrom('screen', 'image', 'normalized', 'box1000'), x: fc.oneof(fc.double({ min: -50, max: 1200, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), y: fc.oneof(fc.double({ min: -50, max: 1200, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })) });
const target = fc.oneof({ weight: 4, arbitrary: fc.record({ mark: fc.integer({ min: 0, max: 5 }) }) }, { weight: 1, arbitrary: fc.record({ point }) });
const keys: fc.Arbitrary<string[]> = fc.oneof(
  fc.constantFrom(['enter'], ['ctrl', 'c'], ['alt', 'f4'], ['ctrl', 'w'], ['delete'], ['tab'], ['ctrl', 'shift', 'q'], ['a']).map((k) => [...k]),
  fc.array(fc.constantFrom('ctrl', 'alt', 'shift', 'x', 'f4', 'enter'), { minLength: 1, maxLength: 3 }),
);
const text = fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom('hunter2hunter2!', '4111 1111 1111 1111', 'sk-abcdefghijklmnop1234', 'hello'), fc.string({ minLength: 1, maxLength: 400 }));

const inputAction: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constantFrom('click' as const, 'double_click' as const, 'right_click' as const), target }),
  fc.record({ kind: fc.constant('type' as const), text, target: fc.option(target, { nil: undefined }) }).map((a) => (a.target ? a : { kind: a.kind, text: a.text })),
  fc.record({ kind: fc.constant('press' as const), keys }),
  fc.record({ kind: fc.constant('scroll' as const), direction: fc.constantFrom('up' as const, 'down' as const), amount: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('drag' as const), from: target, to: target }),
);
const proposal: fc.Arbitrary<Proposal | { ok: true; action: unknown; reasoning: string }> = fc.oneof(
  { weight: 30, arbitrary: inputAction.map((action) => ({ ok: true as const, action, reasoning: 'fuzz' })) },
  { weight: 1, arbitrary: fc.constantFrom<Proposal>({ ok: true, action: { kind: 'done' }, reasoning: '' }, { ok: true, action: { kind: 'wait', ms: 500 }, reasoning: '' }, { ok: true, action: { kind: 'answer', text: '42' }, reasoning: '' }, { ok: false, error: 'cannot parse' }) },
  { weight: 1, arbitrary: fc.anything().map((action) => ({ ok: true as const, action, reasoning: 'garbage' })) },
);

export type Behaviour = 'approve' | 'approve_rest' | 'skip' | 'stop' | 'edit' | 'timeout' | 'late' | 'wrong_id' | 'malformed' | 'throw' | 'slow_approve';
const behaviour = fc.constantFrom<Behaviour>('approve', 'approve', 'approve', 'approve', 'approve', 'approve', 'approve_rest', 'approve_rest', 'skip', 'stop', 'edit', 'timeout', 'late', 'wrong_id', 'malformed', 'throw', 'slow_approve');

export const s1Case = fc.record({
  proposals: fc.array(proposal, { minLength: 1, maxLength: 12 }),
  answers: fc.array(behaviour, { minLength: 1, maxLength: 12 }),
  stopAt: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: undefined, freq: 2 }),
  screen: fc.constantFrom('fake', 'static', 'toggle'),
  /** Capture numbers at which the screen is painted over (changes between approval and execution). */
  disturb: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 3 }),
  verify: fc.boolean(),
  limits: fc.record({
    maxSteps: fc.integer({ min: 1, max: 15 }),
    maxWallMs: fc.integer({ min: 500, max: 60_000 }),
    maxActionsPerSecond: fc.integer({ min: 1, max: 20 }),
    maxCharsPerSecond: fc.integer({ min: 5, max: 200 }),
    maxTextLength: fc.integer({ min: 5, max: 2000 }),
  }),
  approvalTimeoutMs: fc.integer({ min: 50, max: 5000 }),
});
export type S1Case = typeof s1Case extends fc.Arbitrary<infer T> ? T : never;

class FuzzPlanner implements Planner {
  readonly name = 'fuzz';
  readonly needsElements = true;
  private i = 0;
  constructor(private readonly ps: readonly unknown[]) {}
  async next(_c: PlanContext): Promise<Proposal> {
    return (this.ps[this.i++] as Proposal | undefined) ?? { ok: true, action: { kind: 'done' }, reasoning: '' };
  }
  edit(): { ok: true } {
    return { ok: true };
  }
}

export interface S1Outcome {
  violations: string[];
  result?: RunResult;
  injected: number;
  requests: number;
  stopped: boolean;
}

/** Input kinds each action may produce, in order (type/scroll may first click/move the target). */
function eventsFit(a: Action, evs: InputEvent[]): boolean {
  const kinds = evs.map((e) => e.kind).join(',');
  switch (a.kind) {
    case 'click': return evs.every((e) => e.kind === 'click' && e.button === 'left' && e.count === 1) && evs.length <= 1;
    case 'double_click': return evs.every((e) => e.kind === 'click' && e.count === 2) && evs.length <= 1;
    case 'right_click': return evs.every((e) => e.kind === 'click' && e.button === 'right') && evs.length <= 1;
    case 'type': return /^(click)?(,?type)*$/.test(kinds) && evs.filter((e) => e.kind === 'type').map((e) => (e.kind === 'type' ? e.text : '')).join('').length <= a.text.length;
    case 'press': return kinds === '' || kinds === 'press';
    case 'scroll': return /^(move)?,?(scroll)?$/.test(kinds);
    case 'drag': return kinds === '' || kinds === 'drag';
    default: return evs.length === 0;
  }
}

export async function checkS1Case(c: S1Case): Promise<S1Outcome> {
  const v: string[] = [];
  const clock = new VirtualClock();
  const input = new RecordingInputDriver(clock.now);
  const audit = new MemoryLog();
  const log = new MemoryLog();
  const emitted: RunEvent[] = [];
  let screen: ScreenSource;
  if (c.screen === 'fake') screen = new FakeScreen(input);
  else if (c.screen === 'toggle') screen = new ToggleScreen(input);
  else screen = new StaticScreen();
  const base = screen.capture.bind(screen);
  let captures = 0;
  screen.capture = async (id?: string) => {
    const f = await base(id);
    if (c.disturb.includes(captures++)) f.image.data.fill(40, 0, f.image.data.length / 2);
    return f;
  };

  // What the person (this channel) actually answered, and when.
  const answered = new Map<string, { d: Decision; at: number; req: ApprovalRequest }>();
  const requests: ApprovalRequest[] = [];
  let n = 0;
  const approvals: ApprovalChannel = {
    request: async (req, signal) => {
      requests.push(req);
      const b = c.answers[n++ % c.answers.length]!;
      const answer = (d: Decision) => { answered.set(req.id, { d, at: clock.now(), req }); return d; };
      switch (b) {
        case 'approve': return answer({ approvalId: req.id, verdict: 'approve' });
        case 'approve_rest': return answer({ approvalId: req.id, verdict: 'approve', approveRest: true });
        case 'skip': return answer({ approvalId: req.id, verdict: 'skip' });
        case 'stop': return answer({ approvalId: req.id, verdict: 'stop' });
        case 'edit': return answer({ approvalId: req.id, verdict: 'edit', edit: 'click 7' });
        case 'timeout': return new Promise<Decision>(() => undefined);
        case 'late': await clock.sleep(c.approvalTimeoutMs + 10, signal); return answer({ approvalId: req.id, verdict: 'approve' });
        case 'slow_approve': await clock.sleep(c.approvalTimeoutMs / 2, signal); return answer({ approvalId: req.id, verdict: 'approve' });
        case 'wrong_id': return answer({ approvalId: `${req.id}-other`, verdict: 'approve' });
        case 'malformed': return { approvalId: req.id, verdict: 'yes please' } as unknown as Decision;
        case 'throw': throw new Error('channel closed');
      }
    },
  };

  const ac = new AbortController();
  let abortIndex: number | undefined;
  if (c.stopAt !== undefined) void clock.sleep(c.stopAt).then(() => { abortIndex = input.events.length; ac.abort(); });

  let result: RunResult | undefined;
  try {
    result = await runAgent(
      { screen, input, perceiver: fixedPerceiver(marks), markImage: (i) => i, planner: new FuzzPlanner(c.proposals), approvals, clock, audit, log, emit: (e) => emitted.push(e) },
      { goal: 'fuzz', signal: ac.signal, settleMs: 50, verify: c.verify, approvalTimeoutMs: c.approvalTimeoutMs, maxSteps: c.limits.maxSteps, limits: c.limits },
    );
  } catch (e) {
    v.push(`runAgent threw: ${(e as Error).message}`);
  }
  if (!ac.signal.aborted) ac.abort();

  const injected = input.injected;
  const inputs = audit.records.filter((r) => r.type === 'input') as { approvalId: string; event: { kind: string }; step: number }[];
  // S15: every injected event has its audit record, in order.
  if (inputs.length !== injected.length) v.push(`${injected.length} input events but ${inputs.length} audit input records`);
  for (let i = 0; i < Math.min(inputs.length, injected.length); i++) if (inputs[i]!.event.kind !== injected[i]!.kind) v.push(`event ${i}: ${injected[i]!.kind} but the audit says ${inputs[i]!.event.kind}`);

  // S1: every event runs under an approval the person gave for that very action (or approve-the-rest for a normal step).
  const decided = audit.records.filter((r) => r.type === 'approval_decided') as { decision: Decision; by: string }[];
  // Requests as the gate emitted them, unredacted (approve-the-rest decides without asking the channel).
  const requested = new Map(emitted.flatMap((e) => (e.type === 'approval_requested' ? [[e.request.id, e.request] as const] : [])));
  const auditRequests = new Set((audit.records.filter((r) => r.type === 'approval_requested') as { request: { id: string } }[]).map((r) => r.request.id));
  for (const id of requested.keys()) if (!auditRequests.has(id)) v.push(`request ${id} missing from the audit log`);
  const byApproval = new Map<string, InputEvent[]>();
  inputs.forEach((rec, i) => { if (injected[i]) byApproval.set(rec.approvalId, [...(byApproval.get(rec.approvalId) ?? []), injected[i]!]); });
  for (const [id, evs] of byApproval) {
    const req = requested.get(id);
    if (!req) { v.push(`input under approval ${id}, which was never requested`); continue; }
    const d = decided.find((x) => x.decision.approvalId === id);
    if (!d || d.decision.verdict !== 'approve') { v.push(`input under ${id} without an approve decision`); continue; }
    const mine = answered.get(id);
    if (d.by === 'user') {
      if (!mine || mine.d.verdict !== 'approve' || mine.d.approvalId !== id) v.push(`gate says the user approved ${id}, the channel did not`);
      else if (mine.at > req.expiresAt) v.push(`approval ${id} arrived after it expired but was used`);
    } else if (d.by === 'rest-of-run') {
      if (req.risk.tier !== 'normal') v.push(`high-risk step ${id} ran under approve-the-rest`);
      const earlier = [...answered.values()].some((a) => a.d.verdict === 'approve' && a.d.approveRest && a.at <= clock.now() && a.d.approvalId === a.req.id && a.req.runId === req.runId);
      if (!earlier) v.push(`approve-the-rest used for ${id} but nobody chose it`);
    } else v.push(`unknown approver ${d.by}`);
    if (!eventsFit(req.action, evs)) v.push(`events ${evs.map((e) => e.kind).join(',')} do not fit the approved ${req.action.kind}`);
  }
  // S4: nothing after a stop.
  if (abortIndex !== undefined) {
    const late = input.events.slice(abortIndex).filter((e) => e.kind !== 'releaseAll');
    if (late.length) v.push(`${late.length} input events after the stop`);
  }
  if (input.events.length && input.events.at(-1)!.kind !== 'releaseAll') v.push('the run ended without releasing keys and buttons');
  // S9: limits, counted on what the driver saw.
  const nonType = injected.filter((e) => e.kind !== 'type');
  if (maxInWindow(nonType) > c.limits.maxActionsPerSecond) v.push(`${maxInWindow(nonType)} events in one second, cap ${c.limits.maxActionsPerSecond}`);
  const chars = injected.flatMap((e) => (e.kind === 'type' ? [{ at: e.at, n: Array.from(e.text).length }] : []));
  if (maxInWindow(chars) > c.limits.maxCharsPerSecond) v.push(`${maxInWindow(chars)} chars in one second, cap ${c.limits.maxCharsPerSecond}`);
  for (const [id, evs] of byApproval) {
    const typed = evs.filter((e) => e.kind === 'type').map((e) => (e.kind === 'type' ? e.text : '')).join('');
    if (typed.length > c.limits.maxTextLength) v.push(`typed ${typed.length} chars under ${id}, cap ${c.limits.maxTextLength}`);
  }
  if (byApproval.size > c.limits.maxSteps) v.push(`${byApproval.size} approved actions ran, step cap ${c.limits.maxSteps}`);
  const lastAt = injected.at(-1)?.at ?? 0;
  if (lastAt > c.limits.maxWallMs) v.push(`input at ${lastAt} ms, wall cap ${c.limits.maxWallMs}`);
  // S13: no secret from the fuzz vocabulary reaches a record.
  const onDisk = JSON.stringify(audit.records) + JSON.stringify(log.records);
  for (const s of ['hunter2hunter2!', '4111 1111 1111 1111', 'sk-abcdefghijklmnop1234']) if (onDisk.includes(s)) v.push(`secret "${s}" in a record`);
  return { violations: v, result, injected: injected.length, requests: requests.length, stopped: c.stopAt !== undefined };
}
