/**
 * Person numbers: the mark numbers people see in the overlay and type (`click #12`), stable across the frames of
 * one run (issue #12). The model keeps its own numbering: element.id is 0..n-1 in box order on every frame, drawn
 * MAGMA's way on the image it is shown; element.mark is the person number.
 *
 * Invariants, per run (one MarkBook per run):
 * - an element that is still on screen keeps the number it had on the previous frame (sameElement below);
 * - an element seen for the first time gets a number never given before in this run (a counter that only grows);
 * - a number whose element is gone is retired for the rest of the run: never given again, and `click #n` on it
 *   is refused with a sentence naming what it was (explainMissing).
 * On the first frame the person numbers equal the model's (0..n-1), so a one-frame run reads the same either way.
 */
import type { Action, Target } from '../../common/actions.js';
import type { Element } from '../../common/elements.js';
import { boxCenter, iou, type ImageBox } from '../../common/geometry.js';
import { normalizeLabel, similarity } from '../planner/label-match.js';

/** Boxes of the same element on two frames overlap at least this much (a pressed or hovered key shrinks ~0.7). */
export const SAME_IOU = 0.5;
/** An unread text (''), read on the next frame, is the same element only when its box barely moved. */
export const SAME_IOU_UNREAD = 0.8;
/** Texts of 3+ characters this similar (1 - edit distance / length) are one reading with OCR noise (STO / ST0). */
export const SAME_TEXT = 0.66;

/**
 * Whether `b` (this frame) is `a` (the previous frame) still on screen: same kind, boxes overlapping by IoU >=
 * SAME_IOU, and text equal (case and spacing folded), or one side unread with IoU >= SAME_IOU_UNREAD, or both 3+
 * characters long and similar >= SAME_TEXT. Short texts must be equal: "1" and "7" on one spot are two keys.
 */
export function sameElement(a: Pick<Element, 'kind' | 'bbox' | 'text'>, b: Pick<Element, 'kind' | 'bbox' | 'text'>): boolean {
  if (a.kind !== b.kind) return false;
  const o = iou(a.bbox, b.bbox);
  if (o < SAME_IOU) return false;
  const ta = normalizeLabel(a.text);
  const tb = normalizeLabel(b.text);
  if (ta === tb) return true;
  if (!ta || !tb) return o >= SAME_IOU_UNREAD;
  return ta.length >= 3 && tb.length >= 3 && similarity(ta, tb) >= SAME_TEXT;
}

/** What a retired number stood for, for the refusal. */
interface Gone {
  readonly text: string;
  readonly kind: Element['kind'];
  readonly bbox: ImageBox;
}

/** The person number of an element: its stable mark in a run, its model index outside one. */
export function personNumber(e: Pick<Element, 'id' | 'mark'>): number {
  return e.mark ?? e.id;
}

const KIND_WORD: Record<Element['kind'], string> = {
  text: 'text', button: 'button', field: 'field', checkbox: 'checkbox', radio: 'radio button', slider: 'slider',
  tab: 'tab', icon: 'icon', link: 'link', other: 'element',
};

function quoted(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(one.length > 30 ? `${one.slice(0, 29)}…` : one);
}

function named(e: Pick<Element, 'text' | 'kind'>): string {
  return e.text.trim() ? `the ${quoted(e.text)} ${KIND_WORD[e.kind]}` : `an unlabelled ${KIND_WORD[e.kind]}`;
}

export class MarkBook {
  private next = 0;
  private live: Element[] = [];
  private readonly retired = new Map<number, Gone>();

  /**
   * Gives this frame's elements their person numbers (returned copies carry `mark`; ids stay the model's).
   * Pairs are matched one to one, best overlap first, only with the previous frame's elements.
   */
  number(elements: readonly Element[]): Element[] {
    const pairs: { i: number; j: number; o: number; same: boolean }[] = [];
    this.live.forEach((a, i) =>
      elements.forEach((b, j) => {
        if (sameElement(a, b)) pairs.push({ i, j, o: iou(a.bbox, b.bbox), same: normalizeLabel(a.text) === normalizeLabel(b.text) });
      }),
    );
    // Equal text before similar text, then the larger overlap; ties in box order, so the result is deterministic.
    pairs.sort((p, q) => Number(q.same) - Number(p.same) || q.o - p.o || p.j - q.j || p.i - q.i);
    const byNew = new Map<number, number>();
    const takenOld = new Set<number>();
    for (const p of pairs) {
      if (byNew.has(p.j) || takenOld.has(p.i)) continue;
      byNew.set(p.j, this.live[p.i]!.mark!);
      takenOld.add(p.i);
    }
    this.live.forEach((a, i) => {
      if (!takenOld.has(i)) this.retired.set(a.mark!, { text: a.text, kind: a.kind, bbox: a.bbox });
    });
    const out = elements.map((e, j) => ({ ...e, mark: byNew.get(j) ?? this.next++ }));
    this.live = out;
    return out;
  }

  /** Whether person number n was given in this run and its element has since gone. */
  isRetired(n: number): boolean {
    return this.retired.has(n);
  }

  /**
   * Why person number n is not on this screen, for the person who typed it: what it was and which numbers to use
   * now (the same label's new number, else the marks nearest to where it was).
   */
  explainMissing(n: number, onScreen: readonly Element[]): string {
    const gone = this.retired.get(n);
    if (!gone) {
      const nums = onScreen.map(personNumber);
      const range = nums.length ? ` (the marks on this screen are numbered #${Math.min(...nums)} to #${Math.max(...nums)}, with gaps where elements went away)` : '';
      return `no mark #${n} has been shown in this run; use a number from the current screen${range}`;
    }
    const head = `#${n} was ${named(gone)}; it is no longer on screen, and its number is not given to anything else in this run`;
    const want = normalizeLabel(gone.text);
    const same = want ? onScreen.filter((e) => normalizeLabel(e.text) === want) : [];
    if (same.length) return `${head}. On this screen ${quoted(gone.text)} is ${same.map((e) => `#${personNumber(e)}`).join(' or ')}: use that number or the label`;
    const c = boxCenter(gone.bbox);
    const near = [...onScreen]
      .sort((a, b) => dist(boxCenter(a.bbox), c) - dist(boxCenter(b.bbox), c))
      .slice(0, 5)
      .map((e) => `#${personNumber(e)}${e.text.trim() ? ` ${quoted(e.text)}` : ''}`);
    return `${head}. ${near.length ? `Marks now near where it was: ${near.join(', ')}. ` : ''}Use a number from the current screen`;
  }
}

function dist(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/**
 * A model planner's action (marks = element ids, the numbers drawn on the model's image) with its marks turned
 * into person numbers, before anything is shown for approval. A mark that is not on this frame is an error, never
 * passed through: a model index read as a person number would name another element.
 */
export function toPersonMarks(action: Action, elements: readonly Element[]): { ok: true; action: Action } | { ok: false; error: string } {
  let missing: number | undefined;
  const map = (t: Target): Target => {
    if (!('mark' in t)) return t;
    const e = elements.find((x) => x.id === t.mark);
    if (!e) missing ??= t.mark;
    return { mark: e ? personNumber(e) : t.mark };
  };
  let out: Action;
  switch (action.kind) {
    case 'click':
    case 'double_click':
    case 'right_click':
      out = { ...action, target: map(action.target) };
      break;
    case 'type':
    case 'scroll':
      out = action.target ? { ...action, target: map(action.target) } : action;
      break;
    case 'drag':
      out = { ...action, from: map(action.from), to: map(action.to) };
      break;
    default:
      out = action;
  }
  if (missing !== undefined) return { ok: false, error: `the planner named mark ${missing}, which is not on this screen (marks are 0..${elements.length - 1}); not acting on a guess` };
  return { ok: true, action: out };
}
