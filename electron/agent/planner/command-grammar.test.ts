import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCommands } from './command-grammar.js';

test('the xcalc goal parses into four clicks by label', () => {
  const r = parseCommands('click 7; click *; click 6; click =');
  assert.ok(r.ok);
  assert.deepEqual(r.steps.map((s) => ('target' in s ? s.target : null)), [
    { kind: 'label', text: '7' }, { kind: 'label', text: '*' }, { kind: 'label', text: '6' }, { kind: 'label', text: '=' },
  ]);
});

test('every verb of the grammar parses, with newlines as separators', () => {
  const r = parseCommands('double-click Documents\nright-click #12\ntype "a; b \\"c\\"" into Name\npress ctrl+shift+s\nscroll left 5\nscroll down\nwait 250\ndone');
  assert.ok(r.ok, !r.ok ? r.error : '');
  assert.deepEqual(r.steps.map((s) => s.verb), ['double_click', 'right_click', 'type', 'press', 'scroll', 'scroll', 'wait', 'done']);
  const t = r.steps[2]!;
  assert.ok(t.verb === 'type' && t.text === 'a; b "c"' && t.target?.kind === 'label' && t.target.text === 'Name');
  const p = r.steps[3]!;
  assert.ok(p.verb === 'press' && p.keys.join(',') === 'ctrl,shift,s');
  const s = r.steps[5]!;
  assert.ok(s.verb === 'scroll' && s.amount === 3);
  assert.deepEqual(r.steps[1]!.verb === 'right_click' && r.steps[1]!.target, { kind: 'mark', id: 12 });
});

test('key aliases map to key names (cmd is meta, esc is escape)', () => {
  const r = parseCommands('press cmd+q; press esc; press ctrl++');
  assert.ok(r.ok);
  assert.deepEqual(r.steps.map((s) => (s.verb === 'press' ? s.keys : [])), [['meta', 'q'], ['escape'], ['ctrl', '+']]);
});

test('bad steps are errors that name the step and what was expected', () => {
  for (const [goal, want] of [
    ['launch rockets', /unknown command "launch"/],
    ['click', /expected a label or #id/],
    ['type hello', /expected type "text"/],
    ['press ctrl+hyper', /key name instead of "hyper"/],
    ['scroll diagonal', /scroll up\|down\|left\|right/],
    ['scroll up 999', /amount must be/],
    ['wait soon', /expected wait <ms>/],
    ['click 7;; ;', null],
    ['', /no steps/],
  ] as const) {
    const r = parseCommands(goal);
    if (want === null) assert.ok(r.ok);
    else assert.ok(!r.ok && want.test(r.error), `${goal}: ${JSON.stringify(r)}`);
  }
});

test('a pasted page is refused in a short message: labels over 300 characters, errors quote the start of the step', () => {
  const long = 'click ' + 'Weiter '.repeat(100);
  const r = parseCommands(long);
  assert.ok(!r.ok);
  assert.match(r.error, /a label of at most 300 characters \(this one has 699\)/);
  assert.ok(r.error.length < 200, r.error);
  const typed = parseCommands(`type "${'a'.repeat(5000)}"`);
  assert.ok(!typed.ok && typed.error.length < 200 && /\(5007 characters\): text longer than 2000/.test(typed.error), !typed.ok ? typed.error : '');
  const unknown = parseCommands('x'.repeat(100_000));
  assert.ok(!unknown.ok && unknown.error.length < 200, !unknown.ok ? unknown.error : '');
  assert.ok(parseCommands(`click ${'Weiter '.repeat(40)}`).ok, 'a long but real label still parses');
});

test('steps split on ; and newlines outside quotes; an escaped quote stays inside its text', () => {
  const r = parseCommands('type "a;b \\" c"; press enter\nclick OK');
  assert.ok(r.ok);
  assert.deepEqual(r.steps.map((s) => s.verb), ['type', 'press', 'click']);
  assert.equal(r.steps[0]!.verb === 'type' && r.steps[0]!.text, 'a;b " c');
});
