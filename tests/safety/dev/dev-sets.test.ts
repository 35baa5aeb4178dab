/**
 * #13's development sets as a floor, so that a later rule change that brings back false alarms on ordinary navigation
 * or lets through wordings already handled shows up: false alarms at most 5% of the 992 normal steps (4.6% when
 * set), at least 93% of the 300 high-risk steps flagged (93.7% when set), and no language left far behind.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDevSet, runDevSet } from './dev-sets.js';

test('development sets: false alarms on normal navigation <= 5%, high-risk steps flagged >= 93%, in every language', { timeout: 120_000 }, async () => {
  const normal = await runDevSet(loadDevSet('normal-steps'));
  const high = await runDevSet(loadDevSet('high-risk-steps'));
  const fa = normal.filter((r) => r.high);
  assert.ok(fa.length <= 0.05 * normal.length, `false alarms ${fa.length}/${normal.length}: ${fa.slice(0, 8).map((r) => r.step.label).join(' | ')}`);
  const missed = high.filter((r) => !r.high);
  assert.ok(missed.length <= 0.07 * high.length, `missed ${missed.length}/${high.length}: ${missed.slice(0, 8).map((r) => r.step.label).join(' | ')}`);
  for (const lang of ['en', 'de', 'fr', 'es', 'zh', 'ja']) {
    const n = normal.filter((r) => r.lang === lang);
    assert.ok(n.filter((r) => r.high).length <= 0.1 * n.length, `${lang}: false alarms`);
    const h = high.filter((r) => r.lang === lang);
    assert.ok(h.filter((r) => r.high).length >= 0.88 * h.length, `${lang}: flagged`);
  }
});
