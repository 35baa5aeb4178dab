/**
 * S6 on a real X desktop: one 2560x800 Xvfb screen split into two monitors with `xrandr --setmonitor` (how a
 * dual-head X server reports itself). The app lists both, captures the right one alone, and a click planned on that
 * capture lands on xcalc's "7" key there: within 2 px of the key's centre (from the X server's own window tree,
 * tests/fixtures/perception/xcalc-1280x800.buttons.json) and xcalc shows 7. X has no negative origins and no
 * per-monitor scale factors: those cases are covered by the geometry unit matrix and need Windows/macOS live.
 */
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../support/cli.js';
import { kill, readXcalcDisplay, sleep, startApp, startXvfb, waitForWindow, type XDisplay } from '../support/xvfb.js';
import { decodeImage } from '../../electron/adapters/image-codec.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/perception/xcalc-1280x800.buttons.json', import.meta.url));
/** The fixture was taken with xcalc's window at (100, 80). */
const FIXTURE_ORIGIN = { x: 100, y: 80 };

let x: XDisplay;
let xcalc: ChildProcess;
let win: { x: number; y: number; width: number; height: number };

before(async () => {
  x = await startXvfb(2560, 800);
  // xcalc stays connected for the whole test: Xvfb forgets monitors when its last client leaves.
  xcalc = startApp('xcalc', ['-geometry', '+1400+100'], x.env);
  win = await waitForWindow('Calculator', x.env);
  for (const [name, geo] of [['LEFT', '1280/338x800/211+0+0'], ['RIGHT', '1280/338x800/211+1280+0']]) {
    const r = spawnSync('xrandr', ['--setmonitor', name!, geo!, 'none'], { env: x.env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
  await sleep(300);
});
after(async () => { await kill(xcalc); await x.stop(); });

test('the right-hand monitor is captured alone, and a click planned on it lands within 2 px of the key', async () => {
  const shot = join(mkdtempSync(join(tmpdir(), 'md-s6-')), 'right.png');
  const s = await runCli(['screenshot', '--display', 'RIGHT', shot], x.env);
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stdout, /1280x800 of display RIGHT/);
  const img = await decodeImage(shot);
  assert.deepEqual([img.width, img.height], [1280, 800]);

  const r = await runCli(['run', '--yes', '--display', 'RIGHT', 'click 7'], x.env);
  assert.equal(r.code, 0, r.stderr);
  const seven = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { buttons: { label: string; box: number[] }[] }).buttons.find((b) => b.label === '7')!.box;
  const cx = (seven[0]! + seven[2]!) / 2 - FIXTURE_ORIGIN.x + win.x;
  const cy = (seven[1]! + seven[3]!) / 2 - FIXTURE_ORIGIN.y + win.y;
  const m = /x:(\d+) y:(\d+)/.exec(spawnSync('xdotool', ['getmouselocation'], { env: x.env, encoding: 'utf8' }).stdout)!;
  const dx = Number(m[1]) - cx;
  const dy = Number(m[2]) - cy;
  assert.ok(Math.hypot(dx, dy) <= 2, `the click landed ${dx.toFixed(1)}, ${dy.toFixed(1)} px from the key's centre`);
  assert.equal(readXcalcDisplay(x.env, win), '7');
});

test('an unknown display is an error that lists the displays, and nothing is clicked', async () => {
  const before = spawnSync('xdotool', ['getmouselocation'], { env: x.env, encoding: 'utf8' }).stdout;
  const r = await runCli(['run', '--yes', '--display', 'MIDDLE', 'click 7'], x.env);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no display "MIDDLE"; displays: LEFT, RIGHT/);
  assert.equal(spawnSync('xdotool', ['getmouselocation'], { env: x.env, encoding: 'utf8' }).stdout, before);
});
