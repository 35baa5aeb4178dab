/**
 * Issue #15, live: `click 7; click +; click 8; click =` on galculator (GTK 3, Debian's, written by nobody here)
 * under Xvfb with a private session bus and AT-SPI bus, through the real engine (runGoal: capture, the shipped
 * perceiver fused with the AT-SPI reader's tree, the command planner, the approval gate, real X input) with an
 * approval channel that approves. The result is read back independently of the code under test: galculator's own
 * "copy display value" (ctrl+c) and xclip reading the clipboard.
 */
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createAtspiSource, type AtspiSource } from '../../electron/adapters/atspi/source.js';
import type { Element } from '../../electron/common/elements.js';
import type { RunEvent } from '../../electron/common/run-events.js';
import { runGoal } from '../../electron/shells/compose.js';
import { startAtspiSession, type AtspiSession } from '../support/atspi-session.js';
import { kill, requireTools, sleep, startApp, startXvfb, waitForWindow, type XDisplay } from '../support/xvfb.js';

let x: XDisplay;
let session: AtspiSession;
let app: ChildProcess;
let source: AtspiSource;
let data: string;

before(async () => {
  requireTools('galculator', 'xdotool', 'xclip');
  x = await startXvfb(1280, 800);
  // The engine's capture and input (libnut, the native addon) bind to the first display this process opens, and
  // end the process when that server goes: it is stopped only after the process exits.
  process.env.DISPLAY = x.display;
  x.stopOnExit();
  session = await startAtspiSession(x.env);
  app = startApp('galculator', [], { ...session.env, LANG: 'C.UTF-8' });
  await waitForWindow('^galculator$', session.env, 20_000);
  // Off the origin, so a box left in window coordinates would miss; the pointer rests on the window, on no key.
  spawnSync('xdotool', ['search', '--onlyvisible', '--name', '^galculator$', 'windowmove', '%1', '150', '80'], { env: x.env });
  spawnSync('xdotool', ['mousemove', '200', '190'], { env: x.env });
  await sleep(1500);
  data = mkdtempSync(join(tmpdir(), 'a11y-click-'));
  source = await createAtspiSource({ userDataDir: data, env: session.env });
  // The app's reader lives across runs; its first read of an application may stop at the time box while
  // atk-bridge builds its cache ("the next read completes it"). This test is about clicking with the tree, so the
  // run starts with a reader that has read once, as in the app after its first step.
  await source.read();
});

after(async () => {
  await source?.close();
  if (app) await kill(app);
  await session?.stop();
  if (data) rmSync(data, { recursive: true, force: true });
});

/** galculator's display, copied by galculator itself (Edit > Copy, ctrl+c) and read with xclip. */
function copiedDisplay(): string {
  spawnSync('xdotool', ['key', '--clearmodifiers', 'ctrl+c'], { env: x.env });
  const r = spawnSync('xclip', ['-o', '-selection', 'clipboard'], { env: x.env, encoding: 'utf8', timeout: 5000 });
  return r.stdout.trim();
}

test('click 7; click +; click 8; click = on galculator, with marks from its accessibility tree, makes it show 15', { timeout: 60_000 }, async (t) => {
  const events: RunEvent[] = [];
  const goal = 'click 7; click +; click 8; click =';
  const r = await runGoal({
    goal,
    planner: 'command',
    approvals: { request: async (q) => ({ approvalId: q.id, verdict: 'approve' }) },
    signal: new AbortController().signal,
    accessibility: source,
    emit: (e) => events.push(e),
  });
  const perceived = events.filter((e): e is Extract<RunEvent, { type: 'perceived' }> => e.type === 'perceived');
  t.diagnostic(`tree per step: ${perceived.map((e) => JSON.stringify(e.tree ?? null)).join(' | ')}`);
  t.diagnostic(`notices: ${events.filter((e) => e.type === 'notice').map((e) => JSON.stringify(e)).join(' | ') || 'none'}`);
  assert.equal(r.status, 'done', r.reason);
  assert.equal(r.executed, 4);
  // Each step's key was marked from the tree of that step's frame (the tree alone, or the tree agreeing with vision).
  assert.equal(perceived.length, 5, 'four clicks and the frame after them');
  for (const [i, label] of ['7', '+', '8', '='].entries()) {
    assert.ok(perceived[i]!.tree?.nodes, `step ${i + 1} had a tree: ${JSON.stringify(perceived[i]!.tree)}`);
    const el = perceived[i]!.elements.find((e: Element) => e.text === label && e.interactive);
    assert.ok(el, `step ${i + 1}: a mark named "${label}"`);
    assert.match(el.source, /a11y/, `step ${i + 1}: "${label}" comes from the accessibility tree (source ${el.source})`);
  }
  assert.equal(copiedDisplay(), '15');
});
