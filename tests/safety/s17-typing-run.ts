/**
 * S17: typing fidelity on Xvfb, through the platform addon with xdotool, xmodmap, xrandr, xclip and xsel absent from
 * the PATH of this process once the harness is set up (the harness's own readings use those tools by absolute path).
 *  1. xedit (Xaw, no input method) on a US layout: "héllo Wörld ß 42!" typed, saved with Ctrl+X Ctrl+S, the file
 *     read back (xedit writes Latin-1).
 *  2. For each keyboard layout (setxkbmap), NutInputDriver.type() types every case into a real <textarea> in
 *     Chromium (headful on the Xvfb display, so real X key events reach it); the value is read through Playwright.
 *  3. A layout switch to German between two type() calls, with no pause: the second call already types German.
 * A canary is put in the clipboard first and must be there afterwards; the device counts clipboard writes (the last
 * resort), which must be 0. Prints one JSON line.
 *   npx tsx tests/safety/s17-typing-run.ts [layouts=us,de,fr] [rounds=1]
 * Xvfb resets (and drops the keymap setxkbmap loaded) when its last client disconnects: xedit, then Chromium, stay
 * connected, so it never does.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { kill, requireTools, sleep, startApp, startXvfb, waitForWindow } from '../support/xvfb.js';
import { pathWithout, X_TOOLS } from '../support/path-without.js';
import { CHROMIUM_FLAGS } from './injection/harness.js';
import { stopDisplayOnExit } from './support.js';

const layouts = (process.argv[2] ?? 'us,de,fr').split(',');
const rounds = Number(process.argv[3] ?? 1);
requireTools('setxkbmap', 'xclip', 'xmodmap', 'xedit', 'xdotool');
const tool = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
const SETXKBMAP = tool('setxkbmap');
const XCLIP = tool('xclip');
const XMODMAP = tool('xmodmap');

let ascii = '';
for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
/** Every printable ASCII character; the symbols that move between US, DE and FR; two lines; non-ASCII; a mix. */
export const CASES: Record<string, string> = {
  ascii,
  movers: 'y z Y Z @ # [ ] { } \\ | ~ ^ ` < > 1234567890 ! " $ % & / ( ) = ? * + \' ; : , . - _',
  lines: 'first line\nsecond line',
  accents: 'héllo Wörld ß 42!',
  nonAscii: 'é ü ß 中文 😀 Ünïcödé ñ € – “quotes”',
  mixed: 'Grüße, café #42 @home ~/über [ok] {x} ^_^ 👍',
};
const XEDIT_TEXT = 'héllo Wörld ß 42!';
const CANARY = 'canary-Ü-7d3f';

const x = await startXvfb(1280, 800);
stopDisplayOnExit(x);
process.env.DISPLAY = x.display;
const setLayout = (layout: string) => {
  const set = spawnSync(SETXKBMAP, [layout], { env: x.env, encoding: 'utf8' });
  if (set.status !== 0) throw new Error(`setxkbmap ${layout}: ${set.stderr}`);
};

// 1. xedit, before Chromium: without a window manager the keyboard follows the pointer, and Chromium takes the focus.
const xeditFile = join(mkdtempSync(join(tmpdir(), 'md-s17-')), 'typed.txt');
writeFileSync(xeditFile, '');
const xedit = startApp('xedit', ['-geometry', '600x300+0+0', xeditFile], { ...x.env, LANG: 'C.UTF-8' });
const xeditWin = await waitForWindow('xedit', x.env);
await sleep(300);
setLayout('us');
// From here on, nothing this process runs may find the X tools: the addon must do without them.
process.env.PATH = pathWithout(X_TOOLS);
const toolsAbsent = X_TOOLS.every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);

const { NutInputDriver } = await import('../../electron/adapters/input-nut.js');
const { X11InputDevice } = await import('../../electron/adapters/input-x11.js');
const { x11 } = await import('../../electron/adapters/native-addon.js');
let clipboardWrites = 0;
class CountingDevice extends X11InputDevice {
  override async clipboardSet(text: string) { clipboardWrites++; await super.clipboardSet(text); }
}
const drv = new NutInputDriver({ failSafe: false, device: new CountingDevice() });

await drv.click({ space: 'screen', x: xeditWin.x + 300, y: xeditWin.y + 200 }, 'left', 1);
const tx = Date.now();
await drv.type(XEDIT_TEXT);
const xeditMs = Date.now() - tx;
await drv.press(['ctrl', 'x']);
await drv.press(['ctrl', 's']);
await sleep(500);
const xeditGot = readFileSync(xeditFile).toString('latin1');

// 2. Chromium.
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: false, args: [...CHROMIUM_FLAGS, '--window-position=0,0', '--window-size=1280,800'], env: { ...process.env, DISPLAY: x.display } });
await kill(xedit);
const ctx = await browser.newContext({ viewport: null });
await ctx.route('**/*', (r) => r.abort());
const page = await ctx.newPage();
await page.setContent('<textarea id="t" style="width:90vw;height:80vh"></textarea>');
await page.bringToFront();

const clip = (): string => spawnSync(XCLIP, ['-selection', 'clipboard', '-o'], { env: x.env, encoding: 'utf8', timeout: 3000 }).stdout ?? '';
// stdio 'ignore': xclip stays running to own the selection, and a pipe held open by it would block spawnSync.
const setClip = (s: string) => spawnSync(XCLIP, ['-selection', 'clipboard'], { env: x.env, input: s, stdio: ['pipe', 'ignore', 'ignore'] });

interface Case { layout: string; name: string; exact: boolean; clipboardRestored: boolean; chars: number; ms: number; got?: string; want?: string }
const results: Case[] = [];
let layoutSwitch: { exact: boolean; got: string; want: string } | undefined;
try {
  for (let r = 0; r < rounds; r++) {
    for (const layout of layouts) {
      setLayout(layout);
      const keymap = spawnSync(XMODMAP, ['-pke'], { env: x.env, encoding: 'utf8' }).stdout;
      // The layout really changed (a reset server would still be on US): Q and A swap places on French.
      const q = /keycode\s+24\s*=\s*(\S+)/.exec(keymap)?.[1];
      if (q !== (layout === 'fr' ? 'a' : 'q')) throw new Error(`layout ${layout} not active (keycode 24 = ${q})`);
      for (const [name, text] of Object.entries(CASES)) {
        await page.fill('#t', '');
        await page.focus('#t');
        setClip(CANARY);
        const t0 = Date.now();
        await drv.type(text);
        const ms = Date.now() - t0;
        await sleep(150);
        const got = await page.inputValue('#t');
        const c: Case = { layout, name, exact: got === text, clipboardRestored: clip() === CANARY, chars: [...text].length, ms };
        if (!c.exact) Object.assign(c, { got, want: text });
        results.push(c);
      }
    }
  }
  // 3. US, then German with no pause: "z" and "y" swap places, "@" moves to AltGr+Q, "ß" becomes a key.
  setLayout('us');
  await page.fill('#t', '');
  await page.focus('#t');
  await drv.type('zy@');
  setLayout('de');
  await drv.type('zy@ß');
  await sleep(150);
  const got = await page.inputValue('#t');
  layoutSwitch = { exact: got === 'zy@zy@ß', got, want: 'zy@zy@ß' };
} finally {
  await browser.close();
}
const keymap = x11().addon.keymapInfo();
const perSecond = (cs: Case[]) => Math.round(cs.reduce((n, c) => n + c.chars, 0) / (cs.reduce((n, c) => n + c.ms, 0) / 1000));
console.log(JSON.stringify({
  s17: 'measured',
  layouts, rounds, toolsAbsent,
  xedit: { exact: xeditGot === XEDIT_TEXT, got: xeditGot, want: XEDIT_TEXT, ms: xeditMs },
  layoutSwitch,
  clipboardWrites,
  keymap,
  exact: `${results.filter((c) => c.exact).length}/${results.length}`,
  clipboardRestored: `${results.filter((c) => c.clipboardRestored).length}/${results.length}`,
  charsPerSecond: { ascii: perSecond(results.filter((c) => c.name === 'ascii')), nonAscii: perSecond(results.filter((c) => c.name === 'nonAscii')), all: perSecond(results) },
  cases: results,
}));
// The exit hook stops Xvfb; stopping it here first would end the X connections with a fatal IO error.
process.exit(0);
