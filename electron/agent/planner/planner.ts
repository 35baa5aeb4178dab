/**
 * The planner interface. A planner turns the goal and what is on screen into the next proposed action. It never
 * executes anything: the loop sends every proposal through the approval gate.
 */
import type { Action } from '../../common/actions.js';
import type { Element } from '../../common/elements.js';
import type { ChatModel, Frame, RgbaImage } from '../ports.js';

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
  /**
   * Marks of this frame: element.id is the mark number drawn on markedImage() (the model's, 0..n-1); element.mark
   * is the person's number (stable in the run, shown in the overlay).
   */
  readonly elements: readonly Element[];
  /** Why a person's number is not on this screen (retired: names what it was; or never shown). */
  missingMark?(n: number): string;
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
  /**
   * Which numbers the {mark} targets of its proposals are: 'model' (default), element.id, the numbers on the
   * model's marked image, mapped to the person's numbers by the loop before approval; 'person', element.mark,
   * what a person typed (the command planner).
   */
  readonly numbering?: 'model' | 'person';
  next(ctx: PlanContext): Promise<Proposal>;
  /** Replaces the not-yet-run remainder with an edited step (approval "edit"); planners that cannot, refuse. */
  /** Offers the last proposal again on the next frame (the screen changed after approval). Stateless planners omit it. */
  rewind?(): void;
  edit?(text: string): { ok: true } | { ok: false; error: string };
  /** The model server this planner asks, if any: composition roots hand it to the safety check for a second opinion on risk. */
  readonly chatModel?: ChatModel;
}
