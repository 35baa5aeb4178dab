/**
 * Screen rectangles (logical px) of Magma Desk's own windows on X11, found by window title with xdotool, so the
 * executor can refuse to click them (SAFETY.md S3: no self-approval). Read at most every 500 ms: the executor
 * asks once per action.
 */
import { spawnSync } from 'node:child_process';

export type Rect = { x: number; y: number; width: number; height: number };

export function parseGeometryShell(out: string): Rect[] {
  const rects: Rect[] = [];
  for (const block of out.split(/(?=WINDOW=)/)) {
    const m = /X=(-?\d+)\s+Y=(-?\d+)\s+WIDTH=(\d+)\s+HEIGHT=(\d+)/.exec(block);
    if (m) rects.push({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) });
  }
  return rects;
}

export function x11OwnWindows(titlePattern = '^Magma Desk', env: NodeJS.ProcessEnv = process.env): () => Rect[] {
  let cached: { at: number; rects: Rect[] } | undefined;
  return () => {
    if (cached && Date.now() - cached.at < 500) return cached.rects;
    const r = spawnSync('xdotool', ['search', '--onlyvisible', '--name', titlePattern, 'getwindowgeometry', '--shell', '%@'], { env, encoding: 'utf8', timeout: 2000 });
    cached = { at: Date.now(), rects: r.status === 0 ? parseGeometryShell(r.stdout) : [] };
    return cached.rects;
  };
}
