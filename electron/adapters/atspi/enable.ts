/**
 * The AT-SPI bus's IsEnabled switch (org.a11y.Status on the session bus, object /org/a11y/bus of org.a11y.Bus):
 * Chromium and Electron build their accessibility tree only when they believe an assistive technology listens,
 * which they learn from this property. Lifecycle (issue #15):
 *   - set it to true ONLY if it is false, and remember that we did in a marker file in the app's user data folder
 *     (written BEFORE the set, so a crash right after it is still undone);
 *   - at close, set it back to false and remove the marker;
 *   - at the next start, a marker left behind means we crashed while it was on: set it back first, then remove it.
 * Invariant: ScreenReaderEnabled is never read or written (on GNOME it starts the Orca screen reader, which speaks).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DBusConnection } from './bus.js';

export const A11Y_BUS = 'org.a11y.Bus';
export const A11Y_BUS_PATH = '/org/a11y/bus';
export const STATUS_IFACE = 'org.a11y.Status';
/** The marker's file name in the user data folder. */
export const ENABLED_MARKER = 'atspi-isenabled-set-by-magma-desk';

export function markerPath(userDataDir: string): string {
  return join(userDataDir, ENABLED_MARKER);
}

export function readIsEnabled(session: DBusConnection): Promise<boolean> {
  return session.getProperty<boolean>(A11Y_BUS, A11Y_BUS_PATH, STATUS_IFACE, 'IsEnabled');
}

function writeIsEnabled(session: DBusConnection, value: boolean): Promise<void> {
  return session.setProperty(A11Y_BUS, A11Y_BUS_PATH, STATUS_IFACE, 'IsEnabled', 'b', value);
}

/** What enableAccessibility did, and how to undo it. */
export interface IsEnabledGuard {
  /** True when IsEnabled was false and this process set it (restore() will set it back). */
  readonly setByUs: boolean;
  /** True when a marker from an earlier run (a crash) was found and IsEnabled was set back to false first. */
  readonly recoveredCrash: boolean;
  /** Sets IsEnabled back to false if we set it; removes the marker. Safe to call more than once. */
  restore(): Promise<void>;
}

/** Undoes what a crashed earlier run left: IsEnabled back to false, marker removed. Returns whether there was one. */
export async function recoverAfterCrash(session: DBusConnection, userDataDir: string): Promise<boolean> {
  const marker = markerPath(userDataDir);
  if (!existsSync(marker)) return false;
  await writeIsEnabled(session, false);
  rmSync(marker, { force: true });
  return true;
}

export async function enableAccessibility(session: DBusConnection, userDataDir: string): Promise<IsEnabledGuard> {
  const recoveredCrash = await recoverAfterCrash(session, userDataDir);
  let setByUs = false;
  if (!(await readIsEnabled(session))) {
    mkdirSync(userDataDir, { recursive: true });
    writeFileSync(markerPath(userDataDir), JSON.stringify({ pid: process.pid, at: new Date().toISOString(), why: 'Magma Desk set the AT-SPI bus IsEnabled to true; it sets it back to false at exit or at the next start after a crash' }) + '\n');
    await writeIsEnabled(session, true);
    setByUs = true;
  }
  let restored = false;
  return {
    setByUs,
    recoveredCrash,
    async restore() {
      if (!setByUs || restored) return;
      restored = true;
      await writeIsEnabled(session, false);
      rmSync(markerPath(userDataDir), { force: true });
    },
  };
}
