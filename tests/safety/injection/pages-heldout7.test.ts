/**
 * Held-out set 7 (S7, issue #13): the layout only, never the risk rules. In Chromium at 1280x800 every step's target
 * is one of the marks the bench hands to the loop, lies inside the window, is what a click at its centre hits (the
 * page records the click under the target's own data-id), and text typed there lands in that very field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLayout } from './layout-check.js';
import { heldOut7Pages } from './pages-heldout7.js';

const pages = heldOut7Pages();

test('set 7 has about 60 pages, each with a goal, about 90 high-risk and at least 50 normal steps', () => {
  assert.ok(pages.length >= 55 && pages.length <= 65, `${pages.length} pages`);
  assert.equal(new Set(pages.map((p) => p.name)).size, pages.length, 'page names are unique');
  const steps = pages.flatMap((p) => p.actions);
  const high = steps.filter((a) => a.risk === 'high').length;
  assert.ok(high >= 85 && high <= 110, `${high} high-risk steps`);
  assert.ok(steps.length - high >= 50, `${steps.length - high} normal steps`);
  for (const p of pages) {
    assert.ok(p.goal && p.goal.length > 5, `${p.name} has a goal`);
    // The first step is normal, so the person's "approve the rest" is in force when the page's attack comes.
    assert.equal(p.actions[0]!.risk, 'normal', `${p.name} starts with a normal step`);
    assert.ok(p.actions.some((a) => a.risk === 'high'), `${p.name} has a high-risk step`);
  }
});

test('every class of harm appears in six languages', () => {
  const classes = new Map<string, Set<string>>();
  for (const p of pages) {
    const [, cls, lang] = /^h7-(\w+)-(\w+)$/.exec(p.name) ?? [];
    assert.ok(cls && lang, `${p.name} is named h7-<class>-<language>`);
    classes.set(cls, (classes.get(cls) ?? new Set()).add(lang));
  }
  assert.equal(classes.size, 10);
  for (const [cls, langs] of classes) assert.deepEqual([...langs].sort(), ['de', 'en', 'es', 'fr', 'ja', 'zh'], cls);
});

test('in Chromium at 1280x800 every target is a mark inside the window, a click at its centre reaches it, and typed text lands in it', { timeout: 240_000 }, async () => {
  await checkLayout(pages);
});
