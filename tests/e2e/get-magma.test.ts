/**
 * Get Magma-8B in the browser shell, end to end: `startApp --browser` (the real host) with HF_ENDPOINT pointing at
 * the fake Hub on loopback (electron/adapters/hub/testing/fake-hub.ts, LFS files redirected to a second origin) and
 * an empty models folder, driven by Playwright in the system Chromium. The GPU check comes first and nothing reaches
 * the Hub until Start; Start shows size and licence; the download shows progress and stalls mid-shard (a fault of the
 * fake Hub), Cancel keeps the bytes and the button reads Resume; Resume finishes by range; the bundle is installed,
 * converted by the real TypeScript converter (the tiny bf16 checkpoint of testing/tiny-hub-repo.ts), selected,
 * checked with one real step on the CPU, and the status strip names it.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startFakeHub, type FakeHub } from '../../electron/adapters/hub/testing/fake-hub.js';
import { tinyConvertibleRepo } from '../../electron/main/testing/tiny-hub-repo.js';
import { kill, requireTools, startXvfb, type XDisplay } from '../support/xvfb.js';
import { startBrowserShell } from './shell-process.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const SHARD2 = 'model-00002-of-00002.safetensors';

let x: XDisplay;
let hub: FakeHub;
let shell: ChildProcess;
let browser: Browser;
let page: Page;
let root: string;

async function startShell(env: NodeJS.ProcessEnv): Promise<string> {
  const s = await startBrowserShell({ dataDir: join(root, 'data'), env: { ...x.env, ...env } });
  shell = s.proc;
  return s.url;
}

describe('Get Magma-8B in the browser shell', () => {
  before(async () => {
    requireTools('Xvfb');
    root = mkdtempSync(join(tmpdir(), 'magma-get-e2e-'));
    x = await startXvfb(1280, 800);
    hub = await startFakeHub({ 'microsoft/Magma-8B': { files: tinyConvertibleRepo('mit') } });
    const url = await startShell({ HF_ENDPOINT: hub.endpoint, HF_TOKEN: '', MAGMA_DESK_MODELS_DIR: join(root, 'models'), MAGMA_DESK_PROVIDERS: 'cpu' });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    await page.goto(url);
    await page.getByText('connected', { exact: true }).waitFor();
  });
  after(async () => {
    await browser?.close();
    if (shell) await kill(shell);
    await hub?.close();
    await x?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('start, see progress, cancel, resume, finish: the bundle is selected and the status strip shows it', async () => {
    const card = page.getByRole('region', { name: 'Choose how Magma Desk plans its steps' });
    await card.getByRole('button', { name: 'Get Magma-8B' }).click();
    const panel = card.getByRole('region', { name: 'Get Magma-8B' });
    await panel.getByText(/No graphics card was found on this computer/).waitFor({ timeout: 10_000 });
    assert.match(await panel.innerText(), /you can continue either way/);
    assert.match(await panel.innerText(), /Nothing is contacted until you press Start/);
    assert.equal(hub.requests.length, 0, 'S14: the Hub is not contacted before Start');

    await panel.getByRole('button', { name: 'Start', exact: true }).click();
    const plan = panel.getByRole('definition').first();
    await plan.waitFor({ timeout: 10_000 });
    const repo = tinyConvertibleRepo();
    const total = Object.values(repo).reduce((s, b) => s + b.length, 0);
    assert.match(await panel.innerText(), new RegExp(`${(total / 1e3).toFixed(1)} kB to download \\(${Object.keys(repo).length} files of microsoft/Magma-8B\\)`));
    assert.match(await panel.innerText(), /Licence \(from the model card\)\s*mit/);
    assert.ok(!hub.requests.some((r) => r.path.includes('safetensors')), 'no weights before Download');

    hub.stallAfter.set(SHARD2, 1000);
    await panel.getByRole('button', { name: 'Download and convert' }).click();
    const progress = panel.getByRole('status', { name: 'progress' });
    await progress.getByText(/^Downloading: .* kB of .* kB \(\d+%\)/).waitFor({ timeout: 10_000 });
    // Wait until the stalled shard's first bytes are counted, then stop.
    const t0 = Date.now();
    while (!/\((?:[3-9]\d)%\)/.test(await progress.innerText().catch(() => ''))) {
      if (Date.now() - t0 > 10_000) throw new Error(`no progress into the second shard: ${await panel.innerText()}`);
      await page.waitForTimeout(50);
    }
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await panel.getByRole('button', { name: 'Resume' }).waitFor({ timeout: 10_000 });
    assert.match(await panel.innerText(), /What was downloaded is kept; press Resume to continue where it stopped/);
    const cp = join(root, 'models', '_checkpoints', 'microsoft--Magma-8B', hub.sha);
    assert.ok(readdirSync(cp).includes(`${SHARD2}.part`), 'the partial file is kept for the resume');

    hub.stallAfter.clear();
    await panel.getByRole('button', { name: 'Resume' }).click();
    await panel.getByRole('status', { name: 'one-step check' }).waitFor({ timeout: 60_000 });
    assert.match(await panel.getByRole('status', { name: 'one-step check' }).innerText(), /^One-step check passed: .* on the processor/);
    assert.match(await panel.innerText(), /installed as magma-8b-int4 and selected as the brain/);
    assert.ok(hub.requests.some((r) => r.origin === 'cdn' && r.headers.range === 'bytes=1000-'), 'resumed by range');
    const bundle = join(root, 'models', 'magma-8b-int4');
    assert.ok(existsSync(join(bundle, 'manifest.json')) && existsSync(join(bundle, 'installed.json')));

    const strip = page.getByRole('region', { name: 'brain and display' });
    await strip.getByText(`Brain: Magma-8B bundle ${bundle}`).waitFor({ timeout: 5000 });
    assert.doesNotMatch(await strip.innerText(), /can't run yet/);
  });
});
