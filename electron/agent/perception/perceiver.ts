/**
 * Perception: a screenshot in, elements numbered in reading order (the mark ids) out. A frame runs through named
 * stages (stages/), each writing into one FrameContext: detect -> widgets -> recognise -> symbols -> merge ->
 * tree (the accessibility tree, when one came with the frame) -> number. PaddleOCR (PP-OCRv4 det + rec) runs through the TensorRuntime port with our own pre/post-processing.
 *
 * Model bytes never pass through here: the runtime loads the paths it is given. The dictionary comes in as text.
 */
import type { Element } from '../../common/elements.js';
import type { RgbaImage, TensorRuntime, TensorSession } from '../ports.js';
import { ctcAlphabet } from './ctc.js';
import type { DbOptions } from './db-postprocess.js';
import type { DetectorSettings } from './detector.js';
import type { SplitOptions } from './split-line.js';
import { detectStage } from './stages/detect.js';
import { newFrame, round1, runStages, type Stage, type TreeItem } from './stages/frame.js';
import { mergeStage } from './stages/merge.js';
import { numberStage } from './stages/number.js';
import { recogniseStage } from './stages/recognise.js';
import { symbolsStage } from './stages/symbols.js';
import { treeStage } from './stages/tree.js';
import { widgetsStage } from './stages/widgets.js';

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
  /**
   * Our glyph and icon classifier (models/symbols/symbols.onnx, stages/symbols.ts): names symbol-only controls
   * (`*`, `√`, ☰, ✕) OCR leaves empty. None when undefined; one that cannot be loaded is a note, not an error.
   */
  readonly symbolsModelPath?: string;
}

export interface Perception {
  readonly elements: Element[];
  /**
   * Milliseconds: load, one entry per stage (detect, widgets, recognise, symbols, merge, number), the steps inside
   * them (det_pre, det_infer, det_post, rec_crops, rec_cache, rec_pre, rec_infer, rec_post, symbols_crop,
   * symbols_infer, icons) and total.
   */
  readonly timings_ms: Record<string, number>;
  /** Text lines the detector found, and how many of them the recognition cache answered. */
  readonly counts: { readonly lines: number; readonly recCached: number; readonly icons?: number };
  /** Things the caller should tell the user (a detector that could not be loaded). */
  readonly notes?: readonly string[];
  /** What became of the accessibility tree's nodes, when a tree came with the frame (stages/tree.ts). */
  readonly tree?: { readonly nodes: number; readonly kept: number; readonly offFrame: number; readonly notDrawn: number; readonly covered: number };
}

/** What comes with a frame besides its pixels (issue #15). */
export interface PerceiveExtras {
  /** The accessibility tree read for this frame, boxes in image px; fused with vision after merge. */
  readonly tree?: readonly TreeItem[];
  /**
   * false: the vision stages do not run and the tree alone gives the elements (the person turned the screen
   * parser off). Taken only with a tree; without one there would be nothing to see, so vision runs.
   */
  readonly vision?: boolean;
}

export interface Perceiver {
  perceive(image: RgbaImage, signal?: AbortSignal, extras?: PerceiveExtras): Promise<Perception>;
  /** Loads both sessions now (otherwise the first perceive() does). */
  ready(): Promise<void>;
  release(): Promise<void>;
}

export function createPerceiver(opts: PerceiverOptions): Perceiver {
  const sessionOptions = { providers: opts.providers, intraOpThreads: opts.intraOpThreads };
  let loading: Promise<{ det: TensorSession; rec: TensorSession }> | undefined;
  let released = false;
  const load = () => {
    if (released) throw new Error('perceiver was released');
    loading ??= Promise.all([opts.runtime.load(opts.detModelPath, sessionOptions), opts.runtime.load(opts.recModelPath, sessionOptions)]).then(
      ([det, rec]) => ({ det, rec }),
    );
    return loading;
  };

  /** The run, in order. Each stage keeps its own state between frames (the recognition cache, the icon session). */
  const stages: Stage[] = [
    detectStage({ session: async () => (await load()).det, detMaxSide: opts.detMaxSide ?? 1920, db: opts.db }),
    widgetsStage(opts.widgets !== false),
    recogniseStage({
      session: async () => (await load()).rec,
      alphabet: ctcAlphabet(opts.dictionary),
      minScore: opts.minScore ?? 0.5,
      cacheSize: opts.recCacheSize ?? 2048,
      recHeight: opts.recHeight,
      recLongHeight: opts.recLongHeight,
      recWidthScale: opts.recWidthScale,
      split: opts.split,
    }),
    symbolsStage({ runtime: opts.runtime, modelPath: opts.symbolsModelPath, sessionOptions }),
    mergeStage({ runtime: opts.runtime, detectorModelPath: opts.detectorModelPath, detector: opts.detector, sessionOptions }),
    // The accessibility tree (issue #15): fused with the finished vision elements; a no-op without a tree.
    treeStage(),
    numberStage(),
  ];
  /** The screen parser turned off: the tree alone, still checked against the pixels. */
  const treeOnly: Stage[] = [treeStage({ vision: false }), numberStage()];

  async function perceive(image: RgbaImage, signal?: AbortSignal, extras: PerceiveExtras = {}): Promise<Perception> {
    const t0 = performance.now();
    if (image.data.length !== image.width * image.height * 4) throw new RangeError('image data is not width x height RGBA');
    const vision = extras.vision !== false || !extras.tree;
    // Without vision no model is needed: the OCR sessions are not loaded for a tree-only frame.
    if (vision) await load();
    const timings: Record<string, number> = { load: round1(performance.now() - t0) };
    signal?.throwIfAborted();
    const ctx = newFrame(image, timings, signal, extras.tree);
    if (image.width >= 2 && image.height >= 2) await runStages(ctx, vision ? stages : treeOnly);
    timings.total = round1(performance.now() - t0);
    return {
      elements: ctx.elements,
      timings_ms: timings,
      counts: { lines: ctx.lines.length, recCached: ctx.recCached, ...(ctx.icons === undefined ? {} : { icons: ctx.icons }) },
      ...(ctx.notes.length ? { notes: ctx.notes } : {}),
      ...(ctx.treeCounts ? { tree: ctx.treeCounts } : {}),
    };
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
      for (const s of stages) await s.release?.();
    },
  };
}
