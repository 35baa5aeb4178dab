/**
 * Replies of OpenAI-compatible vision models, in the three formats the `openai` planner asks for:
 *
 *  - som-json: our Set-of-Mark JSON (OmniParser's keys) `{"Reasoning", "Next Action", "Box ID", "value"}`, or
 *    Magma's navigate JSON `{"ACTION", "MARK", "VALUE"}` (parsed by magma-reply's parseNavigateReply).
 *  - ui-tars: `Thought: ...\nAction: click(start_box='(x,y)')` and the rest of UI-TARS's action space.
 *  - qwen: Qwen2.5-VL's computer_use tool call `<tool_call>{"name": "computer_use", "arguments": {...}}</tool_call>`,
 *    or its grounding JSON `[{"bbox_2d": [x1, y1, x2, y2]}]` / `{"point_2d": [x, y]}`.
 *
 * The format is read from the reply itself; what a coordinate MEANS comes from the model's declared family:
 * UI-TARS-1.0 answers 0..1000 of the image, UI-TARS-1.5 and Qwen2.5-VL answer pixels of the (resized) image they
 * were sent. With no family the reply must settle it (a value above 1000, a Qwen tool call); a point that reads
 * both ways is an error that asks for the family, never a guess (UI-TARS-desktop's #11). A point outside the
 * image is an error, not a click. Every action is validated with ActionSchema. Nothing here evaluates text as
 * code, and no input makes these functions throw.
 */
import { ACTION_LIMITS, ActionSchema, type Action, type Target } from '../../common/actions.js';
import { MODEL_FAMILIES } from '../../common/ipc-contract.js';
import { firstJsonObject, foldKeys, parseNavigateReply, type MarkRef } from './magma-reply.js';
import { ownValue } from '../../common/own-key.js';

export { MODEL_FAMILIES };
export type ModelFamily = (typeof MODEL_FAMILIES)[number];
export type ReplyFormat = 'som-json' | 'ui-tars' | 'qwen';
/** What a number pair means: 0..1000 of the image, or pixels of the image the model was sent. */
export type Convention = 'rel1000' | 'pixels';

/** The image the model saw (sent, maybe resized) and the frame it was made from (what actions point into). */
export interface SentImage {
  readonly sentWidth: number;
  readonly sentHeight: number;
  readonly frameWidth: number;
  readonly frameHeight: number;
}

export interface ParseOptions {
  readonly family: ModelFamily;
  readonly image: SentImage;
  readonly marks: readonly MarkRef[];
}

export type FormatParse =
  | { readonly ok: true; readonly action: Action; readonly format: ReplyFormat; readonly thought: string; readonly detail: string }
  | { readonly ok: false; readonly error: string; readonly format?: ReplyFormat };

const MAX_REPLY = 20_000;
const NUM = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`;

/** The family a model name declares (`ui-tars-1.5-7b`, `qwen2.5-vl:7b`), or undefined. */
export function familyFromModelName(name: string): Exclude<ModelFamily, 'auto'> | undefined {
  const n = name.toLowerCase();
  if (/ui[-_ ]?tars/.test(n)) return /1[._-]?5|\b2\b|-2-|v2/.test(n) ? 'ui-tars-1.5' : 'ui-tars-1.0';
  if (/qwen[-_ ]?2[._]?5[-_ ]?vl/.test(n)) return 'qwen2.5-vl';
  return undefined;
}

/** The declared family, or the one the model's name gives when the declaration is `auto`. */
export function resolveFamily(declared: ModelFamily, modelName: string): ModelFamily {
  return declared === 'auto' ? (familyFromModelName(modelName) ?? 'auto') : declared;
}

/** The prompt format a family is trained on (auto/generic: our Set-of-Mark JSON). */
export function promptFormatFor(family: ModelFamily): ReplyFormat {
  if (family === 'ui-tars-1.0' || family === 'ui-tars-1.5') return 'ui-tars';
  if (family === 'qwen2.5-vl') return 'qwen';
  return 'som-json';
}

/**
 * Qwen2.5-VL's smart_resize (also UI-TARS-1.5's): sides multiples of `factor`, pixels within [min, max], aspect
 * kept as well as the grid allows. Sending an image of exactly this size means the server's processor does not
 * resize it again, so the pixels the model answers in are pixels of the image we sent.
 */
export function smartResize(width: number, height: number, o: { factor?: number; minPixels?: number; maxPixels?: number } = {}): { width: number; height: number } {
  const f = o.factor ?? 28;
  const minP = o.minPixels ?? 56 * 56;
  const maxP = o.maxPixels ?? 16384 * 28 * 28;
  let h = Math.max(f, Math.round(height / f) * f);
  let w = Math.max(f, Math.round(width / f) * f);
  if (h * w > maxP) {
    const beta = Math.sqrt((height * width) / maxP);
    h = Math.max(f, Math.floor(height / beta / f) * f);
    w = Math.max(f, Math.floor(width / beta / f) * f);
  } else if (h * w < minP) {
    const beta = Math.sqrt(minP / (height * width));
    h = Math.ceil((height * beta) / f) * f;
    w = Math.ceil((width * beta) / f) * f;
  }
  return { width: w, height: h };
}

/** Scales down (never up) to at most maxPixels, keeping the aspect ratio. */
export function fitPixels(width: number, height: number, maxPixels: number): { width: number; height: number } {
  if (width * height <= maxPixels) return { width, height };
  const s = Math.sqrt(maxPixels / (width * height));
  return { width: Math.max(1, Math.floor(width * s)), height: Math.max(1, Math.floor(height * s)) };
}

function fail(error: string, format?: ReplyFormat): FormatParse {
  return format ? { ok: false, error, format } : { ok: false, error };
}

function checked(action: Action, format: ReplyFormat, thought: string, detail: string): FormatParse {
  const r = ActionSchema.safeParse(action);
  if (!r.success) return fail(`the reply gives an action outside the allowed range (${r.error.issues[0]?.message ?? 'invalid'})`, format);
  return { ok: true, action: r.data, format, thought: thought.slice(0, ACTION_LIMITS.maxReasonLength), detail };
}

/** Which format the reply is written in, from the reply alone (the family breaks ties between look-alikes). */
export function detectReplyFormat(reply: string, family: ModelFamily = 'auto'): ReplyFormat | undefined {
  if (typeof reply !== 'string') return undefined;
  const t = reply.slice(0, MAX_REPLY);
  if (/<tool_call>/i.test(t) || /"name"\s*:\s*"computer_use"/.test(t) || /"(bbox_2d|point_2d)"/.test(t)) return 'qwen';
  const actionLine = /(?:^|\n)\s*Action\s*:\s*[A-Za-z_]+\s*\(/.test(t);
  if (actionLine && (family === 'ui-tars-1.0' || family === 'ui-tars-1.5')) return 'ui-tars';
  const obj = firstJsonObject(t);
  const keys = obj.ok ? Object.keys(obj.value).map((k) => k.trim().toLowerCase().replace(/[\s-]+/g, '_')) : [];
  if (keys.includes('coordinate') && keys.includes('action')) return 'qwen';
  if (keys.includes('next_action') || keys.includes('box_id')) return 'som-json';
  if (actionLine) return 'ui-tars';
  if (keys.includes('action')) return 'som-json';
  if (new RegExp(String.raw`(?:^|[\s\`'"])(${UI_TARS_ACTIONS.join('|')})\s*\(\s*(?:[a-z_]+\s*=|['"(<)])`).test(t)) return 'ui-tars';
  return undefined;
}

/** Parses a model's reply into an action on the frame, per the rules in this file's header. Never throws. */
export function parseModelReply(reply: string, o: ParseOptions): FormatParse {
  try {
    if (typeof reply !== 'string') return fail('the reply is not text');
    const text = reply.slice(0, MAX_REPLY);
    if (!text.trim()) return fail('the reply is empty');
    const img = o.image;
    if (![img.sentWidth, img.sentHeight, img.frameWidth, img.frameHeight].every((v) => Number.isFinite(v) && v > 0)) return fail('the image size is unknown');
    const format = detectReplyFormat(text, o.family);
    switch (format) {
      case 'ui-tars':
        return parseUiTars(text, o);
      case 'qwen':
        return parseQwen(text, o);
      case 'som-json':
        return parseSomJson(text, o);
      default:
        return fail('the reply holds no action in a known format (UI-TARS "Action: click(...)", a Qwen <tool_call>, or a JSON object with "Next Action")');
    }
  } catch (e) {
    // Defensive: a parser bug must surface as a refusal, never as a thrown error or a click.
    return fail(`the reply could not be read (${(e as Error).message})`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Points

interface RawPoint {
  readonly x: number;
  readonly y: number;
  /** What the reply itself says about the numbers (a Qwen tool call is pixels). */
  readonly hint?: Convention;
  readonly source: string;
}

function numbersIn(s: string): number[] {
  return (s.match(new RegExp(NUM, 'g')) ?? []).slice(0, 16).map(Number);
}

/** `(x,y)`, `<|box_start|>(x1,y1,x2,y2)<|box_end|>`, `[x, y]`, `<point>x y</point>`, `<bbox>...</bbox>`: 2 numbers or a box's centre. */
function pointFromText(s: string, hint?: Convention): RawPoint | string {
  const nums = numbersIn(s);
  return pointFromNumbers(nums, s.slice(0, 80), hint);
}

function pointFromNumbers(nums: readonly unknown[], source: string, hint?: Convention): RawPoint | string {
  if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n))) return `the coordinates ${JSON.stringify(source).slice(0, 80)} are not numbers`;
  const n = nums as number[];
  if (n.length === 2) return { x: n[0]!, y: n[1]!, source, ...(hint ? { hint } : {}) };
  if (n.length === 4) {
    const [x1, y1, x2, y2] = n as [number, number, number, number];
    if (x2 < x1 || y2 < y1) return `the box ${JSON.stringify(source).slice(0, 80)} has its corners the wrong way round`;
    return { x: (x1 + x2) / 2, y: (y1 + y2) / 2, source, ...(hint ? { hint } : {}) };
  }
  return `expected a point (2 numbers) or a box (4), found ${n.length} numbers in ${JSON.stringify(source).slice(0, 80)}`;
}

/** The convention the family declares, else the reply's hint, else what the numbers themselves allow. */
function conventionOf(p: RawPoint, o: ParseOptions): Convention | { error: string } {
  if (o.family === 'ui-tars-1.0') return 'rel1000';
  if (o.family === 'ui-tars-1.5' || o.family === 'qwen2.5-vl') return 'pixels';
  if (p.hint) return p.hint;
  const { sentWidth: w, sentHeight: h } = o.image;
  const asPixels = p.x >= 0 && p.y >= 0 && p.x < w && p.y < h;
  const asRel = p.x >= 0 && p.y >= 0 && p.x < 1000 && p.y < 1000;
  if (asPixels && !asRel) return 'pixels';
  if (asRel && !asPixels) return 'rel1000';
  if (!asRel && !asPixels) return 'pixels'; // outside either way: reported as outside the image below
  return {
    error:
      `the point (${fmt(p.x)}, ${fmt(p.y)}) could be 0-1000 relative or pixels of the ${w}x${h} image; set the model ` +
      'family (ui-tars-1.0 answers 0-1000, ui-tars-1.5 and qwen2.5-vl answer pixels) instead of auto',
  };
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** A model point -> a target on the frame, or why not. Outside the image is an error, never clamped. */
function toTarget(p: RawPoint, o: ParseOptions): { ok: true; target: Target; detail: string } | { ok: false; error: string } {
  const conv = conventionOf(p, o);
  if (typeof conv === 'object') return { ok: false, error: conv.error };
  const { sentWidth: sw, sentHeight: sh, frameWidth: fw, frameHeight: fh } = o.image;
  if (conv === 'rel1000') {
    if (!(p.x >= 0 && p.y >= 0 && p.x < 1000 && p.y < 1000)) {
      return { ok: false, error: `the model pointed at (${fmt(p.x)}, ${fmt(p.y)}) in 0-1000 units, which is outside the image; not clicking` };
    }
    return { ok: true, target: { point: { space: 'box1000', x: p.x, y: p.y } }, detail: `(${fmt(p.x)}, ${fmt(p.y)}) of 1000` };
  }
  if (!(p.x >= 0 && p.y >= 0 && p.x < sw && p.y < sh)) {
    return { ok: false, error: `the model pointed at (${fmt(p.x)}, ${fmt(p.y)}), outside the ${sw}x${sh} image it was shown; not clicking` };
  }
  // Back through the resize: pixels of the sent image -> pixels of the frame.
  const x = (p.x * fw) / sw;
  const y = (p.y * fh) / sh;
  if (!(x >= 0 && y >= 0 && x < fw && y < fh)) return { ok: false, error: 'the point maps outside the screenshot; not clicking' };
  return { ok: true, target: { point: { space: 'image', x, y } }, detail: `(${fmt(p.x)}, ${fmt(p.y)}) of ${sw}x${sh}` };
}

// ---------------------------------------------------------------------------------------------------------------
// UI-TARS

const UI_TARS_ACTIONS = [
  'click', 'left_single', 'left_double', 'double_click', 'right_single', 'right_click', 'drag', 'select', 'hotkey', 'press',
  'keydown', 'type', 'scroll', 'wait', 'finished', 'call_user', 'hover', 'mouse_move', 'long_press', 'open_app', 'press_home', 'press_back',
] as const;

/** `name(key='value', key2="v2", 'positional')`: string values with Python escapes read as data, not code. */
export function parseCall(text: string, at: number): { name: string; args: Record<string, string>; end: number } | undefined {
  const head = /([A-Za-z_][A-Za-z0-9_]*)\s*\(/y;
  head.lastIndex = at;
  const m = head.exec(text);
  if (!m) return undefined;
  const args: Record<string, string> = {};
  let i = head.lastIndex;
  let positional = 0;
  const skipWs = () => {
    while (i < text.length && /[\s,]/.test(text[i]!)) i++;
  };
  for (let guard = 0; guard < 32; guard++) {
    skipWs();
    if (i >= text.length) return undefined;
    if (text[i] === ')') return { name: m[1]!, args, end: i + 1 };
    let key = `_${positional}`;
    const km = /([A-Za-z_][A-Za-z0-9_]*)\s*=\s*/y;
    km.lastIndex = i;
    const k = km.exec(text);
    if (k) {
      key = k[1]!;
      i = km.lastIndex;
    } else positional++;
    const q = text[i];
    if (q === "'" || q === '"') {
      let j = i + 1;
      let v = '';
      while (j < text.length && text[j] !== q) {
        if (text[j] === '\\' && j + 1 < text.length) {
          const c = text[j + 1]!;
          v += c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c;
          j += 2;
        } else v += text[j++]!;
      }
      if (j >= text.length) return undefined;
      args[key] = v;
      i = j + 1;
    } else {
      // A bare value: up to the next comma or closing parenthesis at depth 0 (so `(x,y)` stays one value).
      let j = i;
      let depth = 0;
      while (j < text.length && !(depth === 0 && (text[j] === ',' || text[j] === ')'))) {
        if (text[j] === '(' || text[j] === '[') depth++;
        else if (text[j] === ')' || text[j] === ']') depth--;
        j++;
      }
      args[key] = text.slice(i, j).trim();
      i = j;
    }
  }
  return undefined;
}

function parseUiTars(text: string, o: ParseOptions): FormatParse {
  const F = 'ui-tars' as const;
  const thought = (/(?:^|\n)\s*(?:Thought|Reflection)\s*:\s*([\s\S]*?)(?=\n\s*Action\s*:|$)/i.exec(text)?.[1] ?? '').trim();
  const actionAt = /(?:^|\n)\s*Action\s*:\s*/i.exec(text);
  let call: ReturnType<typeof parseCall>;
  if (actionAt) call = parseCall(text, actionAt.index + actionAt[0].length);
  if (!call) {
    const any = new RegExp(String.raw`\b(?:${UI_TARS_ACTIONS.join('|')})\s*\(`).exec(text);
    if (any) call = parseCall(text, any.index);
  }
  if (!call) return fail('the UI-TARS action is not a complete call like click(start_box=\'(x,y)\')', F);
  const { name, args } = call;
  const a = (k: string, ...alt: string[]) => [k, ...alt].map((x) => args[x]).find((v) => v !== undefined);
  const pointArg = (...keys: string[]) => {
    const v = a(keys[0]!, ...keys.slice(1), '_0');
    if (v === undefined) return `${name} needs ${keys[0]}`;
    const p = pointFromText(v);
    if (typeof p === 'string') return p;
    const t = toTarget(p, o);
    return t.ok ? t : t.error;
  };
  switch (name.toLowerCase()) {
    case 'click':
    case 'left_single':
    case 'left_double':
    case 'double_click':
    case 'right_single':
    case 'right_click': {
      const t = pointArg('start_box', 'point', 'start_point');
      if (typeof t === 'string') return fail(t, F);
      const kind = /double/.test(name) ? 'double_click' : /right/.test(name) ? 'right_click' : 'click';
      return checked({ kind, target: t.target }, F, thought, `${name} ${t.detail}`);
    }
    case 'drag':
    case 'select': {
      const from = pointArg('start_box', 'start_point');
      if (typeof from === 'string') return fail(from, F);
      const endRaw = a('end_box', 'end_point', '_1');
      if (endRaw === undefined) return fail(`${name} needs end_box`, F);
      const ep = pointFromText(endRaw);
      if (typeof ep === 'string') return fail(ep, F);
      const to = toTarget(ep, o);
      if (!to.ok) return fail(to.error, F);
      return checked({ kind: 'drag', from: from.target, to: to.target }, F, thought, `drag ${from.detail} -> ${to.detail}`);
    }
    case 'hotkey':
    case 'press':
    case 'keydown': {
      const keys = a('key', 'keys', 'hotkey', '_0');
      if (!keys?.trim()) return fail(`${name} needs key='...'`, F);
      return viaNavigate({ ACTION: 'PRESS', VALUE: keys }, o, F, thought);
    }
    case 'type': {
      const content = a('content', 'text', '_0');
      if (!content) return fail("type needs content='...'", F);
      return checked({ kind: 'type', text: content }, F, thought, `type ${JSON.stringify(content.slice(0, 40))}`);
    }
    case 'scroll': {
      const dir = (a('direction', '_1') ?? '').trim().toLowerCase();
      if (!['up', 'down', 'left', 'right'].includes(dir)) return fail("scroll needs direction='up', 'down', 'left' or 'right'", F);
      const where = a('start_box', 'point', 'start_point');
      let target: Target | undefined;
      let detail = '';
      if (where !== undefined && where.trim()) {
        const p = pointFromText(where);
        if (typeof p === 'string') return fail(p, F);
        const t = toTarget(p, o);
        if (!t.ok) return fail(t.error, F);
        target = t.target;
        detail = ` at ${t.detail}`;
      }
      const direction = dir as 'up' | 'down' | 'left' | 'right';
      return checked(target ? { kind: 'scroll', direction, amount: 5, target } : { kind: 'scroll', direction, amount: 5 }, F, thought, `scroll ${dir}${detail}`);
    }
    case 'wait':
      return checked({ kind: 'wait', ms: 5000 }, F, thought, 'wait 5 s');
    case 'finished': {
      const c = (a('content', '_0') ?? '').trim().slice(0, ACTION_LIMITS.maxReasonLength);
      return checked(c ? { kind: 'done', summary: c } : { kind: 'done' }, F, thought, 'finished');
    }
    case 'call_user':
      return checked({ kind: 'fail', reason: `the model asks for help: ${(thought || 'it cannot go on alone').slice(0, 500)}` }, F, thought, 'call_user');
    default:
      return fail(`the model asked for "${name.slice(0, 30)}", which Magma Desk cannot do (it can click, double/right click, drag, type, press keys, scroll, wait and finish)`, F);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Qwen2.5-VL

function parseQwen(text: string, o: ParseOptions): FormatParse {
  const F = 'qwen' as const;
  const thought = text.replace(/<tool_call>[\s\S]*?(<\/tool_call>|$)/gi, '').trim();
  const inner = /<tool_call>([\s\S]*?)(?:<\/tool_call>|$)/i.exec(text)?.[1] ?? text;
  // Grounding replies: [{"bbox_2d": [...], "label": ...}] or {"point_2d": [...]}: a click at the centre.
  const g = /"(bbox_2d|point_2d)"\s*:\s*\[([^\]]*)\]/.exec(inner);
  const obj = firstJsonObject(inner);
  if (!obj.ok && g) {
    const p = pointFromText(g[2] ?? '', 'pixels');
    if (typeof p === 'string') return fail(p, F);
    const t = toTarget(p, o);
    if (!t.ok) return fail(t.error, F);
    return checked({ kind: 'click', target: t.target }, F, thought, `${g[1]} ${t.detail}`);
  }
  if (!obj.ok) return fail('the tool call holds no JSON object', F);
  const v = obj.value;
  if (('bbox_2d' in v || 'point_2d' in v) && !('arguments' in v)) {
    const nums = Array.isArray(v.bbox_2d) ? v.bbox_2d : Array.isArray(v.point_2d) ? v.point_2d : undefined;
    if (!nums) return fail('bbox_2d / point_2d must be a list of numbers', F);
    const p = pointFromNumbers(nums, JSON.stringify(nums).slice(0, 80), 'pixels');
    if (typeof p === 'string') return fail(p, F);
    const t = toTarget(p, o);
    if (!t.ok) return fail(t.error, F);
    return checked({ kind: 'click', target: t.target }, F, thought, `click ${t.detail}`);
  }
  let args: Record<string, unknown> = v;
  if ('arguments' in v) {
    let inner2 = v.arguments;
    if (typeof inner2 === 'string') {
      const j = firstJsonObject(inner2);
      inner2 = j.ok ? j.value : undefined;
    }
    if (!inner2 || typeof inner2 !== 'object' || Array.isArray(inner2)) return fail('"arguments" of the tool call is not an object', F);
    args = inner2 as Record<string, unknown>;
  }
  const action = typeof args.action === 'string' ? args.action.trim().toLowerCase() : undefined;
  if (!action) return fail('the tool call has no "action"', F);
  const point = (key = 'coordinate'): { ok: true; target: Target; detail: string } | { ok: false; error: string } => {
    const c = args[key];
    if (!Array.isArray(c)) return { ok: false, error: `${action} needs "${key}": [x, y]` };
    const p = pointFromNumbers(c, JSON.stringify(c).slice(0, 80), 'pixels');
    if (typeof p === 'string') return { ok: false, error: p };
    return toTarget(p, o);
  };
  switch (action) {
    case 'left_click':
    case 'click':
    case 'right_click':
    case 'double_click': {
      const t = point();
      if (!t.ok) return fail(t.error, F);
      const kind = action === 'right_click' ? 'right_click' : action === 'double_click' ? 'double_click' : 'click';
      return checked({ kind, target: t.target }, F, thought, `${action} ${t.detail}`);
    }
    case 'left_click_drag': {
      const from = point('start_coordinate');
      if (!from.ok) return fail(`left_click_drag from the pointer's current place is not supported: ${from.error}`, F);
      const to = point();
      if (!to.ok) return fail(to.error, F);
      return checked({ kind: 'drag', from: from.target, to: to.target }, F, thought, `drag ${from.detail} -> ${to.detail}`);
    }
    case 'type': {
      if (typeof args.text !== 'string' || !args.text) return fail('type needs "text"', F);
      return checked({ kind: 'type', text: args.text }, F, thought, `type ${JSON.stringify(args.text.slice(0, 40))}`);
    }
    case 'key': {
      const keys = Array.isArray(args.keys) ? args.keys : typeof args.keys === 'string' ? [args.keys] : undefined;
      if (!keys || !keys.length || !keys.every((k) => typeof k === 'string')) return fail('key needs "keys": ["ctrl", "c"]', F);
      return viaNavigate({ ACTION: 'PRESS', VALUE: (keys as string[]).join('+') }, o, F, thought);
    }
    case 'scroll': {
      const px = args.pixels;
      if (typeof px !== 'number' || !Number.isFinite(px) || px === 0) return fail('scroll needs a non-zero number "pixels" (positive scrolls up)', F);
      const amount = Math.max(1, Math.round(Math.abs(px) / 100));
      const direction = px > 0 ? 'up' : 'down';
      let target: Target | undefined;
      if (args.coordinate !== undefined) {
        const t = point();
        if (!t.ok) return fail(t.error, F);
        target = t.target;
      }
      return checked(target ? { kind: 'scroll', direction, amount, target } : { kind: 'scroll', direction, amount }, F, thought, `scroll ${direction} ${amount}`);
    }
    case 'wait': {
      const s = typeof args.time === 'number' && Number.isFinite(args.time) ? args.time : 1;
      return checked({ kind: 'wait', ms: Math.round(s * 1000) }, F, thought, `wait ${s} s`);
    }
    case 'terminate': {
      const status = typeof args.status === 'string' ? args.status.toLowerCase() : 'success';
      return status === 'success'
        ? checked({ kind: 'done' }, F, thought, 'terminate success')
        : checked({ kind: 'fail', reason: `the model gave up (${status.slice(0, 40)})${thought ? `: ${thought.slice(0, 300)}` : ''}` }, F, thought, 'terminate');
    }
    case 'answer': {
      if (typeof args.text !== 'string') return fail('answer needs "text"', F);
      return checked({ kind: 'answer', text: args.text.slice(0, ACTION_LIMITS.maxTextLength) }, F, thought, 'answer');
    }
    default:
      return fail(`the model asked for "${action.slice(0, 30)}", which Magma Desk cannot do`, F);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Set-of-Mark JSON

const SOM_ACTIONS: Record<string, 'click' | 'double_click' | 'right_click' | 'TYPE' | 'PRESS' | 'SCROLL' | 'wait' | 'DONE' | 'fail' | 'scroll_up' | 'scroll_down'> = {
  click: 'click', left_click: 'click', double_click: 'double_click', right_click: 'right_click', type: 'TYPE', press: 'PRESS',
  hotkey: 'PRESS', key: 'PRESS', scroll: 'SCROLL', scroll_up: 'scroll_up', scroll_down: 'scroll_down', wait: 'wait', done: 'DONE',
  none: 'DONE', finished: 'DONE', fail: 'fail',
};

function parseSomJson(text: string, o: ParseOptions): FormatParse {
  const F = 'som-json' as const;
  const obj = firstJsonObject(text);
  if (!obj.ok) return fail(obj.error, F);
  const v = foldKeys(obj.value, (k) => k.toLowerCase().replace(/[\s-]+/g, '_'));
  // Magma's navigate keys (ACTION / MARK / VALUE): its own parser.
  if (!('next_action' in v) && 'action' in v) {
    const r = parseNavigateReply(text, o.marks);
    return r.ok ? { ok: true, action: r.action, format: F, thought: '', detail: r.detail } : fail(r.error, F);
  }
  const thought = typeof v.reasoning === 'string' ? v.reasoning.trim() : '';
  const raw = v.next_action;
  if (typeof raw !== 'string' || !raw.trim()) return fail('the JSON has no "Next Action" string', F);
  const name = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const kind = ownValue(SOM_ACTIONS, name);
  if (!kind) return fail(`unknown "Next Action" ${JSON.stringify(raw.slice(0, 40))}; expected click, double_click, right_click, type, press, scroll, wait, done or fail`, F);
  const boxRaw = v.box_id ?? v.mark;
  const value = v.value;
  let mark: number | undefined;
  if (boxRaw !== undefined && boxRaw !== null && !(typeof boxRaw === 'string' && /^\s*(none|null|)\s*$/i.test(boxRaw))) {
    const n = typeof boxRaw === 'number' ? boxRaw : typeof boxRaw === 'string' && /^\s*\d{1,6}\s*$/.test(boxRaw) ? Number(boxRaw) : Number.NaN;
    if (!Number.isSafeInteger(n)) return fail(`"Box ID" must be a mark number, got ${JSON.stringify(boxRaw).slice(0, 40)}`, F);
    if (!o.marks.some((m) => m.id === n)) {
      return fail(`the model named mark ${n}, which is not on this screen (${o.marks.length ? `marks 0..${o.marks.length - 1}` : 'no marks'}); not clicking a guess`, F);
    }
    mark = n;
  }
  const nav = (o2: Record<string, unknown>) => viaNavigate({ ...o2, ...(mark !== undefined ? { MARK: mark } : {}) }, o, F, thought);
  switch (kind) {
    case 'click':
    case 'double_click':
    case 'right_click':
      if (mark === undefined) return fail(`${name} needs a "Box ID"`, F);
      return checked({ kind, target: { mark } }, F, thought, `${kind} #${mark}`);
    case 'TYPE':
    case 'PRESS':
    case 'SCROLL':
    case 'DONE':
      return nav({ ACTION: kind, VALUE: value ?? null });
    case 'scroll_up':
    case 'scroll_down':
      return nav({ ACTION: 'SCROLL', VALUE: kind === 'scroll_up' ? 'up' : 'down' });
    case 'wait':
      return checked({ kind: 'wait', ms: 1000 }, F, thought, 'wait 1 s');
    case 'fail':
      return checked({ kind: 'fail', reason: String(value ?? thought ?? 'the model gave up').slice(0, ACTION_LIMITS.maxReasonLength) || 'the model gave up' }, F, thought, 'fail');
  }
}

/** PRESS/SCROLL/TYPE/DONE go through Magma's navigate parser: one place validates keys, directions and text. */
function viaNavigate(obj: Record<string, unknown>, o: ParseOptions, format: ReplyFormat, thought: string): FormatParse {
  const r = parseNavigateReply(JSON.stringify(obj), o.marks);
  return r.ok ? checked(r.action, format, thought, r.detail) : fail(r.error, format);
}
