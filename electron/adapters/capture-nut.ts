/**
 * ScreenSource over nut-js (libnut). Chosen over screenshot-desktop because it grabs in-process into memory
 * (about 6 ms for 1280x800 on Xvfb) where screenshot-desktop spawns ImageMagick/scrot per shot and round-trips
 * through a PNG file; region grabs give one display of a multi-monitor desktop.
 */
import { randomUUID } from 'node:crypto';
import type { DisplayInfo } from '../common/geometry.js';
import type { Frame, ScreenSource } from '../agent/ports.js';
import { listX11Displays } from './displays-x11.js';
import { sessionKind, sessionProblem } from './session-kind.js';

type Nut = typeof import('@nut-tree-fork/nut-js');
let nutPromise: Promise<Nut> | undefined;
/** Loaded on first use: importing libnut opens the display, which fails without one. */
export function loadNut(): Promise<Nut> {
  nutPromise ??= import('@nut-tree-fork/nut-js');
  return nutPromise;
}

/** Why capture cannot work here (Wayland, no display), in plain words; decided by session-kind.ts. */
export function displayProblem(env = process.env, platform = process.platform): string | undefined {
  if (platform !== 'linux') return undefined;
  return sessionProblem(sessionKind(env, platform), env);
}

export class NutScreenSource implements ScreenSource {
  private layout?: { at: number; displays: Promise<DisplayInfo[]> };

  /** The display layout, re-read at most once a second (a capture takes ~10 ms; see docs/BENCHMARKS.md for the query). */
  async displays(): Promise<DisplayInfo[]> {
    const problem = displayProblem();
    if (problem) throw new Error(`cannot capture the screen: ${problem}`);
    if (!this.layout || Date.now() - this.layout.at > 1000) {
      const displays = (async () => {
        const { screen } = await loadNut();
        return listX11Displays(await screen.width(), await screen.height());
      })();
      this.layout = { at: Date.now(), displays };
      displays.catch(() => (this.layout = undefined));
    }
    return this.layout.displays;
  }

  async capture(displayId?: string): Promise<Frame> {
    const ds = await this.displays();
    const d = displayId ? ds.find((x) => x.id === displayId) : ds.find((x) => x.primary);
    if (!d) throw new Error(`no display "${displayId}"; displays: ${ds.map((x) => x.id).join(', ')}`);
    const { screen, Region } = await loadNut();
    let img;
    try {
      img = await screen.grabRegion(new Region(d.bounds.x, d.bounds.y, d.bounds.width, d.bounds.height));
    } catch (e) {
      throw new Error(`cannot capture display ${d.id}: ${(e as Error).message}`);
    }
    const data = bgraToRgba(img.data, img.width, img.height, img.byteWidth, img.channels);
    // Image px per logical px, as libnut reports it (2 on Retina, 1 on X11).
    const display: DisplayInfo = { ...d, scaleFactor: img.pixelDensity.scaleX || 1 };
    return {
      id: randomUUID(),
      capturedAt: Date.now(),
      image: { width: img.width, height: img.height, data },
      geometry: { display, imageWidth: img.width, imageHeight: img.height },
    };
  }
}

/**
 * libnut's BGRA (4 channels) or BGR rows -> RGBA with opaque alpha, in one pass. The 4-channel case works on 32-bit
 * words (one shift-and-mask per pixel): ~10x faster than a per-byte loop on a 1920x1080 frame.
 */
export function bgraToRgba(src: Uint8Array, width: number, height: number, byteWidth: number, channels: number): Uint8Array {
  const out = new Uint8Array(width * height * 4);
  if (channels === 4 && byteWidth === width * 4 && src.byteOffset % 4 === 0) {
    const s32 = new Uint32Array(src.buffer, src.byteOffset, width * height);
    const o32 = new Uint32Array(out.buffer);
    for (let i = 0; i < s32.length; i++) {
      const p = s32[i]!;
      // little-endian word 0xAARRGGBB -> 0xFFBBGGRR
      o32[i] = 0xff000000 | ((p & 0xff) << 16) | (p & 0xff00) | ((p >>> 16) & 0xff);
    }
    return out;
  }
  for (let y = 0; y < height; y++) {
    const row = y * byteWidth;
    const o = y * width * 4;
    for (let x = 0; x < width; x++) {
      const s = row + x * channels;
      const t = o + x * 4;
      out[t] = src[s + 2]!;
      out[t + 1] = src[s + 1]!;
      out[t + 2] = src[s]!;
      out[t + 3] = 255;
    }
  }
  return out;
}
