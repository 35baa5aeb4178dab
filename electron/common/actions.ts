import { z } from 'zod';
import { PointSchema } from './geometry.js';
import { ownValue } from './own-key.js';

/** Limits that bound what any planner may ask for (S5/S9). Parsers reject beyond them instead of clamping. */
export const ACTION_LIMITS = {
  maxTextLength: 2000,
  maxScrollAmount: 50,
  maxWaitMs: 60_000,
  maxKeysInCombo: 5,
  maxMarkId: 9999,
  maxReasonLength: 2000,
} as const;

export const MarkTargetSchema = z.object({ mark: z.number().int().min(0).max(ACTION_LIMITS.maxMarkId) }).strict();
export const PointTargetSchema = z.object({ point: PointSchema }).strict();
/** A target is a mark id (resolved through the frame's elements) or a point in a named coordinate space. */
export const TargetSchema = z.union([MarkTargetSchema, PointTargetSchema]);
export type Target = z.infer<typeof TargetSchema>;

const MODIFIERS = ['ctrl', 'alt', 'shift', 'meta'] as const;
const NAMED_KEYS = [
  'enter', 'tab', 'escape', 'backspace', 'delete', 'space', 'up', 'down', 'left', 'right', 'home', 'end',
  'pageup', 'pagedown', 'insert', 'capslock', 'printscreen', 'menu',
  'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'f10', 'f11', 'f12',
] as const;
export const KEY_NAMES: readonly string[] = [...MODIFIERS, ...NAMED_KEYS];
/** One key: a modifier, a named key, or one printable ASCII character (lower-case letters). */
export const KeySchema = z
  .string()
  .refine((k) => KEY_NAMES.includes(k) || /^[a-z0-9`\-=[\]\\;',./*+]$/.test(k), { message: 'unknown key' });
export const MODIFIER_KEYS: readonly string[] = MODIFIERS;

/** Other names people and models use for the keys above ("control", "esc", "arrowup"); one table for every parser. */
const KEY_ALIASES: Readonly<Record<string, string>> = {
  control: 'ctrl', ctl: 'ctrl', cmd: 'meta', command: 'meta', super: 'meta', win: 'meta', windows: 'meta', option: 'alt',
  return: 'enter', esc: 'escape', del: 'delete', pgup: 'pageup', pgdn: 'pagedown', plus: '+', 'page up': 'pageup',
  'page down': 'pagedown', bksp: 'backspace', spacebar: 'space', arrowup: 'up', arrowdown: 'down', arrowleft: 'left',
  arrowright: 'right',
};
/** The key name KeySchema knows for a lower-case name or alias; anything else comes back as it was, for KeySchema to reject. */
export function canonicalKey(name: string): string {
  return ownValue(KEY_ALIASES, name) ?? name;
}

const text = z.string().min(1).max(ACTION_LIMITS.maxTextLength);

export const ActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('click'), target: TargetSchema }).strict(),
  z.object({ kind: z.literal('double_click'), target: TargetSchema }).strict(),
  z.object({ kind: z.literal('right_click'), target: TargetSchema }).strict(),
  /** Types text; with a target, clicks it first to focus. */
  z.object({ kind: z.literal('type'), text, target: TargetSchema.optional() }).strict(),
  /** A key combo pressed together, modifiers first: ["ctrl", "s"]. */
  z.object({ kind: z.literal('press'), keys: z.array(KeySchema).min(1).max(ACTION_LIMITS.maxKeysInCombo) }).strict(),
  /** amount in wheel notches; with a target the pointer moves there first. */
  z
    .object({
      kind: z.literal('scroll'),
      direction: z.enum(['up', 'down', 'left', 'right']),
      amount: z.number().int().min(1).max(ACTION_LIMITS.maxScrollAmount),
      target: TargetSchema.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('drag'), from: TargetSchema, to: TargetSchema }).strict(),
  z.object({ kind: z.literal('wait'), ms: z.number().int().min(0).max(ACTION_LIMITS.maxWaitMs) }).strict(),
  /** An answer to a question (Q: mode); no input. */
  z.object({ kind: z.literal('answer'), text: z.string().max(ACTION_LIMITS.maxTextLength) }).strict(),
  z.object({ kind: z.literal('done'), summary: z.string().max(ACTION_LIMITS.maxReasonLength).optional() }).strict(),
  z.object({ kind: z.literal('fail'), reason: z.string().max(ACTION_LIMITS.maxReasonLength) }).strict(),
]);
export type Action = z.infer<typeof ActionSchema>;
export type ActionKind = Action['kind'];

/** Actions that inject input events and so must pass the approval gate. */
export function isInputAction(a: Action): boolean {
  return a.kind !== 'answer' && a.kind !== 'done' && a.kind !== 'fail' && a.kind !== 'wait';
}

/** Targets an action aims at, in order (drag: from, to). */
export function actionTargets(a: Action): Target[] {
  switch (a.kind) {
    case 'click':
    case 'double_click':
    case 'right_click':
      return [a.target];
    case 'type':
    case 'scroll':
      return a.target ? [a.target] : [];
    case 'drag':
      return [a.from, a.to];
    default:
      return [];
  }
}

/** A mark's label as shown in a step: quoted, one line, at most 40 characters. */
function quoteLabel(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(one.length > 40 ? `${one.slice(0, 39)}…` : one);
}

function markText(t: Target, labelOf?: (mark: number) => string | undefined): string {
  if (!('mark' in t)) return `(${round(t.point.x)}, ${round(t.point.y)}) ${t.point.space}`;
  const label = labelOf?.(t.mark);
  return label ? `#${t.mark} ${quoteLabel(label)}` : `#${t.mark}`;
}
function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(3);
}

/**
 * One line a person reads in an approval prompt or a log. With `labelOf`, a mark reads with its label:
 * `click #49 "Save"`.
 */
export function describeAction(a: Action, labelOf?: (mark: number) => string | undefined): string {
  const targetText = (t: Target) => markText(t, labelOf);
  switch (a.kind) {
    case 'click':
      return `click ${targetText(a.target)}`;
    case 'double_click':
      return `double-click ${targetText(a.target)}`;
    case 'right_click':
      return `right-click ${targetText(a.target)}`;
    case 'type':
      return `type ${JSON.stringify(a.text)}${a.target ? ` into ${targetText(a.target)}` : ''}`;
    case 'press':
      return `press ${a.keys.join('+')}`;
    case 'scroll':
      return `scroll ${a.direction} ${a.amount}${a.target ? ` at ${targetText(a.target)}` : ''}`;
    case 'drag':
      return `drag ${targetText(a.from)} to ${targetText(a.to)}`;
    case 'wait':
      return `wait ${a.ms} ms`;
    case 'answer':
      return `answer ${JSON.stringify(a.text)}`;
    case 'done':
      return a.summary ? `done: ${a.summary}` : 'done';
    case 'fail':
      return `fail: ${a.reason}`;
  }
}
