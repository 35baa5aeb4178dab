/**
 * The prompt merged by the merge graph (#16: electron/adapters/merge-graph.ts, agent/model/visual-token-refs.ts) on
 * the tiny fixture bundle, CPU provider: the same inputs_embeds, so the same logits bit for bit and the same tokens
 * as the host merge, for every fixture case, with the vision cache serving crops from earlier runs, with one crop
 * per run, with the prompt in chunks; and every vision output freed exactly once, when nothing holds it any more.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { openBundleSessions, readBundle, type BundleRuntime, type MagmaBundle } from '../../electron/adapters/magma-bundle.js';
import { OrtRuntime, type OrtLoadOptions } from '../../electron/adapters/onnx-runtime.js';
import { MagmaModel, type MagmaSessions } from '../../electron/agent/model/magma-model.js';
import { HfTokenizer } from '../../electron/agent/model/tokenizer.js';
import type { RgbaImage, TensorLike, TensorSession } from '../../electron/agent/ports.js';
import { groundingPrompt, loadFixtureImage, MAGMA_FIXTURES, magmaExpected } from '../support/magma-fixtures.js';

interface ImageCase { width: number; height: number; rgb: string }
interface Case { name: string; bundle?: string; images: ImageCase[]; tokens: number[] }
const expected = magmaExpected<{ goal: string; newTokens: number; cases: Case[] }>();
const PROMPT = groundingPrompt(expected.goal);
const cases = expected.cases.filter((c) => (c.bundle ?? 'tiny-fp32') === 'tiny-fp32' && c.images);
const imageOf = (name: string, i = 0): RgbaImage => loadFixtureImage(cases.find((c) => c.name === name)!.images[i]!);

let bundle: MagmaBundle;
let tok: HfTokenizer;
let device: MagmaSessions;
let host: MagmaSessions;

before(async () => {
  bundle = readBundle(join(MAGMA_FIXTURES, 'tiny-fp32'));
  tok = new HfTokenizer(bundle.tokenizerJson, bundle.tokenizerConfig);
  device = await openBundleSessions(new OrtRuntime(), bundle, { providers: ['cpu'] });
  host = await openBundleSessions(new OrtRuntime(), bundle, { providers: ['cpu'], mergeOnDevice: false });
  assert.ok(device.merge, 'the app opens bundles with the device merge');
  assert.equal(host.merge, undefined);
});

/** The vision session with each image_features output counting its dispose() calls (one record per run). */
function trackingVision(): { vision: TensorSession; outputs: Array<{ disposed: number }> } {
  const outputs: Array<{ disposed: number }> = [];
  const vision = Object.create(device.vision) as TensorSession;
  vision.run = async (feeds, names) => {
    const out = await device.vision.run(feeds, names);
    const f = out.image_features!;
    const rec = { disposed: 0 };
    outputs.push(rec);
    const tracked: TensorLike & { dispose(): void } = { type: f.type, dims: f.dims, data: f.data, dispose: () => void rec.disposed++ };
    return { ...out, image_features: tracked };
  };
  return { vision, outputs };
}

type Opts = ConstructorParameters<typeof MagmaModel>[3];
const req = (images: RgbaImage[]) => ({ prompt: PROMPT, images, maxNewTokens: expected.newTokens, stopAtEos: false, keepLogits: true });

async function sameAsHost(images: RgbaImage[][], opts: Opts, label: string): Promise<MagmaModel> {
  const d = new MagmaModel(device, tok, bundle.manifest, opts);
  const h = new MagmaModel(host, tok, bundle.manifest, opts);
  for (const [k, imgs] of images.entries()) {
    const [a, b] = [await d.generate(req(imgs)), await h.generate(req(imgs))];
    assert.deepEqual(a.tokenIds, b.tokenIds, `${label}, step ${k}: tokens`);
    assert.equal(a.timings.promptTokens, b.timings.promptTokens);
    assert.equal(a.timings.visionCacheHits, b.timings.visionCacheHits, `${label}, step ${k}: cache hits`);
    a.stepLogits!.forEach((l, s) => assert.deepEqual(l, b.stepLogits![s], `${label}, step ${k}, token ${s}: logits`));
  }
  return d;
}

describe('the prompt merged on the device by the merge graph', () => {
  it('gives every fixture case the host merge\'s logits bit for bit and the reference tokens', async () => {
    assert.ok(cases.length >= 3);
    for (const c of cases) {
      const m = new MagmaModel(device, tok, bundle.manifest);
      const r = await m.generate(req(c.images.map(loadFixtureImage)));
      assert.deepEqual(r.tokenIds, c.tokens, c.name);
      await sameAsHost([c.images.map(loadFixtureImage)], {}, c.name);
    }
  });

  it('reads cached crops from earlier vision runs (one crop per run, a crop changed between steps)', async () => {
    const a = imageOf('grid-2x2');
    const changed = { ...a, data: a.data.slice() };
    const px = (97 * a.width + 35) * 4; // a pixel of crop 2
    changed.data[px] = 255 - changed.data[px]!;
    const seen: number[] = [];
    const spy = { ...device.merge!, forSources: (k: number) => (seen.push(k), device.merge!.forSources(k)) };
    const d = new MagmaModel({ ...device, merge: spy }, tok, bundle.manifest, { visionCropsPerRun: 1 });
    for (const imgs of [[a], [changed], [a]]) await d.generate(req(imgs));
    assert.deepEqual(seen, [4, 4, 4], 'each step reads four vision outputs (one per crop)');
    // 4 new crops, then 1 new (3 hits), then 4 hits: the first screenshot's crop 2 is still cached.
    assert.deepEqual(d.visionStats, { sessionRuns: 5, cropsComputed: 5, cropHits: 7 });
    await sameAsHost([[a], [changed], [a]], { visionCropsPerRun: 1 }, 'one crop per run');
    await sameAsHost([[a], [changed], [imageOf('grid-1x3')], [a]], { visionCacheCrops: 2 }, 'a cache smaller than a screenshot');
  });

  it('runs the prompt in chunks the same way (each chunk its own merge run)', async () => {
    await sameAsHost([[imageOf('grid-2x2')], [imageOf('grid-1x1')]], { prefillChunk: 96 }, 'chunks of 96');
  });

  it('uploads the text rows in multiples of 256, so another goal length asks the GPU for no new buffer sizes', async () => {
    const textRows: number[] = [];
    const spy = {
      ...device.merge!,
      forSources: async (k: number) => {
        const inner = await device.merge!.forSources(k);
        const session = Object.create(inner) as TensorSession;
        session.run = (feeds, names) => (textRows.push(feeds.text!.dims[0]!), inner.run(feeds, names));
        return session;
      },
    };
    const d = new MagmaModel({ ...device, merge: spy }, tok, bundle.manifest);
    const h = new MagmaModel(host, tok, bundle.manifest);
    const img = imageOf('grid-2x2');
    for (const goal of [PROMPT, `${PROMPT} Then close the window.`]) {
      const [a, b] = [await d.generate({ ...req([img]), prompt: goal }), await h.generate({ ...req([img]), prompt: goal })];
      assert.deepEqual(a.stepLogits, b.stepLogits, 'the padding rows are never picked');
    }
    // (a version-1 decoder runs a padded prompt as two merge runs: the rows, then the last one)
    assert.ok(textRows.length >= 2);
    assert.deepEqual(new Set(textRows), new Set([256]), 'about 240 prompt ids, then a longer goal: both padded to 256 rows');
  });

  it('frees every vision output exactly once: after the step without a cache, on eviction or clearing with one', async () => {
    const { vision, outputs } = trackingVision();
    const s = { ...device, vision };
    const off = new MagmaModel(s, tok, bundle.manifest, { visionCacheCrops: 0 });
    await off.generate(req([imageOf('grid-2x2')]));
    assert.deepEqual(outputs.map((o) => o.disposed), [1], 'no cache: freed when the step is done');
    outputs.length = 0;
    const on = new MagmaModel(s, tok, bundle.manifest, { visionCacheCrops: 4, visionCropsPerRun: 2 });
    await on.generate(req([imageOf('grid-2x2')])); // two runs of 2 crops, all 4 cached
    assert.deepEqual(outputs.map((o) => o.disposed), [0, 0], 'kept by the cache');
    await on.generate(req([imageOf('grid-1x3')])); // runs of 2 and 1 evict 3 of the 4: the first run's 2 crops and one of the second's
    assert.deepEqual(outputs.map((o) => o.disposed), [1, 0, 0, 0]);
    await on.generate(req([imageOf('grid-1x3')])); // all hits: nothing new, nothing freed
    assert.equal(outputs.length, 4);
    on.clearVisionCache();
    assert.deepEqual(outputs.map((o) => o.disposed), [1, 1, 1, 1], 'clearing frees the rest, each once');
  });

  it('says when the vision outputs stayed on the device (their GPU time is then inside the prefill stage)', async () => {
    const onCpu = await new MagmaModel(device, tok, bundle.manifest).generate(req([imageOf('grid-2x2')]));
    assert.equal(onCpu.timings.visionOnDevice, false, 'the CPU provider returns host tensors');
    const vision = Object.create(device.vision) as TensorSession;
    vision.run = async (feeds, names) => {
      const out = await device.vision.run(feeds, names);
      const f = out.image_features!;
      return { ...out, image_features: { type: f.type, dims: f.dims, data: f.data, onDevice: true } as TensorLike };
    };
    const r = await new MagmaModel({ ...device, vision }, tok, bundle.manifest).generate(req([imageOf('grid-2x2')]));
    assert.equal(r.timings.visionOnDevice, true);
    assert.deepEqual(r.tokenIds, onCpu.tokenIds);
  });

  it('a broken merge graph reply is an error that names it, and frees what the step held', async () => {
    const { vision, outputs } = trackingVision();
    const broken = { forSources: async () => ({ ...(await device.merge!.forSources(1)), run: async () => ({}) }) as unknown as TensorSession, release: async () => undefined };
    const m = new MagmaModel({ ...device, vision, merge: broken }, tok, bundle.manifest, { visionCacheCrops: 0 });
    await assert.rejects(m.generate(req([imageOf('grid-2x2')])), /merge graph returned nothing/);
    assert.deepEqual(outputs.map((o) => o.disposed), [1]);
  });

  it('a provider that cannot run the merge graph gets the host merge instead, says so, and still answers', async () => {
    const real = new OrtRuntime();
    const loads: Array<{ what: string; options?: OrtLoadOptions }> = [];
    const rt: BundleRuntime = {
      load: (model, options) => {
        const what = typeof model === 'string' ? model.split('/').pop()! : 'merge graph';
        loads.push({ what, ...(options ? { options } : {}) });
        if (typeof model !== 'string') return Promise.reject(new Error('Where: bool tensors are not supported on this device\nstack...'));
        return real.load(model, options);
      },
    };
    const lines: string[] = [];
    const s = await openBundleSessions(rt, bundle, { providers: ['cpu'], log: (l) => lines.push(l) });
    assert.equal(s.merge, undefined, 'no device merge');
    const visionLoads = loads.filter((l) => l.what === bundle.manifest.graphs.vision);
    assert.equal(visionLoads.length, 2, 'the vision graph opened again');
    assert.deepEqual(visionLoads[0]!.options?.outputsOnDevice, ['image_features']);
    assert.equal(visionLoads[1]!.options?.outputsOnDevice, undefined, 'its outputs now come to main memory');
    assert.deepEqual(lines, ['The image features cannot stay on the graphics card here (the merge graph failed: Where: bool tensors are not supported on this device); they go through main memory instead, about 50 ms slower a step.']);
    const c = cases.find((x) => x.name === 'grid-2x2')!;
    const r = await new MagmaModel(s, tok, bundle.manifest).generate(req(c.images.map(loadFixtureImage)));
    assert.deepEqual(r.tokenIds, c.tokens);
  });
});
