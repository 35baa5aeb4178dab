/**
 * History survives a restart, end to end in the browser shell: the shell (startBrowserShell with a scripted
 * engine, its own data folder) is driven by Playwright in the system Chromium. The first-run card is answered
 * "Keep history", a two-step goal is approved, the shell is closed and started again on the same data folder with
 * a fresh engine that never saw those frames, and the History view shows the run with its screenshot (loaded from
 * the history store: a real image, not a broken one), enlargeable.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBrowserShell, type BrowserShell } from '../../electron/shells/browser/server.js';
import { scriptedEngine } from './scripted-engine.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const clicks = [
  { kind: 'click' as const, target: { mark: 0 } },
  { kind: 'click' as const, target: { mark: 1 } },
];

let browser: Browser;
let shell: BrowserShell | undefined;
const data = mkdtempSync(join(tmpdir(), 'magma-e2e-history-'));
before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  await shell?.close();
  await browser?.close();
  rmSync(data, { recursive: true, force: true });
});

const start = () => startBrowserShell({ engineFactory: () => scriptedEngine({ actions: clicks }), dataDir: data });

async function open(url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.getByText('connected', { exact: true }).waitFor();
  return page;
}

test('a run kept in history shows its screenshot after the shell restarts', { timeout: 60_000 }, async () => {
  shell = await start();
  let page = await open(shell.url);
  // First run: the question, answered once.
  const card = page.getByRole('region', { name: 'keep a history of runs?' });
  await card.waitFor();
  assert.match(await card.innerText(), /private data/);
  await card.getByRole('button', { name: 'Keep history' }).click();
  await card.waitFor({ state: 'detached' });

  await page.locator('#goal').fill('click 7; click *');
  await page.locator('#goal').press('Enter');
  for (const step of [1, 2]) {
    const prompt = page.getByRole('alertdialog', { name: `Approve step ${step}?` });
    await prompt.waitFor({ timeout: 10_000 });
    await prompt.getByRole('button', { name: /^Approve/ }).first().click();
  }
  await page.locator('.finish').waitFor({ timeout: 10_000 });
  await page.close();
  await shell.close();

  // The restart: a new host and a new engine on the same data folder.
  shell = await start();
  page = await open(shell.url);
  assert.equal(await page.getByRole('region', { name: 'keep a history of runs?' }).count(), 0, 'the question is not asked again');
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await page.locator('.runs button', { hasText: 'click 7; click *' }).click();
  const shot = page.getByRole('button', { name: 'Enlarge the screenshot of step 1' });
  await shot.waitFor();
  const img = shot.locator('img');
  await img.evaluate((i: HTMLImageElement) => (i.complete ? undefined : new Promise((r) => (i.onload = i.onerror = r))));
  const size = await img.evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight]);
  assert.deepEqual(size, [64, 40], 'the screenshot loads from the history store after the restart');
  assert.equal(await shot.getByRole('img', { name: '2 marks' }).count(), 1, 'with its marks');
  assert.equal(await shot.locator('g.target').count() >= 1, true, 'and the target it clicked');
  await shot.click();
  const large = page.getByRole('dialog', { name: 'Screenshot of step 1, enlarged' });
  await large.waitFor();
  await page.keyboard.press('Escape');
  await large.waitFor({ state: 'detached' });
});
