/**
 * Stage "merge": turns segments and rectangles into controls, links and text (../merge.ts), with an optional
 * YOLO-format icon detector (../detector.ts) whose boxes join the controls. Writes ctx.merged (and ctx.icons,
 * ctx.notes); times icons when the detector runs.
 *
 * An icon detector that cannot be loaded is not an error: parsing goes on without it and the user is told once.
 */
import type { TensorRuntime, TensorSession, RgbaImage } from '../../ports.js';
import { decodeYolo, letterbox, type Detection, type DetectorSettings } from '../detector.js';
import { controlsFromRects, insideFraction, mergeDetections, type Merged, type TextItem } from '../merge.js';
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
      controls = withoutGlyphHoles(controls, rest);
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

/**
 * An empty box found inside a word that OCR read (the counter of an "o" or "d" in a 28 px title) is a hole in a
 * glyph, not a checkbox or an icon button: widget controls without text lying 80% inside the box of a text of two
 * or more characters, half a text height or more from both its ends and under 1/1.8 of its height, are dropped. A checkbox beside its label
 * lies outside the label's box, or at its end where OCR read the box as a character.
 */
export function withoutGlyphHoles(controls: readonly Merged[], texts: readonly TextItem[]): Merged[] {
  const within = (c: Merged, t: TextItem) => {
    // Not at either end of the text: a checkbox OCR read as a character ("口 Send me") starts its label's box.
    const m = 0.5 * (t.box[3] - t.box[1]);
    // And a hole is much shorter than its glyph's line; a radio button in a line of text is not.
    const holeH = c.box[3] - c.box[1];
    return insideFraction(c.box, t.box) >= 0.8 && c.box[0] - t.box[0] >= m && t.box[2] - c.box[2] >= m && t.box[3] - t.box[1] >= 1.8 * holeH;
  };
  return controls.filter((c) => c.source !== 'widget' || c.text !== '' || !texts.some((t) => t.text.replace(/\s/g, '').length >= 2 && within(c, t)));
}
