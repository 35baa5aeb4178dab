/**
 * Loads the platform addon (native/, Node-API) with node-gyp-build: the committed prebuild
 * (native/prebuilds/<platform>-<arch>/node.napi.node) or, where none matches, a source build
 * (native/build/Release; `bash scripts/build-native.sh`). The X libraries are opened by the addon at run time, so
 * loading never fails for a missing libX11: connect() says which package to install instead.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface X11Monitor { name: string; x: number; y: number; width: number; height: number; widthMm: number; heightMm: number; primary: boolean }
export interface X11Window { title: string; x: number; y: number; width: number; height: number }
export interface X11Library { soname: string; package: string; loaded: boolean; problem?: string }
export interface X11Server { xtest: boolean; xkb: boolean; randr: boolean; xwayland: boolean }

/** The Linux/X11 half of the addon (native/src/x11/x11.cc). */
export interface X11Addon {
  platform: 'x11';
  libraries(): X11Library[];
  connect(display: string): X11Server;
  disconnect(): void;
  /** 0 sent, > 0 milliseconds to wait and ask again (spare keycodes cooling down), -1 no key can type it. */
  typeCodepoint(cp: number): number;
  /** Maps the characters the layout lacks onto spare keycodes ahead of typing; ms to wait before typing them. */
  prepareText(codepoints: number[]): number;
  /** X keysym name (Control_L, Return, a); false when no keycode could carry it. */
  key(keysym: string, down: boolean): boolean;
  keymapInfo(): { reloads: number; remaps: number; spares: number; group: number };
  pointer(): { x: number; y: number };
  screenSize(): { width: number; height: number };
  moveTo(x: number, y: number): void;
  button(n: number, down: boolean): void;
  monitors(): X11Monitor[];
  xResources(): string;
  topLevelWindows(): X11Window[];
  /** The addon owns CLIPBOARD with this text (a thread answers paste requests; no xclip/xsel). */
  clipboardSet(text: string): void;
  /** The CLIPBOARD text; "" when nobody owns it. */
  clipboardGet(): string;
}

/** native/ from this file: electron/adapters/ in the sources, dist/electron/main/ in the bundle, app.asar in a package. */
export function nativeDir(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let d = from, i = 0; i < 6; i++, d = dirname(d)) {
    if (existsSync(join(d, 'native', 'binding.gyp')) || existsSync(join(d, 'native', 'prebuilds'))) return join(d, 'native');
  }
  throw new Error(`the platform helper of Magma Desk (the native folder) is missing next to ${from}: reinstall Magma Desk`);
}

let cached: { addon?: unknown; error?: Error } | undefined;

/** The addon, loaded once; a load failure is kept and thrown again with the same plain message. */
export function loadNativeAddon(): unknown {
  if (!cached) {
    try {
      const require = createRequire(import.meta.url);
      const load = require('node-gyp-build') as (dir: string) => unknown;
      cached = { addon: load(nativeDir()) };
    } catch (e) {
      cached = { error: new Error(`Magma Desk's platform helper (the native addon) could not be loaded, so it cannot send input or read the monitors: ${(e as Error).message}. Reinstall Magma Desk; from a source checkout, build it with: bash scripts/build-native.sh`) };
    }
  }
  if (cached.error) throw cached.error;
  return cached.addon;
}

let connectedTo: string | undefined;
let server: X11Server | undefined;

/**
 * The X11 addon, connected to $DISPLAY (reconnected when $DISPLAY changes, as in tests that start their own Xvfb).
 * Throws in plain words when the addon, a library or the display is missing.
 */
export function x11(env: NodeJS.ProcessEnv = process.env): { addon: X11Addon; server: X11Server } {
  const addon = loadNativeAddon() as X11Addon;
  if (addon.platform !== 'x11') throw new Error(`the platform helper has no X11 part on ${process.platform}`);
  const display = env.DISPLAY ?? '';
  if (!display) throw new Error('no X display ($DISPLAY is not set): start Xvfb or run inside a desktop session');
  if (connectedTo !== display || !server) {
    server = addon.connect(display);
    connectedTo = display;
  }
  return { addon, server };
}

/** A problem that stops input on this X server (no XTest), in plain words, or undefined. */
export function x11InputProblem(s: X11Server): string | undefined {
  if (!s.xtest) return 'the X server has no XTest extension, which Magma Desk needs to send mouse and keyboard input; start the X server with XTest enabled (Xorg and Xvfb have it by default)';
  return undefined;
}
