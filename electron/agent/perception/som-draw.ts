/**
 * Draws a Set-of-Mark layout onto a copy of the frame: red (255,0,0) box outlines 2 px wide, red filled labels,
 * white digits from a built-in 5x7 bitmap font scaled to the layout's digit size. No font files, no canvas.
 */
import type { RgbaImage } from '../ports.js';
import { GLYPH_COLS, GLYPH_ROWS, type LabelRect, type MarkLayout } from '../../common/marks.js';

/** 5x7 digit glyphs, one string per row, '#' = ink. */
const GLYPHS: Record<string, readonly string[]> = {
  '0': [' ### ', '#   #', '#  ##', '# # #', '##  #', '#   #', ' ### '],
  '1': ['  #  ', ' ##  ', '  #  ', '  #  ', '  #  ', '  #  ', ' ### '],
  '2': [' ### ', '#   #', '    #', '   # ', '  #  ', ' #   ', '#####'],
  '3': ['#####', '   # ', '  #  ', '   # ', '    #', '#   #', ' ### '],
  '4': ['   # ', '  ## ', ' # # ', '#  # ', '#####', '   # ', '   # '],
  '5': ['#####', '#    ', '#### ', '    #', '    #', '#   #', ' ### '],
  '6': ['  ## ', ' #   ', '#    ', '#### ', '#   #', '#   #', ' ### '],
  '7': ['#####', '    #', '   # ', '  #  ', ' #   ', ' #   ', ' #   '],
  '8': [' ### ', '#   #', '#   #', ' ### ', '#   #', '#   #', ' ### '],
  '9': [' ### ', '#   #', '#   #', ' ####', '    #', '   # ', ' ##  '],
};

/** Glyph rows of a digit (for tests and the overlay). */
export function glyph(digit: string): readonly string[] {
  const g = GLYPHS[digit];
  if (!g) throw new RangeError(`no glyph for ${JSON.stringify(digit)}: mark labels are decimal numbers`);
  return g;
}

const RED = [255, 0, 0, 255] as const;
const WHITE = [255, 255, 255, 255] as const;
/** Outline width, image px (MAGMA.md). */
export const OUTLINE_PX = 2;

function fill(img: { width: number; height: number; data: Uint8Array }, x0: number, y0: number, x1: number, y1: number, c: readonly number[]): void {
  const ax = Math.max(0, Math.round(x0));
  const ay = Math.max(0, Math.round(y0));
  const bx = Math.min(img.width, Math.round(x1));
  const by = Math.min(img.height, Math.round(y1));
  for (let y = ay; y < by; y++) {
    for (let p = (y * img.width + ax) * 4, e = (y * img.width + bx) * 4; p < e; p += 4) {
      img.data[p] = c[0]!;
      img.data[p + 1] = c[1]!;
      img.data[p + 2] = c[2]!;
      img.data[p + 3] = c[3]!;
    }
  }
}

/** Returns a copy of `image` with the layout drawn: every outline first, then every label on top. */
export function drawMarks(image: RgbaImage, layout: MarkLayout): RgbaImage {
  if (layout.width !== image.width || layout.height !== image.height) {
    throw new RangeError(`layout is for ${layout.width}x${layout.height}, image is ${image.width}x${image.height}`);
  }
  const out = { width: image.width, height: image.height, data: new Uint8Array(image.data) };
  const t = OUTLINE_PX;
  for (const m of layout.marks) {
    const [x1, y1, x2, y2] = m.box.map(Math.round) as [number, number, number, number];
    // Outline drawn inside the box edges so it never covers a neighbour's pixels more than the box does.
    fill(out, x1, y1, x2, y1 + t, RED);
    fill(out, x1, y2 - t, x2, y2, RED);
    fill(out, x1, y1, x1 + t, y2, RED);
    fill(out, x2 - t, y1, x2, y2, RED);
  }
  for (const m of layout.marks) drawLabel(out, m.label, m.text, layout);
  return out;
}

function drawLabel(out: { width: number; height: number; data: Uint8Array }, r: LabelRect, text: string, layout: MarkLayout): void {
  const f = layout.font;
  fill(out, r.x, r.y, r.x + r.w, r.y + r.h, RED);
  let x = Math.round(r.x) + f.pad;
  const y = Math.round(r.y) + f.pad;
  for (const ch of text) {
    const g = glyph(ch);
    // Nearest-cell scaling of the 5x7 grid onto digitW x digitH px.
    for (let v = 0; v < f.digitH; v++) {
      const row = g[Math.min(GLYPH_ROWS - 1, Math.floor((v * GLYPH_ROWS) / f.digitH))]!;
      const py = y + v;
      if (py < 0 || py >= out.height) continue;
      for (let u = 0; u < f.digitW; u++) {
        if (row[Math.min(GLYPH_COLS - 1, Math.floor((u * GLYPH_COLS) / f.digitW))] !== '#') continue;
        const px = x + u;
        if (px < 0 || px >= out.width) continue;
        const p = (py * out.width + px) * 4;
        out.data[p] = WHITE[0];
        out.data[p + 1] = WHITE[1];
        out.data[p + 2] = WHITE[2];
        out.data[p + 3] = WHITE[3];
      }
    }
    x += f.digitW + f.spacing;
  }
}
