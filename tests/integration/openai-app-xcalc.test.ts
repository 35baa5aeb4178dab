/**
 * Issue 7's "from the app": the app host that both the Electron app and the browser shell run (settings, run,
 * approval over the IPC contract) with the real engine, the `openai` planner pointed at a fake OpenAI-compatible
 * server on 127.0.0.1, and xcalc under Xvfb. The model answers like UI-TARS-1.5; a person approves through
 * approval:decide; what xcalc shows is read with tesseract.
 */
import assert from 'node:assert/strict';
import { type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ApprovalRequest } from '../../electron/common/approval.js';
import type { RunEvent } from '../../electron/common/run-events.js';
import { createAppHost } from '../../electron/main/app-host.js';
import { composedEngineFactory } from '../../electron/main/engine-adapter.js';
import { imageUrlOf, pngSizeOfDataUrl, startFakeOpenAi, type FakeServer } from '../fixtures/openai/fake-server.js';
import { kill, readXcalcDisplay, sleep, startApp, startXvfb, waitForWindow, type XDisplay } from '../support/xvfb.js';

const SCREEN = { width: 1280, height: 800 };
/** Where xcalc (x11-apps, TI-30 layout) draws its "7" key: 70, 287 of its 226x394 window. */
const SEVEN = { fx: 70 / 226, fy: 287 / 394 };

let x: XDisplay;
let xcalc: ChildProcess;
let server: FakeServer;
let win: { x: number; y: number; width: number; height: number };
const dataDir = mkdtempSync(join(tmpdir(), 'md-app-openai-'));

before(async () => {
  x = await startXvfb(SCREEN.width, SCREEN.height);
  // The engine's adapters (nut-js) open $DISPLAY of this process.
  process.env.DISPLAY = x.display;
  xcalc = startApp('xcalc', ['-geometry', '+100+100'], x.env);
  win = await waitForWindow('Calculator', x.env);
  await sleep(300);
  server = await startFakeOpenAi({
    models: ['ui-tars-1.5-7b'],
    reply: (req, i) => {
      if (i > 0) return { text: "Thought: the display shows 7.\nAction: finished(content='entered 7')" };
      const sent = pngSizeOfDataUrl(imageUrlOf(req)!);
      const px = Math.round(((win.x + SEVEN.fx * win.width) * sent.width) / SCREEN.width);
      const py = Math.round(((win.y + SEVEN.fy * win.height) * sent.height) / SCREEN.height);
      return { text: `Thought: I press the 7 key.\nAction: click(start_box='(${px},${py})')`, chunk: 5 };
    },
  });
});
after(async () => {
  await kill(xcalc);
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  // libnut keeps this process's X connection open and exits the process if its server goes first.
  x.stopOnExit();
});

test('from the app: settings pick the openai planner and server, each step is approved over the contract, xcalc shows 7', async () => {
  const host = createAppHost({ engineFactory: composedEngineFactory({ auditPath: join(dataDir, 'audit.jsonl') }), shell: 'browser', dataDir });
  const events: RunEvent[] = [];
  host.subscribe((channel, payload) => {
    if (channel === 'run:event') events.push(payload as RunEvent);
  });
  const set = await host.dispatch('settings:set', { planner: 'openai', endpoint: { baseUrl: server.url, family: 'ui-tars-1.5' } });
  assert.ok(set.ok, JSON.stringify(set));
  const health = await host.dispatch('endpoint:health', {});
  assert.ok(health.ok && (health.value as { ok: boolean }).ok, JSON.stringify(health));

  assert.equal(readXcalcDisplay(x.env, win), '0');
  const started = await host.dispatch('run:start', { goal: 'enter 7 on the calculator' });
  assert.ok(started.ok, JSON.stringify(started));

  // A person approves what the engine asks, naming the pending approval id.
  const deadline = Date.now() + 90_000;
  let approved = 0;
  while (Date.now() < deadline) {
    const pending = host.state().pending as ApprovalRequest | undefined;
    if (pending) {
      assert.match(pending.description, /^click \(/);
      const d = await host.dispatch('approval:decide', { approvalId: pending.id, verdict: 'approve' });
      assert.ok(d.ok, JSON.stringify(d));
      approved++;
    }
    if (['done', 'failed', 'stopped', 'refused'].includes(host.state().status)) break;
    await sleep(50);
  }
  await host.idle();
  const finished = events.find((e) => e.type === 'run_finished');
  assert.equal(finished?.type === 'run_finished' && finished.status, 'done', JSON.stringify(finished));
  assert.equal(approved, 1);
  assert.ok(events.some((e) => e.type === 'reasoning'), 'the model text streamed to the UI');
  assert.equal(readXcalcDisplay(x.env, win), '7');
  await host.close();
});
