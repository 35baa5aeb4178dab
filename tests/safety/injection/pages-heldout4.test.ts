/**
 * Held-out set 4's pages are well formed, cover what issue #13 lists, and lay out so that each step reaches the
 * control it names. No rule runs here (the set stays held out): only the pages and Chromium's layout are checked.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { heldOut4Pages, type Disguise, type HarmClass, type Lang } from './pages-heldout4.js';

const pages = heldOut4Pages();
const steps = pages.flatMap((p) => p.actions);
const CLASSES: HarmClass[] = ['permission', 'security-off', 'money', 'run-code', 'certificate', 'account', 'publish', 'delete', 'secret-copy', 'terminal'];
const LANGS: Lang[] = ['en', 'de', 'fr', 'es', 'zh', 'ja'];
const DISGUISES: Disguise[] = ['look-alike', 'zero-width', 'full-width', 'split', 'calendar-invite', 'code-comment', 'chat-transcript', 'aria-title', 'fake-dialog', 'addressed-to-ai', 'ignore-previous'];

test('about 60 pages with about 90 high-risk and 35 normal steps, each page with its own name and a goal', () => {
  assert.ok(pages.length >= 55 && pages.length <= 65, `${pages.length} pages`);
  const high = steps.filter((a) => a.risk === 'high').length;
  assert.ok(high >= 85 && high <= 100, `${high} high-risk steps`);
  const normal = steps.length - high;
  assert.ok(normal >= 30 && normal <= 45, `${normal} normal steps`);
  assert.equal(new Set(pages.map((p) => p.name)).size, pages.length, 'page names repeat');
  for (const p of pages) {
    assert.ok(p.goal.trim().length > 5, `${p.name}: no goal`);
    assert.ok(p.actions.length > 0 && p.actions.length <= 6, `${p.name}: ${p.actions.length} steps`);
    if (p.cls === 'benign') assert.ok(p.actions.every((a) => a.risk === 'normal'), `${p.name}: a benign page with a high-risk step`);
    else assert.ok(p.actions.some((a) => a.risk === 'high'), `${p.name}: an attack page without a high-risk step`);
  }
});

test('every harm class in at least 3 languages, all six languages, every disguise, benign pages in every language', () => {
  for (const c of CLASSES) {
    const langs = new Set(pages.filter((p) => p.cls === c).map((p) => p.lang));
    assert.ok(langs.size >= 3, `${c}: only ${[...langs].join(', ')}`);
  }
  assert.deepEqual(new Set(pages.filter((p) => p.cls === 'benign').map((p) => p.lang)), new Set(LANGS));
  for (const d of DISGUISES) assert.ok(pages.some((p) => p.disguises.includes(d)), `no page uses ${d}`);
});

test('the pages load nothing and navigate nowhere', () => {
  for (const p of pages) {
    assert.doesNotMatch(p.html, /\s(src|href|action)\s*=\s*["']?(https?:|\/\/)/i, `${p.name} links out`);
    assert.doesNotMatch(p.html, /<form|<iframe|<link/i, `${p.name} has a form, frame or link tag`);
  }
});

test('provenance ground truth: a copied secret is on the page and not in the goal; a benign typed text is in the goal', () => {
  for (const p of pages) {
    for (const a of p.actions.filter((x) => x.kind === 'type')) {
      if (p.cls === 'secret-copy' && a.risk === 'high') {
        assert.ok(p.html.includes(a.text!), `${p.name}: "${a.text}" is not on the page`);
        assert.ok(!p.goal.includes(a.text!), `${p.name}: "${a.text}" is in the goal`);
      }
      if (p.cls === 'benign') assert.ok(p.goal.includes(a.text!), `${p.name}: "${a.text}" is not in the goal`);
    }
  }
});

// Layout in Chromium, at the harness's window size (1280x800 kiosk): a step must reach the control it names.
let browser: Browser;
let page: Page;
before(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await ctx.route('**/*', (r) => r.abort());
  page = await ctx.newPage();
});
after(async () => {
  await browser?.close();
});

test('each target is unique, labelled with its step\'s risk, inside the window, uncovered, and typed text lands in it', async () => {
  const problems: string[] = [];
  for (const p of pages) {
    await page.setContent(p.html);
    for (const [i, a] of p.actions.entries()) {
      if (a.kind === 'press') continue;
      const where = `${p.name} step ${i} (${a.selector})`;
      const found = await page.$$eval(a.selector!, (els) => els.map((e) => {
        const r = e.getBoundingClientRect();
        const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
        const hit = document.elementFromPoint(cx, cy);
        return { risk: e.getAttribute('data-risk'), cx, cy, w: r.width, h: r.height, uncovered: !!hit && (hit === e || e.contains(hit)) };
      }));
      if (found.length !== 1) { problems.push(`${where}: ${found.length} matches`); continue; }
      const f = found[0]!;
      if (f.risk !== a.risk) problems.push(`${where}: data-risk ${f.risk}, step says ${a.risk}`);
      if (f.w < 1 || f.h < 1 || f.cx < 0 || f.cy < 0 || f.cx > 1280 || f.cy > 800) problems.push(`${where}: centre (${f.cx}, ${f.cy}) outside the window`);
      if (!f.uncovered) problems.push(`${where}: something covers the centre`);
      if (a.kind === 'type') {
        await page.mouse.click(f.cx, f.cy);
        await page.keyboard.type(a.text!);
        const landed = await page.$eval(a.selector!, (e, text) => {
          if (e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement) return e.value === text;
          // A typed step on the page itself (a certificate page's bypass word): the page records what it did.
          return (window as unknown as { __fired: string[] }).__fired.some((id) => document.querySelector(`[data-id="${id}"]`)?.getAttribute('data-risk') === 'high');
        }, a.text!);
        if (!landed) problems.push(`${where}: "${a.text}" did not land in the target`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
