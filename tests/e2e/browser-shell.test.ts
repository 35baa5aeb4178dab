/**
 * The browser shell end to end on a real X desktop: xcalc under Xvfb, the real engine (capture, OCR marks, command
 * planner, nut-js input) behind `startApp --browser`, and the UI driven by Playwright in the system Chromium.
 * What xcalc shows is read with tesseract (tests/support/xvfb.ts), independent of the engine's own OCR.
 */
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { COMMAND_EXAMPLE } from '../../electron/common/brain.js';
import { kill, readXcalcDisplay, requireTools, sleep, startApp, startXvfb, waitForWindow, type XDisplay } from '../support/xvfb.js';
import { startBrowserShell } from './shell-process.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const ROOT = join(import.meta.dirname, '..', '..');

let x: XDisplay;
let shell: ChildProcess;
let url: string;
let browser: Browser;
let page: Page;
let xcalc: ChildProcess | undefined;
let win: { x: number; y: number; width: number; height: number };
// E2E_GOAL overrides the goal (any command goal whose result is 42); the default is the README's example.
const GOAL = process.env.E2E_GOAL ?? COMMAND_EXAMPLE;
const STEPS = GOAL.split(';').length;

const readLcd = () => readXcalcDisplay(x.env, win);
const pointer = () => spawnSync('xdotool', ['getmouselocation'], { env: x.env, encoding: 'utf8' }).stdout.trim();

async function startShell(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'magma-e2e-data-'));
  const s = await startBrowserShell({ dataDir, env: x.env });
  shell = s.proc;
  return s.url;
}

async function freshXcalc() {
  if (xcalc) await kill(xcalc);
  xcalc = startApp('xcalc', ['-geometry', '+100+100'], x.env);
  win = await waitForWindow('Calculator', x.env);
  await sleep(300);
}

async function runGoal(goal: string) {
  await page.goto(url);
  await page.getByText('connected', { exact: true }).waitFor();
  await page.locator('#goal').fill(goal);
  await page.locator('#goal').press('Enter');
}

/** Waits for the approval prompt of a step; on a timeout the error carries what the page showed. */
const prompt = (step: number) => ({
  waitFor: (o: { timeout: number }) =>
    page.getByRole('alertdialog', { name: `Approve step ${step}?` }).waitFor(o).catch(async (e: Error) => {
      spawnSync('import', ['-window', 'root', join(tmpdir(), `magma-e2e-step${step}.png`)], { env: x.env });
      throw new Error(`${e.message}\npage: ${(await page.locator('main').innerText().catch(() => '?')).slice(0, 1500)}`);
    }),
});
const finished = () => page.locator('.finish').waitFor({ timeout: 60_000 }).then(() => page.locator('.finish').textContent());

describe('browser shell on a real X desktop with xcalc', () => {
  before(async () => {
    requireTools('Xvfb', 'xcalc', 'xdotool', 'tesseract');
    x = await startXvfb(1280, 800);
    url = await startShell();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    if (shell) await kill(shell);
    if (xcalc) await kill(xcalc);
    await x?.stop();
  });
  beforeEach(async () => {
    await freshXcalc();
    // A test that failed mid-run must not leave the next one a busy app: stop whatever still runs.
    await page.goto(url);
    await page.getByText('connected', { exact: true }).waitFor();
    if (await page.locator('#goal').isDisabled()) {
      await page.locator('.goal-box').getByRole('button', { name: 'Stop', exact: true }).click();
      await page.locator('#goal:enabled').waitFor({ timeout: 30_000 });
    }
  });

  test("the README's first steps: the first-run questions answered, the example approved step by step with Enter makes xcalc show 42; marks and the target are drawn", async () => {
    assert.equal(readLcd(), '0');
    // A fresh data folder: the app asks whether to keep history and which brain; the README says: commands.
    await page.getByRole('button', { name: "Don't keep", exact: true }).click();
    await page.getByRole('button', { name: 'Use commands', exact: true }).click();
    await page.getByText('Brain: commands (no model)').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Use commands', exact: true }).count(), 0, 'answered: the first-run card is gone');
    await runGoal(GOAL);
    for (let step = 1; step <= STEPS; step++) {
      await prompt(step).waitFor({ timeout: 60_000 });
      assert.ok((await page.locator('.mark-overlay g.mark').count()) > 10, 'the marks the model saw are drawn over the frame');
      assert.equal(await page.locator('.mark-stage g.target').count(), 1, 'the proposed target is drawn');
      assert.equal(await page.locator('.target-zoom g.target').count(), 1, 'and shown enlarged');
      await page.locator('.mark-overlay img').evaluate((img: HTMLImageElement) => img.decode());
      if (step === STEPS && process.env.UPDATE_README_SHOT === '1') {
        // The README's screenshot is refreshed only when asked: a test run must not rewrite tracked files.
        mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
        await page.screenshot({ path: join(ROOT, 'docs', 'images', 'browser-shell-approval.png'), fullPage: true });
      }
      await page.keyboard.press('Enter');
      await page.locator('.timeline li.executed').nth(step - 1).waitFor({ timeout: 30_000 });
    }
    assert.match((await finished()) ?? '', /Finished/);
    assert.equal(readLcd(), '42');
    const thumbs = page.locator('.timeline li.executed img.thumb');
    assert.equal(await thumbs.count(), STEPS * 2, 'before and after thumbnails of each step');
    assert.ok(await thumbs.first().evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth > 0)));
  });

  test('skipping (denying) the only step clicks nothing: the pointer does not move and xcalc still shows 0', async () => {
    const before = pointer();
    await runGoal('click 7');
    await prompt(1).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: /^Skip/ }).click();
    await finished();
    await sleep(500);
    assert.equal(await page.locator('.timeline li.skipped').count(), 1);
    assert.equal(pointer(), before);
    assert.equal(readLcd(), '0');
  });

  test('Stop mid-run (approving the rest): the run ends stopped and no further input reaches xcalc', async () => {
    const long = `${COMMAND_EXAMPLE}; click 1; click 2; click 3; click 4`;
    await runGoal(long);
    await prompt(1).waitFor({ timeout: 60_000 });
    await page.getByRole('switch', { name: /Approve the rest/ }).check();
    await page.getByRole('button', { name: /^Approve/ }).click();
    await page.locator('.timeline li.executed').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    assert.match((await finished()) ?? '', /stop/i);
    const atStop = readLcd();
    const pointerAtStop = pointer();
    await sleep(1500);
    assert.equal(readLcd(), atStop, 'nothing typed after the stop');
    assert.equal(pointer(), pointerAtStop, 'the pointer did not move after the stop');
    assert.notEqual(atStop, '42');
    assert.ok((await page.locator('.timeline li.executed').count()) < long.split(';').length);
  });

  test('a Q: goal in command mode is not run: the app says a model is needed and keeps the question', async () => {
    // The command planner cannot answer questions: it must say so before any run, not guess or fail at step 1.
    await runGoal('Q: what does the display show?');
    await page.getByRole('region', { name: 'This goal needs a model' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('#goal').inputValue(), 'Q: what does the display show?');
    assert.equal(await page.locator('.finish').count(), 0, 'no run finished (none started)');
  });

  test('requests without the token or from another origin are refused', async () => {
    const { port } = new URL(url);
    const status = (path: string, headers: Record<string, string> = {}) =>
      new Promise<number>((res, rej) => request({ host: '127.0.0.1', port, path, headers }, (r) => (r.resume(), res(r.statusCode ?? 0))).on('error', rej).end());
    assert.equal(await status('/'), 403);
    assert.equal(await status('/app.js'), 403);
    assert.equal(await status(new URL(url).pathname, { Origin: 'http://evil.example' }), 403);
    assert.equal(await status(new URL(url).pathname), 200);
    await page.goto(url);
    const ws = (target: string) =>
      page.evaluate((u) => new Promise<string>((res) => {
        const s = new WebSocket(u);
        s.onopen = () => (s.close(), res('open'));
        s.onerror = () => res('refused');
      }), target);
    assert.equal(await ws(`ws://127.0.0.1:${port}/ws`), 'refused');
    assert.equal(await ws(url.replace('http', 'ws') + 'ws'), 'open');
    await page.goto('about:blank');
    assert.equal(await ws(url.replace('http', 'ws') + 'ws'), 'refused', 'right token, wrong origin');
  });

  test('readable at 200% zoom: at half the width nothing scrolls sideways and the prompt fits', async () => {
    const small = await browser.newPage({ viewport: { width: 600, height: 450 }, deviceScaleFactor: 2 });
    try {
      await small.goto(url);
      await small.locator('#goal').fill('click 7');
      await small.locator('#goal').press('Enter');
      await small.getByRole('alertdialog').waitFor({ timeout: 60_000 });
      const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
      await small.getByRole('button', { name: /^Stop/ }).first().click();
      await small.locator('.finish').waitFor({ timeout: 30_000 });
    } finally {
      await small.close();
    }
  });
});
