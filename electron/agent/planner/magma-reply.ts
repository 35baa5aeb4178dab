/**
 * Parsers for Magma's replies (see shared/MAGMA.md, "The UI agent"). Each turns model text into an Action or a
 * structured error; none guesses, none evaluates the text as code, none throws on any input.
 *
 * Grounding replies, in this order:
 *   1. `Mark: N`            -> click on mark N (its box centre, resolved by the executor). Unknown mark: error.
 *   2. `<box>x1 y1 x2 y2</box>` (0..1000 units)      -> click on the box centre in the box1000 space.
 *   3. the coordinate numbers, after the `Mark:` parts are stripped: 2 numbers = a point, 4 = a box whose centre
 *      is taken; both normalized 0..1. Out of range: error (never clamped).
 * Several `Coordinate ... Mark ...` pairs: the first one wins.
 *
 * Navigate replies (Mind2Web-SoM, extended): one JSON object
 *   {"ACTION": "CLICK"|"TYPE"|"SELECT"|"SCROLL"|"PRESS"|"DONE", "MARK": id, "VALUE": text or None}
 */
import { ACTION_LIMITS, ActionSchema, KeySchema, canonicalKey, type Action } from '../../common/actions.js';

/** The marks a reply may name: id and box are all the parser needs. */
export interface MarkRef {
  readonly id: number;
  readonly bbox: readonly [number, number, number, number];
}

export type ReplySource = 'mark' | 'box1000' | 'point' | 'box' | 'json';

export type ReplyParse =
  | { readonly ok: true; readonly action: Action; readonly source: ReplySource; readonly detail: string }
  | { readonly ok: false; readonly error: string };

const MAX_REPLY = 20_000;
const NUM = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`;

function fail(error: string): ReplyParse {
  return { ok: false, error };
}

function checked(action: Action, source: ReplySource, detail: string): ReplyParse {
  const r = ActionSchema.safeParse(action);
  if (!r.success) return fail(`the reply gives an action outside the allowed range (${r.error.issues[0]?.message ?? 'invalid'})`);
  return { ok: true, action: r.data, source, detail };
}

function findMark(id: number, marks: readonly MarkRef[]): MarkRef | undefined {
  return marks.find((m) => m.id === id);
}

function unknownMark(id: string | number, marks: readonly MarkRef[]): ReplyParse {
  const range = marks.length ? `marks on this screen: ${Math.min(...marks.map((m) => m.id))}..${Math.max(...marks.map((m) => m.id))}` : 'this screen has no marks';
  return fail(`the model named mark ${id}, which is not on this screen (${range}); not clicking a guess`);
}

/** Parses a grounding reply (`Coordinate: (x, y). Mark: n`) into a click. */
export function parseGroundingReply(reply: string, marks: readonly MarkRef[]): ReplyParse {
  if (typeof reply !== 'string') return fail('the reply is not text');
  const text = reply.slice(0, MAX_REPLY);
  if (!text.trim()) return fail('the reply is empty');

  // 1. Mark: N (the first one).
  const mark = /Mark\s*:\s*\(?\s*([0-9][^\s)]*)/i.exec(text);
  if (mark) {
    // The whole token must be a whole number (a sentence's full stop or comma may follow): "1.5", "9e308" and
    // "3abc" are not marks, and reading their leading digits would be a guess.
    const token = mark[1] ?? '';
    const after = text.slice(mark.index + mark[0].length);
    if (!/^\d+[.,;]?$/.test(token) || (token.endsWith(',') && /^\s*[-+.\d]/.test(after))) {
      return fail(`the mark "${(token + after).slice(0, 24)}" is not one whole number`);
    }
    const digits = token.replace(/[.,;]$/, '');
    const id = digits.length > 6 ? Number.NaN : Number(digits);
    const m = Number.isSafeInteger(id) ? findMark(id, marks) : undefined;
    if (!m) return unknownMark(digits.length > 12 ? `${digits.slice(0, 12)}...` : digits, marks);
    return checked({ kind: 'click', target: { mark: m.id } }, 'mark', `Mark: ${m.id}`);
  }

  // 2. <box> in 0..1000 units.
  const box = /<box>([\s\S]*?)<\/box>/i.exec(text);
  if (box) {
    const nums = numbersIn(box[1] ?? '');
    if (nums.length !== 4 && nums.length !== 2) return fail(`a <box> needs 4 numbers (or 2 for a point), found ${nums.length}`);
    const c = centre(nums);
    if (!c || !inRange(c, 1000) || !nums.every((n) => n >= 0 && n <= 1000)) return fail('the <box> lies outside 0..1000');
    return checked({ kind: 'click', target: { point: { space: 'box1000', x: c.x, y: c.y } } }, 'box1000', `<box>${nums.join(' ')}</box>`);
  }

  // 3. Numbers, with the Mark: parts stripped (none are left here, but a `Mark:` without digits may be).
  const stripped = text.replace(/Mark\s*:[^\n]*/gi, ' ');
  const nums = coordinateNumbers(stripped);
  if (nums === undefined) return fail('the reply names no mark and gives no coordinates');
  if (nums === null) return fail('the coordinates are not plain numbers');
  if (nums.length !== 2 && nums.length !== 4) return fail(`expected 2 (point) or 4 (box) coordinates, found ${nums.length}`);
  if (!nums.every((n) => n >= 0 && n <= 1)) return fail(`coordinates ${nums.join(', ')} are not normalized 0..1`);
  const c = centre(nums);
  if (!c || !inRange(c, 1)) return fail('the coordinates are not a point inside the screen');
  return checked(
    { kind: 'click', target: { point: { space: 'normalized', x: c.x, y: c.y } } },
    nums.length === 2 ? 'point' : 'box',
    `Coordinate: (${nums.join(', ')})`,
  );
}

function numbersIn(s: string): number[] {
  return (s.match(new RegExp(NUM, 'g')) ?? []).slice(0, 64).map(Number);
}

/** Numbers of the first `Coordinate:` tuple, else of the first parenthesised/bracketed tuple, else all numbers. */
function coordinateNumbers(s: string): number[] | null | undefined {
  const coord = /Coordinates?\s*:?\s*[([]([^)\]]*)[)\]]/i.exec(s) ?? /Coordinates?\s*:\s*([^\n]*)/i.exec(s);
  if (coord) {
    const body = (coord[1] ?? '').trim().replace(/[.;]$/, '');
    // Only plain numbers separated by commas/spaces: "0x1F" or "NaN" inside the tuple make it unreadable, not a point.
    if (!new RegExp(`^(?:${NUM})(?:\\s*[,\\s]\\s*(?:${NUM}))*$`).test(body)) return null;
    return numbersIn(body);
  }
  const tuple = /[([]\s*(NUM(?:\s*,\s*NUM)+)\s*[)\]]/.source.replaceAll('NUM', NUM);
  const t = new RegExp(tuple).exec(s);
  if (t) return numbersIn(t[1] ?? '');
  const all = numbersIn(s);
  return all.length ? all : undefined;
}

function centre(n: number[]): { x: number; y: number } | undefined {
  if (!n.every(Number.isFinite)) return undefined;
  if (n.length === 2) return { x: n[0]!, y: n[1]! };
  if (n.length === 4) {
    const [x1, y1, x2, y2] = n as [number, number, number, number];
    if (x2 < x1 || y2 < y1) return undefined;
    return { x: (x1 + x2) / 2, y: (y1 + y2) / 2 };
  }
  return undefined;
}

function inRange(p: { x: number; y: number }, max: number): boolean {
  return Number.isFinite(p.x) && Number.isFinite(p.y) && p.x >= 0 && p.y >= 0 && p.x <= max && p.y <= max;
}

/** The answer of question mode: the reply, trimmed and bounded; an empty reply is an error. */
export function parseAnswerReply(reply: string): ReplyParse {
  if (typeof reply !== 'string') return fail('the reply is not text');
  const text = reply.trim().slice(0, ACTION_LIMITS.maxTextLength);
  if (!text) return fail('the model gave an empty answer');
  return checked({ kind: 'answer', text }, 'json', 'answer');
}

export const NAVIGATE_ACTIONS = ['CLICK', 'TYPE', 'SELECT', 'SCROLL', 'PRESS', 'DONE'] as const;

/**
 * Parses a navigate reply: the first JSON object in the text (Python-style `None` and single quotes accepted),
 * validated field by field. SELECT types VALUE into the marked control (typing an option's text picks it in
 * native and web selects); SCROLL's VALUE is a direction with an optional amount ("down", "down 5");
 * PRESS's VALUE is a key combo ("ctrl+s"); DONE's VALUE, if any, is the summary.
 */
export function parseNavigateReply(reply: string, marks: readonly MarkRef[]): ReplyParse {
  if (typeof reply !== 'string') return fail('the reply is not text');
  const obj = firstJsonObject(reply.slice(0, MAX_REPLY));
  if (!obj.ok) return fail(obj.error);
  const o = foldKeys(obj.value, (k) => k.toUpperCase());
  const actionRaw = o.ACTION;
  if (typeof actionRaw !== 'string') return fail('the reply has no "ACTION" string');
  const action = actionRaw.trim().toUpperCase();
  if (!(NAVIGATE_ACTIONS as readonly string[]).includes(action)) {
    return fail(`unknown ACTION ${JSON.stringify(actionRaw.slice(0, 40))}; expected one of ${NAVIGATE_ACTIONS.join(', ')}`);
  }
  const value = valueText(o.VALUE);
  const markRaw = o.MARK;
  let markId: number | undefined;
  if (markRaw !== undefined && markRaw !== null && !(typeof markRaw === 'string' && /^\s*(none|null|)\s*$/i.test(markRaw))) {
    const n = typeof markRaw === 'number' ? markRaw : typeof markRaw === 'string' && /^\s*\d{1,6}\s*$/.test(markRaw) ? Number(markRaw) : Number.NaN;
    if (!Number.isSafeInteger(n)) return fail(`"MARK" must be a mark number, got ${JSON.stringify(markRaw).slice(0, 40)}`);
    if (!findMark(n, marks)) return unknownMark(n, marks);
    markId = n;
  }
  const target = markId === undefined ? undefined : { mark: markId };
  switch (action) {
    case 'CLICK':
      if (!target) return fail('CLICK needs a "MARK"');
      return checked({ kind: 'click', target }, 'json', `CLICK ${markId}`);
    case 'TYPE':
    case 'SELECT':
      if (!value) return fail(`${action} needs a "VALUE" text`);
      if (value.length > ACTION_LIMITS.maxTextLength) return fail(`${action} text is longer than ${ACTION_LIMITS.maxTextLength} characters`);
      return checked(target ? { kind: 'type', text: value, target } : { kind: 'type', text: value }, 'json', `${action} ${JSON.stringify(value)}`);
    case 'SCROLL': {
      const m = /^\s*(up|down|left|right)\s*(?:[ ,x*]\s*(\d{1,3}))?\s*$/i.exec(value ?? '');
      if (!m) return fail('SCROLL needs a "VALUE" of up, down, left or right (optionally with an amount)');
      const amount = m[2] ? Number(m[2]) : 5;
      if (amount < 1 || amount > ACTION_LIMITS.maxScrollAmount) return fail(`scroll amount ${amount} is outside 1..${ACTION_LIMITS.maxScrollAmount}`);
      const direction = m[1]!.toLowerCase() as 'up' | 'down' | 'left' | 'right';
      return checked(target ? { kind: 'scroll', direction, amount, target } : { kind: 'scroll', direction, amount }, 'json', `SCROLL ${direction} ${amount}`);
    }
    case 'PRESS': {
      const keys = parseKeys(value ?? '');
      if (!keys.ok) return fail(keys.error);
      return checked({ kind: 'press', keys: keys.keys }, 'json', `PRESS ${keys.keys.join('+')}`);
    }
    case 'DONE':
      return checked(value ? { kind: 'done', summary: value.slice(0, ACTION_LIMITS.maxReasonLength) } : { kind: 'done' }, 'json', 'DONE');
  }
  return fail('unreachable');
}

function parseKeys(v: string): { ok: true; keys: string[] } | { ok: false; error: string } {
  const parts = v.trim().toLowerCase().split(/\s*\+\s*|\s+/).filter(Boolean).map(canonicalKey);
  if (parts.length === 0) return { ok: false, error: 'PRESS needs a "VALUE" key combo such as "ctrl+s"' };
  if (parts.length > ACTION_LIMITS.maxKeysInCombo) return { ok: false, error: `PRESS names more than ${ACTION_LIMITS.maxKeysInCombo} keys` };
  for (const k of parts) if (!KeySchema.safeParse(k).success) return { ok: false, error: `PRESS names an unknown key ${JSON.stringify(k.slice(0, 20))}` };
  return { ok: true, keys: parts };
}

function valueText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' || /^(none|null)$/i.test(t) ? undefined : t;
}

/**
 * A reply object's entries under folded keys ("Next Action" -> "next_action"); the first of two keys that fold alike
 * wins. The result has no prototype, so a key "__proto__" or "constructor" in a reply is plain data, never inherited.
 */
export function foldKeys(o: Record<string, unknown>, fold: (key: string) => string): Record<string, unknown> {
  const r: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    const K = fold(k.trim());
    if (!Object.hasOwn(r, K)) r[K] = v;
  }
  return r;
}

/** The first balanced {...} that parses as a JSON object (after Python-literal repair). Data only: JSON.parse. */
export function firstJsonObject(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  let start = text.indexOf('{');
  let tries = 0;
  while (start >= 0 && tries++ < 20) {
    const end = balancedEnd(text, start);
    if (end < 0) break;
    const raw = text.slice(start, end + 1);
    for (const candidate of [raw, pythonToJson(raw)]) {
      try {
        const v: unknown = JSON.parse(candidate);
        if (v && typeof v === 'object' && !Array.isArray(v)) return { ok: true, value: v as Record<string, unknown> };
      } catch {
        // try the next reading
      }
    }
    start = text.indexOf('{', start + 1);
  }
  return { ok: false, error: 'the reply holds no JSON object like {"ACTION": ..., "MARK": ..., "VALUE": ...}' };
}

function balancedEnd(s: string, start: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Python dict literal -> JSON: single-quoted strings, None/True/False, trailing commas. */
function pythonToJson(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' || c === "'") {
      let j = i + 1;
      let body = '';
      while (j < s.length && s[j] !== c) {
        if (s[j] === '\\' && j + 1 < s.length) {
          body += s[j + 1] === "'" ? "'" : s[j]! + s[j + 1]!;
          j += 2;
        } else {
          body += s[j] === '"' ? '\\"' : s[j]!;
          j++;
        }
      }
      out += `"${body}"`;
      i = j;
    } else out += c;
  }
  return out
    .replace(/\bNone\b/g, 'null')
    .replace(/\bTrue\b/g, 'true')
    .replace(/\bFalse\b/g, 'false')
    .replace(/,\s*([}\]])/g, '$1');
}
