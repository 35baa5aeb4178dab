/**
 * S5: malformed model output. Generators that are malformed by construction (huge numbers, NaN, wrong arity,
 * unknown actions, 1 MB strings, odd Unicode, code, broken JSON, non-strings), fed to every reply parser that
 * exists (command grammar + command planner, Magma grounding / navigate / answer, the JSON extractor), to the
 * loop through a planner that uses them, and forged approvals to the executor. Expected: no throw, a structured
 * rejection ({ok: false, error: short sentence}), no input event.
 */
import fc from 'fast-check';
import { parseCommands } from '../../electron/agent/planner/command-grammar.js';
import { CommandPlanner, CommandSyntaxError, resolveStep } from '../../electron/agent/planner/command.js';
import { firstJsonObject, parseAnswerReply, parseGroundingReply, parseNavigateReply } from '../../electron/agent/planner/magma-reply.js';
import { textElement } from '../support/fakes.js';

export const MARKS = Array.from({ length: 10 }, (_, i) => textElement(i, `b${i}`, [10 + i * 15, 10, 20 + i * 15, 20]));
export const MARK_REFS = MARKS.map((m) => ({ id: m.id, bbox: m.bbox }));

const MB = 1 << 20;
const noMarkWord = (s: string) => !/mark|coord|box|\d/i.test(s);
const filler = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', '\n', '\u202e', '\u200b', '🤖', 'ｍａｒｋ', '<script>alert(1)</script>', "'; DROP TABLE marks; --", '${process.exit()}', '__proto__', 'constructor'),
).filter(noMarkWord);
const code = fc.constantFrom(
  "```python\nimport os\nos.system('rm -rf /')\n```",
  'function f(){ while(true){} }',
  '<img src=x onerror=alert(document.cookie)>',
  'require("child_process").execSync("id")',
  '{{7*7}} ${7*7} <%= 7*7 %>',
).map((s) => s.replace(/\d/g, ''));
const hugeNumber = fc.oneof(
  fc.bigInt({ min: 10n, max: 10n ** 40n }).map(String),
  fc.constantFrom('1e308', '1e999', '99999999999999999999999', '123456789', '10', '4294967296', '9007199254740993'),
);
const badNumberText = fc.oneof(hugeNumber, fc.constantFrom('NaN', 'Infinity', '-Infinity', '-1', '-0.5', '1.5e3'), fc.double({ noNaN: false }).filter((d) => !(d >= 0 && d <= 1)).map(String));
const bigString = fc.tuple(fc.constantFrom('A', 'é', '字', '🤖', ' ', '\u0000', '{', '"'), fc.integer({ min: MB / 4, max: MB })).map(([c, n]) => c.repeat(Math.ceil(n / c.length)));

/** Grounding replies that name no valid mark and no valid coordinates. */
export const badGrounding: fc.Arbitrary<unknown> = fc.oneof(
  fc.tuple(filler, fc.integer({ min: 10, max: 10 ** 9 }), filler).map(([a, n, b]) => `${a} Mark: ${n} ${b}`),
  fc.tuple(filler, hugeNumber.filter((n) => /^\d+$/.test(n)), filler.filter((b) => !/^[.eE,]/.test(b))).map(([a, n, b]) => `${a}Mark:${n}${b}`),
  fc.tuple(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 0, maxLength: 7 }).filter((a) => a.length !== 2 && a.length !== 4), filler).map(([ns, b]) => `<box>${ns.join(' ')}</box>${b}`),
  fc.tuple(fc.double({ min: 1001, max: 1e300, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true })).map(([a, b]) => `<box>${a} ${b} ${a} ${b}</box>`),
  fc.tuple(fc.integer({ min: 501, max: 1000 }), fc.integer({ min: 0, max: 499 })).map(([a, b]) => `<box>${a} ${a} ${b} ${b}</box>`),
  fc.tuple(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 7 }).filter((a) => a.length !== 2 && a.length !== 4)).map(([ns]) => `Coordinate: (${ns.join(', ')})`),
  fc.tuple(fc.double({ min: 1.0001, max: 1e9, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([a, b]) => `Coordinate: (${a}, ${b})`),
  fc.tuple(badNumberText, badNumberText).filter(([a, b]) => !/^(0(\.\d+)?|1(\.0+)?)$/.test(a) || !/^(0(\.\d+)?|1(\.0+)?)$/.test(b)).map(([a, b]) => `Coordinate: (${a}, ${b}). Mark: None`),
  filler,
  code,
  { weight: 1, arbitrary: bigString.map((s) => s.replace(/\d/g, '')) },
  fc.constantFrom<unknown>(null, undefined, 42, { Mark: 1 }, ['Mark: 1'], Symbol.for('x'), () => 'Mark: 1'),
);

const badMark = fc.oneof(fc.integer({ min: 10, max: 2 ** 31 }), fc.integer({ min: -1e9, max: -1 }), fc.double({ min: 0.1, max: 9.9, noNaN: true }).filter((d) => !Number.isInteger(d)), fc.constantFrom<unknown>('abc', '1e3', 'NaN', true, [], {}, '12345678901234567890', 1e308));
const unknownAction = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('DELETE', 'EXEC', 'RUN', 'SHELL', 'EVAL', 'DRAG', 'CLICK ', 'click2', 'KEY', 'TYPE_TEXT')).filter((a) => !['CLICK', 'TYPE', 'SELECT', 'SCROLL', 'PRESS', 'DONE'].includes(a.trim().toUpperCase()));
const json = (o: unknown) => JSON.stringify(o);

/**
 * Grounding replies whose mark number is followed by more number ("Mark: 1.5", "Mark: 1e308", "Mark: (2, 3)") or
 * letters ("Mark: 3abc"), and Coordinate tuples with non-numbers: every one must be refused (reading the leading
 * integer would be a guess).
 */
export const ambiguousGrounding: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom('.5', '.0', 'e308', 'e-3', 'abc', ', 3)', '/2', '-1', '0000000')).map(([n, suffix]) => `Mark: ${n}${suffix}`),
  fc.constantFrom('Coordinate: (0x1F, NaN)', 'Coordinate: (0x0, 0b1)', 'Coordinate: (0.5, NaN, 0.5)'),
);

/** Navigate replies that are malformed: every one must be rejected. */
export const badNavigate: fc.Arbitrary<unknown> = fc.oneof(
  fc.tuple(unknownAction, fc.integer({ min: 0, max: 9 })).map(([a, m]) => json({ ACTION: a, MARK: m, VALUE: null })),
  badMark.map((m) => json({ ACTION: 'CLICK', MARK: m, VALUE: null })),
  fc.constant(json({ ACTION: 'CLICK', VALUE: 'x' })),
  fc.constant(json({ ACTION: 'CLICK', MARK: null })),
  fc.integer({ min: 0, max: 9 }).map((m) => json({ ACTION: 'TYPE', MARK: m, VALUE: null })),
  fc.integer({ min: 2001, max: 50_000 }).map((n) => json({ ACTION: 'TYPE', MARK: 1, VALUE: 'x'.repeat(n) })),
  fc.oneof(fc.string({ maxLength: 12 }).filter((s) => !/^\s*(up|down|left|right)\s*([ ,x*]\s*\d{1,3})?\s*$/i.test(s)), fc.constantFrom('down 0', 'up 51', 'left 999', 'sideways', 'down -3', 'down 1e3')).map((v) => json({ ACTION: 'SCROLL', VALUE: v })),
  fc.oneof(fc.constantFrom('ctrl+banana', 'a+b+c+d+e+f', 'hyper+x', 'ctrl+shift+alt+meta+x+y', '', 'rm -rf', 'f13'), fc.string({ minLength: 2, maxLength: 10 }).filter((s) => /[^a-z0-9`\-=[\]\\;',./*+\s]/i.test(s) && s.trim().length > 1)).map((v) => json({ ACTION: 'PRESS', VALUE: v })),
  fc.constantFrom(json({ MARK: 1, VALUE: 'x' }), json({ ACTION: 5, MARK: 1 }), json({ ACTION: ['CLICK'], MARK: 1 }), json({ ACTION: null }), '{"ACTION": "CLICK", "MARK": 1', "{'ACTION': 'CLICK', 'MARK': }", '{"ACTION": "CLICK" "MARK": 1}', '{"__proto__": {"ACTION": "CLICK", "MARK": 1}}'),
  fc.integer({ min: 1, max: 5000 }).map((d) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`),
  filler,
  code,
  bigString,
  fc.constantFrom<unknown>(null, undefined, 42, { ACTION: 'CLICK', MARK: 1 }, Symbol.for('y')),
);

/** Command-grammar goals that must be rejected at parse time, or at resolution against the marks. */
export const badCommand: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('launch', 'eval', 'rm', 'sudo', 'DROP', '<script>', '🙂', 'clíck', 'cl1ck', 'exec', 'open', 'run', 'shell', 'xdotool', '$('), fc.string({ maxLength: 40 })).map(([v, r]) => `${v} ${r}`),
  badNumberText.filter((n) => !(/^\d{1,6}$/.test(n) && Number(n) <= 60_000)).map((n) => `wait ${n}`),
  fc.oneof(badNumberText.filter((n) => !(/^\d{1,3}$/.test(n) && Number(n) >= 1 && Number(n) <= 50)), fc.constantFrom('sideways', 'up 0', 'down 51', 'up -1', 'left 1000', 'down NaN', '')).map((n) => `scroll ${n.includes(' ') || /^[a-z]/i.test(n) || n === '' ? n : `down ${n}`}`),
  fc.constantFrom('press ctrl+banana', 'press a+b+c+d+e+f', 'press', 'press hyper', 'press ++++++', 'press f13', 'press ctrl+'),
  fc.string({ maxLength: 30 }).map((t) => `type ${t.replace(/"/g, '')}`),
  fc.integer({ min: 2001, max: MB }).map((n) => `type "${'a'.repeat(n)}"`),
  fc.constantFrom('type ""', 'click', 'click ""', "click ''", 'double-click', 'right-click  ', 'done now', 'done 1', 'type "x" into', 'type "x" into ""'),
  fc.oneof(fc.integer({ min: 10, max: 99_999 }).map((n) => `click #${n}`), hugeNumber.map((n) => `click #${n}`)),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0 && !/^(double[- ]click|right[- ]click|click|type|press|scroll|wait|done)\b/i.test(s.trim())),
  bigString.map((s) => `click ${s}`),
);

export interface S5Result {
  readonly ok: boolean;
  readonly error?: string;
}

/** Longest rejection message seen (a parser that echoes a 1 MB input makes a 1 MB message; the loop bounds it). */
export let longestError = 0;

function structured(r: unknown): string | undefined {
  if (!r || typeof r !== 'object') return 'not an object';
  const o = r as { ok?: unknown; error?: unknown };
  if (o.ok !== false) return `accepted: ${JSON.stringify(r).slice(0, 200)}`;
  if (typeof o.error !== 'string' || !o.error.trim()) return 'no error sentence';
  longestError = Math.max(longestError, o.error.length);
  return undefined;
}

/** One malformed reply through one parser: a problem description, or undefined when it was rejected properly. */
export function checkReply(kind: 'grounding' | 'navigate' | 'command', reply: unknown): string | undefined {
  try {
    if (kind === 'grounding') {
      return structured(parseGroundingReply(reply as string, MARK_REFS));
    }
    if (kind === 'navigate') {
      const r = parseNavigateReply(reply as string, MARK_REFS);
      if (typeof reply === 'string') firstJsonObject(reply); // must not throw either
      return structured(r);
    }
    const goal = reply as string;
    const parsed = parseCommands(goal);
    if (!parsed.ok) return structured(parsed);
    // Parsed: every step must still be refused against the marks (unknown labels, unknown ids).
    for (const step of parsed.steps) {
      const p = resolveStep(step, MARKS);
      if (p.ok && step.verb !== 'done' && step.verb !== 'wait' && step.verb !== 'press' && step.verb !== 'scroll' && step.verb !== 'type') return `resolved to ${JSON.stringify(p.action).slice(0, 200)}`;
      if (!p.ok) return structured(p);
    }
    try {
      new CommandPlanner(goal);
    } catch (e) {
      if (!(e instanceof CommandSyntaxError)) return `CommandPlanner threw ${(e as Error).name}`;
    }
    return `parsed as ${parsed.steps.map((s) => s.verb).join(', ')}`;
  } catch (e) {
    return `threw ${(e as Error).name}: ${(e as Error).message.slice(0, 200)}`;
  }
}

/** The answer parser rejects only empty or non-text replies; everything else is a (harmless) answer. */
export const badAnswer: fc.Arbitrary<unknown> = fc.oneof(fc.constantFrom<unknown>('', '   ', '\n\t', null, undefined, 7, {}, []), fc.string({ unit: fc.constantFrom(' ', '\n', '\t', '\r'), maxLength: 100 }));
export function checkAnswer(reply: unknown): string | undefined {
  try {
    return structured(parseAnswerReply(reply as string));
  } catch (e) {
    return `threw ${(e as Error).message}`;
  }
}
