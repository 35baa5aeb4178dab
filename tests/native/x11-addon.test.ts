/**
 * Every function of the addon's X11 part (native/src/x11/x11.cc) against a real X server: Xvfb with an xev window
 * that reports the events it receives, read independently of the addon (xev's output, xdotool, xwininfo, xdpyinfo,
 * xclip).
 * The connection is closed before Xvfb stops: Xlib ends a process whose server disappears under it.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import { x11, type X11Addon } from '../../electron/adapters/native-addon.js';
import { kill, requireTools, sleep, startXvfb, waitForWindow, type XDisplay } from '../support/xvfb.js';

let x: XDisplay;
let xev: ChildProcess;
let events = '';
let addon: X11Addon;
let win: { x: number; y: number; width: number; height: number };

before(async () => {
  requireTools('xev', 'xdotool', 'xrandr', 'xrdb', 'setxkbmap', 'xdpyinfo', 'xwininfo', 'xclip');
  x = await startXvfb(1280, 800);
  xev = spawn('xev', ['-geometry', '300x200+100+100', '-event', 'keyboard', '-event', 'button'], { env: { ...x.env, LANG: 'C.UTF-8' } });
  xev.stdout!.setEncoding('utf8').on('data', (d: string) => (events += d));
  win = await waitForWindow('Event Tester', x.env);
  process.env.DISPLAY = x.display;
  addon = x11(x.env).addon;
});
after(async () => {
  addon?.disconnect();
  await kill(xev);
  await x.stop();
});

/** Waits until xev has printed something matching. */
async function seen(re: RegExp, what: string): Promise<void> {
  for (let i = 0; i < 50 && !re.test(events); i++) await sleep(50);
  assert.match(events, re, `xev did not report ${what}`);
}
const pointer = () => spawnSync('xdotool', ['getmouselocation'], { env: x.env, encoding: 'utf8' }).stdout;

test('libraries() lists libX11, libXtst and libXrandr with their Debian packages, all loaded here', () => {
  assert.deepEqual(addon.libraries().map((l) => [l.soname, l.package, l.loaded]), [['libX11.so.6', 'libx11-6', true], ['libXtst.so.6', 'libxtst6', true], ['libXrandr.so.2', 'libxrandr2', true]]);
});

test('connect() reports XTest, XKB and RandR on Xvfb, and that it is not XWayland', () => {
  assert.deepEqual(addon.connect(x.display), { xtest: true, xkb: true, randr: true, xwayland: false });
});

test('screenSize() is the size xdpyinfo reports', () => {
  const dims = /dimensions:\s+(\d+)x(\d+) pixels/.exec(spawnSync('xdpyinfo', [], { env: x.env, encoding: 'utf8' }).stdout)!;
  assert.deepEqual(addon.screenSize(), { width: Number(dims[1]), height: Number(dims[2]) });
});

test('moveTo() puts the pointer where xdotool then finds it, and pointer() reads the same place', () => {
  addon.moveTo(321, 123);
  assert.match(pointer(), /^x:321 y:123 /);
  assert.deepEqual(addon.pointer(), { x: 321, y: 123 });
});

test('button() presses and releases a mouse button where the pointer is', async () => {
  addon.moveTo(win.x + 150, win.y + 100);
  addon.button(1, true);
  addon.button(1, false);
  await seen(/ButtonRelease event[^]*?button 1,/, 'a release of button 1');
  assert.throws(() => addon.button(9, true), /no mouse button 9/);
});

test('key() presses Control_L and "a" as the layout has them', async () => {
  addon.key('Control_L', true);
  addon.key('a', true);
  addon.key('a', false);
  addon.key('Control_L', false);
  await seen(/KeyRelease event[^]*?keysym 0xffe3, Control_L/, 'Control_L');
  assert.throws(() => addon.key('NoSuchKey', true), /no X key named "NoSuchKey"/);
});

test('typeCodepoint() types "!" with Shift and "é", which US lacks, on a spare keycode', async () => {
  const type = async (ch: string) => {
    let r: number;
    while ((r = addon.typeCodepoint(ch.codePointAt(0)!)) > 0) await sleep(r);
    assert.equal(r, 0);
  };
  events = '';
  await type('!');
  await seen(/keysym 0x21, exclam[^]*?XLookupString gives 1 bytes: \(21\) "!"/, '"!"');
  await type('é');
  await seen(/keysym 0xe9, eacute[^]*?XLookupString gives 2 bytes: \(c3 a9\) "é"/, '"é"');
  assert.equal(addon.typeCodepoint(7), -1, 'a control character has no key');
});

test('with Caps Lock on, typeCodepoint() still types "a", "B" and "1" as asked (the level comes from the locked modifiers too)', async () => {
  const lock = () => { addon.key('Caps_Lock', true); addon.key('Caps_Lock', false); };
  lock();
  try {
    events = '';
    for (const ch of 'aB1') assert.equal(addon.typeCodepoint(ch.codePointAt(0)!), 0);
    await seen(/XLookupString gives 1 bytes: \(31\) "1"/, '"1"');
    const typed = [...events.matchAll(/KeyPress event[^]*?XLookupString gives 1 bytes: \([0-9a-f]+\) "(.)"/g)].map((m) => m[1]).join('');
    assert.equal(typed, 'aB1');
  } finally {
    lock();
  }
});

test('prepareText() remaps spare keycodes once for the characters the layout lacks, then finds them mapped', async () => {
  const before = addon.keymapInfo().remaps;
  assert.ok(addon.prepareText([...'€ü→'].map((c) => c.codePointAt(0)!)) > 0, 'the first time, clients need a moment');
  assert.equal(addon.keymapInfo().remaps, before + 3);
  addon.prepareText([...'ü→€ab'].map((c) => c.codePointAt(0)!));
  assert.equal(addon.keymapInfo().remaps, before + 3, 'no remap the second time');
  await sleep(60);
  assert.equal(addon.prepareText([...'€'].map((c) => c.codePointAt(0)!)), 0, 'nothing to wait for once settled');
});

test('keymapInfo() counts a keymap reload after setxkbmap, and none for its own remaps', () => {
  const a = addon.keymapInfo();
  assert.ok(a.spares > 0);
  spawnSync('setxkbmap', ['de'], { env: x.env });
  assert.equal(addon.keymapInfo().reloads, a.reloads + 1);
  spawnSync('setxkbmap', ['us'], { env: x.env });
});

test('monitors() lists the monitors `xrandr --setmonitor` defines, as `xrandr --listmonitors` does', () => {
  for (const [name, geo] of [['LEFT', '640/169x800/211+0+0'], ['RIGHT', '640/169x800/211+640+0']]) {
    assert.equal(spawnSync('xrandr', ['--setmonitor', name!, geo!, 'none'], { env: x.env }).status, 0);
  }
  // "0: LEFT 640/169x800/211+0+0" / "2: +screen 1280/339x800/212+0+0  screen"
  const listed = [...spawnSync('xrandr', ['--listmonitors'], { env: x.env, encoding: 'utf8' }).stdout.matchAll(/^\s*\d+: \+?\*?(\S+) (\d+)\/\d+x(\d+)\/\d+\+(\d+)\+(\d+)/gm)]
    .map((m) => [m[1], Number(m[4]), Number(m[5]), Number(m[2]), Number(m[3])]);
  assert.ok(listed.some((l) => l[0] === 'RIGHT'));
  assert.deepEqual(addon.monitors().map((m) => [m.name, m.x, m.y, m.width, m.height]), listed);
});

test('xResources() reads the resources xrdb loaded just before (Xft.dpi)', () => {
  spawnSync('xrdb', ['-merge'], { env: x.env, input: 'Xft.dpi: 144\n' });
  assert.match(addon.xResources(), /^Xft\.dpi:\s*144$/m);
});

// xwininfo's "absolute upper-left" is the outer corner, border included; its width and height are the inside.
test('topLevelWindows() has the xev window with its title and outer rectangle (border included), as xwininfo says', () => {
  const info = spawnSync('xwininfo', ['-name', 'Event Tester'], { env: x.env, encoding: 'utf8' }).stdout;
  const n = (label: string) => Number(new RegExp(`${label}:\\s+(-?\\d+)`).exec(info)![1]);
  const b = n('Border width');
  const w = addon.topLevelWindows().find((t) => t.title === 'Event Tester');
  assert.deepEqual(w, { title: 'Event Tester', x: n('Absolute upper-left X'), y: n('Absolute upper-left Y'), width: n('Width') + 2 * b, height: n('Height') + 2 * b });
});

test('clipboardSet() owns the clipboard: xclip reads the text back, twice (the owner keeps serving)', () => {
  addon.clipboardSet('héllo € 中文');
  const read = () => spawnSync('xclip', ['-selection', 'clipboard', '-o'], { env: x.env, encoding: 'utf8', timeout: 3000 }).stdout;
  assert.equal(read(), 'héllo € 中文');
  addon.clipboardSet('second');
  assert.equal(read(), 'second');
});

test('clipboardGet() reads what another program put in the clipboard, and sets take it back', async () => {
  // xclip stays running to own the selection; stdio 'ignore' so spawnSync does not wait on its pipes.
  spawnSync('xclip', ['-selection', 'clipboard'], { env: x.env, input: 'from xclip ü', stdio: ['pipe', 'ignore', 'ignore'] });
  await sleep(100);
  assert.equal(addon.clipboardGet(), 'from xclip ü');
  addon.clipboardSet('ours again');
  assert.equal(addon.clipboardGet(), 'ours again');
});

test('disconnect() closes the connection: the next call says to connect first', () => {
  addon.disconnect();
  assert.throws(() => addon.pointer(), /not connected to an X display/);
  addon.connect(x.display);
});
