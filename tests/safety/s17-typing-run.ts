/**
 * S17: typing fidelity on Xvfb. For each keyboard layout (setxkbmap), NutInputDriver.type() types into a real
 * <textarea> in Chromium (headful on the Xvfb display, so real X key events reach it); the field's value is read
 * back through Playwright and compared exactly. A canary is put in the clipboard first (xclip) and must be there
 * afterwards. Prints one JSON line.
 *   npx tsx tests/safety/s17-typing-run.ts [layouts=us,de,fr] [rounds=1]
 * Xvfb resets (and drops the keymap setxkbmap loaded) when its last client disconnects: Chromium stays connected
 * for the whole run, so it never does.
 */
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { requireTools, sleep, startXvfb } from '../support/xvfb.js';
import { CHROMIUM_FLAGS } from './injection/harness.js';
import { stopDisplayOnExit } from './support.js';

const layouts = (process.argv[2] ?? 'us,de,fr').split(',');
const rounds = Number(process.argv[3] ?? 1);
requireTools('setxkbmap', 'xclip', 'xmodmap', 'xdotool');

let ascii = '';
for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
/** Every printable ASCII character; the symbols that move between US, DE and FR; two lines; non-ASCII; a mix. */
export const CASES: Record<string, string> = {
  ascii,
  movers: 'y z Y Z @ # [ ] { } \\ | ~ ^ ` < > 1234567890 ! " $ % & / ( ) = ? * + \' ; : , . - _',
  lines: 'first line\nsecond line',
  nonAscii: 'é ü ß 中文 😀 Ünïcödé ñ € – “quotes”',
  mixed: 'Grüße, café #42 @home ~/über [ok] {x} ^_^ 👍',
};
const CANARY = 'canary-Ü-7d3f';

const x = await startXvfb(1280, 800);
stopDisplayOnExit(x);
process.env.DISPLAY = x.display;
const { NutInputDriver, planX11Typing, parseXmodmapKeysyms } = await import('../../electron/adapters/input-nut.js');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: false, args: [...CHROMIUM_FLAGS, '--window-position=0,0', '--window-size=1280,800'], env: { ...process.env, DISPLAY: x.display } });
const ctx = await browser.newContext({ viewport: null });
await ctx.route('**/*', (r) => r.abort());
const page = await ctx.newPage();
await page.setContent('<textarea id="t" style="width:90vw;height:80vh"></textarea>');
await page.bringToFront();
const drv = new NutInputDriver({ failSafe: false });

const clip = (): string => spawnSync('xclip', ['-selection', 'clipboard', '-o'], { env: x.env, encoding: 'utf8', timeout: 3000 }).stdout ?? '';
// stdio 'ignore': xclip stays running to own the selection, and a pipe held open by it would block spawnSync.
const setClip = (s: string) => spawnSync('xclip', ['-selection', 'clipboard'], { env: x.env, input: s, stdio: ['pipe', 'ignore', 'ignore'] });

interface Case { layout: string; name: string; exact: boolean; clipboardRestored: boolean; pastedChars: number; ms: number; got?: string; want?: string }
const results: Case[] = [];
try {
  for (let r = 0; r < rounds; r++) {
    for (const layout of layouts) {
      const set = spawnSync('setxkbmap', [layout], { env: x.env, encoding: 'utf8' });
      if (set.status !== 0) throw new Error(`setxkbmap ${layout}: ${set.stderr}`);
      const keymap = spawnSync('xmodmap', ['-pke'], { env: x.env, encoding: 'utf8' }).stdout;
      // The layout really changed (a reset server would still be on US): Q and A swap places on French.
      const q = /keycode\s+24\s*=\s*(\S+)/.exec(keymap)?.[1];
      if (q !== (layout === 'fr' ? 'a' : 'q')) throw new Error(`layout ${layout} not active (keycode 24 = ${q})`);
      const syms = parseXmodmapKeysyms(keymap);
      for (const [name, text] of Object.entries(CASES)) {
        await page.fill('#t', '');
        await page.focus('#t');
        setClip(CANARY);
        const t0 = Date.now();
        await drv.type(text);
        const ms = Date.now() - t0;
        await sleep(150);
        const got = await page.inputValue('#t');
        const pastedChars = planX11Typing(text, syms).filter((s) => s.how === 'paste').reduce((n, s) => n + [...s.text].length, 0);
        const c: Case = { layout, name, exact: got === text, clipboardRestored: clip() === CANARY, pastedChars, ms };
        if (!c.exact) Object.assign(c, { got, want: text });
        results.push(c);
      }
    }
  }
} finally {
  await browser.close();
}
const asciiCases = results.filter((c) => c.name !== 'nonAscii' && c.name !== 'mixed');
console.log(JSON.stringify({
  s17: 'measured',
  layouts, rounds,
  asciiExact: `${asciiCases.filter((c) => c.exact).length}/${asciiCases.length}`,
  nonAsciiExact: `${results.filter((c) => !asciiCases.includes(c) && c.exact).length}/${results.length - asciiCases.length}`,
  clipboardRestored: `${results.filter((c) => c.clipboardRestored).length}/${results.length}`,
  pastedAsciiCharsPerLayout: Object.fromEntries(layouts.map((l) => [l, results.find((c) => c.layout === l && c.name === 'ascii')?.pastedChars])),
  cases: results,
}));
// The exit hook stops Xvfb; stopping it here first would end libnut's X connection with a fatal IO error.
process.exit(0);
