import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { white } from '../../../../tests/support/fake-ocr.js';
import type { TensorRuntime, TensorSession } from '../../ports.js';
import { SYMBOL_CLASSES } from '../symbols.js';
import { findRectRegions } from '../widgets.js';
import { newFrame, type Segment } from './frame.js';
import { labelBox, symbolsStage } from './symbols.js';

/** A classifier that answers `label` with probability p (and "text" with the rest) for every crop, counting its runs. */
function fakeClassifier(label: string, p: number) {
  const rt = {
    runs: 0,
    crops: 0,
    async load(): Promise<TensorSession> {
      return {
        inputNames: ['image', 'feats'],
        outputNames: ['probs'],
        provider: 'fake',
        async run(feeds) {
          rt.runs++;
          const n = feeds.image!.dims[0]!;
          rt.crops += n;
          const k = SYMBOL_CLASSES.indexOf(label as (typeof SYMBOL_CLASSES)[number]);
          const data = new Float32Array(n * SYMBOL_CLASSES.length);
          for (let i = 0; i < n; i++) {
            // The rest on "text" (class 1): an unsure classifier that would leave the crop to OCR.
            data[i * SYMBOL_CLASSES.length + 1] = 1 - p;
            data[i * SYMBOL_CLASSES.length + k] = p;
          }
          return { probs: { type: 'float32', dims: [n, SYMBOL_CLASSES.length], data } };
        },
        async release() {},
      };
    },
  };
  return rt;
}

/** A 100x60 frame with one 40x26 button outlined in black at (30, 17), a 3x3 glyph of ink in its middle. */
function frameWithButton() {
  const img = white(100, 60, [
    [30, 17, 70, 18], [30, 42, 70, 43], [30, 17, 31, 43], [69, 17, 70, 43],
    [49, 29, 52, 32],
  ]);
  const ctx = newFrame(img, {});
  ctx.rects = findRectRegions(img);
  return ctx;
}
const seg = (text: string, box: [number, number, number, number], confidence = 0.9): Segment => ({ text, box, confidence });

describe('stage "symbols"', () => {
  it('names a button OCR left empty with the classifier\'s symbol, over the symbol\'s ink', async () => {
    const ctx = frameWithButton();
    assert.ok(ctx.rects.length >= 1, 'widget analysis finds the button');
    const rt = fakeClassifier('*', 0.8);
    await symbolsStage({ runtime: rt, modelPath: 'symbols.onnx' }).run(ctx);
    assert.equal(ctx.segments.length, 1);
    const s = ctx.segments[0]!;
    assert.equal(s.text, '*');
    assert.ok(s.box[0] >= 49 && s.box[2] <= 52 && s.box[1] >= 18 && s.box[3] <= 42, `label box ${s.box} on the glyph, inside the button`);
    assert.ok(ctx.timings.symbols_crop! >= 0 && ctx.timings.symbols_infer! >= 0);
    assert.equal(rt.runs, 1);
  });

  it('keeps the button empty when the classifier is unsure, or says "none" or "text"', async () => {
    for (const [label, p] of [['*', 0.4], ['none', 0.99], ['text', 0.99]] as const) {
      const ctx = frameWithButton();
      await symbolsStage({ runtime: fakeClassifier(label, p), modelPath: 'symbols.onnx' }).run(ctx);
      assert.deepEqual(ctx.segments, [], `${label} ${p}`);
    }
  });

  it('replaces a 1-2 character OCR reading only when the classifier is near certain', async () => {
    const ocr = seg('=', [48, 28, 53, 33]);
    const sure = frameWithButton();
    sure.segments = [ocr];
    await symbolsStage({ runtime: fakeClassifier('☰', 0.97), modelPath: 'symbols.onnx' }).run(sure);
    assert.deepEqual(sure.segments.map((s) => s.text), ['☰']);
    const unsure = frameWithButton();
    unsure.segments = [ocr];
    await symbolsStage({ runtime: fakeClassifier('☰', 0.8), modelPath: 'symbols.onnx' }).run(unsure);
    assert.deepEqual(unsure.segments.map((s) => s.text), ['=']);
  });

  it('leaves a button with a confidently read word alone (the classifier does not even see it)', async () => {
    const ctx = frameWithButton();
    ctx.segments = [seg('Save', [40, 26, 60, 34], 0.95)];
    const rt = fakeClassifier('*', 0.99);
    await symbolsStage({ runtime: rt, modelPath: 'symbols.onnx' }).run(ctx);
    assert.deepEqual(ctx.segments.map((s) => s.text), ['Save']);
    assert.equal(rt.crops, 0);
  });

  it('goes on without symbols when the model cannot be loaded, and says so once in plain words', async () => {
    const broken: TensorRuntime = { load: () => Promise.reject(new Error('file not found: symbols.onnx')) };
    const stage = symbolsStage({ runtime: broken, modelPath: 'symbols.onnx' });
    const a = frameWithButton();
    await stage.run(a);
    assert.deepEqual(a.segments, []);
    assert.equal(a.notes.length, 1);
    assert.match(a.notes[0]!, /symbol keys and icons are not named.*could not be loaded: file not found.*clicked by its number/);
    const b = frameWithButton();
    await stage.run(b);
    assert.deepEqual(b.notes, []);
  });
});

describe('stage "symbols" on bare icons', () => {
  it('re-reads a 1-2 character OCR reading in no rectangle (GTK\'s ☰ read as "Ⅲ") only when near certain', async () => {
    const img = white(100, 60, [[44, 24, 56, 26], [44, 29, 56, 31], [44, 34, 56, 36]]);
    for (const [p, want] of [[0.95, '☰'], [0.8, 'Ⅲ']] as const) {
      const ctx = newFrame(img, {});
      ctx.segments = [seg('Ⅲ', [43, 23, 57, 37], 0.7)];
      await symbolsStage({ runtime: fakeClassifier('☰', p), modelPath: 'symbols.onnx' }).run(ctx);
      assert.deepEqual(ctx.segments.map((s) => s.text), [want], `at ${p}`);
    }
  });
});

describe('a symbol\'s label box', () => {
  it('grows a two-pixel dot to 0.4 of the control\'s height, centred on the dot, inside the control', () => {
    assert.deepEqual(labelBox([50, 30, 52, 32], [31, 18, 69, 42]), [50, 26, 52, 36]);
    assert.deepEqual(labelBox([45, 22, 55, 38], [31, 18, 69, 42]), [45, 22, 55, 38]);
  });
});
