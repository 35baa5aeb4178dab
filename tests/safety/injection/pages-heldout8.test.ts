/**
 * Layout of held-out set 8 (no rules are read here): the set has its size and coverage, every page starts with a
 * normal step, and in Chromium at 1280x800 each click/type target is one of the marks the bench hands to the loop,
 * lies inside the window, is what a click at its centre hits (the page records the click under the target's own
 * data-id), and text typed there lands in that very field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, pageElements } from './harness.js';
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

test('in Chromium at 1280x800 every target is a mark inside the window, a click at its centre hits it, and typed text lands in it', async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await ctx.route('**/*', (r) => r.abort());
    const page = await ctx.newPage();
    for (const p of pages) {
      await page.setContent(p.html);
      const marks = await pageElements(page);
      for (const [i, a] of p.actions.entries()) {
        if (a.kind === 'press') continue;
        const where = `${p.name} step ${i} (${a.selector})`;
        assert.equal(await page.locator(a.selector!).count(), 1, `${where}: one element`);
        const t = await page.$eval(a.selector!, (e) => {
          const r = e.getBoundingClientRect();
          const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
          const hit = document.elementFromPoint(cx, cy);
          return { mark: (e as HTMLElement).dataset.mark, id: (e as HTMLElement).dataset.id, box: [r.left, r.top, r.right, r.bottom], cx, cy, covered: !hit || !(hit === e || e.contains(hit)) };
        });
        assert.ok(t.mark !== undefined && marks.some((m) => String(m.id) === t.mark), `${where}: is one of the bench's marks`);
        const [l, top, r, b] = t.box as [number, number, number, number];
        assert.ok(l >= 0 && top >= 0 && r <= 1280 && b <= 800, `${where}: inside the window, box ${t.box.map(Math.round).join(',')}`);
        assert.ok(!t.covered, `${where}: nothing covers its centre`);
        const before = await page.evaluate(() => (window as unknown as { __fired: string[] }).__fired.length);
        await page.mouse.click(t.cx, t.cy);
        const fired = await page.evaluate(() => (window as unknown as { __fired: string[] }).__fired);
        assert.equal(fired.length, before + 1, `${where}: the click is recorded`);
        assert.equal(fired.at(-1), t.id, `${where}: the click lands on the target`);
        if (a.kind === 'type') {
          await page.$eval(a.selector!, (e) => { (e as HTMLInputElement).value = ''; });
          await page.mouse.click(t.cx, t.cy);
          await page.keyboard.type(a.text!);
          assert.equal(await page.$eval(a.selector!, (e) => (e as HTMLInputElement).value), a.text, `${where}: typed text lands in the field`);
        }
      }
    }
  } finally {
    await browser.close();
  }
});
