import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ActionSchema, describeAction, isInputAction } from './actions.js';

test('a click on a mark validates and reads as a sentence', () => {
  const a = ActionSchema.parse({ kind: 'click', target: { mark: 7 } });
  assert.equal(describeAction(a), 'click #7');
  assert.equal(isInputAction(a), true);
});

test('actions outside the limits are rejected, not clamped', () => {
  for (const bad of [
    { kind: 'scroll', direction: 'up', amount: 1e9 },
    { kind: 'scroll', direction: 'sideways', amount: 1 },
    { kind: 'click', target: { mark: -1 } },
    { kind: 'click', target: { point: { space: 'image', x: Number.NaN, y: 1 } } },
    { kind: 'click', target: { point: { space: 'pixels', x: 1, y: 1 } } },
    { kind: 'type', text: '' },
    { kind: 'type', text: 'x'.repeat(5000) },
    { kind: 'press', keys: ['ctrl', 'launch-missiles'] },
    { kind: 'wait', ms: 10 * 60_000 },
    { kind: 'rm -rf', target: { mark: 1 } },
    { kind: 'click', target: { mark: 1 }, extra: true },
  ]) {
    assert.equal(ActionSchema.safeParse(bad).success, false, JSON.stringify(bad).slice(0, 80));
  }
});

test('answer, done and fail inject no input', () => {
  for (const a of [{ kind: 'answer', text: '42' }, { kind: 'done' }, { kind: 'fail', reason: 'x' }] as const) {
    assert.equal(isInputAction(ActionSchema.parse(a)), false);
  }
});
