/**
 * The `magma` planner: Magma-8B's prompts and reply parsing (shared/MAGMA.md).
 *  - ground (default): the exact grounding prompt on the marked image, one click, then done.
 *  - `Q:` goals: the question on the UNMARKED image; the reply becomes an `answer` action.
 *  - navigate: a Mind2Web-style Set-of-Mark prompt (CLICK / TYPE / SELECT, extended with SCROLL, PRESS, DONE),
 *    one step per frame; an invalid reply is retried once with a stricter prompt, then reported.
 * The model is a port (MagmaGenerator): the shell wires the runtime of electron/agent/model to it.
 */
import type { RgbaImage } from '../ports.js';
import { parseAnswerReply, parseGroundingReply, parseNavigateReply, type ReplyParse } from './magma-reply.js';
import type { PlanContext, Planner, Proposal, StepRecord } from './planner.js';

/** What the planner needs from the model (MagmaModel.generate satisfies it). */
export interface MagmaGenerator {
  generate(req: {
    readonly prompt: string;
    readonly images: readonly RgbaImage[];
    readonly maxNewTokens?: number;
    readonly onText?: (delta: string) => void;
    readonly signal?: AbortSignal;
  }): Promise<{ readonly text: string }>;
}

export type MagmaMode = 'ground' | 'navigate';

export const GROUNDING_MAX_NEW_TOKENS = 128;

export function groundingPrompt(goal: string): string {
  return `In this view I need to click a button to "${goal}"? Provide the coordinates and the mark index of the containing bounding box if applicable.`;
}

export function questionPrompt(question: string): string {
  return `${question} Answer the question briefly.`;
}

/** `Q: what is...` -> the question; otherwise undefined. */
export function questionOf(goal: string): string | undefined {
  const m = /^\s*Q:\s*([\s\S]*)$/.exec(goal);
  const q = m?.[1]?.trim();
  return m ? q || undefined : undefined;
}

export function historyText(history: readonly StepRecord[]): string {
  const done = history.filter((h) => h.outcome !== 'skipped');
  return done.length ? done.map((h) => `${h.description}${h.outcome === 'failed' ? ' (failed)' : ''}`).join('; ') : 'None';
}

const NAVIGATE_FORMAT =
  'Answer with one JSON object {"ACTION": ..., "MARK": ..., "VALUE": ...}. ACTION is one of CLICK, TYPE, SELECT, ' +
  'SCROLL, PRESS, DONE. MARK is the number of the marked element (None for SCROLL, PRESS and DONE). VALUE is the ' +
  'text to type or the option to select, up/down/left/right for SCROLL, a key combo such as ctrl+s for PRESS, ' +
  'and None otherwise. Use DONE when the task is complete.';

export function navigatePrompt(task: string, history: readonly StepRecord[]): string {
  return (
    `You are asked to complete the following task: ${task} The previous actions you have taken: ${historyText(history)} ` +
    'For your convenience, I have labeled the candidates with numeric marks and bounding boxes on the screenshot. ' +
    `What is the next action you would take? ${NAVIGATE_FORMAT}`
  );
}

export function stricterNavigatePrompt(task: string, history: readonly StepRecord[], error: string, marks: number): string {
  return (
    `${navigatePrompt(task, history)} Your previous answer could not be used: ${error}. Reply with ONLY the JSON ` +
    `object and nothing else.${marks > 0 ? ` MARK must be a number from 0 to ${marks - 1} that is drawn on the screenshot.` : ''}`
  );
}

export class MagmaPlanner implements Planner {
  readonly name = 'magma';
  readonly needsElements: boolean;
  private finished = false;

  constructor(
    private readonly model: MagmaGenerator,
    private readonly opts: { mode?: MagmaMode; goal?: string; maxNewTokens?: number } = {},
  ) {
    this.needsElements = opts.goal === undefined || questionOf(opts.goal) === undefined;
  }

  private async ask(ctx: PlanContext, prompt: string, image: RgbaImage): Promise<string> {
    const r = await this.model.generate({
      prompt,
      images: [image],
      maxNewTokens: this.opts.maxNewTokens ?? GROUNDING_MAX_NEW_TOKENS,
      onText: (d) => ctx.onReasoning(d),
      signal: ctx.signal,
    });
    return r.text;
  }

  async next(ctx: PlanContext): Promise<Proposal> {
    if (this.finished) return { ok: true, action: { kind: 'done' }, reasoning: '' };
    try {
      const question = questionOf(ctx.goal);
      if (question !== undefined) {
        const reply = await this.ask(ctx, questionPrompt(question), ctx.frame.image);
        this.finished = true;
        return toProposal(parseAnswerReply(reply), reply);
      }
      if (/^\s*Q:/.test(ctx.goal)) return { ok: false, error: 'the question after "Q:" is empty' };
      if ((this.opts.mode ?? 'ground') === 'ground') {
        const reply = await this.ask(ctx, groundingPrompt(ctx.goal.trim()), ctx.markedImage());
        const parsed = parseGroundingReply(reply, ctx.elements);
        if (parsed.ok) this.finished = true;
        return toProposal(parsed, reply);
      }
      const marked = ctx.markedImage();
      const first = await this.ask(ctx, navigatePrompt(ctx.goal.trim(), ctx.history), marked);
      const p1 = parseNavigateReply(first, ctx.elements);
      if (p1.ok) return toProposal(p1, first);
      ctx.onReasoning(`\n[reply not usable: ${p1.error}; asking again with a stricter prompt]\n`);
      const second = await this.ask(ctx, stricterNavigatePrompt(ctx.goal.trim(), ctx.history, p1.error, ctx.elements.length), marked);
      const p2 = parseNavigateReply(second, ctx.elements);
      if (p2.ok) return toProposal(p2, second);
      return { ok: false, error: `Magma gave no usable action twice: ${p1.error}; then ${p2.error}` };
    } catch (e) {
      return { ok: false, error: `Magma failed: ${(e as Error).message}` };
    }
  }

  rewind(): void {
    this.finished = false;
  }
}

function toProposal(p: ReplyParse, reply: string): Proposal {
  return p.ok ? { ok: true, action: p.action, reasoning: reply.trim() } : { ok: false, error: `${p.error} (reply: ${JSON.stringify(reply.slice(0, 200))})` };
}
