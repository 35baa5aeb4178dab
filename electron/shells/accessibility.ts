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
 * THE PLUG POINT for the platform's tree (issue #15): AT-SPI2 on Linux (electron/adapters/atspi/), UI Automation
 * on Windows (electron/adapters/uia-source.ts); none elsewhere yet (macOS AX later), and the shells run vision
 * only. The adapters load on the first read (dynamic import), so a shell that never reads pays nothing.
 */
export function platformAccessibility(userDataDir: string, platform: NodeJS.Platform = process.platform): AccessibilitySource | undefined {
  if (platform === 'linux') {
    return lazyAccessibility(async () => {
      const { createAtspiSource } = await import('../adapters/atspi/source.js');
      return createAtspiSource({ userDataDir });
    });
  }
  if (platform === 'win32') {
    return lazyAccessibility(async () => {
      const { createUiaSource } = await import('../adapters/uia-source.js');
      return createUiaSource();
    });
  }
  return undefined;
}
