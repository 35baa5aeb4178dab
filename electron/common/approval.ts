import { z } from 'zod';
import { ActionSchema } from './actions.js';
import { PointSchema } from './geometry.js';

export const RiskSchema = z.object({
  tier: z.enum(['normal', 'high']),
  reasons: z.array(z.string()),
});
export type Risk = z.infer<typeof RiskSchema>;

/** What the engine asks a person to approve: one action, bound to one frame, until expiresAt (ms epoch). */
export const ApprovalRequestSchema = z.object({
  id: z.string().min(8),
  runId: z.string(),
  step: z.number().int().nonnegative(),
  action: ActionSchema,
  description: z.string(),
  /** Where the input lands, in logical screen px (absent for keyboard-only actions). */
  screenPoints: z.array(PointSchema),
  frameId: z.string(),
  risk: RiskSchema,
  expiresAt: z.number(),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequestSchema>;

export const VERDICTS = ['approve', 'skip', 'stop', 'edit'] as const;
export const DecisionSchema = z.object({
  approvalId: z.string(),
  verdict: z.enum(VERDICTS),
  /** With verdict "edit": the replacement step in the command grammar, re-planned and asked again. */
  edit: z.string().max(2000).optional(),
  /** Approve the rest of this run; high-risk steps still ask. */
  approveRest: z.boolean().optional(),
});
export type Decision = z.infer<typeof DecisionSchema>;
