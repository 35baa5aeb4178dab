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
