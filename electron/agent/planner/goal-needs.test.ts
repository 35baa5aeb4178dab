import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goalFit } from './goal-needs.js';

test('command mode runs a goal that parses in the command grammar', () => {
  assert.deepEqual(goalFit('click 7; click *; click 6; click =', 'command'), { kind: 'ok' });
  assert.deepEqual(goalFit('type "a;b" into Name', 'command'), { kind: 'ok' });
});

test('in command mode a plain-language goal needs a model, and the fixes include command mode with an example', () => {
  const r = goalFit('open the calculator', 'command');
  assert.equal(r.kind, 'need');
  if (r.kind !== 'need') return;
  assert.equal(r.need.need, 'model');
  assert.match(r.need.message, /plain-language goal, which needs a model/);
  assert.deepEqual(r.need.fixes, ['use-server', 'get-magma', 'use-commands', 'open-settings']);
  assert.equal(goalFit('click 7; then open the menu', 'command').kind, 'need', 'commands followed by prose still need a model');
});

test('in command mode a "Q:" question needs a model (and switching to command mode is not offered)', () => {
  const r = goalFit('  Q: what is on the screen?', 'command');
  assert.equal(r.kind, 'need');
  if (r.kind !== 'need') return;
  assert.equal(r.need.need, 'model');
  assert.match(r.need.message, /cannot answer questions/);
  assert.ok(!r.need.fixes.includes('use-commands'));
});

test('a command with a mistake is a syntax error, not a need for a model', () => {
  const r = goalFit('click 7; press ctrl+nokey', 'command');
  assert.equal(r.kind, 'syntax');
  assert.match(r.kind === 'syntax' ? r.error : '', /step 2/);
});

test('model planners take any goal text (their model is checked by the host)', () => {
  for (const p of ['magma', 'openai', 'hybrid']) {
    assert.deepEqual(goalFit('open the calculator', p), { kind: 'ok' });
    assert.deepEqual(goalFit('Q: what is on the screen?', p), { kind: 'ok' });
  }
});
