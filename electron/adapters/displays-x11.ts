/**
 * Display layout on X11 from `xrandr --listmonitors` (one line per monitor: "0: +*DP-1 1920/530x1080/300+0+0  DP-1").
 * X11 has no logical pixels: input and capture share one pixel space, so scaleFactor is 1 here. (On macOS the
 * capture is in physical pixels while input takes points; the capture adapter reads that from the image's
 * pixel density instead.) Falls back to one display covering the whole root window.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { DisplayInfo } from '../common/geometry.js';

const run = promisify(execFile);

export function parseListMonitors(out: string): DisplayInfo[] {
  const displays: DisplayInfo[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+):\s+\+?(\*?)(\S+)\s+(\d+)\/\d+x(\d+)\/\d+([+-]\d+)([+-]\d+)/.exec(line);
    if (!m) continue;
    displays.push({
      id: m[3]!,
      name: m[3]!,
      bounds: { x: Number(m[6]), y: Number(m[7]), width: Number(m[4]), height: Number(m[5]) },
      scaleFactor: 1,
      primary: m[2] === '*',
    });
  }
  if (displays.length && !displays.some((d) => d.primary)) displays[0] = { ...displays[0]!, primary: true };
  return displays;
}

export async function listX11Displays(rootWidth: number, rootHeight: number): Promise<DisplayInfo[]> {
  try {
    const { stdout } = await run('xrandr', ['--listmonitors'], { timeout: 3000 });
    const ds = parseListMonitors(stdout);
    if (ds.length) return ds;
  } catch {
    // xrandr missing or the server lacks RandR: one display for the whole root window.
  }
  return [{ id: 'root', name: 'screen', bounds: { x: 0, y: 0, width: rootWidth, height: rootHeight }, scaleFactor: 1, primary: true }];
}
