/**
 * Stage "recognise": reads the text of every detected line (PP-OCR rec), splits lines into segments (one per
 * label, link or cell) and applies the link colour rules. Writes ctx.segments and ctx.recCached; times rec_crops,
 * rec_cache, rec_pre, rec_infer (per batch, summed), rec_post.
 *
 * Short crops are packed side by side into rows of at least recMinW columns (the width PaddleOCR pads every crop
 * to, and what the model was trained on: an isolated "*" or "0" padded to only its own width reads as a CJK
 * glyph). Rows are batched by width while padding stays cheap.
 */
import type { TensorSession } from '../../ports.js';
import { ctcGreedy, ctcGreedyIndexed, type CtcResult } from '../ctc.js';
import { PADDLE_REC_NORM, resizeToChw } from '../resize.js';
import { splitLine, type LineSegment, type PlacedChar, type SplitOptions } from '../split-line.js';
import { stopwatch, type FrameContext, type Segment, type Stage } from './frame.js';
import { markLinks } from './links.js';
import { cropKey, recCache } from './rec-cache.js';
import { packRows, recLines, REC_STRIDE, spansAcross, type RecLine } from './rec-crops.js';

/** Recognizer input height PP-OCRv4 was trained at; the row geometry below is for it. */
export const REC_H = 48;
/** Rec rows are at least this wide (rec px): PaddleOCR's default rec image shape 3x48x320. */
const REC_MIN_W = 320;
/** Blank columns (rec px, 4 CTC steps) between crops packed into one row. */
const REC_GAP = 32;
/** Batch limits: a padded batch may waste at most 25% of its columns, and holds at most this many input columns. */
const REC_BATCH_COLS = 6400;
const REC_BATCH_MAX = 24;

export interface RecogniseOptions {
  /** The loaded recognizer session. */
  readonly session: () => Promise<TensorSession>;
  /** ctcAlphabet(dictionary): blank, the dictionary's lines, space. */
  readonly alphabet: readonly string[];
  /** Segments scoring below this are dropped. */
  readonly minScore: number;
  /** Cache entries (0: off). */
  readonly cacheSize: number;
  readonly recHeight?: number;
  readonly recLongHeight?: number;
  readonly recWidthScale?: number;
  readonly split?: SplitOptions;
}

export function recogniseStage(opts: RecogniseOptions): Stage {
  const { alphabet, minScore, cacheSize } = opts;
  const recH = opts.recHeight ?? REC_H;
  const sizes = {
    recH,
    recLongH: opts.recLongHeight ?? recH,
    recMinW: roundUp((REC_MIN_W * recH) / REC_H, REC_STRIDE),
    recScale: opts.recWidthScale ?? 1,
  };
  const recGap = Math.max(3 * REC_STRIDE, roundUp((REC_GAP * recH) / REC_H, REC_STRIDE));
  const cache = recCache(cacheSize);
  let classesChecked = false;

  async function run(ctx: FrameContext): Promise<void> {
    const { image, rects } = ctx;
    const lap = stopwatch(ctx.timings);
    const rec = await opts.session();
    const lines = recLines(ctx.lines, rects, sizes, image);
    lap('rec_crops');

    const found: Segment[] = [];
    const keys = new Map<RecLine, string>();
    // Lines whose crop has the same pixels as an earlier line of this frame (repeated labels, "¶" marks, rows of
    // identical buttons) are read once: they get the first line's segments, moved to their own place.
    const copies = new Map<RecLine, RecLine[]>();
    const emit = (l: RecLine, segs: readonly LineSegment[]) => {
      for (const seg of segs) if (seg.confidence >= minScore) found.push(seg);
      for (const c of copies.get(l) ?? []) for (const seg of moved(segs, c.rect.x - l.rect.x, c.rect.y - l.rect.y)) if (seg.confidence >= minScore) found.push(seg);
      const key = keys.get(l);
      if (key !== undefined && cacheSize > 0) cache.set(key, l.rect, segs);
    };
    const todo: RecLine[] = [];
    const firstOf = new Map<string, RecLine>();
    let cached = 0;
    for (const l of lines) {
      // The key holds what splitLine reads besides the pixels: the control boxes the line runs across.
      const key = `${cropKey(image, l.rect)}|${l.recH}|${spansAcross(l.rect, rects).map(([a, b]) => `${a - l.rect.x},${b - l.rect.x}`).join(';')}`;
      const hit = cacheSize > 0 ? cache.get(key, l.rect) : undefined;
      if (hit) {
        cached++;
        for (const g of hit) if (g.confidence >= minScore) found.push(g);
        continue;
      }
      const first = firstOf.get(key);
      if (first) {
        copies.set(first, [...(copies.get(first) ?? []), l]);
        continue;
      }
      firstOf.set(key, l);
      keys.set(l, key);
      todo.push(l);
    }
    lap('rec_cache');

    const short = todo.map((l, index) => ({ l, index })).filter((x) => x.l.recH === recH);
    const rows = [
      ...packRows(short.map((x) => x.l.recW), sizes.recMinW, recGap).map((r) => ({
        slots: r.slots.map((sl) => ({ index: short[sl.index]!.index, offset: sl.offset })),
        width: Math.max(sizes.recMinW, roundUp(r.width, REC_STRIDE)),
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
      ctx.signal?.throwIfAborted();
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
    ctx.segments = markLinks(image, found);
    ctx.recCached = cached;
  }

  return { name: 'recognise', run };
}

/** Segments read at one place, moved by (dx, dy) image px. */
function moved(segs: readonly LineSegment[], dx: number, dy: number): LineSegment[] {
  return segs.map((g) => ({ ...g, box: [g.box[0] + dx, g.box[1] + dy, g.box[2] + dx, g.box[3] + dy] }));
}

function roundUp(v: number, m: number): number {
  return Math.ceil(v / m) * m;
}
