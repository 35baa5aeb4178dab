/**
 * S13's canaries and how a leak is looked for: a fake API key and a test card number, every piece of at least 6
 * characters of each (typing goes out in chunks, so a chunk on disk is a leak too), and the files under a folder.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const CANARY_KEY = 'sk-live-4eC39HqLyjWDarjtT1zdp7dc';
export const CANARY_CARD = '4111 1111 1111 1111';

/** Every file below d (not folders). */
export function filesUnder(d: string): string[] {
  return readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? filesUnder(join(d, n)) : [join(d, n)]));
}

/** Every piece of at least `min` characters of a canary, less the ones any text may hold ("sk-live-", "1111 1"). */
export function canaryPieces(s: string, min = 6): string[] {
  const out = new Set<string>();
  for (let i = 0; i + min <= s.length; i++) out.add(s.slice(i, i + min));
  return [...out].filter((p) => !/^sk-liv|^k-live|^-live-|^live-\w$/.test(p) && p !== '1111 1' && p !== '111 11' && p !== '11 111' && p !== '1 1111');
}

/** An image file, by its name or by the PNG signature. */
export const isImage = (f: string) => /\.(png|jpe?g|webp|bmp|ppm)$/i.test(f) || readFileSync(f).subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
