/**
 * First run in the browser shell, end to end: `startApp --browser` (the real host with its preflight, the real
 * engine) on an empty Xvfb, a fake Ollama on a loopback port (E2E_SERVER_PORTS points the detector at it, the
 * other three kinds at a closed port), and the UI driven by Playwright in the system Chromium.
 * Covers: the first-run card; in command mode a plain-language goal and a "Q:" question each get the "needs a
 * model" card with the goal kept in the box and the previous run's status gone; the fake Ollama's vision model is
 * found, and choosing it switches the brain, which the status strip says.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { kill, requireTools, startXvfb, type XDisplay } from '../support/xvfb.js';
import { startBrowserShell } from './shell-process.js';
import { closedPort } from '../support/ports.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

let x: XDisplay;
let shell: ChildProcess;
let ollama: Server;
let ollamaPort: number;
let browser: Browser;
let page: Page;

/** What Ollama answers on /api/tags and /api/show: one vision model and one text-only model. */
async function fakeOllama(): Promise<Server> {
  const json = (res: import('node:http').ServerResponse, v: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(v));
  const s = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/api/tags') return json(res, { models: [{ name: 'qwen2.5vl:7b' }, { name: 'llama3.2:3b' }] });
      if (req.method === 'POST' && req.url === '/api/show') {
        const vision = (JSON.parse(body) as { model: string }).model === 'qwen2.5vl:7b';
        return json(res, { capabilities: vision ? ['completion', 'vision'] : ['completion'] });
      }
      if (req.url === '/v1/models') return json(res, { data: [{ id: 'qwen2.5vl:7b' }, { id: 'llama3.2:3b' }] });
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return s;
}

async function startShell(ports: Record<string, number>): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'magma-first-run-'));
  const s = await startBrowserShell({ dataDir, env: { ...x.env, E2E_SERVER_PORTS: JSON.stringify(ports) } });
  shell = s.proc;
  return s.url;
}

const strip = () => page.getByRole('region', { name: 'brain and display' });
const needCard = () => page.getByRole('region', { name: 'This goal needs a model' });

/**
 * Waits until the fake Ollama's vision model is listed as such. Each port has 300 ms: on this shared 2-core machine
 * (load ~12) a probe sometimes runs out of it and the list says "doesn't say"; a person presses Look again, so do we.
 */
async function untilVisionListed(where: ReturnType<Page['getByRole']>) {
  for (let i = 0; ; i++) {
    await where.getByText(`Ollama on 127.0.0.1:${ollamaPort}`).or(where.getByText(/^Not found: Ollama/)).first().waitFor({ timeout: 5000 });
    await where.getByRole('button', { name: 'Look again' }).and(page.locator(':enabled')).waitFor();
    if (/qwen2\.5vl:7b sees images/.test(await where.innerText())) return;
    if (i === 4) throw new Error(`no vision model listed after 5 looks:\n${await where.innerText()}`);
    await where.getByRole('button', { name: 'Look again' }).click();
  }
}

async function submit(goal: string) {
  await page.locator('#goal').fill(goal);
  await page.locator('#goal').press('Enter');
}

describe('first run in the browser shell', () => {
  before(async () => {
    requireTools('Xvfb');
    x = await startXvfb(1280, 800);
    ollama = await fakeOllama();
    ollamaPort = (ollama.address() as AddressInfo).port;
    const closed = await closedPort();
    const url = await startShell({ ollama: ollamaPort, lmstudio: closed, vllm: closed, llamacpp: closed });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    await page.goto(url);
    await page.getByText('connected', { exact: true }).waitFor();
  });
  after(async () => {
    await browser?.close();
    if (shell) await kill(shell);
    ollama?.closeAllConnections();
    ollama?.close();
    await x?.stop();
  });

  test('the first-run card, refused goals with the goal kept, and a detected Ollama model chosen as the brain', async () => {
    // First run: the card offers the three brains and lists the fake Ollama's models, found on its port.
    const card = page.getByRole('region', { name: 'Choose how Magma Desk plans its steps' });
    await card.waitFor({ timeout: 10_000 });
    await untilVisionListed(card);
    assert.match(await card.innerText(), /llama3\.2:3b text only/);
    assert.match(await card.innerText(), /section "Magma-8B on your GPU"/);
    assert.match(await strip().innerText(), /Brain: commands \(no model\)/);
    assert.match(await strip().innerText(), /Display: .*1280x800/);
    await card.getByRole('button', { name: 'Close', exact: true }).click();
    await card.waitFor({ state: 'detached' });

    // A run that ends at once leaves a status line: the refusals below must clear it from view.
    await submit('done');
    await page.locator('.goal-box .status').getByText('done', { exact: true }).waitFor({ timeout: 20_000 });
    await page.locator('#goal:enabled').waitFor();

    for (const goal of ['open the calculator', 'Q: what is on the screen?']) {
      await submit(goal);
      await needCard().waitFor({ timeout: 10_000 });
      assert.equal(await page.locator('#goal').inputValue(), goal, 'the typed goal stays in the box');
      assert.equal(await page.locator('.goal-box .status').count(), 0, "the previous run's status line is gone");
      assert.match(await needCard().innerText(), goal.startsWith('Q:') ? /cannot answer questions/ : /plain-language goal, which needs a model/);
      assert.doesNotMatch(await page.locator('main').innerText(), /unknown command/, 'no run failed at step 1');
    }

    // The card lists the fake Ollama too; choosing its vision model makes it the brain.
    await untilVisionListed(needCard());
    await needCard().getByRole('button', { name: 'Use qwen2.5vl:7b' }).click();
    await strip().getByText(`Brain: qwen2.5vl:7b on 127.0.0.1:${ollamaPort}`).waitFor({ timeout: 5000 });
    await needCard().waitFor({ state: 'detached' });
    assert.match(await strip().innerText(), /Plain-language goals and questions \(Q:\) go to the model server/);
    assert.equal(await page.locator('#goal').inputValue(), 'Q: what is on the screen?', 'the goal is still there to run');
  });
});
