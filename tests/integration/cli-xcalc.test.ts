/**
 * The foundation, end to end on a real X desktop: xcalc (Debian x11-apps, written by nobody here) under Xvfb,
 * driven by `magma-desk run`. What xcalc shows is read with tesseract, independent of the parser under test.
 */
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { COMMAND_EXAMPLE } from '../../electron/common/brain.js';
import { runCli } from '../support/cli.js';
import { pathWithout, X_TOOLS } from '../support/path-without.js';
import { kill, readXcalcDisplay, sleep, startApp, startXvfb, waitForWindow, type XDisplay } from '../support/xvfb.js';

let x: XDisplay;
let xcalc: ChildProcess | undefined;
let win: { x: number; y: number; width: number; height: number };

/** The xcalc LCD: a line of digits near the top of the window (root coordinates). */
const readLcd = () => readXcalcDisplay(x.env, win);

async function freshXcalc(size = '') {
  if (xcalc) await kill(xcalc);
  xcalc = startApp('xcalc', ['-geometry', `${size}+100+100`], x.env);
  win = await waitForWindow('Calculator', x.env);
  await sleep(300);
}

function pointer(): string {
  return spawnSync('xdotool', ['getmouselocation'], { env: x.env, encoding: 'utf8' }).stdout.trim();
}

describe('magma-desk run on xcalc', () => {
  before(async () => { x = await startXvfb(1280, 800); });
  after(async () => { if (xcalc) await kill(xcalc); await x.stop(); });
  beforeEach(() => freshXcalc());

  // The README's example (COMMAND_EXAMPLE), as a newcomer runs it: xcalc at its default size, and at 300x400 where
  // the symbol keys' glyphs are drawn differently (an example with "*" failed there: the parser reads no text on it).
  test(`with --yes and no X tools on the PATH, the README's example "${COMMAND_EXAMPLE}" makes xcalc show 42, each click in the audit log`, async () => {
    assert.equal(readLcd(), '0');
    const audit = join(mkdtempSync(join(tmpdir(), 'md-audit-')), 'audit.jsonl');
    // Input, monitors and own windows go through the platform addon: xdotool, xrandr & co. are not needed (issue #14).
    const r = await runCli(['run', '--planner', 'command', '--yes', '--audit', audit, COMMAND_EXAMPLE], { ...x.env, PATH: pathWithout(X_TOOLS) });
    const steps = COMMAND_EXAMPLE.split(';').length;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /step 1: click #\d+ "\d"/);
    assert.match(r.stdout, new RegExp(`done: .*\\(${steps} actions\\)`));
    assert.equal(readLcd(), '42');
    const records = readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; approvalId?: string });
    const inputs = records.filter((rec) => rec.type === 'input');
    assert.equal(inputs.length, steps);
    const decided = new Set(records.filter((rec) => rec.type === 'approval_decided').map((rec) => (rec as { decision?: { approvalId: string } }).decision?.approvalId));
    assert.ok(inputs.every((i) => decided.has(i.approvalId)), 'every input names an approval that was decided');
    assert.ok(records.filter((rec) => rec.type === 'approval_decided').every((rec) => (rec as { by?: string }).by === 'auto'), '--yes decisions are recorded as automatic, not as a person');
    const v = await runCli(['audit', 'verify', audit], x.env);
    assert.equal(v.code, 0, v.stderr);
    assert.match(v.stdout, /intact/);
  });

  test("the README's example makes xcalc show 42 on a 300x400 xcalc too", async () => {
    await freshXcalc('300x400');
    assert.equal(readLcd(), '0');
    const r = await runCli(['run', '--yes', COMMAND_EXAMPLE], x.env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readLcd(), '42');
  });

  test('without --yes and without a terminal, nothing moves and xcalc still shows 0', async () => {
    const before = pointer();
    const r = await runCli(['run', COMMAND_EXAMPLE], x.env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no terminal to ask for approval.*--yes/);
    assert.equal(pointer(), before);
    assert.equal(readLcd(), '0');
  });

  test('an unknown label fails with exit code 1, names the candidates, and sends no input', async () => {
    const before = pointer();
    const r = await runCli(['run', '--yes', 'click Frobnicate'], x.env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no mark reads "Frobnicate"; nearest: #\d+ "[^"]+"/);
    assert.equal(pointer(), before);
    assert.equal(readLcd(), '0');
  });

  test('a goal command mode cannot run is bad usage (exit code 2) that says why and what to do; nothing is clicked', async () => {
    // Plain language needs a model: the app's wording, then how to get one from the command line.
    const r = await runCli(['run', '--yes', 'open the calculator'], x.env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /plain-language goal, which needs a model/);
    assert.match(r.stderr, /magma-desk run --planner openai --endpoint http:\/\/127\.0\.0\.1:11434\/v1 "<goal>"/);
    assert.doesNotMatch(r.stderr, /unknown command/);
    // A command with a typo is the command parser's error, naming the step, not an offer of a model.
    const t = await runCli(['run', '--yes', 'click 3; press ctrl+nokey'], x.env);
    assert.equal(t.code, 2);
    assert.doesNotMatch(t.stderr, /needs a model/);
    assert.match(t.stderr, /nokey/);
    assert.equal(readLcd(), '0');
  });
});

describe('magma-desk without a display', () => {
  test('screenshot says what is wrong and what to do, exit code 1', async () => {
    const env = { ...process.env };
    delete env.DISPLAY;
    const r = await runCli(['screenshot', '/tmp/none.png'], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /\$DISPLAY is not set/);
  });
});
