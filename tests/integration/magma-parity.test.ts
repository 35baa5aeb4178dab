/**
 * Parity of the TypeScript Magma pipeline (onnxruntime-node, CPU) with the PyTorch reference, on the tiny
 * random-weight Magma of models/magma/fixtures (regenerate with `python3 models/magma/gen_fixtures.py`).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BundleError, openBundleSessions, readBundle, verifyBundle, type MagmaBundle } from '../../electron/adapters/magma-bundle.js';
import { OrtRuntime } from '../../electron/adapters/onnx-runtime.js';
import { MagmaModel } from '../../electron/agent/model/magma-model.js';
import { preprocessImage } from '../../electron/agent/model/preprocess.js';
import { HfTokenizer } from '../../electron/agent/model/tokenizer.js';
import { groundingPrompt, loadFixtureImage, MAGMA_FIXTURES, magmaExpected, maxAbsDiff } from '../support/magma-fixtures.js';

const FIX = MAGMA_FIXTURES;

interface ImageCase { width: number; height: number; rgb: string; grid: [number, number]; pixels: string; pixelDims: number[]; visualTokens: number }
interface Case { name: string; images: ImageCase[]; prompt: string; inputIds: number[]; mergedLength: number; tokens: number[]; stepLogits: number[][] }
interface Expected { goal: string; newTokens: number; cases: Case[]; int4: { name: string; like: string; tokens: number[]; stepLogits: number[][] } }

const expected = magmaExpected<Expected>();
const GROUNDING = groundingPrompt(expected.goal);

const rt = new OrtRuntime();
let bundle: MagmaBundle;
let model: MagmaModel;
let int4: MagmaModel;
let staticKv: MagmaModel;

before(async () => {
  bundle = readBundle(join(FIX, 'tiny-fp32'));
  const s = await openBundleSessions(rt, bundle, { providers: ['cpu'] });
  const tok = new HfTokenizer(bundle.tokenizerJson, bundle.tokenizerConfig);
  model = new MagmaModel(s, tok, bundle.manifest);
  const dec4 = await rt.load(join(FIX, 'tiny-int4', 'decoder.onnx'), { providers: ['cpu'] });
  int4 = new MagmaModel({ vision: s.vision, embed: s.embed, decoder: dec4 }, tok, bundle.manifest);
  const kvInit = await rt.load(bundle.path(bundle.manifest.graphs.kvInit!), { providers: ['cpu'] });
  staticKv = new MagmaModel({ ...s, kvInit }, tok, bundle.manifest);
});

describe('Magma preprocessing matches the PyTorch reference', () => {
  for (const c of expected.cases) {
    it(`${c.name}: grid choice and pixel tensors agree within 1e-5`, () => {
      for (const im of c.images) {
        const p = preprocessImage(loadFixtureImage(im), bundle.manifest.vision);
        assert.deepEqual([p.grid.rows, p.grid.cols], im.grid);
        assert.deepEqual([...p.dims], im.pixelDims);
        const ref = new Float32Array(readFileSync(join(FIX, im.pixels)).buffer.slice(0));
        const d = maxAbsDiff(p.pixels, ref);
        assert.ok(d <= 1e-5, `max abs difference ${d}`);
      }
    });
  }
});

describe('the Magma TypeScript pipeline matches the PyTorch reference on CPU', () => {
  for (const c of expected.cases) {
    it(`${c.name}: prompt ids, prefill logits within 1e-3 and ${expected.newTokens} greedy tokens exactly`, async () => {
      assert.deepEqual(model.promptIds(GROUNDING, c.images.length), c.inputIds, 'chat template + tokenizer ids');
      const r = await model.generate({ prompt: GROUNDING, images: c.images.map(loadFixtureImage), maxNewTokens: expected.newTokens, stopAtEos: false, keepLogits: true });
      assert.equal(r.kvCache, 'bucketed', 'the default cache (kv-buckets.ts)');
      assert.equal(r.timings.promptTokens, c.mergedLength);
      const prefill = maxAbsDiff(r.stepLogits![0]!, c.stepLogits[0]!);
      assert.ok(prefill <= 1e-3, `prefill logits max abs difference ${prefill}`);
      assert.deepEqual(r.tokenIds, c.tokens);
      for (let s = 1; s < c.stepLogits.length; s++) {
        const d = maxAbsDiff(r.stepLogits![s]!, c.stepLogits[s]!);
        assert.ok(d <= 1e-3, `step ${s} logits max abs difference ${d}`);
      }
    });
  }

  it('the int4 (MatMulNBits) decoder matches the reference run with the same quantized weights', async () => {
    const c = expected.cases.find((x) => x.name === expected.int4.like)!;
    const r = await int4.generate({ prompt: GROUNDING, images: c.images.map(loadFixtureImage), maxNewTokens: expected.newTokens, stopAtEos: false, keepLogits: true });
    const d = maxAbsDiff(r.stepLogits![0]!, expected.int4.stepLogits[0]!);
    assert.ok(d <= 1e-3, `int4 prefill logits max abs difference ${d}`);
    assert.deepEqual(r.tokenIds, expected.int4.tokens);
  });

  it('the static KV cache (one buffer per layer bound as past and present) gives the same logits and tokens', async () => {
    for (const c of expected.cases) {
      const r = await staticKv.generate({ prompt: GROUNDING, images: c.images.map(loadFixtureImage), maxNewTokens: expected.newTokens, stopAtEos: false, keepLogits: true });
      assert.equal(r.kvCache, 'static');
      assert.deepEqual(r.tokenIds, c.tokens, c.name);
      for (let s = 0; s < c.stepLogits.length; s++) {
        const d = maxAbsDiff(r.stepLogits![s]!, c.stepLogits[s]!);
        assert.ok(d <= 1e-3, `${c.name} step ${s} logits max abs difference ${d}`);
      }
    }
  });

  it('streams the reply text as tokens arrive and the pieces add up to the final text', async () => {
    const c = expected.cases[0]!;
    const pieces: string[] = [];
    const r = await model.generate({ prompt: GROUNDING, images: c.images.map(loadFixtureImage), maxNewTokens: expected.newTokens, stopAtEos: false, onText: (t) => pieces.push(t) });
    assert.equal(pieces.join(''), r.text);
    assert.ok(pieces.length >= 1);
  });

  it('a cancelled generation stops with an error', async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(model.generate({ prompt: 'hi', signal: ac.signal }), /cancelled/);
  });
});

describe('Magma bundles', () => {
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'magma-bundle-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('the fixture bundle verifies: every file hashes to its manifest sha256', async () => {
    const r = await verifyBundle(bundle);
    assert.ok(r.ok, JSON.stringify(r.files.filter((f) => !f.ok)));
  });
  it('a missing directory or manifest is a clear error naming the commands that make a bundle', () => {
    assert.throws(() => readBundle(join(tmp, 'nope')), (e: Error) => e instanceof BundleError && /models pull.*models convert/.test(e.message));
    assert.throws(() => readBundle(tmp), (e: Error) => e instanceof BundleError && /manifest\.json/.test(e.message));
  });
  it('a truncated graph is refused by size, and a changed byte is found by verify', async () => {
    const dir = join(tmp, 'copy');
    cpSync(join(FIX, 'tiny-fp32'), dir, { recursive: true });
    const p = join(dir, 'embed.onnx');
    const bytes = readFileSync(p);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(p, bytes);
    const r = await verifyBundle(readBundle(dir));
    assert.equal(r.ok, false);
    assert.deepEqual(r.files.filter((f) => !f.ok).map((f) => f.file), ['embed.onnx']);
    writeFileSync(p, bytes.subarray(0, 100));
    assert.throws(() => readBundle(dir), /has 100 bytes/);
  });
  it('a manifest that names a file outside the bundle is refused', () => {
    const dir = join(tmp, 'evil');
    cpSync(join(FIX, 'tiny-fp32'), dir, { recursive: true });
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    m.files['../outside.onnx'] = { bytes: 1, sha256: '0'.repeat(64) };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    assert.throws(() => readBundle(dir), /outside the bundle/);
  });
});
