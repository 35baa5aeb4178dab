/**
 * Every window the app opens comes from here, with one set of secure settings (S11): sandboxed, context-isolated,
 * no Node in the renderer, web security on, no webview, no navigation, no new windows, no permissions. The
 * BrowserWindow class is injected so node tests check the settings without the Electron binary.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Display, Session, WebContents, WebPreferences } from 'electron';

/** The renderer's origin: a privileged app:// scheme served by main (never file://, never http). */
export const APP_ORIGIN = 'app://magma';
export const PANEL_URL = `${APP_ORIGIN}/index.html`;

/** Whether a URL is on the app's origin. (Node's URL gives origin "null" for custom schemes, so compare parts.) */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'app:' && u.host === 'magma' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function secureWebPreferences(preload: string, devTools = false): WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

/** Blocks navigation away from the app, new windows, webviews and redirects on one window's contents. */
export function hardenWebContents(wc: WebContents): void {
  wc.on('will-navigate', (e, url) => {
    if (!isAppUrl(url) || url !== wc.getURL()) e.preventDefault();
  });
  wc.on('will-redirect', (e) => e.preventDefault());
  wc.on('will-attach-webview', (e) => e.preventDefault());
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Denies every permission request and check, and every download, in the app's session. */
export function hardenSession(s: Session): void {
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.setDevicePermissionHandler(() => false);
  s.on('will-download', (e) => e.preventDefault());
}

export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export interface WindowFactoryDeps {
  BrowserWindow: BrowserWindowClass;
  preload: string;
  devTools?: boolean;
}

export interface WindowFactory {
  /** The panel: goal box, approval, reasoning, steps, settings, history. Hidden until the hotkey or the tray. */
  panel(): BrowserWindow;
  /** A transparent, always-on-top, click-through window covering one display, drawing the marks. */
  overlay(display: Display): BrowserWindow;
  /** Every window this factory made and that is still open. */
  windows(): BrowserWindow[];
}

export function createWindowFactory(d: WindowFactoryDeps): WindowFactory {
  const made = new Set<BrowserWindow>();
  const make = (options: BrowserWindowConstructorOptions, url: string) => {
    const win = new d.BrowserWindow({ ...options, webPreferences: secureWebPreferences(d.preload, d.devTools ?? false) });
    made.add(win);
    win.on('closed', () => made.delete(win));
    hardenWebContents(win.webContents);
    // The app's own windows stay out of screenshots (Windows, macOS); on X11 main hides them while capturing.
    win.setContentProtection(true);
    void win.loadURL(url);
    return win;
  };
  return {
    panel() {
      return make(
        { width: 960, height: 760, minWidth: 360, minHeight: 320, show: false, title: 'Magma Desk', backgroundColor: '#101418', autoHideMenuBar: true },
        PANEL_URL,
      );
    },
    overlay(display) {
      const b = display.bounds;
      const win = make(
        {
          x: b.x, y: b.y, width: b.width, height: b.height,
          transparent: true, frame: false, resizable: false, movable: false, focusable: false, skipTaskbar: true,
          hasShadow: false, show: false, alwaysOnTop: true, fullscreenable: false, backgroundColor: '#00000000', title: 'Magma Desk marks',
        },
        `${PANEL_URL}#overlay=${encodeURIComponent(String(display.id))}`,
      );
      win.setIgnoreMouseEvents(true);
      win.setAlwaysOnTop(true, 'screen-saver');
      win.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
      return win;
    },
    windows: () => [...made].filter((w) => !w.isDestroyed()),
  };
}
