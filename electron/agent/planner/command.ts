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
  get remaining(): number {
    return this.steps.length - this.cursor;
  }

  async next(ctx: PlanContext): Promise<Proposal> {
    const step = this.steps[this.cursor];
    if (!step) return { ok: true, action: { kind: 'done', summary: `all ${this.steps.length} steps ran` }, reasoning: '' };
    this.cursor++;
    return resolveStep(step, ctx.elements);
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

function resolveRef(ref: LabelRef, elements: readonly Element[]): { ok: true; target: Target; why: string } | { ok: false; error: string } {
  const m = ref.kind === 'mark' ? matchMark(ref.id, elements) : matchLabel(ref.text, elements);
  if (!m.ok) return m;
  const why = ref.kind === 'mark' ? `mark #${m.element.id} "${m.element.text}"` : `"${ref.text}" is mark #${m.element.id}${m.how === 'fuzzy' ? ` ("${m.element.text}", closest reading)` : ''}`;
  return { ok: true, target: { mark: m.element.id }, why };
}

export function resolveStep(step: CommandStep, elements: readonly Element[]): Proposal {
  let action: Action;
  let reasoning = `step "${step.source}"`;
  switch (step.verb) {
    case 'click':
    case 'double_click':
    case 'right_click': {
      const r = resolveRef(step.target, elements);
      if (!r.ok) return { ok: false, error: `step "${step.source}": ${r.error}` };
      action = { kind: step.verb, target: r.target };
      reasoning += `: ${r.why}`;
      break;
    }
    case 'type': {
      if (step.target) {
        const r = resolveRef(step.target, elements);
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
