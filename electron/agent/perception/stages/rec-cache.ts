/**
 * Recognition cache (stage "recognise"): between agent steps most of the screen is unchanged, so a line whose
 * crop hashes the same is not recognized again. Entries are keyed by crop content and hold segments relative to
 * the crop's origin; Map order is least recently used first.
 */
import type { RgbaImage } from '../../ports.js';
import type { Rect } from '../resize.js';
import type { LineSegment } from '../split-line.js';

export interface RecCache {
  /** The segments last read from a crop with these pixels, placed at `rect` (image px); a hit becomes most recent. */
  get(key: string, rect: Rect): LineSegment[] | undefined;
  /** Remembers a crop's segments (image px, read at `rect`), dropping the least recently used beyond the size. */
  set(key: string, rect: Rect, segments: readonly LineSegment[]): void;
}

export function recCache(size: number): RecCache {
  const map = new Map<string, LineSegment[]>();
  const shift = (g: LineSegment, dx: number, dy: number): LineSegment => ({ ...g, box: [g.box[0] + dx, g.box[1] + dy, g.box[2] + dx, g.box[3] + dy] });
  return {
    get(key, rect) {
      const hit = map.get(key);
      if (!hit) return undefined;
      map.delete(key);
      map.set(key, hit);
      return hit.map((g) => shift(g, rect.x, rect.y));
    },
    set(key, rect, segments) {
      map.set(key, segments.map((g) => shift(g, -rect.x, -rect.y)));
      if (map.size > size) map.delete(map.keys().next().value!);
    },
  };
}

/** Content key of a crop: its size and a 2x32-bit FNV-1a hash of its RGB bytes. */
export function cropKey(img: RgbaImage, r: Rect): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ (r.w * 65537 + r.h);
  const d = img.data;
  const stride = img.width * 4;
  for (let y = r.y; y < r.y + r.h; y++) {
    const end = y * stride + (r.x + r.w) * 4;
    for (let p = y * stride + r.x * 4; p < end; p += 4) {
      const v = d[p]! | (d[p + 1]! << 8) | (d[p + 2]! << 16);
      h1 = Math.imul(h1 ^ v, 0x01000193);
      h2 = Math.imul(h2 ^ v, 0x5bd1e995) ^ (h2 >>> 15);
    }
  }
  return `${r.w}x${r.h}:${(h1 >>> 0).toString(36)}:${(h2 >>> 0).toString(36)}`;
}
