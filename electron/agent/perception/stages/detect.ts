/**
 * Stage "detect": the text detector (PP-OCR DB) finds text lines. The frame is scaled so its long side is at most
 * detMaxSide, padded (not stretched) to multiples of 32, and the detector's boxes are mapped back to image px.
 * Writes ctx.lines; times det_pre, det_infer and det_post.
 */
import type { TensorSession } from '../../ports.js';
import { dbPostprocess, type DbOptions } from '../db-postprocess.js';
import { PADDLE_DET_NORM, resizeToChw, type Rect } from '../resize.js';
import { stopwatch, type Stage } from './frame.js';

export interface DetectOptions {
  /** The loaded detector session (the perceiver loads it before the first frame). */
  readonly session: () => Promise<TensorSession>;
  /** Longest side (image px) the detector sees; larger frames are scaled down to it. */
  readonly detMaxSide: number;
  readonly db?: DbOptions;
}

export function detectStage(opts: DetectOptions): Stage {
  return {
    name: 'detect',
    async run(ctx) {
      const { image } = ctx;
      const lap = stopwatch(ctx.timings);
      const det = await opts.session();
      const s = Math.min(1, opts.detMaxSide / Math.max(image.width, image.height));
      const rw = Math.max(1, Math.round(image.width * s));
      const rh = Math.max(1, Math.round(image.height * s));
      const pw = Math.ceil(rw / 32) * 32;
      const ph = Math.ceil(rh / 32) * 32;
      const input = new Float32Array(3 * pw * ph);
      resizeToChw(image, { x: 0, y: 0, w: image.width, h: image.height }, rw, rh, PADDLE_DET_NORM, input, 0, pw, ph);
      lap('det_pre');
      const out = await det.run({ [det.inputNames[0]!]: { type: 'float32', dims: [1, 3, ph, pw], data: input } });
      lap('det_infer');
      ctx.signal?.throwIfAborted();
      const boxes = dbPostprocess(out[det.outputNames[0]!]!.data as Float32Array, pw, ph, opts.db);
      ctx.lines = boxes.flatMap((b) => {
        const r = toImage(b.box, rw / image.width, rh / image.height, image.width, image.height);
        return r ? [r] : [];
      });
      lap('det_post');
    },
  };
}

/** Detector px -> image px, rounded outward to whole pixels and clipped to the image; undefined below 2x2 px. */
export function toImage(box: readonly [number, number, number, number], sx: number, sy: number, width: number, height: number): Rect | undefined {
  const x0 = Math.max(0, Math.floor(box[0] / sx));
  const y0 = Math.max(0, Math.floor(box[1] / sy));
  const x1 = Math.min(width, Math.ceil(box[2] / sx));
  const y1 = Math.min(height, Math.ceil(box[3] / sy));
  return x1 - x0 < 2 || y1 - y0 < 2 ? undefined : { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
