/**
 * Perception v1: PaddleOCR (PP-OCRv4 det + rec) through the TensorRuntime port, with our own pre/post-processing,
 * turning a screenshot into text elements numbered in reading order (the mark ids).
 *
 * Model bytes never pass through here: the runtime loads the paths it is given. The dictionary comes in as text.
 */
import type { ImageBox } from '../../common/geometry.js';
import type { Element } from '../../common/elements.js';
import type { RgbaImage, TensorRuntime, TensorSession } from '../ports.js';
import { ctcAlphabet, ctcGreedy, ctcGreedyIndexed, type CtcResult } from './ctc.js';
import { dbPostprocess, type DbOptions } from './db-postprocess.js';
import { PADDLE_DET_NORM, PADDLE_REC_NORM, resizeToChw, type Rect } from './resize.js';
import { letterbox, decodeYolo, type Detection, type DetectorSettings } from './detector.js';
import { controlsFromRects, mergeDetections, type Merged } from './merge.js';
import { findRectRegions, type RectRegion } from './widgets.js';
import { splitLine, type LineSegment, type PlacedChar, type SplitOptions } from './split-line.js';

export interface PerceiverOptions {
  readonly runtime: TensorRuntime;
  readonly detModelPath: string;
  readonly recModelPath: string;
  /** Contents of ppocr_keys_v1.txt (one character per line). */
  readonly dictionary: string;
  readonly providers?: readonly string[];
  readonly intraOpThreads?: number;
  /**
   * Longest side (image px) the detector sees. Screens up to this size are detected at native resolution: UI text
   * is 9-13 px tall and halving it loses small labels. 1920 keeps a 1920x1080 frame at about 0.2 s of detector time
   * on 2 CPU cores; larger frames (4K, usually HiDPI with larger text) are scaled down to it.
   */
  readonly detMaxSide?: number;
  /** Keep elements whose recognition score is at least this (OmniParser's default text threshold 0.5). */
  readonly minScore?: number;
  /**
   * Recognition results kept per crop content (entries; 0 turns it off). Between agent steps most of the screen
   * is unchanged: a line whose pixels hash the same is not recognized again. Detection always runs.
   */
  readonly recCacheSize?: number;
  /**
   * Horizontal scale of long recognizer crops (wider than 320 rec px at PaddleOCR's aspect-preserving resize)
   * relative to that width; 1 = PaddleOCR's resize. The recognizer's cost is linear in input columns and body
   * text dominates them; below 1 it reads narrower glyphs. Short crops (labels, buttons) are never squeezed.
   */
  readonly recWidthScale?: number;
  /**
   * Recognizer input height (px). PP-OCRv4 was trained at 48; a model whose input height is symbolic
   * (models/ocr/) also runs lower, at (h/48)^2 of the cost.
   */
  readonly recHeight?: number;
  /** Input height for long lines (wider than 320 rec px at 48: body text, each a row of its own); default recHeight. */
  readonly recLongHeight?: number;
  readonly db?: DbOptions;
  readonly split?: SplitOptions;
  /** Classical widget detection (rectangles around labels, empty fields, checkboxes); on unless false. */
  readonly widgets?: boolean;
  /**
   * Optional YOLO-format ONNX icon detector (detector.ts). When it cannot be loaded the perceiver goes on without
   * it and says why in Perception.notes (once).
   */
  readonly detectorModelPath?: string;
  readonly detector?: DetectorSettings;
}

export interface Perception {
  readonly elements: Element[];
  /** Milliseconds per stage (load, det_pre, det_infer, det_post, rec_cache, rec_pre, rec_infer, rec_post, order) and total. */
  readonly timings_ms: Record<string, number>;
  /** Text lines the detector found, and how many of them the recognition cache answered. */
  readonly counts: { readonly lines: number; readonly recCached: number; readonly icons?: number };
  /** Things the caller should tell the user (a detector that could not be loaded). */
  readonly notes?: readonly string[];
}

export interface Perceiver {
  perceive(image: RgbaImage, signal?: AbortSignal): Promise<Perception>;
  /** Loads both sessions now (otherwise the first perceive() does). */
  ready(): Promise<void>;
  release(): Promise<void>;
}

/** Recognizer input height (px) and downsampling of its time axis: one CTC step per 8 input columns. */
const REC_H = 48;
const REC_STRIDE = 8;
/** Widest crop (rec input px) fed as is; longer lines are squeezed to it rather than grow the tensor unbounded. */
const REC_MAX_W = 3840;
/** Rec rows are at least this wide (rec px): PaddleOCR's default rec image shape 3x48x320. */
const REC_MIN_W = 320;
/** Blank columns (rec px, 4 CTC steps) between crops packed into one row. */
const REC_GAP = 32;
/** Batch limits: a padded batch may waste at most 25% of its columns, and holds at most this many input columns. */
const REC_BATCH_COLS = 6400;
const REC_BATCH_MAX = 24;

interface Line {
  rect: Rect;
  /** Height and width (rec input px) this crop is resized to. */
  readonly recH: number;
  readonly recW: number;
}

export function createPerceiver(opts: PerceiverOptions): Perceiver {
  const alphabet = ctcAlphabet(opts.dictionary);
  const detMaxSide = opts.detMaxSide ?? 1920;
  const minScore = opts.minScore ?? 0.5;
  const cacheSize = opts.recCacheSize ?? 2048;
  const recScale = opts.recWidthScale ?? 1;
  let classesChecked = false;
  /** Recognizer input height and the row geometry scaled with it (the constants are for 48). */
  const recH = opts.recHeight ?? REC_H;
  const recMinW = roundUp((REC_MIN_W * recH) / REC_H, REC_STRIDE);
  const recLongH = opts.recLongHeight ?? recH;
  const recGap = Math.max(3 * REC_STRIDE, roundUp((REC_GAP * recH) / REC_H, REC_STRIDE));
  /** Crop hash -> segments with boxes relative to the crop origin (image px). Map order = least recently used first. */
  const cache = new Map<string, LineSegment[]>();
  const sessionOpts = { providers: opts.providers, intraOpThreads: opts.intraOpThreads };
  let loading: Promise<{ det: TensorSession; rec: TensorSession }> | undefined;
  let released = false;
  const load = () => {
    if (released) throw new Error('perceiver was released');
    loading ??= Promise.all([opts.runtime.load(opts.detModelPath, sessionOpts), opts.runtime.load(opts.recModelPath, sessionOpts)]).then(
      ([det, rec]) => ({ det, rec }),
    );
    return loading;
  };

  let notesGiven = false;
  let iconLoad: Promise<TensorSession | undefined> | undefined;
  let iconNote: string | undefined;
  const loadIcons = () => {
    if (!opts.detectorModelPath) return Promise.resolve(undefined);
    iconLoad ??= opts.runtime.load(opts.detectorModelPath, sessionOpts).catch((e: Error) => {
      iconNote = `icon detector not used: ${e.message.split('\n')[0]}; parsing goes on with OCR and widget analysis`;
      return undefined;
    });
    return iconLoad;
  };
  /** Fixed-shape exports refuse the minimal letterbox: remember to pad to a square after the first refusal. */
  let iconSquare = false;
  async function runIcons(session: TensorSession, image: RgbaImage): Promise<Detection[]> {
    const long = opts.detector?.longSide ?? 1280;
    for (;;) {
      const lb = letterbox(image, long, iconSquare);
      try {
        const out = await session.run({ [session.inputNames[0]!]: lb.tensor });
        return decodeYolo(out[session.outputNames[0]!]!, lb, image.width, image.height, opts.detector);
      } catch (e) {
        if (iconSquare) throw e;
        iconSquare = true;
      }
    }
  }

  async function perceive(image: RgbaImage, signal?: AbortSignal): Promise<Perception> {
    const timings: Record<string, number> = {};
    const t0 = performance.now();
    let mark = t0;
    const lap = (name: string) => {
      const now = performance.now();
      timings[name] = (timings[name] ?? 0) + round1(now - mark);
      mark = now;
    };
    if (image.data.length !== image.width * image.height * 4) throw new RangeError('image data is not width x height RGBA');
    const { det, rec } = await load();
    lap('load');
    signal?.throwIfAborted();
    if (image.width < 2 || image.height < 2) return { elements: [], timings_ms: { ...timings, total: round1(performance.now() - t0) }, counts: { lines: 0, recCached: 0 } };

    // --- Detection: scale so the long side is at most detMaxSide, pad (not stretch) to multiples of 32.
    const s = Math.min(1, detMaxSide / Math.max(image.width, image.height));
    const rw = Math.max(1, Math.round(image.width * s));
    const rh = Math.max(1, Math.round(image.height * s));
    const pw = Math.ceil(rw / 32) * 32;
    const ph = Math.ceil(rh / 32) * 32;
    const detInput = new Float32Array(3 * pw * ph);
    resizeToChw(image, { x: 0, y: 0, w: image.width, h: image.height }, rw, rh, PADDLE_DET_NORM, detInput, 0, pw, ph);
    lap('det_pre');
    const detRun = det.run({ [det.inputNames[0]!]: { type: 'float32', dims: [1, 3, ph, pw], data: detInput } });
    // Classical widget analysis runs before the detector does: onnxruntime-node 1.30 defers run() with setImmediate
    // and then runs it synchronously on this thread (with its pool), so the two do not overlap; on 2 cores a
    // worker for the widgets would compete with onnxruntime's own threads anyway (~20 ms per 1920x1080 frame).
    const rects = opts.widgets === false ? [] : findRectRegions(image);
    lap('widgets');
    const detOut = await detRun;
    lap('det_infer');
    signal?.throwIfAborted();
    const prob = detOut[det.outputNames[0]!]!;
    const boxes = dbPostprocess(prob.data as Float32Array, pw, ph, opts.db);
    const sx = rw / image.width;
    const sy = rh / image.height;
    const lines: Line[] = [];
    for (const b of boxes) {
      // Map px -> image px, rounded outward to whole pixels and clipped to the image.
      const x0 = Math.max(0, Math.floor(b.box[0] / sx));
      const y0 = Math.max(0, Math.floor(b.box[1] / sy));
      const x1 = Math.min(image.width, Math.ceil(b.box[2] / sx));
      const y1 = Math.min(image.height, Math.ceil(b.box[3] / sy));
      const w = x1 - x0;
      const h = y1 - y0;
      if (w < 2 || h < 2) continue;
      lines.push({ rect: { x: x0, y: y0, w, h }, recH, recW: 0 });
    }
    for (const [k, rect] of rowBands(lines.map((l) => controlCrop(l.rect, rects) ?? l.rect)).entries()) {
      // Long lines (mostly body text: a row of their own) may be read lower and narrower; short ones (labels,
      // buttons, packed several to a row) keep PaddleOCR's 48 px and aspect.
      // A line running across control boxes (a row of buttons read as one) is not body text.
      const long = (recH * rect.w) / rect.h > recMinW && (recLongH === recH || spansAcross(rect, rects).length === 0);
      const h = long ? recLongH : recH;
      const w = ((h * rect.w) / rect.h) * (long ? recScale : 1);
      lines[k] = { rect, recH: h, recW: Math.min(REC_MAX_W, Math.max(REC_STRIDE * 2, Math.round(w))) };
    }
    lap('det_post');

    const found: (LineSegment & { link?: boolean })[] = [];
    const keys = new Map<Line, string>();
    const emit = (l: Line, segs: readonly LineSegment[]) => {
      for (const seg of segs) if (seg.confidence >= minScore) found.push(seg);
      const key = keys.get(l);
      if (key === undefined) return;
      cache.set(key, segs.map((g) => ({ ...g, box: [g.box[0] - l.rect.x, g.box[1] - l.rect.y, g.box[2] - l.rect.x, g.box[3] - l.rect.y] })));
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
    };
    let todo = lines;
    if (cacheSize > 0) {
      todo = [];
      for (const l of lines) {
        const key = cropKey(image, l.rect);
        const hit = cache.get(key);
        if (!hit) {
          keys.set(l, key);
          todo.push(l);
          continue;
        }
        cache.delete(key);
        cache.set(key, hit);
        for (const g of hit) {
          if (g.confidence >= minScore) {
            found.push({ ...g, box: [g.box[0] + l.rect.x, g.box[1] + l.rect.y, g.box[2] + l.rect.x, g.box[3] + l.rect.y] });
          }
        }
      }
      lap('rec_cache');
    }

    // --- Recognition. Short crops are packed side by side into rows of at least REC_MIN_W columns (the width
    // PaddleOCR pads every crop to, and what the model was trained on: an isolated "*" or "0" padded to only its
    // own width reads as a CJK glyph). Rows are batched by width while padding stays cheap.
    const short = todo.map((l, index) => ({ l, index })).filter((x) => x.l.recH === recH);
    const rows = [
      ...packRows(short.map((x) => x.l.recW), recMinW, recGap).map((r) => ({
        slots: r.slots.map((sl) => ({ index: short[sl.index]!.index, offset: sl.offset })),
        width: Math.max(recMinW, roundUp(r.width, REC_STRIDE)),
        h: recH,
      })),
      ...todo.flatMap((l, index) => (l.recH === recH ? [] : [{ slots: [{ index, offset: 0 }], width: roundUp(l.recW, REC_STRIDE), h: l.recH }])),
    ];
    rows.sort((a, b) => a.h - b.h || a.width - b.width);
    let i = 0;
    while (i < rows.length) {
      let j = i + 1;
      let sum = rows[i]!.width;
      while (j < rows.length && j - i < REC_BATCH_MAX && rows[j]!.h === rows[i]!.h) {
        const padW = rows[j]!.width;
        const n = j - i + 1;
        if (padW * n > REC_BATCH_COLS || padW * n > 1.25 * (sum + padW)) break;
        sum += padW;
        j++;
      }
      const batch = rows.slice(i, j);
      i = j;
      const padW = batch[batch.length - 1]!.width;
      const bh = batch[0]!.h;
      const plane = 3 * bh * padW;
      const input = new Float32Array(batch.length * plane);
      batch.forEach((row, k) => {
        for (const slot of row.slots) {
          const l = todo[slot.index]!;
          resizeToChw(image, l.rect, l.recW, bh, PADDLE_REC_NORM, input, k * plane + slot.offset, padW, bh);
        }
      });
      lap('rec_pre');
      const feeds = { [rec.inputNames[0]!]: { type: 'float32' as const, dims: [batch.length, 3, bh, padW], data: input } };
      // A recognizer with argmax outputs (models/ocr/optimize.py) is asked for those alone, except on its first
      // run, where the softmax's class count is checked against the dictionary.
      const indexed = rec.outputNames.includes('ctc_index') && rec.outputNames.includes('ctc_prob');
      const probsName = rec.outputNames[0]!;
      const outs = await rec.run(feeds, indexed && classesChecked ? ['ctc_index', 'ctc_prob'] : indexed ? [probsName, 'ctc_index', 'ctc_prob'] : [probsName]);
      lap('rec_infer');
      signal?.throwIfAborted();
      if (!classesChecked) {
        const classes = outs[probsName]!.dims[2];
        if (classes !== alphabet.length) {
          throw new Error(`recognizer has ${classes} classes but the dictionary gives ${alphabet.length} (blank + lines + space): wrong dictionary?`);
        }
        classesChecked = true;
      }
      let steps: number;
      let decode: (k: number) => CtcResult;
      if (indexed) {
        const idx = outs.ctc_index!;
        steps = idx.dims[1]!;
        const index = idx.data as Int32Array;
        const prob = outs.ctc_prob!.data as Float32Array;
        decode = (k) => ctcGreedyIndexed(index, prob, k * steps, steps, alphabet);
      } else {
        const out = outs[probsName]!;
        steps = out.dims[1]!;
        const data = out.data as Float32Array;
        decode = (k) => ctcGreedy(data, k * steps * alphabet.length, steps, alphabet);
      }
      // Time step t covers rec columns [t, t + 1) * colsPerStep of the row.
      const colsPerStep = padW / steps;
      batch.forEach((row, k) => {
        const r = decode(k);
        for (const slot of row.slots) {
          const l = todo[slot.index]!;
          // A character belongs to the slot its centre column falls in, gaps split half and half.
          const lo = slot.offset - recGap / 2;
          const hi = slot.offset + l.recW + recGap / 2;
          const toImg = l.rect.w / l.recW; // rec px -> image px for this crop
          const placed: PlacedChar[] = [];
          for (const c of r.chars) {
            const col = ((c.t0 + c.t1 + 1) / 2) * colsPerStep;
            if (col < lo || col >= hi) continue;
            const within = Math.min(l.recW, Math.max(0, col - slot.offset));
            placed.push({ char: c.char, x: l.rect.x + within * toImg, prob: c.prob });
          }
          emit(l, splitLine(image, l.rect, placed, opts.split, spansAcross(l.rect, rects)));
        }
      });
      lap('rec_post');
    }

    // Links: text whose ink has a colour (hue) on the page's own background, or a line entirely in one colour
    // on another background (a coloured nav bar). Body text is grey/black; code blocks (their own background,
    // several colours per line) do not count.
    // Menus and breadcrumbs (items cut at separators) are links whatever their colour, and so are short lines on
    // a grey panel that is not the page (a sidebar's table of contents).
    const pageBg = dominantColour(image);
    for (const f of found) {
      if (!f.bg) continue;
      const onPage = Math.max(...f.bg.map((v, k) => Math.abs(v - pageBg[k]!))) <= 12;
      const greyPanel = !onPage && Math.max(...f.bg) - Math.min(...f.bg) < 20 && Math.abs(f.bg[0] - pageBg[0]!) < 48;
      const coloured = f.ink !== undefined && f.ink !== 'n' && (onPage || f.wholeLine === true);
      const shortItem = f.text.length <= 40 && f.text.split(' ').length <= 5;
      f.link = coloured || (f.menu === true && shortItem) || (greyPanel && shortItem && f.wholeLine === true);
    }
    const step1 = controlsFromRects(found, rects);
    let { controls, rest } = step1;
    let icons: number | undefined;
    const notes: string[] = [];
    const iconSession = await loadIcons();
    if (iconNote && !notesGiven) {
      notes.push(iconNote);
      notesGiven = true;
    }
    if (iconSession) {
      lap('merge');
      const dets = await runIcons(iconSession, image);
      icons = dets.length;
      lap('icons');
      ({ controls, rest } = mergeDetections(controls, rest, dets));
    }
    const merged: Merged[] = [
      ...controls,
      // Text outside any control: OCR alone cannot tell a label from a control, so it is not claimed interactive.
      ...rest.map((f) =>
        f.link
          ? { kind: 'link' as const, box: f.box, text: f.text, interactive: true, confidence: 0.8 * f.confidence, source: 'ocr+colour' }
          : { kind: 'text' as const, box: f.box, text: f.text, interactive: false, confidence: f.confidence, source: 'ocr' },
      ),
    ];
    lap('merge');
    const ordered = readingOrder(merged);
    const elements: Element[] = ordered.map((f, id) => ({
      id,
      kind: f.kind,
      bbox: [f.box[0], f.box[1], f.box[2], f.box[3]],
      text: asciiForms(f.text),
      interactive: f.interactive,
      confidence: Math.min(1, Math.max(0, f.confidence)),
      source: f.source,
    }));
    lap('order');
    timings.total = round1(performance.now() - t0);
    return { elements, timings_ms: timings, counts: { lines: lines.length, recCached: lines.length - todo.length, ...(icons === undefined ? {} : { icons }) }, ...(notes.length ? { notes } : {}) };
  }

  return {
    perceive,
    async ready() {
      await load();
    },
    async release() {
      released = true;
      const l = loading;
      loading = undefined;
      if (l) {
        const { det, rec } = await l;
        await Promise.all([det.release(), rec.release()]);
      }
      const i = await iconLoad;
      iconLoad = undefined;
      await i?.release();
    },
  };
}

/**
 * Reading order: rows top to bottom, then left to right. Boxes are taken by centre y; a box joins the current row
 * when its centre lies inside the vertical span of the row's first box and the two overlap vertically by at least
 * half of the shorter one (so a tall and a short box side by side stay in one row, stacked lines do not).
 */
export function readingOrder<T extends { readonly box: ImageBox }>(items: readonly T[]): T[] {
  const cy = (b: ImageBox) => (b[1] + b[3]) / 2;
  const sorted = [...items].sort((a, b) => cy(a.box) - cy(b.box) || a.box[0] - b.box[0]);
  const rows: T[][] = [];
  for (const it of sorted) {
    const row = rows[rows.length - 1];
    const head = row?.[0];
    if (row && head) {
      const a = head.box;
      const b = it.box;
      const overlap = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
      const c = cy(b);
      if (c >= a[1] && c <= a[3] && overlap >= 0.5 * Math.min(a[3] - a[1], b[3] - b[1])) {
        row.push(it);
        continue;
      }
    }
    rows.push([it]);
  }
  return rows.flatMap((r) => r.sort((a, b) => a.box[0] - b.box[0]));
}

/**
 * A short line inside a small button-like box is recognized over the box's full interior height: the label with
 * the button's own margins above and below is a self-contained word image, so a lone "*" or "e" reads the same whatever else is
 * packed into the recognizer row (tight crops of single glyphs flip between "*" and a CJK look-alike).
 */
export function controlCrop(line: Rect, rects: readonly RectRegion[]): Rect | undefined {
  const lcx = line.x + line.w / 2;
  const lcy = line.y + line.h / 2;
  let best: RectRegion | undefined;
  for (const r of rects) {
    const [x0, y0, x1, y1] = r.inner;
    if (r.gridCell || lcx < x0 || lcx > x1 || lcy < y0 || lcy > y1) continue;
    // The whole line must lie inside (a line running across several buttons is split later, not cropped here).
    if (line.x < x0 - 3 || line.x + line.w > x1 + 3) continue;
    const iw = x1 - x0;
    const ih = y1 - y0;
    if (ih > 2.5 * line.h || ih < 0.6 * line.h || iw > line.w + 3 * ih || iw > 4 * ih) continue;
    if (!best || iw * ih < (best.inner[2] - best.inner[0]) * (best.inner[3] - best.inner[1])) best = r;
  }
  if (!best) return undefined;
  // The box's rows, the line's columns: wider margins left and right measured worse on xcalc (47-50 of 55
  // labels read against 52).
  const [ix0, y0, ix1, y1] = best.inner;
  const x0 = Math.max(ix0, line.x);
  const x1 = Math.min(ix1, line.x + line.w);
  return x1 - x0 > 3 && y1 - y0 > 3 ? { x: x0 + 1, y: y0 + 1, w: x1 - x0 - 2, h: y1 - y0 - 2 } : undefined;
}

/** Interiors of control-sized boxes a line runs across (at least two of them), as x spans for splitLine. */
export function spansAcross(line: Rect, rects: readonly RectRegion[]): [number, number][] {
  const cy = line.y + line.h / 2;
  const spans: [number, number][] = [];
  for (const r of rects) {
    const [x0, y0, x1, y1] = r.inner;
    if (r.gridCell || cy < y0 || cy > y1 || y1 - y0 > 3 * line.h) continue;
    if (x1 <= line.x || x0 >= line.x + line.w) continue;
    // A box holding the whole line is its container, not one of the controls it runs across.
    if (x0 <= line.x + 4 && x1 >= line.x + line.w - 4) continue;
    spans.push([x0, x1]);
  }
  // Innermost boxes only: a box around other boxes on this line is their group.
  const inner = spans.filter((a) => !spans.some((b) => b !== a && b[0] >= a[0] && b[1] <= a[1]));
  return inner.length >= 2 ? inner.sort((a, b) => a[0] - b[0]) : [];
}

/**
 * Grows each line box vertically to the text band of its row. The detector's box around a word of x-height
 * letters ("e", "on") is shorter than its neighbours' ("EE", "log"); scaled to the recognizer's 48 px, a lone
 * lowercase "e" then fills the height like a capital and reads as "6". Neighbours = boxes overlapping vertically
 * by half the shorter height, at most 1.6x as tall, within 8 heights horizontally; a box grows to the union of
 * their spans, by at most half its own height.
 */
export function rowBands(rects: readonly Rect[]): Rect[] {
  const byX = rects.map((r, i) => ({ r, i })).sort((a, b) => a.r.x - b.r.x);
  return rects.map((r) => {
    let top = r.y;
    let bottom = r.y + r.h;
    const reach = 8 * r.h;
    for (const { r: n } of byX) {
      if (n.x > r.x + r.w + reach) break;
      if (n === r || n.x + n.w < r.x - reach || n.h > 1.6 * r.h || n.h < r.h) continue;
      const ov = Math.min(r.y + r.h, n.y + n.h) - Math.max(r.y, n.y);
      if (ov < 0.5 * Math.min(r.h, n.h)) continue;
      top = Math.min(top, n.y);
      bottom = Math.max(bottom, n.y + n.h);
    }
    const grow = Math.floor(r.h / 2);
    top = Math.max(top, r.y - grow);
    bottom = Math.min(bottom, r.y + r.h + grow);
    return top === r.y && bottom === r.y + r.h ? r : { x: r.x, y: top, w: r.w, h: bottom - top };
  });
}

/** Crops packed into one recognizer row: slot offsets in rec px from the row's left edge. */
export interface PackedRow {
  readonly slots: { readonly index: number; readonly offset: number }[];
  /** Used width, rec px (last slot's right edge). */
  readonly width: number;
}

/**
 * First-fit packing of crop widths (rec px) into rows of `rowW`, `gap` px apart, widest first. A crop at least
 * rowW wide gets a row of its own. Every index appears in exactly one row.
 */
export function packRows(widths: readonly number[], rowW: number, gap: number): PackedRow[] {
  const order = widths.map((w, index) => ({ w, index })).sort((a, b) => b.w - a.w || a.index - b.index);
  const rows: { slots: { index: number; offset: number }[]; width: number }[] = [];
  for (const { w, index } of order) {
    const row = w < rowW ? rows.find((r) => r.width + gap + w <= rowW && r.slots.length > 0) : undefined;
    if (row) {
      row.slots.push({ index, offset: row.width + gap });
      row.width += gap + w;
    } else rows.push({ slots: [{ index, offset: 0 }], width: w });
  }
  return rows;
}

/** Content key of a crop: its size and a 2x32-bit FNV-1a hash of its RGB bytes. */
function cropKey(img: RgbaImage, r: Rect): string {
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

/**
 * The recognizer's dictionary holds fullwidth forms (＊, ８) beside ASCII and picks them for lone glyphs. In text
 * without CJK characters they are ASCII (NFKC maps them so); Chinese text keeps its fullwidth punctuation.
 */
export function asciiForms(text: string): string {
  if (/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(text)) return text;
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

function roundUp(v: number, m: number): number {
  return Math.ceil(v / m) * m;
}
function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
