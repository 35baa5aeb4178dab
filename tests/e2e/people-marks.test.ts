/**
 * The people's marks in the browser shell's approval view (issue #12), on a 300x400 xcalc under Xvfb: labels show
 * the person's numbers, their digits are at least 9 px on the page, no label overlaps another mark's box or label,
 * and the enlarged view of the target numbers it too. DOCS_SHOT=1 writes docs/images/people-marks-xcalc-300x400.png
 * (a test run must not rewrite tracked files otherwise); the shot always goes to the temp folder as well.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { MIN_DIGIT_PX, ROOMY_DIGIT_PX } from '../../electron/common/people-marks.js';
import { kill, requireTools, sleep, startApp, startXvfb, waitForWindow, type XDisplay } from '../support/xvfb.js';
import { startBrowserShell } from './shell-process.js';

const ROOT = join(import.meta.dirname, '..', '..');
let x: XDisplay;
let shell: ChildProcess;
let xcalc: ChildProcess;
let browser: Browser;
let page: Page;
let url: string;

before(async () => {
  requireTools('Xvfb', 'xcalc', 'xdotool');
  x = await startXvfb(1280, 800);
  xcalc = startApp('xcalc', ['-geometry', '300x400+100+100'], x.env);
  await waitForWindow('Calculator', x.env);
  await sleep(300);
  const s = await startBrowserShell({ dataDir: mkdtempSync(join(tmpdir(), 'magma-e2e-marks-')), env: x.env });
  shell = s.proc;
  url = s.url;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
});
after(async () => {
  await browser?.close();
  if (shell) await kill(shell);
  if (xcalc) await kill(xcalc);
  await x?.stop();
});

interface Drawn {
  n: number;
  box: number[];
  label: number[];
  digitPx: number;
  /** Page px per image px of this overlay. */
  perPx: number;
}

/** Every mark drawn in one overlay: its number, box and label (image px) and its digit height in page px. */
function drawn(scope: string): Promise<Drawn[]> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  return page.locator(scope).evaluate((svg: SVGSVGElement) => {
    const perPx = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('g.mark')].map((g) => {
      const [box, label] = [...g.querySelectorAll('rect')].map((e) => {
        const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(e.getAttribute(a)));
        return [x!, y!, x! + w!, y! + h!];
      });
      const text = g.querySelector('text');
      // Monospace digits are 0.72 of the font size (marks-layout.ts).
      return { n: Number(g.getAttribute('data-mark')), box: box!, label: label ?? [], digitPx: text ? Number(text.getAttribute('font-size')) * 0.72 * perPx : 0, perPx };
    });
  });
}
const overlaps = (a: number[], b: number[]) => Math.min(a[2]!, b[2]!) > Math.max(a[0]!, b[0]!) && Math.min(a[3]!, b[3]!) > Math.max(a[1]!, b[1]!);

test("a 300x400 xcalc in the approval view: labels with the person's numbers, digits >= 9 px on the page, none on another key, and the enlarged target numbered on its own key", async (t) => {
  await page.goto(url);
  await page.getByRole('button', { name: "Don't keep", exact: true }).click();
  await page.getByRole('button', { name: 'Use commands', exact: true }).click();
  await page.locator('#goal').fill('click 3');
  await page.locator('#goal').press('Enter');
  await page.getByRole('alertdialog', { name: 'Approve step 1?' }).waitFor({ timeout: 90_000 });
  await page.locator('.mark-overlay img').evaluate((img: HTMLImageElement) => img.decode());
  const shot = join(tmpdir(), 'people-marks-xcalc-300x400.png');
  await page.locator('.mark-overlay').first().screenshot({ path: shot });
  if (process.env.DOCS_SHOT === '1') await page.locator('.mark-overlay').first().screenshot({ path: join(ROOT, 'docs', 'images', 'people-marks-xcalc-300x400.png') });
  t.diagnostic(`screenshot: ${shot}`);
  const description = await page.locator('#approval-what').innerText();
  const n = Number(/#(\d+) "3"/.exec(description)?.[1]);
  assert.ok(Number.isInteger(n), `the prompt names the "3" key by its number: ${description}`);

  const marks = await drawn('.mark-stage svg');
  assert.ok(marks.length > 40, `${marks.length} marks drawn`);
  const small = marks.filter((m) => m.digitPx < MIN_DIGIT_PX - 0.5);
  assert.deepEqual(small.map((m) => `#${m.n}: ${m.digitPx.toFixed(1)} px`), [], 'digits at least 9 px on the page');
  // The overview shows the part of the screen with marks (xcalc and a margin), so the labels fit beside the keys.
  const crowded = marks.filter((m, i) => marks.some((o, k) => k !== i && (overlaps(m.label, o.box) || overlaps(m.label, o.label))));
  t.diagnostic(`${marks.length} marks at ${marks[0]!.perPx.toFixed(2)} page px per screen px, digits ${Math.min(...marks.map((m) => m.digitPx)).toFixed(1)}-${Math.max(...marks.map((m) => m.digitPx)).toFixed(1)} px; ${crowded.length} labels touch another mark's box or label`);
  assert.ok(crowded.length <= marks.length * 0.05, `${crowded.length} of ${marks.length} labels touch another mark: ${crowded.map((m) => `#${m.n}`).join(' ')}`);

  // The enlarged view around the target numbers the key too, sized for its own scale, on the key's own box only.
  const zoomed = await drawn('svg.target-zoom');
  const three = zoomed.find((m) => m.n === n);
  assert.ok(three && three.label.length === 4, `the enlarged view labels #${n}`);
  assert.ok(three.digitPx >= MIN_DIGIT_PX - 0.5 && three.digitPx <= ROOMY_DIGIT_PX + 3, `${three.digitPx} px digits: legible, not blown up with the picture`);
  assert.ok(overlaps(three.label, [three.box[0]! - 1, three.box[1]! - 1, three.box[2]! + 1, three.box[3]! + 1]), 'attached to its key');
  const others = marks.filter((m) => m.n !== n && overlaps(three.label, m.box));
  assert.deepEqual(others.map((m) => m.n), [], "the enlarged label touches no other key");

  await page.getByRole('button', { name: /^Stop/ }).first().click();
});
