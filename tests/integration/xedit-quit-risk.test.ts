/**
 * Issue #10: under "approve the rest", `click Quit` on xedit ran and closed it unconfirmed. Quitting an application
 * is high-risk, so `run --yes` (nobody there to confirm) must refuse it and leave xedit running, while a harmless
 * click on the same screen still runs. xedit (Debian x11-apps) runs under Xvfb; whether it is still running is read
 * from its process and from xdotool, not from the code under test.
 */
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { runCli } from '../support/cli.js';
import { kill, sleep, startApp, startXvfb, waitForWindow, type XDisplay } from '../support/xvfb.js';

const TEXT = 'hello world\nsecond line of notes\n';
let x: XDisplay;
let xedit: ChildProcess | undefined;
let file: string;

async function freshXedit() {
  if (xedit) await kill(xedit);
  file = join(mkdtempSync(join(tmpdir(), 'md-xedit-')), 'notes.txt');
  writeFileSync(file, TEXT);
  xedit = startApp('xedit', ['-geometry', '600x400+100+100', file], x.env);
  await waitForWindow('xedit', x.env);
  await sleep(400);
}

/** Running = the process has not exited and its window is still mapped. */
function xeditRunning(): boolean {
  const mapped = spawnSync('xdotool', ['search', '--onlyvisible', '--name', 'xedit'], { env: x.env, encoding: 'utf8' }).stdout.trim() !== '';
  return xedit!.exitCode === null && xedit!.signalCode === null && mapped;
}

function pointer(): { x: number; y: number } {
  const m = /x:(\d+) y:(\d+)/.exec(spawnSync('xdotool', ['getmouselocation'], { env: x.env, encoding: 'utf8' }).stdout)!;
  return { x: Number(m[1]), y: Number(m[2]) };
}

describe('magma-desk run --yes on xedit: quitting needs a person', () => {
  before(async () => { x = await startXvfb(1280, 800); });
  after(async () => { if (xedit) await kill(xedit); await x.stop(); });
  beforeEach(freshXedit);

  test('"click second line of notes; click Quit": the harmless click runs, Quit is refused as high-risk, xedit keeps running', async () => {
    const r = await runCli(['run', '--planner', 'command', '--yes', 'click second line of notes; click Quit'], x.env);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /step 1: click #\d+ "second line of notes" \(screen parser\) at \(\d+, \d+\)\n {2}approved \(--yes\)/);
    // The harmless click landed on that line of xedit's text (window at +100+100; the second line sits near y = 231).
    const p = pointer();
    assert.ok(p.x > 110 && p.x < 250 && p.y > 220 && p.y < 245, `pointer at ${p.x},${p.y}`);
    assert.match(r.stdout, /step 2: click #\d+ "Quit" \(screen parser\) at \(\d+, \d+\)\n {2}HIGH RISK: target "Quit" quits an application/);
    assert.match(r.stdout, /not approved: --yes does not cover high-risk steps; run in a terminal without --yes to confirm it/);
    await sleep(500);
    assert.ok(xeditRunning(), 'xedit is still running');
  });

  test('with typed changes, "click Quit; click Quit" (the second Quit throws them away) is refused at the first', async () => {
    spawnSync('xdotool', ['mousemove', '300', '300', 'click', '1', 'type', 'abc'], { env: x.env });
    await sleep(300);
    const r = await runCli(['run', '--planner', 'command', '--yes', 'click Quit; click Quit'], x.env);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /HIGH RISK/);
    assert.doesNotMatch(r.stdout, /approved \(--yes\)/);
    await sleep(500);
    assert.ok(xeditRunning(), 'xedit is still running');
    assert.equal(readFileSync(file, 'utf8'), TEXT, 'the file on disk is untouched');
  });
});
