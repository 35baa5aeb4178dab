/**
 * Electron composition root: single instance, tray, global hotkeys (open + emergency stop), the panel and one
 * click-through overlay per display, the app:// protocol serving the renderer and frames by id, and the IPC
 * server. The engine and the contract's handlers live in the app host (shared with the browser shell).
 */
import { app, BrowserWindow, globalShortcut, ipcMain, Menu, nativeImage, net, protocol, screen, session, shell, systemPreferences, Tray, type Display } from 'electron';
import { existsSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NutScreenSource } from '../adapters/capture-nut.js';
import type { ScreenSource } from '../agent/ports.js';
import { createAppHost } from './app-host.js';
import { platformAccessibility } from '../shells/accessibility.js';
import { composedEngineFactory } from './engine-adapter.js';
import { hotkeyWarnings, registerHotkeys, type HotkeyStatus } from './hotkeys.js';
import { registerIpc } from './ipc.js';
import { macPermissionWarnings, platformWarnings } from './platform.js';
import { CONTENT_SECURITY_POLICY, createWindowFactory, hardenSession, isAppUrl } from './window-factory.js';

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

async function start() {
  const root = app.getAppPath();
  const rendererDir = join(root, 'renderer', 'dist');
  const windows = createWindowFactory({ BrowserWindow, preload: join(root, 'dist', 'electron', 'preload', 'preload.cjs'), devTools: !app.isPackaged });
  let panel: BrowserWindow | undefined;
  let overlays = new Map<string, BrowserWindow>();
  let hotkeys: HotkeyStatus | undefined;

  hardenSession(session.defaultSession);
  app.on('web-contents-created', (_e, wc) => wc.setWindowOpenHandler(() => ({ action: 'deny' })));

  // Overlays drawn on the screen must not end up in the frames the model sees (X11 has no content protection).
  const hidingScreen = (): ScreenSource => {
    const inner = new NutScreenSource();
    return {
      displays: () => inner.displays(),
      async capture(displayId) {
        const shown = [...overlays.values()].filter((w) => !w.isDestroyed() && w.isVisible());
        shown.forEach((w) => w.hide());
        try {
          return await inner.capture(displayId);
        } finally {
          shown.forEach((w) => w.showInactive());
        }
      },
    };
  };

  /** The status strip's display list (its own source: cached a second, no capture). */
  const displayList = new NutScreenSource();
  // Loads the capture library now (~1.4 s of blocking on 2 cores), not while the panel's server detection runs.
  void displayList.displays().catch(() => undefined);

  const warnings = () => [
    ...platformWarnings(),
    ...(process.platform === 'darwin' ? macPermissionWarnings(systemPreferences.getMediaAccessStatus('screen'), systemPreferences.isTrustedAccessibilityClient(false)) : []),
    ...(hotkeys ? hotkeyWarnings(hotkeys) : []),
  ];

  // The accessibility tree (issue #15): one source for the app's life, closed at quit (IsEnabled set back).
  const accessibility = platformAccessibility(app.getPath('userData'));
  const host = createAppHost({
    engineFactory: composedEngineFactory({
      ...(accessibility ? { accessibility } : {}),
      auditPath: join(app.getPath('userData'), 'audit.jsonl'),
      screen: hidingScreen,
      ownWindows: () => (panel && !panel.isDestroyed() && panel.isVisible() ? [panel.getBounds()] : []),
    }),
    shell: 'electron',
    preflight: true,
    displays: () => displayList.displays(),
    version: app.getVersion(),
    dataDir: app.getPath('userData'),
    status: () => ({ hotkeys: hotkeys ?? null, warnings: warnings() }),
    openPermissionSettings: async (pane) => {
      if (process.platform !== 'darwin') return false;
      // Literal URLs only (S10): openExternal never sees a string that came from the renderer.
      if (pane === 'screen') await shell.openExternal('x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture');
      else await shell.openExternal('x-apple.systempreferences:com.apple.preference.security?Privacy_Accessibility');
      return true;
    },
    hidePanel: () => {
      panel?.hide();
      return true;
    },
    onSettings: (s) => {
      hotkeys = registerHotkeys(globalShortcut, s.hotkeys, { open: showPanel, stop: emergencyStop }, hotkeys);
      broadcast('app:status', host.info());
      updateTray();
    },
  });

  // app://magma/... : the built renderer, and frames/<id>.png from the engine's frame store. Nothing else.
  protocol.handle('app', async (req) => {
    const u = new URL(req.url);
    if (!isAppUrl(req.url)) return new Response('not found', { status: 404 });
    const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
    const frame = /^\/frames\/([A-Za-z0-9_.:-]{1,200})\.png$/.exec(u.pathname);
    if (frame) {
      const png = await host.framePng(decodeURIComponent(frame[1]!));
      return png ? new Response(Buffer.from(png), { headers: { ...headers, 'Content-Type': 'image/png' } }) : new Response('frame not kept', { status: 404, headers });
    }
    const file = normalize(join(rendererDir, decodeURIComponent(u.pathname === '/' ? '/index.html' : u.pathname)));
    if (!file.startsWith(rendererDir + sep) || !existsSync(file)) return new Response('not found', { status: 404, headers });
    const res = await net.fetch(pathToFileURL(file).toString());
    return new Response(res.body, { status: res.status, headers: { ...headers, 'Content-Type': res.headers.get('Content-Type') ?? 'application/octet-stream' } });
  });

  const ourContents = () => windows.windows().map((w) => w.webContents);
  registerIpc(ipcMain, (channel, input) => host.dispatch(channel, input), ourContents);
  const broadcast = (channel: string, payload: unknown) => {
    for (const wc of ourContents()) if (!wc.isDestroyed()) wc.send(channel, payload);
  };
  host.subscribe((channel, payload) => {
    broadcast(channel, payload);
    if (channel === 'run:event') updateOverlays();
  });

  function showPanel() {
    if (!panel || panel.isDestroyed()) panel = windows.panel();
    panel.once('ready-to-show', () => panel?.show());
    if (!panel.webContents.isLoading()) panel.show();
    panel.focus();
  }
  function emergencyStop() {
    host.stop('emergency stop (hotkey)');
  }
  function syncOverlays() {
    const displays = screen.getAllDisplays();
    const keep = new Map<string, BrowserWindow>();
    for (const d of displays) {
      const id = String(d.id);
      const existing = overlays.get(id);
      if (existing && !existing.isDestroyed()) {
        existing.setBounds(d.bounds);
        keep.set(id, existing);
      } else keep.set(id, windows.overlay(d as Display));
    }
    for (const [id, w] of overlays) if (!keep.has(id) && !w.isDestroyed()) w.close();
    overlays = keep;
    updateOverlays();
  }
  function updateOverlays() {
    const st = host.state().status;
    const active = st === 'running' || st === 'awaiting_approval';
    for (const w of overlays.values()) {
      if (w.isDestroyed()) continue;
      if (active && !w.isVisible()) w.showInactive();
      else if (!active && w.isVisible()) w.hide();
    }
  }

  let tray: Tray | undefined;
  function updateTray() {
    const icon = join(root, 'build', 'icons', 'tray.png');
    tray ??= new Tray(existsSync(icon) ? nativeImage.createFromPath(icon) : nativeImage.createEmpty());
    const bad = hotkeys ? hotkeyWarnings(hotkeys) : [];
    tray.setToolTip(bad.length ? `Magma Desk: ${bad.map((w) => w.message).join(' ')}` : 'Magma Desk');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: `Open (${hotkeys?.open.accelerator ?? ''})`, click: showPanel },
        { label: `Stop the run (${hotkeys?.stop.accelerator ?? ''})`, click: emergencyStop },
        { type: 'separator' },
        { label: 'Quit', click: () => app.quit() },
      ]),
    );
  }

  hotkeys = registerHotkeys(globalShortcut, host.settings().hotkeys, { open: showPanel, stop: emergencyStop });
  for (const w of hotkeyWarnings(hotkeys)) console.error(`magma-desk: ${w.message}`);
  updateTray();
  syncOverlays();
  screen.on('display-added', syncOverlays);
  screen.on('display-removed', syncOverlays);
  screen.on('display-metrics-changed', syncOverlays);
  showPanel();

  app.on('second-instance', showPanel);
  app.on('window-all-closed', () => {
    /* stays in the tray */
  });
  app.on('will-quit', () => {
    globalShortcut.unregisterAll();
    void host.close().finally(() => accessibility?.close().catch(() => undefined));
  });
}
