/**
 * runAgent: observe -> perceive -> plan -> gate -> act -> verify, until the planner says done, a limit is hit,
 * or the signal stops it. The same function runs in the CLI, the browser shell, the Electron app and the tests.
 * Invariants:
 * - no input event without an Approved<ResolvedAction> from the gate; every event is sent through GuardedInput,
 *   which refuses events outside an approved step and writes an audit record before each one (S1, S15);
 * - after a stop no new event starts and held keys/buttons are released at once, not when the step ends (S4);
 * - limits: steps, wall time, events/s, chars/s, text length; the same action a third time on an unchanged
 *   screen pauses the run and asks (S9);
 * - after each action the screen must change where it should; a no-op is retried once (through the gate again),
 *   a second no-op stops the run and asks the person to look (S16);
 * - everything written to disk (run log, audit log) is redacted (S13).
 */
import { ActionSchema, actionTargets, describeAction, isInputAction, type Action } from '../../common/actions.js';
import type { Risk } from '../../common/approval.js';
import type { Element } from '../../common/elements.js';
import type { ImageBox } from '../../common/geometry.js';
import type { RunEvent } from '../../common/run-events.js';
import { Executor, ExecutionRefused, type ExecutorOptions } from '../execution/executor.js';
import { GuardedInput } from '../execution/guarded-input.js';
import { resolveAction } from '../execution/resolve.js';
import { detectEffect } from '../execution/verify.js';
import { approvalRegion, changedPixels, regionDifference, regionSignature } from '../frame-region.js';
import type { PlanContext, Planner, StepRecord } from '../planner/planner.js';
import type { AccessibilitySource, ApprovalChannel, Clock, Frame, InputDriver, RgbaImage, RunLog, ScreenSource } from '../ports.js';
import type { PerceiveExtras } from '../perception/perceiver.js';
import { ApprovalGate } from '../safety/gate.js';
import { actionKey, actionLimitProblem, RepetitionGuard, resolveLimits, screenFingerprint, type RunLimits } from '../safety/limits.js';
import { redactRecord } from '../safety/redact.js';
import { RunSafety } from '../safety/monitor.js';
import type { RiskOpinion } from '../safety/second-opinion.js';
import { FrameStore } from './frame-store.js';
import { MarkBook, toPersonMarks } from './mark-numbers.js';
import { inkBox } from '../perception/ink-box.js';
import { readTree, type TreeRead } from './tree-read.js';

export interface Perceiver {
  perceive(image: RgbaImage, signal?: AbortSignal, extras?: PerceiveExtras): Promise<{ elements: Element[]; timings_ms: Record<string, number> }>;
}

export interface AgentDeps {
  screen: ScreenSource;
  input: InputDriver;
  perceiver: Perceiver;
  /**
   * Draws the Set-of-Mark image the model sees: MAGMA's drawing (perception's drawMarks) with element.id, the
   * 0..n-1 numbering it was trained on. People see another drawing (common/people-marks.ts, person numbers).
   */
  markImage: (image: RgbaImage, elements: readonly Element[]) => RgbaImage;
  planner: Planner;
  approvals: ApprovalChannel;
  clock: Clock;
  frames?: FrameStore;
  log?: RunLog;
  /**
   * Audit sink (electron/adapters/audit-log.ts chains records with SHA-256): every proposal, approval request,
   * decision and input event, redacted, written before the input it describes is sent.
   */
  audit?: RunLog;
  emit?: (e: RunEvent) => void;
  executor?: ExecutorOptions;
  /** A second opinion on each normal-risk step from the configured model (safety/second-opinion.ts); it can only raise the tier. */
  riskOpinion?: RiskOpinion;
  /**
   * The accessibility tree (issue #15; Settings' "accessibility tree" source): read for every frame perception
   * sees, fused with vision. Absent: vision only. A read that fails or times out leaves that step to vision.
   */
  accessibility?: AccessibilitySource;
  /** false: the screen parser is off and the tree alone gives the marks (vision still runs where no tree came). */
  vision?: boolean;
  /** How long a tree read may take before the step goes on without it (tree-read.ts TREE_READ_TIMEOUT_MS). */
  treeTimeoutMs?: number;
}

export interface RunOptions {
  goal: string;
  signal: AbortSignal;
  maxSteps?: number;
  displayId?: string;
  approvalTimeoutMs?: number;
  /** Time for the UI to react before the verification capture (ms). */
  settleMs?: number;
  runId?: string;
  /** Limits beyond maxSteps (safety/limits.ts DEFAULT_LIMITS); maxSteps above wins over limits.maxSteps. */
  limits?: Partial<RunLimits>;
  /** Check that each action changed the screen; retry a no-op once, then stop and ask (default true). */
  verify?: boolean;
}

export interface RunResult {
  status: 'done' | 'failed' | 'stopped' | 'refused';
  reason: string;
  steps: StepRecord[];
  answer?: string;
  /** Input actions executed (each with its approval). */
  executed: number;
}

/** Fraction of the approval region that may change before the step must be approved again (S2). */
const REGION_CHANGE_LIMIT = 0.05;
/** More than this many changed pixels after an action counts as "the screen changed". */
const CHANGED_PIXELS = 8;
/** Events that are not written to the audit log (large, and neither a proposal, a decision nor an input). */
const NOT_AUDITED = new Set<RunEvent['type']>(['perceived', 'reasoning']);

function bounded(s: string, max = 500): string {
  return s.length > max ? `${s.slice(0, max)}... (${s.length - max} more characters)` : s;
}

function isFailSafe(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'MAGMA_FAILSAFE';
}

export async function runAgent(deps: AgentDeps, opts: RunOptions): Promise<RunResult> {
  const runId = opts.runId ?? globalThis.crypto.randomUUID();
  const limits = resolveLimits(opts.limits, opts.maxSteps);
  const maxSteps = limits.maxSteps;
  const verify = opts.verify ?? true;
  const settleMs = opts.settleMs ?? 250;
  const frames = deps.frames ?? new FrameStore();
  const history: StepRecord[] = [];
  const sensitive: string[] = [];
  const write = (sink: RunLog | undefined, record: Record<string, unknown>) => {
    if (sink) sink.write(redactRecord(record, sensitive));
  };
  const emit = (e: RunEvent) => {
    deps.emit?.(e);
    const record = { runId, ...e, t: deps.clock.now() };
    write(deps.log, record);
    if (!NOT_AUDITED.has(e.type)) write(deps.audit, record);
  };

  // The run's own stop: the caller's signal, or a limit (wall time) firing.
  const limitStop = new AbortController();
  let limitReason: string | undefined;
  const signal = AbortSignal.any([opts.signal, limitStop.signal]);
  const startedAt = deps.clock.now();
  const wallTimer = new AbortController();
  void (async () => {
    // Sleeps in slices and re-reads the clock, so a fake clock's short sleeps cannot fire the limit early.
    for (;;) {
      const left = startedAt + limits.maxWallMs - deps.clock.now();
      if (left <= 0) break;
      await deps.clock.sleep(Math.min(left, 1000), wallTimer.signal);
    }
    limitReason = `the run hit its time limit of ${Math.round(limits.maxWallMs / 1000)} s`;
    limitStop.abort(new Error(limitReason));
  })().catch(() => undefined);
  // A stop releases held keys and buttons at once, even while a step is still executing.
  const onAbort = () => void deps.input.releaseAll().catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });

  const safety = new RunSafety(opts.goal, deps.riskOpinion);
  const gate = new ApprovalGate(deps.approvals, deps.clock, {
    runId,
    timeoutMs: opts.approvalTimeoutMs ?? 10 * 60_000,
    onRequest: (request) => emit({ type: 'approval_requested', request }),
    onDecision: (decision, by) => emit({ type: 'approval_decided', decision, by }),
  });
  const guarded = new GuardedInput(deps.input, {
    clock: deps.clock,
    signal,
    maxActionsPerSecond: limits.maxActionsPerSecond,
    maxCharsPerSecond: limits.maxCharsPerSecond,
    beforeEvent: (event, ctx) => write(deps.audit, { runId, type: 'input', step: ctx.step, approvalId: ctx.approvalId, event, t: deps.clock.now() }),
  });
  const executor = new Executor(guarded, deps.executor);
  const repetition = new RepetitionGuard(limits.repeatLimit);
  // Person numbers for this run (mark-numbers.ts); the model keeps element.id, its 0..n-1 numbering.
  const marks = new MarkBook();
  let executed = 0;
  /** Tree problems already told in this run: one notice each, not one per step. */
  const treeTold = new Set<string>();

  const finish = async (status: RunResult['status'], reason: string, answer?: string): Promise<RunResult> => {
    wallTimer.abort();
    signal.removeEventListener('abort', onAbort);
    await deps.input.releaseAll().catch(() => undefined);
    emit({ type: 'run_finished', status, reason, at: deps.clock.now() });
    return { status, reason, steps: history, answer, executed };
  };
  const stopped = (reason = 'stopped by the user') => (limitReason ? finish('failed', limitReason) : finish('stopped', reason));

  emit({ type: 'run_started', runId, goal: opts.goal, planner: deps.planner.name, at: deps.clock.now() });
  let next: Frame | undefined;
  let step = 0;
  let asks = 0;
  /** A no-op action waiting for its one retry. */
  let retry: { action: Action; elements: readonly Element[]; description: string } | undefined;
  /** Where the previous pointer action landed (image px): leaving it may un-highlight it, which is no effect. */
  let lastTargetBoxes: ImageBox[] = [];
  try {
    while (step < maxSteps) {
      if (signal.aborted) return await stopped();
      if (++asks > maxSteps * 3) return await finish('failed', 'too many re-asks without progress');
      const timings: Record<string, number> = {};
      let t0 = deps.clock.now();
      const frame = next ?? (await deps.screen.capture(opts.displayId));
      next = undefined;
      timings.capture_ms = deps.clock.now() - t0;
      const stored = frames.put(frame);
      emit({ type: 'frame', step, frameId: frame.id, width: frame.image.width, height: frame.image.height, display: frame.geometry.display });

      const retrying = retry;
      retry = undefined;
      // The tree is read for the frame just captured, while nothing else waits on it; perception awaits it.
      const treeRead: Promise<TreeRead> | undefined =
        deps.accessibility && !retrying && deps.planner.needsElements ? readTree(deps.accessibility, frame.geometry, deps.clock, signal, deps.treeTimeoutMs) : undefined;
      let elements: readonly Element[];
      let action: Action;
      let reasoning = '';
      if (retrying) {
        // The screen did not change where it should: same marks, same action, asked again at the gate.
        elements = retrying.elements;
        stored.elements = elements;
        action = retrying.action;
        reasoning = `retry: "${retrying.description}" changed nothing on screen; trying once more`;
      } else {
        t0 = deps.clock.now();
        const tree = treeRead ? await treeRead : undefined;
        if (tree) timings.tree_ms = tree.ms;
        if (tree?.failed && !treeTold.has(tree.failed)) {
          treeTold.add(tree.failed);
          const more = /screen parser/.test(tree.failed) ? '' : '; the marks come from the screen parser alone until it answers again';
          emit({ type: 'notice', level: 'warn', message: `${tree.failed}${more}` });
        }
        const extras: PerceiveExtras = { ...(tree?.items ? { tree: tree.items } : {}), ...(deps.vision === false ? { vision: false } : {}) };
        const found = deps.planner.needsElements ? (await deps.perceiver.perceive(frame.image, signal, extras)).elements : [];
        // Person numbers, and where each control's label is drawn (the people's overlay keeps numbers off it).
        const perceived = marks.number(found).map((e) => (e.kind === 'text' || e.kind === 'link' ? e : { ...e, ink: inkBox(frame.image, e.bbox) }));
        elements = perceived;
        stored.elements = perceived;
        timings.perceive_ms = deps.clock.now() - t0;
        emit({
          type: 'perceived',
          step,
          frameId: frame.id,
          elements: perceived,
          ms: timings.perceive_ms,
          ...(tree ? { tree: { nodes: tree.items?.length ?? 0, ms: tree.ms, ...(tree.app ? { app: tree.app } : {}), ...(tree.note ? { note: tree.note } : {}), ...(tree.failed ? { failed: tree.failed } : {}) } } : {}),
        });

        t0 = deps.clock.now();
        const ctx: PlanContext = {
          goal: opts.goal,
          step,
          frame,
          elements,
          markedImage: () => (stored.marked ??= deps.markImage(frame.image, elements)),
          missingMark: (n) => marks.explainMissing(n, perceived),
          history,
          signal,
          onReasoning: (text) => {
            reasoning += text;
            emit({ type: 'reasoning', step, text });
          },
        };
        const proposal = await deps.planner.next(ctx);
        timings.plan_ms = deps.clock.now() - t0;
        if (signal.aborted) return await stopped();
        if (!proposal || typeof proposal !== 'object') return await finish('failed', 'the planner returned nothing');
        // A parser may echo a huge reply in its error; the run reports a bounded sentence.
        if (!proposal.ok) return await finish('failed', bounded(String(proposal.error)));
        // Defence in depth (S5): whatever a planner returns is validated again here.
        const valid = ActionSchema.safeParse(proposal.action);
        if (!valid.success) return await finish('failed', `the planner proposed an invalid action (${valid.error.issues[0]?.message ?? 'invalid'})`);
        // A model names the marks of its image (element.id); people and every event see person numbers.
        const mapped = deps.planner.numbering === 'person' ? { ok: true as const, action: valid.data } : toPersonMarks(valid.data, elements);
        if (!mapped.ok) return await finish('failed', mapped.error);
        action = mapped.action;
        reasoning = proposal.reasoning || reasoning;
      }

      if (!isInputAction(action)) {
        emit({ type: 'proposal', step, action, description: describeAction(action), reasoning });
        if (action.kind === 'done') return await finish('done', action.summary ?? 'the goal is done');
        if (action.kind === 'fail') return await finish('failed', action.reason);
        if (action.kind === 'answer') {
          emit({ type: 'answer', step, text: action.text });
          history.push({ step, description: describeAction(action), outcome: 'answered' });
          return await finish('done', 'answered', action.text);
        }
        if (action.kind !== 'wait') return await finish('failed', `cannot run "${action.kind}"`);
        await deps.clock.sleep(action.ms, signal).catch(() => undefined);
        history.push({ step, description: describeAction(action), outcome: 'executed' });
        step++;
        continue;
      }

      const resolved = resolveAction(action, frame, elements, (n) => marks.explainMissing(n, elements));
      const assessed = resolved.ok ? await safety.assess(resolved.value, elements.map((e) => e.text), signal) : undefined;
      let risk: Risk = assessed?.risk ?? { tier: 'normal', reasons: [] };
      if (assessed?.newSuspicion && deps.approvals.automatic) {
        // Nobody answers an automatic channel, so "every step asks" cannot hold: stop before this step.
        return await finish('stopped', `the screen shows text that tries to give the assistant instructions ("${assessed.newSuspicion}"); every step was being approved automatically, so nobody could check the next ones and the run stopped. Run it again and approve each step yourself`);
      }
      if (assessed?.newSuspicion) {
        gate.revokeApproveRest();
        emit({ type: 'notice', level: 'warn', message: `The screen shows text that tries to give the assistant instructions ("${assessed.newSuspicion}"). From now on every step asks you first, even if you chose to approve the rest.` });
      }
      if (assessed?.opinion && assessed.opinion.kind !== 'yes' && assessed.opinion.kind !== 'no') write(deps.log, { runId, type: 'second_opinion', step, result: assessed.opinion, t: deps.clock.now() });
      // Text typed into a password field, or that looks like a secret, never reaches a record on disk.
      if (action.kind === 'type' && risk.tier === 'high') sensitive.push(action.text);
      emit({ type: 'proposal', step, action, description: describeAction(action), reasoning });
      if (!resolved.ok) return await finish('failed', bounded(`step ${step + 1}: ${resolved.error}`));
      const limitProblem = actionLimitProblem(action, limits);
      if (limitProblem) return await finish('refused', `step ${step + 1}: ${limitProblem}`);
      if (retrying) risk = { tier: risk.tier, reasons: [...risk.reasons, 'retry: the first try changed nothing on screen'] };

      // S9: the same action again on a screen that did not change since it last ran: pause and ask.
      const key = actionKey(action, resolved.value.targets.map((t) => t.screenPoint));
      const fp = screenFingerprint(frame.image);
      const repeated = repetition.count(key, fp);
      const paused = repetition.mustAsk(key, fp);
      if (paused) {
        const why = `paused: "${describeAction(action)}" already ran ${repeated} times on this same screen without changing it`;
        emit({ type: 'notice', level: 'warn', message: `${why}; asking before doing it again` });
        risk = { tier: 'high', reasons: [...risk.reasons, why] };
      }
      const bound = resolved.value.targets.map((t) => regionSignature(frame.image, approvalRegion(t.box, frame.image)));

      t0 = deps.clock.now();
      const outcome = await gate.decide(step, resolved.value, risk, signal);
      timings.approve_ms = deps.clock.now() - t0;
      if (outcome.kind === 'stop') return signal.aborted ? await stopped(outcome.reason) : await finish('stopped', outcome.reason);
      if (outcome.kind === 'skip') {
        emit({ type: 'skipped', step, reason: 'skipped at the approval prompt' });
        history.push({ step, description: describeAction(action), outcome: 'skipped' });
        step++;
        continue;
      }
      if (outcome.kind === 'edit') {
        const r = deps.planner.edit?.(outcome.text) ?? { ok: false as const, error: `the ${deps.planner.name} planner cannot take edits` };
        if (!r.ok) emit({ type: 'notice', level: 'warn', message: `edit not taken: ${r.error}` });
        emit({ type: 'skipped', step, reason: `replaced by "${outcome.text}"` });
        continue;
      }
      if (paused) repetition.forgive(key);

      // S2: the approval holds only for the screen that was shown. Look again right before acting.
      t0 = deps.clock.now();
      const check = await deps.screen.capture(opts.displayId);
      const moved = resolved.value.targets.some(
        (t, i) => regionDifference(bound[i]!, regionSignature(check.image, approvalRegion(t.box, check.image))) > REGION_CHANGE_LIMIT,
      );
      timings.recheck_ms = deps.clock.now() - t0;
      if (signal.aborted) return await stopped();
      if (moved) {
        emit({ type: 'notice', level: 'warn', message: 'the screen changed where this step acts after it was approved; asking again' });
        if (retrying) retry = retrying;
        else deps.planner.rewind?.();
        next = check;
        continue;
      }

      t0 = deps.clock.now();
      try {
        await guarded.within({ approvalId: outcome.approved.approvalId, step }, () => executor.execute(outcome.approved, signal));
      } catch (e) {
        if (isFailSafe(e)) return await finish('stopped', (e as Error).message);
        if (e instanceof ExecutionRefused && signal.aborted) return await stopped();
        throw e;
      }
      executed++;
      timings.execute_ms = deps.clock.now() - t0;
      if (signal.aborted) return await stopped();

      t0 = deps.clock.now();
      await deps.clock.sleep(settleMs, signal).catch(() => undefined);
      if (signal.aborted) return await stopped();
      let after = await deps.screen.capture(opts.displayId);
      const ignore = lastTargetBoxes.filter((b) => !resolved.value.targets.some((t) => t.box[0] === b[0] && t.box[1] === b[1] && t.box[2] === b[2] && t.box[3] === b[3]));
      let effect = verify ? detectEffect(resolved.value, frame.image, check.image, after.image, { ignore }) : undefined;
      if (effect && !effect.effective) {
        // Slow UIs: look once more before calling it a no-op, so a late effect is not acted on twice.
        await deps.clock.sleep(Math.max(settleMs, 300), signal).catch(() => undefined);
        if (signal.aborted) return await stopped();
        after = await deps.screen.capture(opts.displayId);
        effect = detectEffect(resolved.value, frame.image, check.image, after.image, { ignore });
      }
      const changed = changedPixels(check.image, after.image, CHANGED_PIXELS) > CHANGED_PIXELS;
      timings.verify_ms = deps.clock.now() - t0;
      frames.put(after);
      next = after;
      repetition.record(key, fp);
      // Only marks have a known extent to un-highlight; a bare point's 64 px square would hide real effects.
      lastTargetBoxes = actionTargets(action).every((t) => 'mark' in t) ? resolved.value.targets.map((t) => t.box) : [];
      emit({
        type: 'executed',
        step,
        action,
        screenPoints: outcome.request.screenPoints,
        changed: effect ? effect.effective : changed,
        afterFrameId: after.id,
        ms: timings.execute_ms,
      });
      write(deps.log, { runId, type: 'timings', step, approvedBy: outcome.approved.by, approvalId: outcome.approved.approvalId, ...timings });
      history.push({ step, description: describeAction(action), outcome: 'executed', changed: effect ? effect.effective : changed });
      step++;
      if (effect && !effect.effective) {
        const description = describeAction(action);
        if (retrying) {
          return await finish(
            'stopped',
            `step ${step}: "${description}" changed nothing on screen, also after one retry (a disabled control, or the keyboard focus is elsewhere?); stopped so you can look: edit the step or run again`,
          );
        }
        emit({ type: 'notice', level: 'warn', message: `"${description}" changed nothing on screen; trying once more` });
        retry = { action, elements, description };
      }
    }
    return await finish('failed', `stopped after the step limit of ${maxSteps}`);
  } catch (e) {
    if (isFailSafe(e)) return await finish('stopped', (e as Error).message);
    if (signal.aborted) return await stopped();
    return await finish('failed', bounded((e as Error).message));
  }
}
