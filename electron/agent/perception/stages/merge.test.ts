import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { white } from '../../../../tests/support/fake-ocr.js';
import type { ImageBox } from '../../../common/geometry.js';
import type { TensorRuntime, TensorSession } from '../../ports.js';
import type { RectRegion } from '../widgets.js';
import { newFrame, type Segment } from './frame.js';
import type { Merged } from '../merge.js';
import { mergeStage, withoutGlyphHoles } from './merge.js';

const seg = (text: string, box: ImageBox, link?: boolean): Segment => ({ text, box, confidence: 0.9, ...(link === undefined ? {} : { link }) });
const button: RectRegion = { inner: [20, 20, 60, 44], outer: [19, 19, 61, 45], fill: 0.8, gridCell: false, bg: [230, 230, 230], holes: 1 };

/** A runtime whose icon detector fails to load (missing file) or loads and finds nothing. */
function iconRuntime(loads: boolean) {
  const rt = {
    released: 0,
    runs: 0,
    async load(): Promise<TensorSession> {
      if (!loads) throw new Error('no such file: icons.onnx\nstack');
      return {
        inputNames: ['images'],
        outputNames: ['out'],
        provider: 'fake',
        async run() {
          rt.runs++;
          return { out: { type: 'float32', dims: [1, 5, 1], data: new Float32Array(5) } };
        },
        async release() {
          rt.released++;
        },
      };
    },
  };
  return rt satisfies TensorRuntime;
}

describe('stage "merge"', () => {
  it('makes a label inside a box a button, coloured text a link, and other text plain text', async () => {
    const ctx = newFrame(white(200, 100), {});
    ctx.rects = [button];
    ctx.segments = [seg('OK', [34, 26, 46, 38]), seg('Docs', [100, 60, 130, 72], true), seg('Hello', [100, 80, 140, 92], false)];
    await mergeStage({ runtime: iconRuntime(false) }).run(ctx);
    assert.deepEqual(
      ctx.merged.map((m) => [m.kind, m.text, m.interactive, m.source]),
      [['button', 'OK', true, 'ocr+widget'], ['link', 'Docs', true, 'ocr+colour'], ['text', 'Hello', false, 'ocr']],
    );
    assert.deepEqual(ctx.merged[0]!.box, button.outer, 'a button is clicked by its whole box');
  });

  it('goes on without an icon detector that cannot be loaded, and says so once, in plain words', async () => {
    const s = mergeStage({ runtime: iconRuntime(false), detectorModelPath: 'icons.onnx' });
    const a = newFrame(white(200, 100), {});
    a.segments = [seg('Hello', [100, 80, 140, 92])];
    await s.run(a);
    const b = newFrame(white(200, 100), {});
    await s.run(b);
    assert.deepEqual(a.notes, ['icon detector not used: no such file: icons.onnx; parsing goes on with OCR and widget analysis']);
    assert.deepEqual(b.notes, []);
    assert.equal(a.merged.length, 1);
    assert.equal(a.icons, undefined);
  });

  it('runs an icon detector that loads, counts its detections, times it, and frees it on release', async () => {
    const rt = iconRuntime(true);
    const s = mergeStage({ runtime: rt, detectorModelPath: 'icons.onnx' });
    const ctx = newFrame(white(200, 100), {});
    await s.run(ctx);
    assert.equal(rt.runs, 1);
    assert.equal(ctx.icons, 0);
    assert.ok(ctx.timings.icons! >= 0, 'icons timed');
    await s.release?.();
    assert.equal(rt.released, 1);
  });
});

describe('glyph holes', () => {
  const hole = (box: ImageBox): Merged => ({ kind: 'checkbox', box, text: '', interactive: true, confidence: 0.6, source: 'widget' });
  it('drops an empty box inside a large word (the counter of an "o" in a title), not a checkbox or radio beside or in a line', () => {
    const title = { text: 'json', box: [265, 83, 341, 119] as ImageBox, confidence: 0.9 };
    const label = { text: '口 Send me the newsletter', box: [26, 290, 200, 309] as ImageBox, confidence: 0.9 };
    const line = { text: 'Plan: Free Pro', box: [18, 362, 200, 381] as ImageBox, confidence: 0.9 };
    const kept = withoutGlyphHoles([hole([307, 96, 318, 111]), hole([28, 293, 41, 306]), hole([133, 365, 146, 378])], [title, label, line]);
    assert.deepEqual(
      kept.map((c) => c.box[0]),
      [28, 133],
    );
  });
});
