/**
 * runAgent: observe -> perceive -> plan -> gate -> act -> verify, until the planner says done, a limit is hit,
 * or the signal stops it. The same function runs in the CLI, the browser shell, the Electron app and the tests.
 * Invariants: no input event without an Approved<ResolvedAction> from the gate; after a stop no new event starts
 * and held keys/buttons are released.
 */
import { describeAction, isInputAction, type Action } from '../../common/actions.js';
import type { Element } from '../../common/elements.js';
import type { RunEvent } from '../../common/run-events.js';
import { Executor, ExecutionRefused, type ExecutorOptions } from '../execution/executor.js';
import { resolveAction } from '../execution/resolve.js';
import { approvalRegion, changedPixels, regionDifference, regionSignature } from '../frame-region.js';
import type { PlanContext, Planner, StepRecord } from '../planner/planner.js';
import type { ApprovalChannel, Clock, Frame, InputDriver, RgbaImage, RunLog, ScreenSource } from '../ports.js';
import { ApprovalGate } from '../safety/gate.js';
import { classifyRisk } from '../safety/risk.js';
import { FrameStore } from './frame-store.js';

export interface Perceiver {
  perceive(image: RgbaImage, signal?: AbortSignal): Promise<{ elements: Element[]; timings_ms: Record<string, number> }>;
}

export interface AgentDeps {
  screen: ScreenSource;
  input: InputDriver;
  perceiver: Perceiver;
  /** Draws the Set-of-Mark image the model and the user see (perception's drawMarks). */
  markImage: (image: RgbaImage, elements: readonly Element[]) => RgbaImage;
  planner: Planner;
  approvals: ApprovalChannel;
  clock: Clock;
  frames?: FrameStore;
  log?: RunLog;
  emit?: (e: RunEvent) => void;
  executor?: ExecutorOptions;
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

export async function runAgent(deps: AgentDeps, opts: RunOptions): Promise<RunResult> {
  const runId = opts.runId ?? globalThis.crypto.randomUUID();
  const maxSteps = opts.maxSteps ?? 25;
  const frames = deps.frames ?? new FrameStore();
  const history: StepRecord[] = [];
  const emit = (e: RunEvent) => {
    deps.emit?.(e);
    deps.log?.write({ runId, ...e, t: deps.clock.now() });
  };
  const gate = new ApprovalGate(deps.approvals, deps.clock, {
    runId,
    timeoutMs: opts.approvalTimeoutMs ?? 10 * 60_000,
    onRequest: (request) => emit({ type: 'approval_requested', request }),
    onDecision: (decision, by) => emit({ type: 'approval_decided', decision, by }),
  });
  const executor = new Executor(deps.input, deps.executor);
  let executed = 0;

  const finish = async (status: RunResult['status'], reason: string, answer?: string): Promise<RunResult> => {
    if (status === 'stopped') await deps.input.releaseAll().catch(() => undefined);
    emit({ type: 'run_finished', status, reason, at: deps.clock.now() });
    return { status, reason, steps: history, answer, executed };
  };

  emit({ type: 'run_started', runId, goal: opts.goal, planner: deps.planner.name, at: deps.clock.now() });
  let next: Frame | undefined;
  let step = 0;
  let asks = 0;
  try {
    while (step < maxSteps) {
      if (opts.signal.aborted) return await finish('stopped', 'stopped by the user');
      if (++asks > maxSteps * 3) return await finish('failed', 'too many re-asks without progress');
      const timings: Record<string, number> = {};
      let t0 = deps.clock.now();
      const frame = next ?? (await deps.screen.capture(opts.displayId));
      next = undefined;
      timings.capture_ms = deps.clock.now() - t0;
      const stored = frames.put(frame);
      emit({ type: 'frame', step, frameId: frame.id, width: frame.image.width, height: frame.image.height, display: frame.geometry.display });

      t0 = deps.clock.now();
      const elements = deps.planner.needsElements ? (await deps.perceiver.perceive(frame.image, opts.signal)).elements : [];
      stored.elements = elements;
      timings.perceive_ms = deps.clock.now() - t0;
      emit({ type: 'perceived', step, frameId: frame.id, elements, ms: timings.perceive_ms });

      t0 = deps.clock.now();
      let reasoning = '';
      const ctx: PlanContext = {
        goal: opts.goal,
        step,
        frame,
        elements,
        markedImage: () => (stored.marked ??= deps.markImage(frame.image, elements)),
        history,
        signal: opts.signal,
        onReasoning: (text) => {
          reasoning += text;
          emit({ type: 'reasoning', step, text });
        },
      };
      const proposal = await deps.planner.next(ctx);
      timings.plan_ms = deps.clock.now() - t0;
      if (opts.signal.aborted) return await finish('stopped', 'stopped by the user');
      if (!proposal.ok) return await finish('failed', proposal.error);
      const action: Action = proposal.action;
      emit({ type: 'proposal', step, action, description: describeAction(action), reasoning: proposal.reasoning || reasoning });

      if (action.kind === 'done') return await finish('done', action.summary ?? 'the goal is done');
      if (action.kind === 'fail') return await finish('failed', action.reason);
      if (action.kind === 'answer') {
        emit({ type: 'answer', step, text: action.text });
        history.push({ step, description: describeAction(action), outcome: 'answered' });
        return await finish('done', 'answered', action.text);
      }
      if (action.kind === 'wait') {
        await deps.clock.sleep(action.ms, opts.signal).catch(() => undefined);
        history.push({ step, description: describeAction(action), outcome: 'executed' });
        step++;
        continue;
      }
      if (!isInputAction(action)) return await finish('failed', `cannot run "${action.kind}"`);

      const resolved = resolveAction(action, frame, elements);
      if (!resolved.ok) return await finish('failed', `step ${step + 1}: ${resolved.error}`);
      const risk = classifyRisk(resolved.value);
      const bound = resolved.value.targets.map((t) => regionSignature(frame.image, approvalRegion(t.box, frame.image)));

      t0 = deps.clock.now();
      const outcome = await gate.decide(step, resolved.value, risk, opts.signal);
      timings.approve_ms = deps.clock.now() - t0;
      if (outcome.kind === 'stop') return await finish('stopped', outcome.reason);
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

      // S2: the approval holds only for the screen that was shown. Look again right before acting.
      t0 = deps.clock.now();
      const check = await deps.screen.capture(opts.displayId);
      const moved = resolved.value.targets.some(
        (t, i) => regionDifference(bound[i]!, regionSignature(check.image, approvalRegion(t.box, check.image))) > REGION_CHANGE_LIMIT,
      );
      timings.recheck_ms = deps.clock.now() - t0;
      if (moved) {
        emit({ type: 'notice', level: 'warn', message: 'the screen changed where this step acts after it was approved; asking again' });
        deps.planner.rewind?.();
        next = check;
        continue;
      }

      t0 = deps.clock.now();
      try {
        await executor.execute(outcome.approved, opts.signal);
      } catch (e) {
        if (e instanceof ExecutionRefused && opts.signal.aborted) return await finish('stopped', 'stopped by the user');
        throw e;
      }
      executed++;
      timings.execute_ms = deps.clock.now() - t0;
      if (opts.signal.aborted) return await finish('stopped', 'stopped by the user');

      t0 = deps.clock.now();
      await deps.clock.sleep(opts.settleMs ?? 250, opts.signal).catch(() => undefined);
      if (opts.signal.aborted) return await finish('stopped', 'stopped by the user');
      const after = await deps.screen.capture(opts.displayId);
      const changed = changedPixels(check.image, after.image, CHANGED_PIXELS) > CHANGED_PIXELS;
      timings.verify_ms = deps.clock.now() - t0;
      frames.put(after);
      next = after;
      emit({
        type: 'executed',
        step,
        action,
        screenPoints: outcome.request.screenPoints,
        changed,
        afterFrameId: after.id,
        ms: timings.execute_ms,
      });
      deps.log?.write({ runId, type: 'timings', step, approvedBy: outcome.approved.by, approvalId: outcome.approved.approvalId, ...timings });
      history.push({ step, description: describeAction(action), outcome: 'executed', changed });
      step++;
    }
    return await finish('failed', `stopped after the step limit of ${maxSteps}`);
  } catch (e) {
    if (opts.signal.aborted) return await finish('stopped', 'stopped by the user');
    return await finish('failed', (e as Error).message);
  }
}
