/**
 * The planner interface. A planner turns the goal and what is on screen into the next proposed action. It never
 * executes anything: the loop sends every proposal through the approval gate.
 */
import type { Action } from '../../common/actions.js';
import type { Element } from '../../common/elements.js';
import type { Frame, RgbaImage } from '../ports.js';

export interface StepRecord {
  readonly step: number;
  readonly description: string;
  readonly outcome: 'executed' | 'skipped' | 'answered' | 'failed';
  readonly changed?: boolean;
}

export interface PlanContext {
  readonly goal: string;
  readonly step: number;
  readonly frame: Frame;
  /** Marks of this frame: element.id is the mark number drawn on markedImage(). */
  readonly elements: readonly Element[];
  /** The frame with its Set-of-Mark drawing (computed on first call; same image px as frame.image). */
  markedImage(): RgbaImage;
  readonly history: readonly StepRecord[];
  readonly signal: AbortSignal;
  /** Streams reasoning text to the UIs as it is produced. */
  onReasoning(text: string): void;
}

/** A proposal, or a structured refusal that the loop reports (never a guess). */
export type Proposal =
  | { readonly ok: true; readonly action: Action; readonly reasoning: string }
  | { readonly ok: false; readonly error: string };

export interface Planner {
  readonly name: string;
  /** Whether this planner needs marks (perception) on every frame. Q&A on the raw image may not. */
  readonly needsElements: boolean;
  next(ctx: PlanContext): Promise<Proposal>;
  /** Replaces the not-yet-run remainder with an edited step (approval "edit"); planners that cannot, refuse. */
  /** Offers the last proposal again on the next frame (the screen changed after approval). Stateless planners omit it. */
  rewind?(): void;
  edit?(text: string): { ok: true } | { ok: false; error: string };
}
