/**
 * Symbols and icons: names for controls whose label OCR cannot read (a lone `*`, `√`, `(`, `.`, or an icon such
 * as ☰ ✕ ⚙ ▶). A small classifier we trained ourselves (models/symbols/: generator, training script, manifest)
 * looks at the control's ink and says which symbol it is, "text" (letters or digits: OCR's job) or "none".
 *
 * The crop is normalised exactly as models/symbols/glyph_norm.py does for training (its docstring lists the
 * steps; tests/fixtures/symbols/norm-parity.json pins the two together): the control's box less INSET px, its most
 * common colour as background, ink = strongest channel difference from it (polarity and colour do not matter),
 * components touching the edge band dropped (walls, bevels, focus rings), the rest's tight box scaled into 32x32,
 * plus three numbers saying how tall the ink is and where it sits in the control.
 *
 * A misread label is worse than none: below the thresholds the control keeps what it had (usually no text).
 */
import type { ImageBox } from '../../common/geometry.js';
import type { RgbaImage, TensorSession } from '../ports.js';

/** Output classes of models/symbols/symbols.onnx, in order (models/symbols/classes.json; a test checks both agree). */
export const SYMBOL_CLASSES = [
  'none', 'text',
  '+', '−', '×', '÷', '=', '*', '/', '.', ',', '%', '√', 'π', '(', ')', '[', ']', '<', '>', '^', '!', '?', '#', '@',
  '&', '|', '~', ':', ';', "'", '"', '_', '±', '←', '→', '↑', '↓', '◀', '▶', '▲', '▼', '☰', '⚙', '⋮', '⋯', '✓', '★',
  '♥', '🔍', 'x²',
] as const;

export const SYMBOL_SIZE = 32;
const INSET = 2;
const INK_T = 48;
const EDGE = 2;
const SUB = 4;

/** Probability a symbol needs to name a control that has no text. */
export const EMPTY_MIN = 0.6;
/** Probability a symbol needs to replace what OCR read (1-2 characters or a low score): it must be near certain... */
export const REPLACE_MIN = 0.9;
/** ...or at least EMPTY_MIN while the classifier all but rules out letters and digits (xcalc's √ read as "V": √ 0.86). */
export const NOT_TEXT_MAX = 0.02;
/** OCR text is re-read when it is this short or scored below LOW_SCORE. */
const SHORT = 2;
const LOW_SCORE = 0.6;

export interface SymbolCandidate {
  /** The control's box (image px, [x1, y1, x2, y2) with its wall). */
  readonly box: ImageBox;
  /** What OCR read inside it ('' for none). */
  readonly text: string;
  /** OCR's score for that text (ignored when there is none). */
  readonly confidence: number;
}

/** The classifier's input for one control, and where its ink is. */
export interface SymbolCrop {
  /** SYMBOL_SIZE^2 ink values 0..1, row-major. */
  readonly image: Float32Array;
  /** Ink height / region height, ink centre offset / region height, ln(ink width / ink height) clipped to +-3. */
  readonly feats: readonly [number, number, number];
  /** Tight box of the ink, image px. */
  readonly ink: ImageBox;
}

export interface SymbolRead {
  readonly text: string;
  readonly confidence: number;
  readonly ink: ImageBox;
}

/** Whether OCR's reading of a control is worth a second look: nothing, 1-2 characters, or a low score. */
export function isSymbolCandidate(c: Pick<SymbolCandidate, 'text' | 'confidence'>): boolean {
  const t = c.text.trim();
  return t === '' || [...t].length <= SHORT || c.confidence < LOW_SCORE;
}

/** glyph_norm.normalise for a box of the frame; undefined when there is no ink away from the box's edge. */
export function symbolCrop(img: RgbaImage, box: ImageBox): SymbolCrop | undefined {
  const rx0 = Math.max(0, Math.round(box[0]) + INSET);
  const ry0 = Math.max(0, Math.round(box[1]) + INSET);
  const rx1 = Math.min(img.width, Math.round(box[2]) - INSET);
  const ry1 = Math.min(img.height, Math.round(box[3]) - INSET);
  const w = rx1 - rx0;
  const h = ry1 - ry0;
  if (w < 2 * EDGE + 1 || h < 2 * EDGE + 1) return undefined;
  const d = img.data;
  const stride = img.width * 4;
  // Background: most common exact colour, smallest 0xRRGGBB on a tie (sorted ascending, the first longest run).
  const packed = new Uint32Array(w * h);
  for (let y = 0, i = 0; y < h; y++) {
    for (let p = (ry0 + y) * stride + rx0 * 4, e = p + w * 4; p < e; p += 4) packed[i++] = (d[p]! << 16) | (d[p + 1]! << 8) | d[p + 2]!;
  }
  packed.sort();
  let bg = packed[0]!;
  let bgN = 0;
  for (let i = 0; i < packed.length; ) {
    let j = i + 1;
    while (j < packed.length && packed[j] === packed[i]) j++;
    if (j - i > bgN) [bg, bgN] = [packed[i]!, j - i];
    i = j;
  }
  const br = bg >> 16;
  const bgG = (bg >> 8) & 255;
  const bb = bg & 255;
  const ink = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    let p = (ry0 + y) * stride + rx0 * 4;
    for (let x = 0; x < w; x++, p += 4) {
      ink[y * w + x] = Math.max(Math.abs(d[p]! - br), Math.abs(d[p + 1]! - bgG), Math.abs(d[p + 2]! - bb));
    }
  }
  // 8-connected components of ink >= INK_T; those with a pixel in the edge band are dropped.
  const lab = new Int32Array(w * h);
  const stack = new Int32Array(w * h);
  const touches: boolean[] = [false];
  let n = 0;
  for (let i = 0; i < w * h; i++) {
    if (lab[i] || ink[i]! < INK_T) continue;
    n++;
    let edge = false;
    let top = 0;
    stack[top++] = i;
    lab[i] = n;
    while (top) {
      const j = stack[--top]!;
      const y = (j / w) | 0;
      const x = j - y * w;
      if (x < EDGE || y < EDGE || x >= w - EDGE || y >= h - EDGE) edge = true;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const q = yy * w + xx;
          if (!lab[q] && ink[q]! >= INK_T) {
            lab[q] = n;
            stack[top++] = q;
          }
        }
      }
    }
    touches.push(edge);
  }
  let x0 = w;
  let y0 = h;
  let x1 = -1;
  let y1 = -1;
  let dmax = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const l = lab[y * w + x]!;
      if (!l || touches[l]) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      dmax = Math.max(dmax, ink[y * w + x]!);
    }
  }
  if (x1 < 0) return undefined;
  x1++;
  y1++;
  // Ink values with a zero border one pixel wide: samples outside the region read 0 (indices clamp onto it).
  const pw = w + 2;
  const val = new Float32Array(pw * (h + 2));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const l = lab[i]!;
      // float32 like the training side's numpy arrays.
      val[(y + 1) * pw + x + 1] = l && touches[l] ? 0 : Math.min(Math.fround(ink[i]! / dmax), 1);
    }
  }
  const iw = x1 - x0;
  const ih = y1 - y0;
  const side = Math.max(iw, ih) * 1.2 + 2;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  // Sample positions along each axis (4 per output pixel): the two neighbouring columns/rows and the weight.
  const N = SYMBOL_SIZE * SUB;
  const axis = (c: number, n: number) => {
    const i0 = new Int32Array(N);
    const i1 = new Int32Array(N);
    const a = new Float64Array(N);
    for (let k = 0; k < N; k++) {
      const v = c + (((k + 0.5) / N) * side - side / 2 - 0.5);
      const f = Math.floor(v);
      i0[k] = Math.min(n, Math.max(-1, f)) + 1;
      i1[k] = Math.min(n, Math.max(-1, f + 1)) + 1;
      a[k] = v - f;
    }
    return { i0, i1, a };
  };
  const X = axis(cx, w);
  const Y = axis(cy, h);
  const out = new Float32Array(SYMBOL_SIZE * SYMBOL_SIZE);
  for (let oy = 0; oy < SYMBOL_SIZE; oy++) {
    for (let ox = 0; ox < SYMBOL_SIZE; ox++) {
      let sum = 0;
      for (let sy = oy * SUB; sy < (oy + 1) * SUB; sy++) {
        const r0 = Y.i0[sy]! * pw;
        const r1 = Y.i1[sy]! * pw;
        const ay = Y.a[sy]!;
        for (let sx = ox * SUB; sx < (ox + 1) * SUB; sx++) {
          const c0 = X.i0[sx]!;
          const c1 = X.i1[sx]!;
          const ax = X.a[sx]!;
          sum += (val[r0 + c0]! * (1 - ax) + val[r0 + c1]! * ax) * (1 - ay) + (val[r1 + c0]! * (1 - ax) + val[r1 + c1]! * ax) * ay;
        }
      }
      out[oy * SYMBOL_SIZE + ox] = sum / (SUB * SUB);
    }
  }
  const feats: [number, number, number] = [ih / h, ((y0 + y1) / 2 - h / 2) / h, Math.min(3, Math.max(-3, Math.log(iw / ih)))];
  return { image: out, feats, ink: [rx0 + x0, ry0 + y0, rx0 + x1, ry0 + y1] };
}

export interface SymbolGuess {
  /** Top class name (SYMBOL_CLASSES) and its probability. */
  readonly label: string;
  readonly p: number;
  /** Probability of "text" (letters or digits): how much the classifier would leave the crop to OCR. */
  readonly text: number;
}

/** Runs the classifier over crops in one batch; one guess per crop, in order. */
export async function classifySymbols(session: TensorSession, crops: readonly SymbolCrop[]): Promise<SymbolGuess[]> {
  if (!crops.length) return [];
  const n = crops.length;
  const plane = SYMBOL_SIZE * SYMBOL_SIZE;
  const image = new Float32Array(n * plane);
  const feats = new Float32Array(n * 3);
  crops.forEach((c, k) => {
    image.set(c.image, k * plane);
    feats.set(c.feats, k * 3);
  });
  const out = await session.run({
    image: { type: 'float32', dims: [n, 1, SYMBOL_SIZE, SYMBOL_SIZE], data: image },
    feats: { type: 'float32', dims: [n, 3], data: feats },
  });
  const probs = out[session.outputNames[0]!]!;
  const classes = probs.dims[1]!;
  if (classes !== SYMBOL_CLASSES.length) {
    throw new Error(`the symbol model has ${classes} classes but this version of the app knows ${SYMBOL_CLASSES.length}: the model file does not belong to it`);
  }
  const data = probs.data as Float32Array;
  return crops.map((_, k) => {
    let best = 0;
    for (let c = 1; c < classes; c++) if (data[k * classes + c]! > data[k * classes + best]!) best = c;
    return { label: SYMBOL_CLASSES[best]!, p: data[k * classes + best]!, text: data[k * classes + 1]! };
  });
}

/**
 * What a control's text becomes given OCR's reading and the classifier's guess: a symbol when the control had no
 * text and the guess is at least EMPTY_MIN, or when OCR read 1-2 characters (or scored low) that are not that
 * symbol and the guess is at least REPLACE_MIN, or at least EMPTY_MIN with "text" below NOT_TEXT_MAX. Otherwise
 * undefined: the control keeps OCR's reading.
 */
export function decideSymbol(c: Pick<SymbolCandidate, 'text'>, g: SymbolGuess): string | undefined {
  if (g.label === 'none' || g.label === 'text') return undefined;
  const t = c.text.trim();
  if (t === '') return g.p >= EMPTY_MIN ? g.label : undefined;
  if (t === g.label) return undefined;
  return g.p >= REPLACE_MIN || (g.p >= EMPTY_MIN && g.text < NOT_TEXT_MAX) ? g.label : undefined;
}

/**
 * Reads the candidates' symbols: crops each (controls with no ink away from their edge are skipped), classifies
 * them in one batch, and returns one entry per candidate: the symbol, or undefined where it keeps OCR's reading.
 */
export async function readSymbols(session: TensorSession, img: RgbaImage, candidates: readonly SymbolCandidate[]): Promise<(SymbolRead | undefined)[]> {
  const crops = candidates.map((c) => symbolCrop(img, c.box));
  const todo = crops.flatMap((c, i) => (c ? [{ c, i }] : []));
  const guesses = await classifySymbols(session, todo.map((t) => t.c));
  const out: (SymbolRead | undefined)[] = candidates.map(() => undefined);
  todo.forEach(({ c, i }, k) => {
    const g = guesses[k]!;
    const text = decideSymbol(candidates[i]!, g);
    if (text !== undefined) out[i] = { text, confidence: g.p, ink: c.ink };
  });
  return out;
}
