/**
 * `magma-desk run --planner magma` through the real composition (bundle -> onnxruntime-node on CPU -> planner ->
 * gate) on xcalc under Xvfb. The tiny test model has random weights, so its reply is not a valid grounding: the
 * run must end with a clear error that quotes the reply, and send no input.
 */
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { runCli } from '../support/cli.js';
import { kill, readXcalcDisplay, sleep, startApp, startXvfb, waitForWindow, type XDisplay } from '../support/xvfb.js';

const BUNDLE = fileURLToPath(new URL('../../models/magma/fixtures/tiny-fp32', import.meta.url));
let x: XDisplay;
let xcalc: ChildProcess;
let win: { x: number; y: number; width: number; height: number };

before(async () => {
  x = await startXvfb(1280, 800);
  xcalc = startApp('xcalc', ['-geometry', '+100+100'], x.env);
  win = await waitForWindow('Calculator', x.env);
  await sleep(300);
});
after(async () => { await kill(xcalc); await x.stop(); });

test('a Magma reply that is no grounding fails the run with the reply quoted, and nothing is clicked', async () => {
  const pointer = () => spawnSync('xdotool', ['getmouselocation'], { env: x.env, encoding: 'utf8' }).stdout.trim();
  const before = pointer();
  const r = await runCli(['run', '--planner', 'magma', '--model', BUNDLE, '--yes', 'click the 7 button'], { ...x.env, MAGMA_DESK_PROVIDERS: 'cpu' });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /failed: .*\(reply: "/);
  assert.doesNotMatch(r.stdout, /approved/);
  assert.equal(pointer(), before);
  assert.equal(readXcalcDisplay(x.env, win), '0');
});

test('the magma planner without a bundle is bad usage (exit code 2) and says what to pass', async () => {
  const r = await runCli(['run', '--planner', 'magma', '--yes', 'click 7'], x.env);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /needs a model bundle\. Pass --model <bundle-dir>/);
});
