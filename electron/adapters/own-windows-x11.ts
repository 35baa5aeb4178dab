/**
 * Screen rectangles (logical px) of Magma Desk's own windows on X11, found by window title among the viewable
 * top-level windows (the platform addon walks the window tree; no process spawned), so the executor can refuse to
 * click them (SAFETY.md S3: no self-approval). Read at most every 500 ms: the executor asks once per action.
 */
import type { X11Window } from './native-addon.js';
import { x11 } from './native-addon.js';

export type Rect = { x: number; y: number; width: number; height: number };

/** The rectangles of the windows whose title matches. */
export function matchingRects(windows: readonly X11Window[], title: RegExp): Rect[] {
  return windows.filter((w) => title.test(w.title)).map(({ x, y, width, height }) => ({ x, y, width, height }));
}

export function x11OwnWindows(titlePattern = '^Magma Desk', env: NodeJS.ProcessEnv = process.env): () => Rect[] {
  const title = new RegExp(titlePattern);
  let cached: { at: number; rects: Rect[] } | undefined;
  return () => {
    if (cached && Date.now() - cached.at < 500) return cached.rects;
    cached = { at: Date.now(), rects: matchingRects(x11(env).addon.topLevelWindows(), title) };
    return cached.rects;
  };
}
