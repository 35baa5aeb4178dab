import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserWindowConstructorOptions, Display } from 'electron';
import { REQUEST_CHANNELS } from '../common/ipc-contract.js';
import { hotkeyWarnings, registerHotkeys } from './hotkeys.js';
import { registerIpc, trustedSender } from './ipc.js';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY, createWindowFactory, hardenSession, type BrowserWindowClass } from './window-factory.js';

type Handler = (...args: unknown[]) => unknown;

/** A stand-in for Electron's BrowserWindow that records what the factory asked of it. */
class FakeWindow {
  static made: FakeWindow[] = [];
  handlers = new Map<string, Handler[]>();
  openHandler?: Handler;
  contentProtection = false;
  ignoreMouse = false;
  onTop?: unknown[];
  url?: string;
  destroyed = false;
  webContents = {
    id: FakeWindow.made.length + 1,
    on: (ev: string, f: Handler) => this.handlers.set(ev, [...(this.handlers.get(ev) ?? []), f]),
    setWindowOpenHandler: (f: Handler) => (this.openHandler = f),
    getURL: () => this.url ?? '',
  };
  constructor(public options: BrowserWindowConstructorOptions) {
    FakeWindow.made.push(this);
  }
  on() {}
  setContentProtection(v: boolean) { this.contentProtection = v; }
  setIgnoreMouseEvents(v: boolean) { this.ignoreMouse = v; }
  setAlwaysOnTop(...a: unknown[]) { this.onTop = a; }
  setVisibleOnAllWorkspaces() {}
  loadURL(u: string) { this.url = u; return Promise.resolve(); }
  isDestroyed() { return this.destroyed; }
  emit(ev: string, ...args: unknown[]) {
    let prevented = false;
    const e = { preventDefault: () => (prevented = true) };
    for (const f of this.handlers.get(ev) ?? []) f(e, ...args);
    return prevented;
  }
}

const display = { id: 42, bounds: { x: -1920, y: 0, width: 1920, height: 1080 }, scaleFactor: 1.5 } as unknown as Display;
function factory() {
  FakeWindow.made = [];
  return createWindowFactory({ BrowserWindow: FakeWindow as unknown as BrowserWindowClass, preload: '/app/preload.cjs' });
}

test('every window the factory makes is sandboxed, isolated, Node-free, web-secure and content-protected', () => {
  const f = factory();
  f.panel();
  f.overlay(display);
  assert.equal(FakeWindow.made.length, 2);
  for (const w of FakeWindow.made) {
    const p = w.options.webPreferences!;
    assert.equal(p.sandbox, true);
    assert.equal(p.contextIsolation, true);
    assert.equal(p.nodeIntegration, false);
    assert.equal(p.nodeIntegrationInWorker, false);
    assert.equal(p.nodeIntegrationInSubFrames, false);
    assert.equal(p.webSecurity, true);
    assert.equal(p.allowRunningInsecureContent, false);
    assert.equal(p.webviewTag, false);
    assert.equal(p.experimentalFeatures, false);
    assert.equal(p.devTools, false);
    assert.equal(p.preload, '/app/preload.cjs');
    assert.equal(w.contentProtection, true, 'kept out of screenshots');
    assert.ok(w.url?.startsWith(`${APP_ORIGIN}/index.html`));
  }
});

test('navigation away, redirects, webviews and new windows are blocked on every window', () => {
  const f = factory();
  f.panel();
  f.overlay(display);
  for (const w of FakeWindow.made) {
    assert.equal(w.emit('will-navigate', 'https://evil.example/'), true);
    assert.equal(w.emit('will-navigate', `${APP_ORIGIN}/other.html`), true);
    assert.equal(w.emit('will-navigate', 'file:///etc/passwd'), true);
    assert.equal(w.emit('will-redirect', `${APP_ORIGIN}/x`), true);
    assert.equal(w.emit('will-attach-webview', {}, {}), true);
    assert.deepEqual(w.openHandler?.({ url: 'https://evil.example/' }), { action: 'deny' });
  }
});

test('the overlay covers its display, ignores the mouse, stays on top and never takes focus', () => {
  const f = factory();
  f.overlay(display);
  const w = FakeWindow.made[0]!;
  assert.deepEqual([w.options.x, w.options.y, w.options.width, w.options.height], [-1920, 0, 1920, 1080]);
  assert.equal(w.options.transparent, true);
  assert.equal(w.options.frame, false);
  assert.equal(w.options.focusable, false);
  assert.equal(w.ignoreMouse, true);
  assert.deepEqual(w.onTop, [true, 'screen-saver']);
  assert.equal(w.url, `${APP_ORIGIN}/index.html#overlay=42`);
});

test('the CSP has no unsafe-eval or unsafe-inline and loads scripts only from the app', () => {
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe/);
  assert.match(CONTENT_SECURITY_POLICY, /default-src 'none'/);
  assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'/);
});

test('the session denies every permission request and check and every download', () => {
  const got: Record<string, Handler> = {};
  const s = {
    setPermissionRequestHandler: (f: Handler) => (got.request = f),
    setPermissionCheckHandler: (f: Handler) => (got.check = f),
    setDevicePermissionHandler: (f: Handler) => (got.device = f),
    on: (ev: string, f: Handler) => (got[ev] = f),
  };
  hardenSession(s as never);
  let answer: unknown;
  got.request!({}, 'media', (v: boolean) => (answer = v));
  assert.equal(answer, false);
  assert.equal(got.check!({}, 'notifications'), false);
  assert.equal(got.device!({}), false);
  let prevented = false;
  got['will-download']!({ preventDefault: () => (prevented = true) });
  assert.equal(prevented, true);
});

test('main handles every contract channel and refuses senders that are not our top frame at app://', async () => {
  const handlers = new Map<string, Handler>();
  const calls: string[] = [];
  registerIpc({ handle: (c: string, f: Handler) => handlers.set(c, f) } as never, async (c) => (calls.push(c), { ok: true, value: null }), () => [{ id: 1 }]);
  assert.deepEqual([...handlers.keys()].sort(), [...REQUEST_CHANNELS].sort());
  const ev = (url: string, id = 1, parent: unknown = null) => ({ senderFrame: { url, parent }, sender: { id } });
  const h = handlers.get('run:start')!;
  assert.deepEqual(await h(ev('app://magma/index.html'), { goal: 'x' }), { ok: true, value: null });
  for (const bad of [ev('https://evil.example/'), ev('file:///x.html'), ev('app://magma/index.html', 2), ev('app://magma/index.html', 1, {}), { senderFrame: null, sender: { id: 1 } }]) {
    assert.deepEqual(await h(bad, { goal: 'x' }), { ok: false, error: 'refused: unknown sender' });
  }
  assert.deepEqual(calls, ['run:start']);
  assert.equal(trustedSender(ev('app://magma.evil/index.html') as never, () => [{ id: 1 }]), false);
});

test('hotkeys: the stop key registers first, failures are reported, and re-registering frees the old keys', () => {
  const taken = new Set(['Control+Alt+Space']);
  const registered = new Map<string, Handler>();
  const gs = {
    register: (a: string, f: Handler) => {
      if (a === 'Nope+') throw new Error('not an accelerator');
      if (taken.has(a)) return false;
      registered.set(a, f);
      return true;
    },
    unregister: (a: string) => registered.delete(a),
  };
  let stops = 0;
  const on = { open: () => undefined, stop: () => stops++ };
  const h = registerHotkeys(gs as never, { open: 'Control+Alt+Space', stop: 'CommandOrControl+Alt+Escape' }, on);
  assert.equal(h.stop.registered, true);
  assert.equal(h.open.registered, false);
  assert.match(hotkeyWarnings(h)[0]!.message, /Control\+Alt\+Space could not be registered/);
  registered.get('CommandOrControl+Alt+Escape')!();
  assert.equal(stops, 1, 'the emergency stop runs in main');
  const h2 = registerHotkeys(gs as never, { open: 'Control+Alt+M', stop: 'Nope+' }, on, h);
  assert.equal(registered.has('CommandOrControl+Alt+Escape'), false);
  assert.equal(h2.stop.registered, false);
  assert.equal(h2.stop.error, 'not an accelerator');
  assert.equal(h2.open.registered, true);
  const same = registerHotkeys(gs as never, { open: 'Control+Alt+Q', stop: 'Control+Alt+Q' }, on, h2);
  assert.equal(same.stop.registered, true);
  assert.equal(same.open.registered, false);
});
