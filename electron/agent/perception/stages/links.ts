/**
 * Link colour rules (stage "recognise", after the recognizer): which text segments are links.
 * Text whose ink has a colour (hue) on the page's own background, or a line entirely in one colour on another
 * background (a coloured nav bar). Body text is grey/black; code blocks (their own background, several colours
 * per line) do not count. Menus and breadcrumbs (items cut at separators) are links whatever their colour, and so
 * are short lines on a grey panel that is not the page (a sidebar's table of contents).
 */
import type { RgbaImage } from '../../ports.js';
import type { Segment } from './frame.js';

/** Sets `link` on every segment that has a measured background, by the rules above. */
export function markLinks(image: RgbaImage, segments: readonly Segment[]): void {
  const pageBg = dominantColour(image);
  for (const f of segments) {
    if (!f.bg) continue;
    const onPage = Math.max(...f.bg.map((v, k) => Math.abs(v - pageBg[k]!))) <= 12;
    const greyPanel = !onPage && Math.max(...f.bg) - Math.min(...f.bg) < 20 && Math.abs(f.bg[0] - pageBg[0]!) < 48;
    const coloured = f.ink !== undefined && f.ink !== 'n' && (onPage || f.wholeLine === true);
    const shortItem = f.text.length <= 40 && f.text.split(' ').length <= 5;
    f.link = coloured || (f.menu === true && shortItem) || (greyPanel && shortItem && f.wholeLine === true);
  }
}

/** Most common colour of the frame (5 bits per channel, every 7th pixel): the page or desktop background. */
export function dominantColour(img: RgbaImage): [number, number, number] {
  const hist = new Map<number, number>();
  const d = img.data;
  for (let p = 0; p < d.length; p += 28) {
    const k = ((d[p]! >> 3) << 10) | ((d[p + 1]! >> 3) << 5) | (d[p + 2]! >> 3);
    hist.set(k, (hist.get(k) ?? 0) + 1);
  }
  let best = 0;
  let bestN = -1;
  for (const [k, n] of hist) if (n > bestN) [best, bestN] = [k, n];
  return [((best >> 10) << 3) + 4, (((best >> 5) & 31) << 3) + 4, ((best & 31) << 3) + 4];
}
