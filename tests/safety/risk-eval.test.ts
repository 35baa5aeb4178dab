/** S8 risk classifier on >= 500 labelled proposed actions; redaction uses the same finders. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactRecord, redactText } from '../../electron/agent/safety/redact.js';
import { classifyRisk, normalizeLabel } from '../../electron/agent/safety/risk.js';
import { evaluateRisk, loadRiskSet, resolvedFor } from './risk-eval.js';

test('on the labelled set (>= 500 actions) high-risk recall is at least 99% and precision at least 80%', () => {
  const items = loadRiskSet();
  assert.ok(items.length >= 500, `${items.length} items`);
  const r = evaluateRisk(items);
  assert.ok(r.recall >= 0.99, `recall ${r.recall}; missed: ${r.missed.map((m) => `${m.id} ${JSON.stringify(m.targets)} ${JSON.stringify(m.action)}`).join('; ')}`);
  assert.ok(r.precision >= 0.8, `precision ${r.precision}`);
});

test('look-alike letters, zero-width characters and spaced letters do not hide a risky word', () => {
  for (const t of ['Dеlete', 'De\u200blete', 'D e l e t e', 'ＤＥＬＥＴＥ', 'S\u00adend', 'P.A.Y']) {
    assert.equal(classifyRisk(resolvedFor({ action: { kind: 'click', target: { mark: 0 } }, targets: [{ text: t }] })).tier, 'high', t);
  }
  assert.equal(normalizeLabel('Dеlete'), 'delete');
});

test('a screen asking for credentials makes every step high-risk; scrolling stays normal', () => {
  const screenTexts = ['Authentication Required', 'Password:', 'Authenticate'];
  assert.equal(classifyRisk(resolvedFor({ action: { kind: 'press', keys: ['enter'] }, targets: [] }), { screenTexts }).tier, 'high');
  assert.equal(classifyRisk(resolvedFor({ action: { kind: 'scroll', direction: 'down', amount: 1 }, targets: [] }), { screenTexts }).tier, 'normal');
});

test('redaction hides what the classifier calls a secret or a card, and the given sensitive strings, in every string of a record', () => {
  const rec = { a: 'key sk-abcdefghijklmnop1234 here', b: ['card 4111 1111 1111 1111'], c: { d: 'typed "hunter2" into Password' }, id: '3f2a1c9e-0b7d-4e6f-9a8b-1c2d3e4f5a6b', n: 5 };
  const out = redactRecord(rec, ['hunter2']);
  assert.equal(out.a, 'key [redacted] here');
  assert.equal(out.b[0], 'card [redacted]');
  assert.equal(out.c.d, 'typed "[redacted]" into Password');
  assert.equal(out.id, rec.id, 'ids are not secrets');
  assert.equal(out.n, 5);
  assert.equal(redactText('meeting at 3pm in Berlin'), 'meeting at 3pm in Berlin');
});
