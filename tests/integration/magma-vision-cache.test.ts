/**
 * The exact vision-feature cache (#16) on the tiny fixture bundle, CPU: a repeated screenshot skips the vision
 * session and gives the same logits and tokens; one changed pixel recomputes only the crop it lies in; the cache
 * stays bounded and callers cannot corrupt it. The parity tests (magma-parity.test.ts) cover the cold path.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { openBundleSessions, readBundle } from '../../electron/adapters/magma-bundle.js';
import { OrtRuntime } from '../../electron/adapters/onnx-runtime.js';
import { MagmaModel, type MagmaSessions } from '../../electron/agent/model/magma-model.js';
import { HfTokenizer } from '../../electron/agent/model/tokenizer.js';
import type { RgbaImage } from '../../electron/agent/ports.js';
import { groundingPrompt, loadFixtureImage, MAGMA_FIXTURES, magmaExpected, maxAbsDiff } from '../support/magma-fixtures.js';

interface ImageCase { width: number; height: number; rgb: string; grid: [number, number] }
const expected = magmaExpected<{ goal: string; newTokens: number; cases: Array<{ name: string; images: ImageCase[] }> }>();
const PROMPT = groundingPrompt(expected.goal);
const caseImage = (name: string, i = 0) => loadFixtureImage(expected.cases.find((c) => c.name === name)!.images[i]!);

type Make = (visionCacheCrops?: number, visionCropsPerRun?: number) => MagmaModel;
/** Models over the bundle's sessions as the app opens them (prompt merged on the device) and with the host merge. */
const makers: Record<string, Make> = {};

before(async () => {
  const bundle = readBundle(join(MAGMA_FIXTURES, 'tiny-fp32'));
  const tok = new HfTokenizer(bundle.tokenizerJson, bundle.tokenizerConfig);
  for (const [mode, mergeOnDevice] of [['device merge', true], ['host merge', false]] as const) {
    const sessions: MagmaSessions = await openBundleSessions(new OrtRuntime(), bundle, { providers: ['cpu'], mergeOnDevice });
    assert.equal(!!sessions.merge, mergeOnDevice);
    makers[mode] = (visionCacheCrops, visionCropsPerRun) => new MagmaModel(sessions, tok, bundle.manifest, { ...(visionCacheCrops === undefined ? {} : { visionCacheCrops }), ...(visionCropsPerRun === undefined ? {} : { visionCropsPerRun }) });
  }
});

/** A copy of the image with one pixel's RGB changed. */
function withPixel(img: RgbaImage, x: number, y: number): RgbaImage {
  const data = img.data.slice();
  const i = (y * img.width + x) * 4;
  data[i] = 255 - data[i]!;
  data[i + 1] = 255 - data[i + 1]!;
  return { ...img, data };
}

// The app's sessions merge the prompt on the decoder's device, and the cache then keeps references to vision
// outputs (visual-token-refs.ts); with mergeOnDevice false it keeps host copies (vision-cache.ts). Both are held to
// the same rules.
for (const mode of ['device merge', 'host merge']) {
  const make: Make = (c, r) => makers[mode]!(c, r);

  describe(`vision-feature cache across steps (${mode})`, () => {
    it('a second step on the same 2x2 screenshot skips the vision session and gives identical logits and tokens', async () => {
      const m = make();
      const img = caseImage('grid-2x2');
      const req = { prompt: PROMPT, images: [img], maxNewTokens: expected.newTokens, stopAtEos: false, keepLogits: true };
      const a = await m.generate(req);
      assert.deepEqual(m.visionStats, { sessionRuns: 1, cropsComputed: 4, cropHits: 0 });
      assert.equal(a.timings.visionCacheHits, 0);
      const b = await m.generate({ ...req, images: [{ ...img, data: img.data.slice() }] });
      assert.deepEqual(m.visionStats, { sessionRuns: 1, cropsComputed: 4, cropHits: 4 }, 'no vision run on the second step');
      assert.equal(b.timings.visionCacheHits, 4);
      assert.deepEqual(b.tokenIds, a.tokenIds);
      assert.equal(b.stepLogits!.length, a.stepLogits!.length);
      b.stepLogits!.forEach((l, s) => assert.deepEqual(l, a.stepLogits![s], `step ${s} logits`));
    });

    it('one changed pixel recomputes only its crop, and the features match an uncached run', async () => {
      const m = make();
      const ref = make(0);
      const img = caseImage('grid-2x2'); // 140x130 -> 2x2 crops of 128; (35, 97) lies well inside crop 2 (row 1, col 0)
      const before = await m.encodeImage(m.preprocess(img));
      const changed = withPixel(img, 35, 97);
      const p = m.preprocess(changed);
      const after = await m.encodeImage(p);
      assert.deepEqual(m.visionStats, { sessionRuns: 2, cropsComputed: 5, cropHits: 3 });
      const want = await ref.encodeImage(ref.preprocess(changed));
      assert.deepEqual(ref.visionStats, { sessionRuns: 1, cropsComputed: 4, cropHits: 0 }, 'a zero-size cache is off');
      const d = maxAbsDiff(after, want);
      assert.ok(d <= 1e-5, `features differ from an uncached run by ${d}`);
      // The first half of the stitched map is crop row 0 (crops 0 and 1, untouched): byte-identical to the first step.
      const half = before.length / 2;
      assert.deepEqual(after.subarray(0, half), before.subarray(0, half));
      assert.ok(maxAbsDiff(after.subarray(half), before.subarray(half)) > 0, 'the changed crop has new features');
      // The generated reply equals the uncached model's.
      const r1 = await m.generate({ prompt: PROMPT, images: [changed], maxNewTokens: expected.newTokens, stopAtEos: false });
      const r2 = await ref.generate({ prompt: PROMPT, images: [changed], maxNewTokens: expected.newTokens, stopAtEos: false });
      assert.deepEqual(r1.tokenIds, r2.tokenIds);
      assert.equal(r1.timings.visionCacheHits, 4);
    });

    it('two images in one step are cached per crop, and a returned array cannot corrupt the cache', async () => {
      const m = make();
      const imgs = [caseImage('two-images', 0), caseImage('two-images', 1)];
      const first: Float32Array[] = [];
      for (const im of imgs) first.push((await m.encodeImage(m.preprocess(im))).slice());
      const again = await m.encodeImage(m.preprocess(imgs[1]!));
      again.fill(42);
      const third = await m.encodeImage(m.preprocess(imgs[1]!));
      assert.deepEqual(third, first[1]);
      assert.deepEqual(m.visionStats, { sessionRuns: 2, cropsComputed: 3, cropHits: 4 });
    });

    it('holds at most its capacity, dropping the least recently used crops', async () => {
      const m = make(4);
      const a = caseImage('grid-2x2');
      const b = caseImage('grid-1x3');
      await m.encodeImage(m.preprocess(a)); // 4 crops: full
      await m.encodeImage(m.preprocess(b)); // 3 new crops push out 3 of a's
      await m.encodeImage(m.preprocess(b));
      assert.deepEqual(m.visionStats, { sessionRuns: 2, cropsComputed: 7, cropHits: 3 });
      await m.encodeImage(m.preprocess(a)); // 1 of a's crops is still there (the newest), 3 recomputed
      assert.deepEqual(m.visionStats, { sessionRuns: 3, cropsComputed: 10, cropHits: 4 });
      m.clearVisionCache();
      await m.encodeImage(m.preprocess(a));
      assert.deepEqual(m.visionStats, { sessionRuns: 4, cropsComputed: 14, cropHits: 4 });
    });
  });

  describe(`vision-feature cache reusing evicted entries (${mode})`, () => {
    // The cache hands an evicted entry's array to the next image's crops (no fresh 17 MB per screenshot at full
    // size). A hit that the same image's new crops evict must still be read intact: capacities below, at and above
    // the crop count, in one batch and one crop per run, over screenshots that partly repeat.
    for (const [capacity, perRun] of [[2, 1], [2, 4], [4, 1], [5, 4]] as const) {
      it(`capacity ${capacity}, ${perRun} crop(s) per run: every screenshot's features equal an uncached run`, async () => {
        const m = make(capacity, perRun);
        const ref = make(0);
        const a = caseImage('grid-2x2');
        const seq = [a, withPixel(a, 35, 97), caseImage('grid-1x3'), a, withPixel(a, 100, 20), withPixel(a, 35, 97), a];
        for (const [i, img] of seq.entries()) {
          const got = await m.encodeImage(m.preprocess(img));
          const want = await ref.encodeImage(ref.preprocess(img));
          assert.equal(got.length, want.length);
          const d = maxAbsDiff(got, want);
          assert.ok(d <= 1e-5, `screenshot ${i}: features differ from an uncached run by ${d}`);
        }
        assert.ok(m.visionStats.cropHits > 0, 'some crops came from the cache');
      });
    }
  });

  describe(`vision crops per run (GPU memory: fewer crops alive at once; ${mode})`, () => {
    for (const [cache, label] of [[undefined, 'with the cache'], [0, 'without it']] as const) {
      it(`one crop per run ${label}: a 2x2 screenshot takes 4 vision runs, the same features as one batch, the same reply`, async () => {
        const batch = make(0);
        const single = make(cache, 1);
        const img = caseImage('grid-2x2');
        const want = await batch.encodeImage(batch.preprocess(img));
        const got = await single.encodeImage(single.preprocess(img));
        assert.deepEqual(single.visionStats, { sessionRuns: 4, cropsComputed: 4, cropHits: 0 });
        assert.equal(got.length, want.length, 'same token count, row separators included');
        const d = maxAbsDiff(got, want);
        assert.ok(d <= 1e-5, `features differ from the batched run by ${d}`);
        const req = { prompt: PROMPT, images: [img], maxNewTokens: expected.newTokens, stopAtEos: false };
        assert.deepEqual((await single.generate(req)).tokenIds, (await batch.generate(req)).tokenIds);
      });
    }

    it('two crops per run on a 1x3 screenshot: runs of 2 and 1', async () => {
      const m = make(0, 2);
      const ref = make(0);
      const img = caseImage('grid-1x3');
      const d = maxAbsDiff(await m.encodeImage(m.preprocess(img)), await ref.encodeImage(ref.preprocess(img)));
      assert.deepEqual(m.visionStats, { sessionRuns: 2, cropsComputed: 3, cropHits: 0 });
      assert.ok(d <= 1e-5, `features differ by ${d}`);
    });

    it('a count that is not a positive integer is refused', () => {
      assert.throws(() => make(0, 0), /positive integer/);
      assert.throws(() => make(0, 1.5), /positive integer/);
    });
  });
}
