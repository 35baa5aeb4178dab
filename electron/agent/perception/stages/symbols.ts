/**
 * Stage "symbols": names controls whose label OCR could not read (a lone `*`, `√`, `(`, `.`, an icon such as ☰
 * or ✕) with our glyph and icon classifier (../symbols.ts, models/symbols/). Runs after recognise and before
 * merge: it looks at control-sized rectangles (ctx.rects: outlined boxes and flat buttons, stage widgets) holding
 * no text, or only 1-2 characters or a low score, and at such short readings outside any rectangle, and adds a
 * segment with the symbol's name over the symbol's ink, which merge then makes the control's label.
 * Where it re-reads what recognise read (OCR's "=" on a ☰), its segment replaces those it re-read: it does so only
 * at REPLACE_MIN, when the classifier is near certain. Times symbols_load (the model's first load), symbols_crop and symbols_infer inside its own time.
 *
 * A model that cannot be loaded is not an error: parsing goes on without symbols and the user is told once.
 */
import type { ImageBox } from '../../../common/geometry.js';
import type { TensorRuntime, TensorSession } from '../../ports.js';
import { classifySymbols, decideSymbol, isSymbolCandidate, symbolCrop, type SymbolCrop } from '../symbols.js';
import type { RectRegion } from '../widgets.js';
import { stopwatch, type Segment, type Stage } from './frame.js';

export interface SymbolsOptions {
  readonly runtime: TensorRuntime;
  /** models/symbols/symbols.onnx; the stage does nothing when undefined. */
  readonly modelPath?: string;
  readonly sessionOptions?: { readonly providers?: readonly string[]; readonly intraOpThreads?: number };
}

/** Control-sized interiors (image px): smaller are glyph holes, larger are panels; wider than this aspect are fields. */
const MIN_SIDE = 8;
const MAX_W = 320;
const MAX_H = 120;
const MAX_ASPECT = 6;

export function symbolsStage(opts: SymbolsOptions): Stage {
  let load: Promise<TensorSession | undefined> | undefined;
  let note: string | undefined;
  let noteGiven = false;
  const session = () => {
    if (!opts.modelPath) return Promise.resolve(undefined);
    load ??= opts.runtime.load(opts.modelPath, opts.sessionOptions).catch((e: Error) => {
      note =
        `symbol keys and icons are not named on this computer (their model could not be loaded: ${e.message.split('\n')[0]}); ` +
        'text is still read, and such a control can be clicked by its number';
      return undefined;
    });
    return load;
  };

  return {
    name: 'symbols',
    async run(ctx) {
      const lap = stopwatch(ctx.timings);
      const s = await session();
      lap('symbols_load');
      if (note && !noteGiven) {
        ctx.notes.push(note);
        noteGiven = true;
      }
      if (!s) return;
      const found = [
        ...symbolCandidates(ctx.rects, ctx.segments),
        ...looseCandidates(ctx.segments, ctx.rects, ctx.image.width, ctx.image.height),
      ];
      const crops: { c: (typeof found)[number]; crop: SymbolCrop }[] = [];
      for (const c of found) {
        const crop = symbolCrop(ctx.image, c.rect.outer);
        if (crop) crops.push({ c, crop });
      }
      lap('symbols_crop');
      if (!crops.length) return;
      const guesses = await classifySymbols(s, crops.map((x) => x.crop));
      lap('symbols_infer');
      ctx.signal?.throwIfAborted();
      const replaced = new Set<Segment>();
      const added: Segment[] = [];
      crops.forEach(({ c, crop }, k) => {
        const g = guesses[k]!;
        const text = decideSymbol({ text: c.text }, g);
        if (text === undefined) return;
        for (const o of c.owned) replaced.add(o);
        added.push({ text, box: labelBox(crop.ink, c.rect.inner), confidence: g.p, ink: 'n' });
      });
      if (added.length) ctx.segments = [...ctx.segments.filter((x) => !replaced.has(x)), ...added];
    },
    async release() {
      const s = await load;
      load = undefined;
      await s?.release();
    },
  };
}

/**
 * Rectangles worth a symbol read, with what OCR put inside them: control-sized, not a table cell, not empty, holding no other
 * control-sized rectangle (the innermost of nested outlines), and holding no text or only a candidate's
 * (isSymbolCandidate: 1-2 characters or a low score).
 */
export function symbolCandidates(rects: readonly RectRegion[], segments: readonly Segment[]): { rect: RectRegion; owned: Segment[]; text: string }[] {
  const sized = rects.filter((r) => {
    const w = r.inner[2] - r.inner[0];
    const h = r.inner[3] - r.inner[1];
    // holes: ink blobs inside; an empty box has nothing to read.
    return !r.gridCell && r.holes > 0 && w >= MIN_SIDE && h >= MIN_SIDE && w <= MAX_W && h <= MAX_H && w <= MAX_ASPECT * h;
  });
  const out: { rect: RectRegion; owned: Segment[]; text: string }[] = [];
  for (const r of sized) {
    if (sized.some((o) => o !== r && inside(o.outer, r.inner))) continue;
    const [x0, y0, x1, y1] = r.inner;
    const owned = segments.filter((t) => {
      const cx = (t.box[0] + t.box[2]) / 2;
      const cy = (t.box[1] + t.box[3]) / 2;
      return cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1;
    });
    const text = owned.map((t) => t.text).join(' ');
    const confidence = Math.min(1, ...owned.map((t) => t.confidence));
    if (owned.length && !isSymbolCandidate({ text, confidence })) continue;
    out.push({ rect: r, owned, text });
  }
  return out;
}

/**
 * OCR readings of 1-2 characters (or a low score) in no rectangle at all (an icon drawn straight on a toolbar: GTK's
 * ☰ reads "Ⅲ"), each with a box around it wide enough that its ink stays clear of symbolCrop's edge band. Having
 * OCR text, they change only at REPLACE_MIN.
 */
export function looseCandidates(segments: readonly Segment[], rects: readonly RectRegion[], width: number, height: number): { rect: RectRegion; owned: Segment[]; text: string }[] {
  return segments.flatMap((t) => {
    if (!isSymbolCandidate(t)) return [];
    const cx = (t.box[0] + t.box[2]) / 2;
    const cy = (t.box[1] + t.box[3]) / 2;
    if (rects.some((r) => cx >= r.inner[0] && cx <= r.inner[2] && cy >= r.inner[1] && cy <= r.inner[3])) return [];
    const m = Math.max(6, Math.round(0.5 * (t.box[3] - t.box[1])));
    const box: ImageBox = [Math.max(0, t.box[0] - m), Math.max(0, t.box[1] - m), Math.min(width, t.box[2] + m), Math.min(height, t.box[3] + m)];
    const rect: RectRegion = { inner: box, outer: box, fill: 1, gridCell: false, bg: [0, 0, 0], holes: 1 };
    return [{ rect, owned: [t], text: t.text }];
  });
}

function inside(a: ImageBox, b: ImageBox): boolean {
  return a[0] >= b[0] && a[1] >= b[1] && a[2] <= b[2] && a[3] <= b[3];
}

/**
 * The label's box: the symbol's ink, grown vertically to at least 0.4 of the control's interior height (a "." is
 * two pixels high; merge takes a label far shorter than its box for a text on a panel, not a control's label).
 */
export function labelBox(ink: ImageBox, inner: ImageBox): ImageBox {
  const minH = 0.4 * (inner[3] - inner[1]);
  const h = ink[3] - ink[1];
  if (h >= minH) return ink;
  const cy = (ink[1] + ink[3]) / 2;
  return [ink[0], Math.max(inner[1], Math.floor(cy - minH / 2)), ink[2], Math.min(inner[3], Math.ceil(cy + minH / 2))];
}
