/**
 * X11 input and display queries: the platform addon (now) against the X tools the app spawned before (issue #14),
 * on a private 1280x800 Xvfb with xedit focused (a US layout). Prints JSON; medians over --runs.
 *   npx tsx scripts/bench-native.ts [--runs 5] [--old-driver <file>]
 * --old-driver: the pre-addon input driver (git show 5a241c0~1:electron/adapters/input-nut.ts, saved where its
 * relative imports resolve), to time its typing on the same texts; without it only the addon's typing is timed.
 */
import { spawnSync } from 'node:child_process';
import { kill, sleep, startApp, startXvfb, waitForWindow } from '../tests/support/xvfb.js';

const arg = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const runs = Number(arg('--runs') ?? 5);
const oldDriver = arg('--old-driver');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
let ascii = '';
for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
const TEXTS = { ascii, accents: 'héllo Wörld ß 42! Grüße, café', cjkEmoji: '中文 😀 “quotes” – €' };

const x = await startXvfb(1280, 800);
process.env.DISPLAY = x.display;
const xedit = startApp('xedit', ['-geometry', '1200x700+0+0'], x.env);
await waitForWindow('xedit', x.env);
await sleep(300);
spawnSync('setxkbmap', ['us'], { env: x.env });

type Driver = { type(t: string): Promise<void>; click(p: { space: 'screen'; x: number; y: number }, b: 'left', n: 1): Promise<void> };
async function typing(driver: Driver): Promise<Record<string, number>> {
  await driver.click({ space: 'screen', x: 600, y: 400 }, 'left', 1);
  const out: Record<string, number> = {};
  for (const [name, text] of Object.entries(TEXTS)) {
    const rates: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      await driver.type(text);
      rates.push([...text].length / ((performance.now() - t0) / 1000));
      await sleep(200); // spare keycodes cool down between runs, as between two steps
    }
    out[name] = Math.round(median(rates));
  }
  return out;
}
function timeIt(fn: () => unknown, n = 50): number {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) { const t0 = performance.now(); fn(); ms.push(performance.now() - t0); }
  return Number(median(ms).toFixed(3));
}

const { NutInputDriver } = await import('../electron/adapters/input-nut.js');
const { displaysFromMonitors } = await import('../electron/adapters/displays-x11.js');
const { x11 } = await import('../electron/adapters/native-addon.js');
const { x11OwnWindows } = await import('../electron/adapters/own-windows-x11.js');
const result: Record<string, unknown> = { runs };
result.typingCharsPerSecond = { addon: await typing(new NutInputDriver({ failSafe: false })) };
result.keymap = x11().addon.keymapInfo(); // remaps: spare keycodes changed (each costs a 30 ms settle before use)
if (oldDriver) {
  const old = (await import(oldDriver)) as { NutInputDriver: new (o: { failSafe: boolean }) => Driver };
  (result.typingCharsPerSecond as Record<string, unknown>).spawnedTools = await typing(new old.NutInputDriver({ failSafe: false }));
}
// Displays: the addon's XRRGetMonitors against `xrandr --listmonitors` (spawn and read; parsing is negligible).
const displays = displaysFromMonitors(x11().addon.monitors()).length;
const addonMonitorsMs = timeIt(() => displaysFromMonitors(x11().addon.monitors()));
const xrandrMs = timeIt(() => spawnSync('xrandr', ['--listmonitors'], { env: x.env, encoding: 'utf8' }), 20);
// Own windows: the addon's window-tree walk against `xdotool search ... getwindowgeometry`.
const own = x11OwnWindows('^xedit');
const addonWindowsMs = timeIt(() => { own(); }, 1); // the first call (later ones hit the 500 ms cache)
const xdotoolMs = timeIt(() => spawnSync('xdotool', ['search', '--onlyvisible', '--name', '^xedit', 'getwindowgeometry', '--shell', '%@'], { env: x.env, encoding: 'utf8' }), 20);
result.monitorQueryMs = { addon: addonMonitorsMs, xrandrSpawn: xrandrMs, displays };
result.ownWindowsQueryMs = { addon: addonWindowsMs, xdotoolSpawn: xdotoolMs };
console.log(JSON.stringify(result));
await kill(xedit);
// The old driver's libnut holds an X connection too: the server stops only after this process has exited.
x.stopOnExit();
process.exit(0);
