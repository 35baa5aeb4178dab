/**
 * The layout check every held-out S7 set's test runs (no risk rule is read here, so a blind author may use it):
 * in Chromium at 1280x800 with no network, each click/type target of each page is exactly one element, one of the
 * marks the harness hands to the loop, inside the window (at least 4x4 CSS px), not covered at its centre, and a
 * click at that centre reaches it (the page records its data-id in window.__fired). Typed text lands in the field
 * the step names (which starts empty), or, typed on the page itself (a certificate-bypass word), reaches the page's
 * "bypass" marker with the step's risk. A clicked target's data-risk is the step's risk (a field's too where a set says so).
 *
 * Coordinates: CSS px of the 1280x800 viewport, which is what the harness's marks use.
 * Pages share one shape ({name, html, actions}); each set keeps its own counts and coverage tests.
 */
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, pageElements } from './harness.js';

export interface LayoutStep {
  kind: 'click' | 'type' | 'press';
  selector?: string;
  text?: string;
  keys?: string[];
  risk: 'high' | 'normal';
}
export interface LayoutPage {
  name: string;
  html: string;
  actions: LayoutStep[];
}
export type Marks = Awaited<ReturnType<typeof pageElements>>;

export interface LayoutOptions {
  /**
   * Fields as sets 5 and 6 write them: a field starts empty and its data-risk is the risk of typing into it (the
   * selectors listed are exempt: set 6's terminal line, whose risk follows the command). Elsewhere a typed step's
   * risk follows its text, not the field, and a field may hold a prompt that the check clears before typing.
   */
  fieldRisk?: { except: string[] };
  /** Marks must carry a name (the harness gives every control its text; an unnamed one cannot be asked for). */
  named?: boolean;
  /** Checks a press step (Enter after typing); the sets differ in how their terminals record a command. */
  press?: (page: Page, p: LayoutPage, i: number, lastTyped: string | undefined) => Promise<void>;
}

const WINDOW = { width: 1280, height: 800 };

/** A headless Chromium page at the harness's window size with every request refused. */
export async function openLayoutPage(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
  const ctx = await browser.newContext({ viewport: WINDOW });
  await ctx.route('**/*', (r) => r.abort());
  return { browser, page: await ctx.newPage() };
}

const fired = (page: Page) => page.evaluate(() => (window as unknown as { __fired: string[] }).__fired.slice());

/** Performs step i of p as a person's mouse and keyboard would, asserting the layout on the way. */
export async function performStep(page: Page, p: LayoutPage, i: number, marks: Marks, lastTyped: string | undefined, opts: LayoutOptions = {}): Promise<void> {
  const a = p.actions[i]!;
  const where = `${p.name} step ${i} (${a.selector ?? a.keys?.join('+')})`;
  if (a.kind === 'press') {
    await opts.press?.(page, p, i, lastTyped);
    if (!opts.press) await page.keyboard.press((a.keys ?? ['Enter']).map((k) => (k.length > 1 ? k[0]!.toUpperCase() + k.slice(1) : k)).join('+'));
    return;
  }
  assert.equal(await page.locator(a.selector!).count(), 1, `${where}: exactly one element`);
  const el = (await page.$(a.selector!))!;
  const info = await el.evaluate((e) => {
    const r = e.getBoundingClientRect();
    const cx = (r.left + r.right) / 2;
    const cy = (r.top + r.bottom) / 2;
    const hit = document.elementFromPoint(cx, cy);
    return {
      box: [r.left, r.top, r.right, r.bottom], cx, cy, covered: !hit || !(hit === e || e.contains(hit)),
      risk: e.getAttribute('data-risk'), id: e.getAttribute('data-id'), mark: (e as HTMLElement).dataset.mark,
      field: e.tagName === 'INPUT' || e.tagName === 'TEXTAREA', value: (e as HTMLInputElement).value ?? '',
    };
  });
  const [l, t, r, b] = info.box as [number, number, number, number];
  assert.ok(l >= 0 && t >= 0 && r <= WINDOW.width && b <= WINDOW.height && r - l >= 4 && b - t >= 4, `${where}: box ${info.box.map(Math.round).join(',')} is not inside the window`);
  assert.ok(!info.covered, `${where}: something covers its centre`);
  const mark = marks.find((m) => String(m.id) === info.mark);
  assert.ok(mark, `${where}: not one of the harness's marks`);
  if (opts.named) assert.ok(mark.text.trim(), `${where}: the mark has no name`);
  const riskOnTarget = a.kind === 'click' || (info.field && opts.fieldRisk && !opts.fieldRisk.except.includes(a.selector!));
  if (riskOnTarget) assert.equal(info.risk, a.risk, `${where}: data-risk of the target`);
  const before = (await fired(page)).length;
  await page.mouse.click(info.cx, info.cy);
  if (info.id) assert.ok((await fired(page)).slice(before).includes(info.id), `${where}: the page did not see the click on "${info.id}"`);
  if (a.kind !== 'type') return;
  if (opts.fieldRisk || !info.field) assert.equal(info.value, '', `${where}: the field is not empty before typing`);
  else await el.evaluate((e) => { (e as HTMLInputElement).value = ''; });
  await page.keyboard.type(a.text!);
  if (info.field) {
    const landed = await el.evaluate((e) => (document.activeElement === e ? (e as HTMLInputElement).value : '<focus is elsewhere>'));
    assert.equal(landed, a.text, `${where}: typed text did not land in the field`);
  } else {
    assert.ok((await fired(page)).includes('bypass'), `${where}: the word typed on the page did not reach it`);
    assert.equal(await page.evaluate(() => document.querySelector('[data-id="bypass"]')?.getAttribute('data-risk')), a.risk, `${where}: risk of the typed word`);
  }
}

/** Runs every step of every page in order on a fresh copy of the page. */
export async function checkLayout(pages: LayoutPage[], opts: LayoutOptions = {}): Promise<void> {
  const { browser, page } = await openLayoutPage();
  try {
    for (const p of pages) {
      await page.setContent(p.html);
      const marks = await pageElements(page);
      let lastTyped: string | undefined;
      for (let i = 0; i < p.actions.length; i++) {
        await performStep(page, p, i, marks, lastTyped, opts);
        if (p.actions[i]!.kind === 'type') lastTyped = p.actions[i]!.selector;
      }
    }
  } finally {
    await browser.close();
  }
}
