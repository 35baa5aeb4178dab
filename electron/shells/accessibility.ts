/**
 * The accessibility tree source of one process (issue #15), for the app shells and the CLI. It is made on the
 * first read, not at start (connecting to the buses and setting IsEnabled cost time and touch the session), kept
 * for the life of the process, and closed by the shell at exit so IsEnabled is set back.
 *
 * A source that cannot be made (no session bus, no at-spi2-core) is no error for the run: read() rejects with
 * the adapter's sentence for the person, the loop tells it once and goes on with vision alone. It is tried again
 * at most every RETRY_MS, so a desktop session that starts its bus later is picked up.
 */
import type { AccessibilitySource } from '../agent/ports.js';

export const RETRY_MS = 30_000;

/** Wraps a maker into a source that makes the real one on first use and reuses it. */
export function lazyAccessibility(make: () => Promise<AccessibilitySource>, now: () => number = Date.now): AccessibilitySource {
  let made: Promise<AccessibilitySource> | undefined;
  let failedAt = -Infinity;
  let failure: unknown;
  const source = (): Promise<AccessibilitySource> => {
    if (made) return made;
    if (now() - failedAt < RETRY_MS) return Promise.reject(failure);
    const p = make();
    made = p;
    p.catch((e: unknown) => {
      if (made === p) made = undefined;
      failedAt = now();
      failure = e;
    });
    return p;
  };
  return {
    async read(signal) {
      return (await source()).read(signal);
    },
    async close() {
      const p = made;
      made = undefined;
      const s = await p?.catch(() => undefined);
      await s?.close();
    },
  };
}

/**
 * THE PLUG POINT for the platform's tree (issue #15). Until the AT-SPI reader (task A, electron/adapters/atspi/)
 * is on main this returns undefined and every shell runs vision only. To plug it in, on Linux:
 *   return lazyAccessibility(() => createAtspiSource({ userDataDir }));
 * (import { createAtspiSource } from '../adapters/atspi/source.js'); Windows UI Automation (task D) the same way.
 */
export function platformAccessibility(userDataDir: string): AccessibilitySource | undefined {
  void userDataDir;
  return undefined;
}
