/**
 * Link rules (stage "recognise", after the recognizer): which text segments are links. Text is never a link
 * because of what it says, only because of how it is drawn, by these rules in order:
 *
 * 0. Tidy: each segment's box is tightened to its own ink (text-band.ts: no neighbour lines, bullets or "|"), and
 *    touching pieces of one coloured run ("js" "o" "n", cut where OCR's colour samples wavered) are joined.
 * 1. Headings are never links by rules 3-5: text whose x-height (text-band.ts core) is 1.25x that of the body
 *    text around it (its background's median, or the page's). A title drawn all in one colour (1.6x) is a title,
 *    not a link; a coloured word inside a heading is a link (2).
 * 2. Colour: text whose ink has a hue that differs from the body text around it: the most common ink (by
 *    characters) of the segments on the same background, or the page's when that background holds little other
 *    text. Not inside code: a background whose text shows three or more ink colours is syntax highlighting.
 * 3. Menus and breadcrumbs: short items of a line cut at separators ("a | b", "a » b"), whatever their colour.
 * 4. Sidebars: short lines drawn in one ink on a tall, narrow panel that is not the page, left-aligned with
 *    others as a list (a table of contents).
 * 5. Underline: text with a line of its own ink under most of its width (underline.ts); a line with several
 *    underlines with gaps between them ("Home News Images") is as many links, cut at the gaps.
 */
import type { RgbaImage } from '../../ports.js';
import type { Segment } from './frame.js';
import { findPanels, type Panels } from './panels.js';
import { tightenSegment } from './text-band.js';
import { splitAtUnderlines } from './underline.js';

/** Short enough to be a menu item or a table-of-contents entry. */
const shortItem = (t: string) => t.length <= 40 && t.split(' ').length <= 5;
/** Heading: text whose core (x-height) is this much taller than the body text around it. */
const HEADING = 1.25;
/**
 * A title drawn in one colour: its x-height this much over the body's (capitals and digits in a link such as
 * "What's New In Python 3.11" raise its measured core, so a coloured line needs more than HEADING to be a title).
 */
const BIG_HEADING = 1.6;

/**
 * The segments with tidied boxes, each with `link` set (segments without a measured background are passed
 * through untouched, link undefined).
 */
export function markLinks(image: RgbaImage, input: readonly Segment[]): Segment[] {
  // Core text height (text-band.ts) of each tidied segment: the font size, for telling headings.
  const core = new Map<Segment, number>();
  const tidy = joinFragments(
    input.map((s) => {
      if (!s.bg) return s;
      const t = tightenSegment(image, s);
      // Text without lowercase (digits, capitals: "4.8.3.1.") has a core as tall as its capitals, not its x-height.
      const alnum = t.seg.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
      const lower = t.seg.text.match(/\p{Ll}/gu)?.length ?? 0;
      core.set(t.seg, lower >= 0.5 * alnum ? t.core : 0.72 * t.core);
      return t.seg;
    }),
  );
  const underlined = new Set<Segment>();
  const segments = tidy.flatMap((s) => {
    if (!s.bg) return [s];
    const u = splitAtUnderlines(image, s);
    for (const p of u.underlined) underlined.add(p);
    for (const p of u.segs) core.set(p, core.get(s) ?? 0);
    return u.segs;
  });
  const pageBg = dominantColour(image);
  let panels: Panels | undefined;
  const bgKey = (s: Segment) => s.bg!.map((v) => Math.round(v / 16)).join(',');
  // Per background: ink characters by class, core text heights.
  const groups = new Map<string, { ink: Map<string, number>; heights: number[]; boxes: number[]; chars: number; members: Segment[] }>();
  const page = { ink: new Map<string, number>(), heights: [] as number[], boxes: [] as number[], chars: 0, members: [] as Segment[] };
  for (const s of segments) {
    if (!s.bg) continue;
    const k = bgKey(s);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { ink: new Map(), heights: [], boxes: [], chars: 0, members: [] }));
    for (const t of [g, page]) {
      const n = s.text.replace(/\s/g, '').length;
      t.ink.set(s.ink ?? 'n', (t.ink.get(s.ink ?? 'n') ?? 0) + n);
      if (core.get(s)) t.heights.push(core.get(s)!);
      t.boxes.push(s.box[3] - s.box[1]);
      t.chars += n;
      t.members.push(s);
    }
  }
  const pageH = median(page.heights);
  for (const f of segments) {
    if (!f.bg) continue;
    const g = groups.get(bgKey(f))!;
    const bodyH = g.heights.length >= 5 ? median(g.heights) : pageH;
    const ratio = (core.get(f) ?? 0) / Math.max(1, bodyH);
    // Both measures: capitals and digits raise the core of a line of body size, brackets and descenders its box.
    const boxRatio = (f.box[3] - f.box[1]) / Math.max(1, median(g.boxes.length >= 5 ? g.boxes : page.boxes));
    const heading = ratio >= HEADING && boxRatio >= 1.15;
    const onPage = Math.max(...f.bg.map((v, k) => Math.abs(v - pageBg[k]!))) <= 12;
    const code = !onPage && [...g.ink.keys()].length >= 3;
    const ink = f.ink ?? 'n';
    const coloured = ink !== 'n' && !code && !(ratio >= BIG_HEADING && f.wholeLine === true);
    if (coloured || underlined.has(f)) {
      f.link = true;
      continue;
    }
    if (heading || !shortItem(f.text)) {
      f.link = false;
      continue;
    }
    const panel = onPage ? undefined : (panels ??= findPanels(image)).at(f.box[0] + 1, f.box[1] + 1);
    const sidebar = panel !== undefined && panel[3] - panel[1] >= 0.4 * image.height && panel[2] - panel[0] <= 0.33 * image.width;
    f.link = f.menu === true || (sidebar && f.wholeLine === true && !code && inList(f, g.members));
  }
  return segments;
}

/**
 * A line of a vertical list: another segment on its background starts within 3 px of its left edge, on
 * other rows (a table of contents; a grid of centred button labels is not one).
 */
function inList(f: Segment, members: readonly Segment[]): boolean {
  let n = 0;
  for (const o of members) if (o !== f && Math.abs(o.box[0] - f.box[0]) <= 3 && (o.box[1] >= f.box[3] || o.box[3] <= f.box[1])) n++;
  return n >= 1;
}

/**
 * Touching segments of one line in one coloured ink (a run OCR's colour samples cut into pieces) become one: a gap
 * of at most a quarter of the text height, boxes overlapping vertically by 60% of the shorter.
 */
export function joinFragments(segs: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  const sorted = [...segs].sort((a, b) => a.box[0] - b.box[0]);
  const used = new Set<Segment>();
  // Each run starts at its leftmost piece; the output keeps the input's order of those.
  const first = new Map<Segment, Segment>();
  for (const s of sorted) {
    if (used.has(s)) continue;
    let cur = s;
    used.add(s);
    if (cur.ink && cur.ink !== 'n' && cur.bg) {
      for (const t of sorted) {
        if (used.has(t) || t.ink !== cur.ink || !t.bg) continue;
        const h = Math.min(cur.box[3] - cur.box[1], t.box[3] - t.box[1]);
        const vo = Math.min(cur.box[3], t.box[3]) - Math.max(cur.box[1], t.box[1]);
        const gap = t.box[0] - cur.box[2];
        if (vo < 0.6 * h || gap > 0.25 * h || t.box[2] <= cur.box[2]) continue;
        used.add(t);
        cur = {
          ...cur,
          text: cur.text + t.text,
          box: [cur.box[0], Math.min(cur.box[1], t.box[1]), t.box[2], Math.max(cur.box[3], t.box[3])],
          confidence: (cur.confidence * cur.text.length + t.confidence * t.text.length) / Math.max(1, cur.text.length + t.text.length),
        };
      }
    }
    first.set(s, cur);
  }
  for (const s of segs) {
    const run = first.get(s);
    if (run) out.push(run);
  }
  return out;
}

export function majority(m: ReadonlyMap<string, number>): string {
  let best = 'n';
  let n = -1;
  for (const [k, v] of m) if (v > n) [best, n] = [k, v];
  return best;
}
function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}

/** Most common colour of the frame (5 bits per channel, every 7th pixel): the page or desktop background. */
export function dominantColour(img: RgbaImage): [number, number, number] {
  const hist = new Int32Array(1 << 15);
  const d = img.data;
  let best = 0;
  for (let p = 0; p < d.length; p += 28) {
    const k = ((d[p]! >> 3) << 10) | ((d[p + 1]! >> 3) << 5) | (d[p + 2]! >> 3);
    if (++hist[k]! > hist[best]!) best = k;
  }
  return [((best >> 10) << 3) + 4, (((best >> 5) & 31) << 3) + 4, ((best & 31) << 3) + 4];
}
