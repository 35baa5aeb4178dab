/**
 * Stage "merge": turns segments and rectangles into controls, links and text (../merge.ts), with an optional
 * YOLO-format icon detector (../detector.ts) whose boxes join the controls. Writes ctx.merged (and ctx.icons,
 * ctx.notes); times icons when the detector runs.
 *
 * An icon detector that cannot be loaded is not an error: parsing goes on without it and the user is told once.
 */
import type { TensorRuntime, TensorSession, RgbaImage } from '../../ports.js';
import { decodeYolo, letterbox, type Detection, type DetectorSettings } from '../detector.js';
import { controlsFromRects, mergeDetections, type Merged } from '../merge.js';
import { stopwatch, type Stage } from './frame.js';

export interface MergeOptions {
  readonly runtime: TensorRuntime;
  /** ONNX icon detector; none when undefined. */
  readonly detectorModelPath?: string;
  readonly detector?: DetectorSettings;
  readonly sessionOptions?: { readonly providers?: readonly string[]; readonly intraOpThreads?: number };
}

export function mergeStage(opts: MergeOptions): Stage {
  let load: Promise<TensorSession | undefined> | undefined;
  let note: string | undefined;
  let noteGiven = false;
  const loadIcons = () => {
    if (!opts.detectorModelPath) return Promise.resolve(undefined);
    load ??= opts.runtime.load(opts.detectorModelPath, opts.sessionOptions).catch((e: Error) => {
      note = `icon detector not used: ${e.message.split('\n')[0]}; parsing goes on with OCR and widget analysis`;
      return undefined;
    });
    return load;
  };
  /** Fixed-shape exports refuse the minimal letterbox: remember to pad to a square after the first refusal. */
  let square = false;
  async function runIcons(session: TensorSession, image: RgbaImage): Promise<Detection[]> {
    const long = opts.detector?.longSide ?? 1280;
    for (;;) {
      const lb = letterbox(image, long, square);
      try {
        const out = await session.run({ [session.inputNames[0]!]: lb.tensor });
        return decodeYolo(out[session.outputNames[0]!]!, lb, image.width, image.height, opts.detector);
      } catch (e) {
        if (square) throw e;
        square = true;
      }
    }
  }

  return {
    name: 'merge',
    async run(ctx) {
      let { controls, rest } = controlsFromRects(ctx.segments, ctx.rects);
      const session = await loadIcons();
      if (note && !noteGiven) {
        ctx.notes.push(note);
        noteGiven = true;
      }
      if (session) {
        const lap = stopwatch(ctx.timings);
        const dets = await runIcons(session, ctx.image);
        ctx.icons = dets.length;
        lap('icons');
        ({ controls, rest } = mergeDetections(controls, rest, dets));
      }
      ctx.merged = [
        ...controls,
        // Text outside any control: OCR alone cannot tell a label from a control, so it is not claimed interactive.
        ...rest.map(
          (f): Merged =>
            f.link
              ? { kind: 'link', box: f.box, text: f.text, interactive: true, confidence: 0.8 * f.confidence, source: 'ocr+colour' }
              : { kind: 'text', box: f.box, text: f.text, interactive: false, confidence: f.confidence, source: 'ocr' },
        ),
      ];
    },
    async release() {
      const session = await load;
      load = undefined;
      await session?.release();
    },
  };
}
