import { z } from 'zod';
import { ActionSchema, actionTargets, describeAction, type Action } from './actions.js';
import { ApprovalRequestSchema, DecisionSchema } from './approval.js';
import { ElementSchema } from './elements.js';
import { DisplayInfoSchema, PointSchema } from './geometry.js';

/**
 * Everything a run does, as events. The engine emits them; every UI (CLI, browser shell, Electron renderer)
 * turns them into state with the one reducer below. Screenshots travel by frame id, never inline.
 */
export const RunEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run_started'), runId: z.string(), goal: z.string(), planner: z.string(), at: z.number() }),
  z.object({
    type: z.literal('frame'),
    step: z.number().int(),
    frameId: z.string(),
    width: z.number(),
    height: z.number(),
    display: DisplayInfoSchema,
  }),
  z.object({
    type: z.literal('perceived'),
    step: z.number().int(),
    frameId: z.string(),
    elements: z.array(ElementSchema),
    ms: z.number(),
    /** The accessibility tree's read for this frame (issue #15), when a tree source is on. */
    tree: z
      .object({
        nodes: z.number().int().nonnegative(),
        ms: z.number(),
        app: z.string().optional(),
        /** The source's note for the person (an application that exposes no tree, and its flag). */
        note: z.string().optional(),
        /** Why there was no tree for this frame (it failed or took too long): the step used vision alone. */
        failed: z.string().optional(),
      })
      .optional(),
  }),
  /** Streamed reasoning text from a model planner, as it arrives. */
  z.object({ type: z.literal('reasoning'), step: z.number().int(), text: z.string() }),
  z.object({
    type: z.literal('proposal'),
    step: z.number().int(),
    action: ActionSchema,
    description: z.string(),
    reasoning: z.string(),
  }),
  z.object({ type: z.literal('approval_requested'), request: ApprovalRequestSchema }),
  z.object({ type: z.literal('approval_decided'), decision: DecisionSchema, by: z.string() }),
  z.object({
    type: z.literal('executed'),
    step: z.number().int(),
    action: ActionSchema,
    screenPoints: z.array(PointSchema),
    changed: z.boolean(),
    afterFrameId: z.string().optional(),
    ms: z.number(),
  }),
  z.object({ type: z.literal('skipped'), step: z.number().int(), reason: z.string() }),
  z.object({ type: z.literal('answer'), step: z.number().int(), text: z.string() }),
  z.object({ type: z.literal('notice'), level: z.enum(['info', 'warn', 'error']), message: z.string() }),
  z.object({
    type: z.literal('run_finished'),
    status: z.enum(['done', 'failed', 'stopped', 'refused']),
    reason: z.string(),
    at: z.number(),
  }),
]);
export type RunEvent = z.infer<typeof RunEventSchema>;

/** What became of a step. 'stopped' / 'not_run' / 'failed': the run ended while the step waited (see run_finished). */
export type StepOutcome = 'executed' | 'skipped' | 'answered' | 'stopped' | 'not_run' | 'failed';

/**
 * A step the person replaced at the approval prompt. The engine re-plans the same step number with the
 * replacement, so the step's action becomes the replacement's and `original` keeps what was proposed first.
 * status: 'waiting' until the engine moves on, 'replaced' once the replacement is proposed, 'not_taken' when the
 * planner refused the edit (reason in `note`; the step then carries the planner's next proposal).
 */
export interface StepEdit {
  original: Action;
  originalLabels: Record<number, string>;
  text: string;
  status: 'waiting' | 'replacing' | 'replaced' | 'not_taken';
  note?: string;
}

export interface StepState {
  step: number;
  frameId?: string;
  afterFrameId?: string;
  elements: z.infer<typeof ElementSchema>[];
  reasoning: string;
  description?: string;
  action?: Action;
  /** Text of the marks the action aims at (mark id -> label), so a step reads `click #49 "Save"`. */
  labels?: Record<number, string>;
  outcome?: StepOutcome;
  changed?: boolean;
  /** The person approved it (so a run that fails afterwards may have run part of it). */
  approved?: boolean;
  edit?: StepEdit;
}

/** What the run ended on when it was no step of its own (a `done` or `fail` proposal): its screen and marks. */
export interface FinalView {
  frameId: string;
  elements: z.infer<typeof ElementSchema>[];
}

export interface RunState {
  runId?: string;
  goal?: string;
  planner?: string;
  status: 'idle' | 'running' | 'awaiting_approval' | 'done' | 'failed' | 'stopped' | 'refused';
  steps: StepState[];
  pending?: z.infer<typeof ApprovalRequestSchema>;
  answer?: string;
  notices: { level: 'info' | 'warn' | 'error'; message: string }[];
  /** The last accessibility-tree read of the run (its note or failure is shown in Settings). */
  tree?: { nodes: number; ms: number; app?: string; note?: string; failed?: string };
  finishReason?: string;
  finalView?: FinalView;
}

export const initialRunState: RunState = { status: 'idle', steps: [], notices: [] };

function withStep(s: RunState, step: number, f: (st: StepState) => StepState): RunState {
  const steps = s.steps.slice();
  const i = steps.findIndex((x) => x.step === step);
  const base: StepState = i >= 0 ? steps[i]! : { step, elements: [], reasoning: '' };
  if (i >= 0) steps[i] = f(base);
  else steps.push(f(base));
  return { ...s, steps };
}

/**
 * Labels of the marks an action aims at, read from the elements of the frame it was planned on. An action's mark
 * is the person's number (element.mark; the id where a run set none).
 */
function labelsOf(action: Action, elements: readonly { id: number; mark?: number; text: string }[]): Record<number, string> {
  const out: Record<number, string> = {};
  for (const t of actionTargets(action)) {
    if (!('mark' in t)) continue;
    const text = elements.find((e) => (e.mark ?? e.id) === t.mark)?.text.trim();
    if (text) out[t.mark] = text;
  }
  return out;
}

function sameAction(a: Action | undefined, b: Action): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A proposal: the step's action. Invariants:
 * - `done` and `fail` are how a run ends, not steps: the step that only looked is taken out of the list and its
 *   screen kept as the run's final view; run_finished carries the status and reason.
 * - a retry re-proposes the previous step's action on that step's marks without perceiving again, so with no
 *   elements of its own it takes the previous step's labels.
 * - a step waiting for its edit's replacement gets the replacement here; the original stays in `edit`.
 */
function propose(s: RunState, e: Extract<RunEvent, { type: 'proposal' }>): RunState {
  if (e.action.kind === 'done' || e.action.kind === 'fail') {
    const st = s.steps.find((x) => x.step === e.step);
    const steps = s.steps.filter((x) => x.step !== e.step);
    return { ...s, steps, ...(st?.frameId ? { finalView: { frameId: st.frameId, elements: st.elements } } : {}) };
  }
  const prev = s.steps.filter((x) => x.step < e.step).at(-1);
  return withStep(s, e.step, (st) => {
    let labels = labelsOf(e.action, st.elements);
    if (st.elements.length === 0 && prev?.labels && sameAction(prev.action, e.action)) labels = prev.labels;
    let edit = st.edit;
    if (edit && (edit.status === 'waiting' || edit.status === 'replacing')) edit = { ...edit, status: 'replaced' };
    return {
      ...st,
      action: e.action,
      description: e.description,
      reasoning: e.reasoning || st.reasoning,
      labels,
      outcome: undefined,
      approved: false,
      ...(edit ? { edit } : {}),
    };
  });
}

/** The step whose edit is still on its way to the planner (between the decision and the next proposal). */
function editInFlight(s: RunState): StepState | undefined {
  return s.steps.find((x) => x.edit?.status === 'waiting' || x.edit?.status === 'replacing');
}

function decided(s: RunState, d: Extract<RunEvent, { type: 'approval_decided' }>['decision']): RunState {
  const req = s.pending;
  if (req?.id !== d.approvalId) return s;
  const next: RunState = { ...s, status: 'running', pending: undefined };
  if (d.verdict === 'approve') return withStep(next, req.step, (st) => ({ ...st, approved: true }));
  if (d.verdict === 'edit' && d.edit?.trim()) {
    // A second edit of the same step keeps the first proposal as the original: that is what the planner wanted.
    return withStep(next, req.step, (st) => ({
      ...st,
      edit: {
        original: st.edit?.status === 'replaced' ? st.edit.original : (st.action ?? req.action),
        originalLabels: st.edit?.status === 'replaced' ? st.edit.originalLabels : (st.labels ?? {}),
        text: d.edit!.trim(),
        status: 'waiting',
      },
    }));
  }
  return next;
}

/** Steps the run ended on before they got an outcome: stopped, or not run (failed/refused); approved ones failed. */
function endSteps(steps: StepState[], status: Extract<RunEvent, { type: 'run_finished' }>['status']): StepState[] {
  return steps.map((st) => {
    if (st.outcome) return st;
    const outcome: StepOutcome = status === 'stopped' ? 'stopped' : st.approved ? 'failed' : 'not_run';
    return { ...st, outcome };
  });
}

/** The one reducer: pure, used in main, the shells and every renderer. */
export function reduceRun(s: RunState, e: RunEvent): RunState {
  switch (e.type) {
    case 'run_started':
      return { ...initialRunState, runId: e.runId, goal: e.goal, planner: e.planner, status: 'running' };
    case 'frame': {
      // A wait step has no outcome event of its own: the loop moving on to a later step means it ran.
      const steps = s.steps.map((st) => (st.step < e.step && !st.outcome && st.action?.kind === 'wait' ? { ...st, outcome: 'executed' as const } : st));
      return withStep({ ...s, steps }, e.step, (st) => ({ ...st, frameId: e.frameId }));
    }
    case 'perceived':
      return withStep(e.tree ? { ...s, tree: e.tree } : s, e.step, (st) => ({ ...st, elements: e.elements }));
    case 'reasoning':
      return withStep(s, e.step, (st) => ({ ...st, reasoning: st.reasoning + e.text }));
    case 'proposal':
      return propose(s, e);
    case 'approval_requested':
      return { ...s, status: 'awaiting_approval', pending: e.request };
    case 'approval_decided':
      return decided(s, e.decision);
    case 'executed':
      return withStep(s, e.step, (st) => ({ ...st, outcome: 'executed', changed: e.changed, afterFrameId: e.afterFrameId }));
    case 'skipped':
      return withStep(s, e.step, (st) => {
        // The engine reports an edited step as skipped before it re-plans it: the step is not over yet.
        if (st.edit?.status === 'waiting') return { ...st, edit: { ...st.edit, status: 'replacing' } };
        return { ...st, outcome: 'skipped' };
      });
    case 'answer':
      return { ...withStep(s, e.step, (st) => ({ ...st, outcome: 'answered' })), answer: e.text };
    case 'notice': {
      const notices = [...s.notices, { level: e.level, message: e.message }];
      // Between an edit decision and the engine moving on, a warning can only be the planner refusing the edit.
      const inFlight = editInFlight(s);
      if (e.level === 'warn' && inFlight?.edit?.status === 'waiting') {
        return withStep({ ...s, notices }, inFlight.step, (st) => ({ ...st, edit: { ...st.edit!, status: 'not_taken', note: e.message } }));
      }
      return { ...s, notices };
    }
    case 'run_finished':
      return { ...s, status: e.status, pending: undefined, finishReason: e.reason, steps: endSteps(s.steps, e.status) };
  }
}

/** A step's outcome in words, for every view of steps (the run's list, history). */
export const STEP_OUTCOME_TEXT: Record<StepOutcome, string> = {
  executed: 'executed',
  skipped: 'skipped',
  answered: 'answered',
  stopped: 'stopped',
  not_run: 'not run',
  failed: 'failed',
};

/** A step's action as a person reads it, its marks with their labels: `click #49 "Save"`. */
export function describeStep(st: Pick<StepState, 'action' | 'labels' | 'description'>): string | undefined {
  if (!st.action) return st.description;
  const labels = st.labels ?? {};
  return describeAction(st.action, (m) => labels[m]);
}

/** An edited step's original, as it read before the edit. */
export function describeEditOriginal(edit: StepEdit): string {
  return describeAction(edit.original, (m) => edit.originalLabels[m]);
}
