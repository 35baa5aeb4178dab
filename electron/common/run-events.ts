import { z } from 'zod';
import { ActionSchema } from './actions.js';
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

export interface StepState {
  step: number;
  frameId?: string;
  afterFrameId?: string;
  elements: z.infer<typeof ElementSchema>[];
  reasoning: string;
  description?: string;
  action?: z.infer<typeof ActionSchema>;
  outcome?: 'executed' | 'skipped' | 'answered';
  changed?: boolean;
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
  finishReason?: string;
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

/** The one reducer: pure, used in main, the shells and every renderer. */
export function reduceRun(s: RunState, e: RunEvent): RunState {
  switch (e.type) {
    case 'run_started':
      return { ...initialRunState, runId: e.runId, goal: e.goal, planner: e.planner, status: 'running' };
    case 'frame':
      return withStep(s, e.step, (st) => ({ ...st, frameId: e.frameId }));
    case 'perceived':
      return withStep(s, e.step, (st) => ({ ...st, elements: e.elements }));
    case 'reasoning':
      return withStep(s, e.step, (st) => ({ ...st, reasoning: st.reasoning + e.text }));
    case 'proposal':
      return withStep(s, e.step, (st) => ({ ...st, action: e.action, description: e.description, reasoning: e.reasoning || st.reasoning }));
    case 'approval_requested':
      return { ...s, status: 'awaiting_approval', pending: e.request };
    case 'approval_decided':
      return s.pending?.id === e.decision.approvalId ? { ...s, status: 'running', pending: undefined } : s;
    case 'executed':
      return withStep(s, e.step, (st) => ({ ...st, outcome: 'executed', changed: e.changed, afterFrameId: e.afterFrameId }));
    case 'skipped':
      return withStep(s, e.step, (st) => ({ ...st, outcome: 'skipped' }));
    case 'answer':
      return { ...withStep(s, e.step, (st) => ({ ...st, outcome: 'answered' })), answer: e.text };
    case 'notice':
      return { ...s, notices: [...s.notices, { level: e.level, message: e.message }] };
    case 'run_finished':
      return { ...s, status: e.status, pending: undefined, finishReason: e.reason };
  }
}
