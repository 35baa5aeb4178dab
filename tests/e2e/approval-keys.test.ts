/**
 * The approval prompt's keys in a real browser (the system Chromium through Playwright) against the browser shell,
 * with the real engine loop behind it (runAgent, the gate, the command planner) on a fake screen that records its
 * input instead of moving the mouse. Every key is pressed with focus where the prompt puts it: on Approve.
 * Then the step list must read what happened: executed, skipped, edited (original -> replacement) and stopped.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { systemClock } from '../../electron/adapters/clock.js';
import { encodePng } from '../../electron/adapters/image-codec.js';
import { RecordingInputDriver } from '../../electron/adapters/input-recording.js';
import { FrameStore } from '../../electron/agent/loop/frame-store.js';
import { runAgent } from '../../electron/agent/loop/run-agent.js';
import { CommandPlanner } from '../../electron/agent/planner/command.js';
import type { RgbaImage } from '../../electron/agent/ports.js';
import type { RunEvent } from '../../electron/common/run-events.js';
import type { Engine } from '../../electron/main/engine.js';
import { startBrowserShell, type BrowserShell } from '../../electron/shells/browser/server.js';
import { FakeScreen, fixedPerceiver, textElement } from '../support/fakes.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const marks = [
  textElement(0, '7', [10, 10, 30, 30]),
  textElement(1, '*', [40, 10, 60, 30]),
  textElement(2, '6', [70, 10, 90, 30]),
  textElement(3, '=', [100, 10, 120, 30]),
  textElement(4, 'Save', [130, 10, 190, 30]),
];

/** The real loop on a fake 200x100 screen: clicks are recorded (and drawn on the next capture), never sent. */
function loopEngine(): Engine & { input: RecordingInputDriver } {
  const input = new RecordingInputDriver();
  const frames = new FrameStore(64);
  return {
    input,
    async run(req) {
      await runAgent(
        {
          screen: new FakeScreen(input), input, perceiver: fixedPerceiver(marks), markImage: (i: RgbaImage) => i,
          planner: new CommandPlanner(req.goal), approvals: req.approvals, clock: systemClock, frames, emit: req.emit,
        },
        { goal: req.goal, runId: req.runId, signal: req.signal, settleMs: 0, verify: false },
      );
    },
    framePng: async (id) => {
      const f = frames.get(id);
      return f ? encodePng(f.frame.image) : undefined;
    },
  };
}

let shell: BrowserShell;
let browser: Browser;
let page: Page;
const engine = loopEngine();
const events: RunEvent[] = [];

before(async () => {
  shell = await startBrowserShell({ engineFactory: () => engine });
  shell.host.subscribe((channel, payload) => channel === 'run:event' && events.push(payload as RunEvent));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
});
after(async () => {
  await browser?.close();
  await shell?.close();
});

/** Waits for the prompt of a step and checks that focus is on Approve, where the prompt puts it. */
async function promptWithFocusOnApprove(step: number) {
  await page.getByRole('alertdialog', { name: `Approve step ${step}?` }).waitFor({ timeout: 15_000 });
  const approve = page.locator('.approval button.primary');
  await page.waitForFunction(() => document.activeElement?.textContent?.startsWith('Approve'), undefined, { timeout: 5000 });
  assert.equal(await approve.evaluate((b) => b === document.activeElement), true, `focus is on Approve at step ${step}`);
}
const approvalsOf = (verdict: string) => events.filter((e) => e.type === 'approval_decided' && e.decision.verdict === verdict).length;

test('Enter, S, E and Esc pressed with focus on Approve: executed, skipped, edited and stopped steps', async () => {
  const t0 = Date.now();
  await page.goto(shell.url);
  await page.getByText('connected', { exact: true }).waitFor();
  await page.locator('#goal').fill('click 7; click *; click 6; click =');
  await page.locator('#goal').press('Enter');

  await promptWithFocusOnApprove(1);
  await page.keyboard.press('Enter');
  await page.locator('.timeline li.executed').first().waitFor({ timeout: 10_000 });

  await promptWithFocusOnApprove(2);
  await page.keyboard.press('s');
  await page.locator('.timeline li.skipped').first().waitFor({ timeout: 10_000 });

  await promptWithFocusOnApprove(3);
  await page.keyboard.press('e');
  const edit = page.locator('#edit-step');
  await edit.waitFor();
  assert.equal(await edit.evaluate((i) => i === document.activeElement), true, 'E puts the cursor in the edit box');
  await page.keyboard.type('click Save');
  assert.equal(await edit.inputValue(), 'click Save', 'S and the other letters type into the box');
  await page.keyboard.press('Enter');
  // The replacement is planned and asked again as step 3; Enter on Approve runs it.
  await page.locator('.timeline li.edited .edit-note', { hasText: 'edited: click #2 "6" → click #4 "Save"' }).waitFor({ timeout: 10_000 });
  await promptWithFocusOnApprove(3);
  await page.keyboard.press('Enter');
  await page.locator('.timeline li.executed').nth(1).waitFor({ timeout: 10_000 });

  await promptWithFocusOnApprove(4);
  await page.keyboard.press('Escape');
  await page.locator('.finish').waitFor({ timeout: 10_000 });

  const steps = await page.locator('.timeline li .step-head').allInnerTexts();
  assert.deepEqual(steps.map((s) => s.replace(/\s+/g, ' ').trim()), [
    '1. click #0 "7" executed',
    '2. click #1 "*" skipped',
    '3. click #4 "Save" executed',
    '4. click #3 "=" stopped',
  ]);
  assert.equal(await page.locator('.timeline li').nth(2).locator('.edit-note').innerText(), 'edited: click #2 "6" → click #4 "Save"');
  assert.match(await page.locator('.finish').innerText(), /^Finished: stopped \(stopped at the approval prompt\)$/);
  assert.equal(await page.getByRole('alertdialog').count(), 0, 'no prompt is left');

  // What reached the (recorded) input: the 7 key and Save, each once: no key fired twice.
  const clicks = engine.input.injected.filter((e) => e.kind === 'click').map((e) => (e.kind === 'click' ? [e.p.x, e.p.y] : []));
  assert.deepEqual(clicks, [[20, 20], [160, 20]]);
  assert.deepEqual([approvalsOf('approve'), approvalsOf('skip'), approvalsOf('edit'), approvalsOf('stop')], [2, 1, 1, 1], 'one decision per key');
  assert.ok(Date.now() - t0 < 30_000, `took ${Date.now() - t0} ms`);
});
