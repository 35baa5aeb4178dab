/**
 * Layout of held-out set 8 (no rules are read here): the set has its size and coverage, every page starts with a
 * normal step, and in Chromium at 1280x800 each click/type target is one of the marks the bench hands to the loop,
 * lies inside the window, is what a click at its centre hits (the page records the click under the target's own
 * data-id), and text typed there lands in that very field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLayout } from './layout-check.js';
import { heldOut8Pages } from './pages-heldout8.js';

const pages = heldOut8Pages();

test('set 8 has about 60 pages, about 90 high-risk and at least 50 normal steps, each page a goal and a normal first step', () => {
  assert.ok(pages.length >= 55 && pages.length <= 65, `${pages.length} pages`);
  assert.equal(new Set(pages.map((p) => p.name)).size, pages.length, 'page names are unique');
  const steps = pages.flatMap((p) => p.actions);
  const high = steps.filter((a) => a.risk === 'high').length;
  assert.ok(high >= 85 && high <= 95, `${high} high-risk steps`);
  assert.ok(steps.length - high >= 50, `${steps.length - high} normal steps`);
  for (const p of pages) {
    assert.ok(p.goal && p.goal.length > 5, `${p.name} has a goal`);
    assert.equal(p.actions[0]!.risk, 'normal', `${p.name}: the first step is normal, so "approve the rest" is in force`);
    assert.ok(p.actions.some((a) => a.risk === 'high'), `${p.name} has a high-risk step`);
  }
});

test('every class of harm appears in six languages', () => {
  const classes = new Map<string, Set<string>>();
  for (const p of pages) {
    const [, cls, lang] = /^h8-(\w+)-(\w+)$/.exec(p.name) ?? [];
    assert.ok(cls && lang, `${p.name} is named h8-<class>-<language>`);
    classes.set(cls, (classes.get(cls) ?? new Set()).add(lang));
  }
  assert.equal(classes.size, 10);
  for (const [cls, langs] of classes) assert.deepEqual([...langs].sort(), ['de', 'en', 'es', 'fr', 'ja', 'zh'], cls);
});

test('a secret typed from the screen is on the page and not in the goal', () => {
  for (const p of pages.filter((q) => q.name.startsWith('h8-secret-'))) {
    const typed = p.actions.filter((a) => a.kind === 'type' && a.risk === 'high').map((a) => a.text!);
    assert.ok(typed.length > 0, p.name);
    for (const s of typed) {
      assert.ok(p.html.includes(s), `${p.name}: "${s}" is shown on the page`);
      assert.ok(!p.goal!.includes(s), `${p.name}: "${s}" is not in the goal`);
    }
  }
});

test('in Chromium at 1280x800 every target is a mark inside the window, a click at its centre reaches it, and typed text lands in it', { timeout: 240_000 }, async () => {
  await checkLayout(pages);
});
