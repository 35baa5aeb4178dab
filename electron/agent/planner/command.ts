/**
 * The command planner: the goal is a list of steps in the command grammar, each resolved against the marks of
 * the frame it runs on. It stays after Magma lands as the no-GPU mode and the "click 12" mode.
 */
import type { Action, Target } from '../../common/actions.js';
import { parseCommands, type CommandStep, type LabelRef } from './command-grammar.js';
import { matchLabel, matchMark } from './label-match.js';
import type { PlanContext, Planner, Proposal } from './planner.js';
import type { Element } from '../../common/elements.js';

export class CommandPlanner implements Planner {
  readonly name = 'command';
  private readonly steps: CommandStep[];
  private cursor = 0;

  /** Throws with a one-sentence message when the goal does not parse (the CLI maps it to exit code 2). */
  constructor(goal: string) {
    const r = parseCommands(goal);
    if (!r.ok) throw new CommandSyntaxError(r.error);
    this.steps = r.steps;
  }

  // Labels and #ids both resolve against the marks of the current frame.
  readonly needsElements = true;
  // A person types the numbers shown in the overlay: person numbers (element.mark), not the model's.
  readonly numbering = 'person' as const;
  get remaining(): number {
    return this.steps.length - this.cursor;
  }

  async next(ctx: PlanContext): Promise<Proposal> {
    const step = this.steps[this.cursor];
    if (!step) return { ok: true, action: { kind: 'done', summary: `all ${this.steps.length} steps ran` }, reasoning: '' };
    this.cursor++;
    return resolveStep(step, ctx.elements, ctx.missingMark);
  }

  /** Offers the last step again on the next frame (the screen changed after approval). */
  rewind(): void {
    if (this.cursor > 0) this.cursor--;
  }

  edit(text: string): { ok: true } | { ok: false; error: string } {
    const r = parseCommands(text);
    if (!r.ok) return r;
    this.steps.splice(this.cursor, 0, ...r.steps);
    return { ok: true };
  }
}

export class CommandSyntaxError extends Error {}

/** The elements as a person sees them: numbered by their person number (element.mark, the id outside a run). */
function personView(elements: readonly Element[]): Element[] {
  return elements.map((e) => (e.mark === undefined ? e : { ...e, id: e.mark }));
}

function resolveRef(ref: LabelRef, elements: readonly Element[], missingMark?: (n: number) => string): { ok: true; target: Target; why: string } | { ok: false; error: string } {
  // A number not on this screen: a retired one is named for what it was, never matched to something else.
  if (ref.kind === 'mark' && missingMark && !elements.some((e) => e.id === ref.id)) return { ok: false, error: missingMark(ref.id) };
  const m = ref.kind === 'mark' ? matchMark(ref.id, elements) : matchLabel(ref.text, elements);
  if (!m.ok) return m;
  const why = ref.kind === 'mark' ? `mark #${m.element.id} "${m.element.text}"` : `"${ref.text}" is mark #${m.element.id}${m.how === 'fuzzy' ? ` ("${m.element.text}", closest reading)` : ''}`;
  return { ok: true, target: { mark: m.element.id }, why };
}

/**
 * One step against one frame's marks, in person numbers: `#n` and the ids in messages are element.mark where the
 * run set it. `missingMark` explains a number that is not on screen (the run's MarkBook).
 */
export function resolveStep(step: CommandStep, frameElements: readonly Element[], missingMark?: (n: number) => string): Proposal {
  const elements = personView(frameElements);
  let action: Action;
  let reasoning = `step "${step.source}"`;
  switch (step.verb) {
    case 'click':
    case 'double_click':
    case 'right_click': {
      const r = resolveRef(step.target, elements, missingMark);
      if (!r.ok) return { ok: false, error: `step "${step.source}": ${r.error}` };
      action = { kind: step.verb, target: r.target };
      reasoning += `: ${r.why}`;
      break;
    }
    case 'type': {
      if (step.target) {
        const r = resolveRef(step.target, elements, missingMark);
        if (!r.ok) return { ok: false, error: `step "${step.source}": ${r.error}` };
        action = { kind: 'type', text: step.text, target: r.target };
        reasoning += `: ${r.why}`;
      } else action = { kind: 'type', text: step.text };
      break;
    }
    case 'press':
      action = { kind: 'press', keys: step.keys };
      break;
    case 'scroll':
      action = { kind: 'scroll', direction: step.direction, amount: step.amount };
      break;
    case 'wait':
      action = { kind: 'wait', ms: step.ms };
      break;
    case 'done':
      action = { kind: 'done' };
      break;
  }
  return { ok: true, action, reasoning };
}
