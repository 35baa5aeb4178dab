/**
 * The command grammar (no model needed): steps separated by ";" or newlines.
 *   click <label|#id>            double-click <label|#id>      right-click <label|#id>
 *   type "<text>" [into <label|#id>]
 *   press <keys>                 e.g. ctrl+s, enter, alt+f4
 *   scroll up|down|left|right [n]   (n wheel notches, default 3)
 *   wait <ms>
 *   done
 * A parse error names the step and what was expected; nothing is guessed.
 */
import { ACTION_LIMITS, KeySchema, canonicalKey } from '../../common/actions.js';

export type LabelRef = { kind: 'mark'; id: number } | { kind: 'label'; text: string };

export type CommandStep =
  | { verb: 'click' | 'double_click' | 'right_click'; target: LabelRef; source: string }
  | { verb: 'type'; text: string; target?: LabelRef; source: string }
  | { verb: 'press'; keys: string[]; source: string }
  | { verb: 'scroll'; direction: 'up' | 'down' | 'left' | 'right'; amount: number; source: string }
  | { verb: 'wait'; ms: number; source: string }
  | { verb: 'done'; source: string };

export type ParseResult = { ok: true; steps: CommandStep[] } | { ok: false; error: string };

function parseLabelRef(s: string): LabelRef | string {
  const t = s.trim();
  if (!t) return 'a label or #id';
  const m = /^#(\d{1,5})$/.exec(t);
  if (m) return { kind: 'mark', id: Number(m[1]) };
  const q = /^"(.*)"$/.exec(t) ?? /^'(.*)'$/.exec(t);
  const text = q ? q[1]! : t;
  if (!text.trim()) return 'a non-empty label';
  // Matching is fuzzy (label-match.ts), so its work grows with the label; no control on a screen is named by more.
  if (text.length > MAX_LABEL_LENGTH) return `a label of at most ${MAX_LABEL_LENGTH} characters (this one has ${text.length})`;
  return { kind: 'label', text };
}

/** Longest label a click may name: a long menu item or link text fits; a paragraph does not. */
export const MAX_LABEL_LENGTH = 300;

/** A step as quoted in an error: whole when short, its start when long (a pasted page must not fill the message). */
function quoted(src: string): string {
  return src.length <= 80 ? `"${src}"` : `"${src.slice(0, 60)}..." (${src.length} characters)`;
}

/** Parses `ctrl+shift+s` into ["ctrl","shift","s"], validated against the key names actions accept. */
export function parseKeys(s: string): string[] | string {
  const raw = s.trim().toLowerCase();
  if (!raw) return 'keys, e.g. ctrl+s or enter';
  // "+" alone (or trailing "++") is the plus key itself.
  const parts = raw === '+' ? ['+'] : raw.replace(/\+\+$/, '+plus').split('+').map((p) => p.trim());
  const keys: string[] = [];
  for (const p of parts) {
    const k = canonicalKey(p);
    if (!KeySchema.safeParse(k).success) return `a key name instead of "${p}"`;
    keys.push(k);
  }
  if (keys.length > ACTION_LIMITS.maxKeysInCombo) return `at most ${ACTION_LIMITS.maxKeysInCombo} keys in one combo`;
  return keys;
}

/** Splits on ; and newlines that are not inside double quotes. */
export function splitSteps(goal: string): string[] {
  // Slices between separators, not a string grown a character at a time: that builds a rope of one node per
  // character, which every later regex must flatten (a 1 MB goal took 0.4 s here and the S5 fuzz ran out of heap).
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < goal.length; i++) {
    const c = goal.charCodeAt(i);
    if (c === 0x5c /* \ */ && quoted) i++; // an escaped character inside quotes, kept as written
    else if (c === 0x22 /* " */) quoted = !quoted;
    else if (!quoted && (c === 0x3b /* ; */ || c === 0x0a /* \n */)) {
      out.push(goal.slice(start, i));
      start = i + 1;
    }
  }
  out.push(goal.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}

/** The words a step starts with; a step that starts otherwise is not a command (goal-needs.ts reads it as plain language). */
export const COMMAND_VERB = /^(double[- ]click|right[- ]click|click|type|press|scroll|wait|done)\b/i;
const STEP = new RegExp(`${COMMAND_VERB.source}\\s*(.*)$`, 'is');

function parseStep(src: string): CommandStep | string {
  const m = STEP.exec(src);
  if (!m) return `unknown command "${src.split(/\s+/, 1)[0]!.slice(0, 40)}"; use click, double-click, right-click, type, press, scroll, wait or done`;
  const verb = m[1]!.toLowerCase().replace(/[- ]/, '_');
  const rest = m[2]!.trim();
  switch (verb) {
    case 'click':
    case 'double_click':
    case 'right_click': {
      const t = parseLabelRef(rest);
      if (typeof t === 'string') return `${quoted(src)}: expected ${t}`;
      return { verb, target: t, source: src };
    }
    case 'type': {
      const q = /^"((?:[^"\\]|\\.)*)"\s*(?:into\s+(.+))?$/is.exec(rest);
      if (!q) return `${quoted(src)}: expected type "text" [into <label|#id>]`;
      const text = q[1]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
      if (!text) return `${quoted(src)}: nothing to type`;
      if (text.length > ACTION_LIMITS.maxTextLength) return `${quoted(src)}: text longer than ${ACTION_LIMITS.maxTextLength} characters`;
      if (q[2] === undefined) return { verb: 'type', text, source: src };
      const t = parseLabelRef(q[2]);
      if (typeof t === 'string') return `${quoted(src)}: expected ${t} after "into"`;
      return { verb: 'type', text, target: t, source: src };
    }
    case 'press': {
      const keys = parseKeys(rest);
      if (typeof keys === 'string') return `${quoted(src)}: expected ${keys}`;
      return { verb: 'press', keys, source: src };
    }
    case 'scroll': {
      const s = /^(up|down|left|right)(?:\s+(\d{1,3}))?$/i.exec(rest);
      if (!s) return `${quoted(src)}: expected scroll up|down|left|right [n]`;
      const amount = s[2] === undefined ? 3 : Number(s[2]);
      if (amount < 1 || amount > ACTION_LIMITS.maxScrollAmount) return `${quoted(src)}: scroll amount must be 1..${ACTION_LIMITS.maxScrollAmount}`;
      return { verb: 'scroll', direction: s[1]!.toLowerCase() as 'up', amount, source: src };
    }
    case 'wait': {
      const w = /^(\d{1,6})\s*(ms)?$/i.exec(rest);
      if (!w || Number(w[1]) > ACTION_LIMITS.maxWaitMs) return `${quoted(src)}: expected wait <ms> up to ${ACTION_LIMITS.maxWaitMs}`;
      return { verb: 'wait', ms: Number(w[1]), source: src };
    }
    default:
      if (rest) return `${quoted(src)}: done takes nothing after it`;
      return { verb: 'done', source: src };
  }
}

export function parseCommands(goal: string): ParseResult {
  const parts = splitSteps(goal);
  if (parts.length === 0) return { ok: false, error: 'the goal has no steps' };
  const steps: CommandStep[] = [];
  for (const [i, p] of parts.entries()) {
    const r = parseStep(p);
    if (typeof r === 'string') return { ok: false, error: `step ${i + 1}: ${r}` };
    steps.push(r);
  }
  return { ok: true, steps };
}
