/**
 * Display layout on X11 from XRandR monitors (XRRGetMonitors through the platform addon, no xrandr process), so the
 * monitors that `xrandr --setmonitor` defines on one screen (a dual-head layout) are listed too.
 * X11 has no logical pixels: input (XTest) and capture share one pixel space, so scaleFactor is 1 here. Xft.dpi and
 * GDK_SCALE ask toolkits to draw larger; they do not move a single pixel, so they are not a coordinate scale.
 * (On macOS the capture is in physical pixels while input takes points; the capture adapter reads that from the
 * image's pixel density instead.) Falls back to one display covering the whole root window.
 */
import type { DisplayInfo } from '../common/geometry.js';
import type { X11Monitor } from './native-addon.js';
import { x11 } from './native-addon.js';

/** XRandR monitors -> displays; the first is primary when the server names none. */
export function displaysFromMonitors(ms: readonly X11Monitor[]): DisplayInfo[] {
  const displays: DisplayInfo[] = ms.map((m) => ({
    id: m.name,
    name: m.name,
    bounds: { x: m.x, y: m.y, width: m.width, height: m.height },
    scaleFactor: 1,
    primary: m.primary,
  }));
  if (displays.length && !displays.some((d) => d.primary)) displays[0] = { ...displays[0]!, primary: true };
  return displays;
}

export async function listX11Displays(rootWidth: number, rootHeight: number): Promise<DisplayInfo[]> {
  const { addon, server } = x11();
  if (server.randr) {
    const ds = displaysFromMonitors(addon.monitors());
    if (ds.length) return ds;
  }
  // A server without RandR: one display for the whole root window.
  return [{ id: 'root', name: 'screen', bounds: { x: 0, y: 0, width: rootWidth, height: rootHeight }, scaleFactor: 1, primary: true }];
}
