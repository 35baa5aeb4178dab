/**
 * Prompt-length buckets (#16, electron/agent/model/prompt-buckets.ts) on the tiny fixture bundle, onnxruntime's
 * CPU provider. First what the padding relies on, on the decoder session directly: a prompt padded on the right
 * gives its real positions the same keys and values as an unpadded run, bit for bit, but the graph's logits are
 * those of the last (padding) row; so the last prompt position runs as a step of one. Then KvDecoder and
 * MagmaModel with buckets against the unpadded prefill: the same tokens, logits within float32 rounding (the
 * one-call prefill and the two-call one differ there: the last position goes through the decode path of
 * GroupQueryAttention), decoding continuing at the real length inside the prompt's bucket.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { openBundleSessions, type BundleRuntime, type MagmaBundle } from '../../electron/adapters/magma-bundle.js';
import type { OrtLoadOptions } from '../../electron/adapters/onnx-runtime.js';
import { defaultKvBuckets, paddedMask } from '../../electron/agent/model/kv-buckets.js';
import { KvDecoder, MagmaModel, type MagmaSessions } from '../../electron/agent/model/magma-model.js';
import { promptBucketFor } from '../../electron/agent/model/prompt-buckets.js';
import { HfTokenizer } from '../../electron/agent/model/tokenizer.js';
import type { TensorLike, TensorSession } from '../../electron/agent/ports.js';
import { openTinyMagma, recordingDecoder } from '../support/magma-tiny.js';
import { groundingPrompt, loadFixtureImage, magmaExpected, maxAbsDiff } from '../support/magma-fixtures.js';

interface ImageCase { width: number; height: number; rgb: string }
interface Case { name: string; images: ImageCase[]; mergedLength: number; tokens: number[] }
const expected = magmaExpected<{ goal: string; newTokens: number; cases: Case[] }>();
const PROMPT = groundingPrompt(expected.goal);
/** Float32 rounding of the last prompt position's two paths (measured: 2.6e-6 on the fixture). */
const ROUNDING = 1e-5;

let bundle: MagmaBundle;
let s: MagmaSessions;
let tok: HfTokenizer;

before(async () => {
  ({ bundle, sessions: s, tok } = await openTinyMagma());
});

const L = () => bundle.manifest.text.layers;
const KV = () => bundle.manifest.text.kvHeads;
const HD = () => bundle.manifest.text.headDim;
const D = () => bundle.manifest.text.hiddenSize;

/** Deterministic embeddings: n rows, zero rows after them up to `rows`. */
function rowsOf(n: number, seed: number, rows = n): Float32Array {
  const x = new Float32Array(rows * D());
  for (let i = 0; i < n * D(); i++) x[i] = Math.sin(i * 0.37 + seed) * 0.5;
  return x;
}
const emb = (data: Float32Array): TensorLike => ({ type: 'float32', dims: [1, data.length / D(), D()], data });
const mask = (real: number, length: number): TensorLike => ({ type: 'int64', dims: [1, length], data: paddedMask(real, length) });

function emptyPast(): Record<string, TensorLike> {
  const p: Record<string, TensorLike> = {};
  for (let i = 0; i < L(); i++) for (const kv of ['key', 'value']) p[`past_key_values.${i}.${kv}`] = { type: 'float32', dims: [1, KV(), 0, HD()], data: new Float32Array(0) };
  return p;
}

/** Positions [0, n) of every head of a [1, kv, len, hd] tensor, flattened. */
function firstPositions(t: TensorLike, n: number): Float32Array {
  const len = t.dims[2]!;
  const src = t.data as Float32Array;
  const out: number[] = [];
  for (let h = 0; h < KV(); h++) out.push(...src.subarray(h * len * HD(), (h * len + n) * HD()));
  return Float32Array.from(out);
}

describe('prompt padding on the CPU provider (what the prompt buckets rely on)', () => {
  const n = 40;
  const P = 64;
  it('a prompt padded on the right keeps its real positions bit-identical, but the logits come from the last padding row', async () => {
    const plain = await s.decoder.run({ inputs_embeds: emb(rowsOf(n, 1)), attention_mask: mask(n, n), ...emptyPast() });
    const padded = await s.decoder.run({ inputs_embeds: emb(rowsOf(n, 1, P)), attention_mask: mask(n, P), ...emptyPast() });
    for (let i = 0; i < L(); i++) {
      for (const kv of ['key', 'value']) {
        const p = padded[`present.${i}.${kv}`]!;
        assert.deepEqual(p.dims, [1, KV(), P, HD()], 'present takes the padded length');
        assert.equal(maxAbsDiff(firstPositions(p, n), firstPositions(plain[`present.${i}.${kv}`]!, n)), 0, `layer ${i} ${kv}`);
      }
    }
    // Why the last prompt position cannot be inside the padded run: the graph slices the last row for the logits.
    assert.ok(maxAbsDiff(padded.logits!.data as Float32Array, plain.logits!.data as Float32Array) > 1e-2);
  });
});

describe('prompt buckets', () => {
  it('multiples of the step, never past the model length, never shorter than the prompt', () => {
    assert.equal(promptBucketFor(1284, 256, 8192), 1536);
    assert.equal(promptBucketFor(1280, 256, 8192), 1280);
    assert.equal(promptBucketFor(248, 256, 8192), 256);
    assert.equal(promptBucketFor(300, 256, 512), 512);
    assert.equal(promptBucketFor(500, 256, 510), 510);
    assert.throws(() => promptBucketFor(10, 0, 512), /positive integer/);
  });

  it('KvDecoder: a 40-position prompt runs at 64 rows, decoding continues at position 41 in the same buffers, same tokens as unpadded', async () => {
    const buckets = defaultKvBuckets(bundle.manifest.text.maxPositions);
    const a = new KvDecoder(s.decoder, bundle.manifest, buckets, 64);
    const b = new KvDecoder(s.decoder, bundle.manifest, buckets);
    assert.equal(a.promptRows(40), 64);
    assert.equal(b.promptRows(40), 40);
    let ra = await a.prefill(rowsOf(40, 3, 64), 40, true);
    let rb = await b.prefill(rowsOf(40, 3), 40, true);
    assert.deepEqual(a.lengths, { positions: 40, buffers: 64 }, 'the prompt cache holds 40 positions in 64');
    assert.deepEqual(b.lengths, { positions: 40, buffers: 40 });
    const buffers: number[] = [];
    for (let k = 0; k < 30; k++) {
      assert.equal(ra.next, rb.next, `token ${k}`);
      assert.ok(maxAbsDiff(ra.logits!, rb.logits!) < ROUNDING, `step ${k}: ${maxAbsDiff(ra.logits!, rb.logits!)}`);
      const e = await s.embed.run({ input_ids: { type: 'int64', dims: [1, 1], data: BigInt64Array.from([BigInt(ra.next)]) } });
      ra = await a.step(e.inputs_embeds!, true);
      rb = await b.step(e.inputs_embeds!, true);
      buffers.push(a.lengths.buffers);
    }
    assert.equal(a.lengths.positions, 70, 'one position a step from the real length, not from the padded one');
    // positions 41..64 stay in the prompt's 64 rows, 65.. move to the 256 bucket
    assert.deepEqual(buffers, [...Array(24).fill(64), ...Array(6).fill(256)]);
    a.release();
    b.release();
  });

  it('KvDecoder: the padded two-call prefill equals an unpadded two-call prefill bit for bit (the padding itself is exact)', async () => {
    const a = new KvDecoder(s.decoder, bundle.manifest, defaultKvBuckets(bundle.manifest.text.maxPositions), 64);
    const ra = await a.prefill(rowsOf(40, 5, 64), 40, true);
    const first = await s.decoder.run({ inputs_embeds: emb(rowsOf(39, 5)), attention_mask: mask(39, 39), ...emptyPast() });
    const past: Record<string, TensorLike> = {};
    for (let i = 0; i < L(); i++) for (const kv of ['key', 'value']) past[`past_key_values.${i}.${kv}`] = first[`present.${i}.${kv}`]!;
    const last = await s.decoder.run({ inputs_embeds: emb(rowsOf(40, 5).slice(39 * D())), attention_mask: mask(40, 40), ...past });
    assert.equal(maxAbsDiff(ra.logits!, last.logits!.data as Float32Array), 0);
    a.release();
  });
});


describe('MagmaModel with prompt buckets (the default)', () => {
  it('every fixture case: the prefill runs padded to 256 rows, the reference tokens, logits of the unpadded prefill within rounding', async () => {
    const rec = recordingDecoder(s.decoder);
    const padded = new MagmaModel({ ...s, decoder: rec.session }, tok, bundle.manifest, { visionCacheCrops: 0 });
    const plain = new MagmaModel(s, tok, bundle.manifest, { visionCacheCrops: 0, promptBuckets: false });
    for (const c of expected.cases) {
      rec.runs.length = 0;
      const req = { prompt: PROMPT, images: c.images.map(loadFixtureImage), maxNewTokens: expected.newTokens, stopAtEos: false, keepLogits: true };
      const [rp, ru] = [await padded.generate(req), await plain.generate(req)];
      const n = c.mergedLength;
      assert.equal(rp.timings.promptTokens, n);
      const bucket = promptBucketFor(n, 256, bundle.manifest.text.maxPositions);
      // then its last position, with the mask at the real length: present keeps max(past, mask) = the bucket's length
      assert.deepEqual(rec.runs.slice(0, 2), [[bucket, bucket], [1, n]], `${c.name}: prompt of ${n} as ${bucket} rows, then its last position`);
      assert.deepEqual(rp.tokenIds, c.tokens, c.name);
      assert.deepEqual(ru.tokenIds, c.tokens, c.name);
      for (let k = 0; k < ru.stepLogits!.length; k++) assert.ok(maxAbsDiff(rp.stepLogits![k]!, ru.stepLogits![k]!) < ROUNDING, `${c.name} step ${k}`);
    }
  });
});

describe('the prompt embeddings buffer across steps (host merge)', () => {
  it('a step whose padded prompt has the last one\'s length is written into the last one\'s buffer; its logits are those of a fresh model', async () => {
    // The host merge's buffer: sessions without the device merge (mergeOnDevice false).
    const { merge: _onDevice, ...host } = s;
    const buffers: ArrayBufferLike[] = [];
    const spy = Object.create(s.decoder) as TensorSession;
    spy.run = (feeds, names) => {
      if (feeds.inputs_embeds!.dims[1]! > 1) buffers.push((feeds.inputs_embeds!.data as Float32Array).buffer);
      return s.decoder.run(feeds, names);
    };
    const m = new MagmaModel({ ...host, decoder: spy }, tok, bundle.manifest, { visionCacheCrops: 0 });
    const img = (name: string) => loadFixtureImage(expected.cases.find((c) => c.name === name)!.images[0]!);
    const req = (name: string, prompt = PROMPT) => ({ prompt, images: [img(name)], maxNewTokens: expected.newTokens, stopAtEos: false, keepLogits: true });
    const a1 = await m.generate(req('grid-2x2'));
    const b = await m.generate(req('grid-1x1', `${PROMPT} and then close it`)); // another prompt length
    const a2 = await m.generate(req('grid-2x2'));
    const fresh = await new MagmaModel(host, tok, bundle.manifest, { visionCacheCrops: 0 }).generate(req('grid-2x2'));
    assert.equal(buffers.length, 3, 'one prompt run per step');
    const bucket = (n: number) => promptBucketFor(n, 256, bundle.manifest.text.maxPositions);
    assert.notEqual(a1.timings.promptTokens, b.timings.promptTokens, 'two prompt lengths');
    assert.equal(bucket(a1.timings.promptTokens), bucket(b.timings.promptTokens), 'in one bucket (the fixture\'s prompts are short)');
    assert.equal(buffers[1], buffers[0], 'same padded length: the buffer is reused');
    assert.equal(buffers[2], buffers[1]);
    assert.deepEqual(a2.tokenIds, fresh.tokenIds);
    a2.stepLogits!.forEach((l, k) => assert.deepEqual(l, fresh.stepLogits![k], `step ${k}: the same logits as a fresh model`));
    assert.deepEqual(a1.stepLogits, a2.stepLogits);
  });
});

describe("WebGPU's buffer cache with the buckets on", () => {
  /** The options each graph is opened with (a runtime that opens nothing). */
  async function optionsOf(opts: Parameters<typeof openBundleSessions>[2]): Promise<Array<OrtLoadOptions | undefined>> {
    const seen: Array<OrtLoadOptions | undefined> = [];
    const rt: BundleRuntime = {
      load: async (_path, o) => {
        seen.push(o);
        return { provider: 'webgpu', inputNames: [], outputNames: [], run: async () => ({}), release: async () => undefined } as unknown as TensorSession;
      },
    };
    await openBundleSessions(rt, bundle, opts);
    return seen;
  }

  it("the bundle's vision and decoder sessions use storageBufferCacheMode simple by default; the option turns it off", async () => {
    const [vision, embed, decoder] = await optionsOf({ providers: ['webgpu', 'cpu'] });
    assert.equal(vision?.webgpu?.storageBufferCacheMode, 'simple');
    assert.equal(decoder?.webgpu?.storageBufferCacheMode, 'simple');
    assert.deepEqual(embed?.providers, ['cpu'], 'the token table stays on the CPU');
    for (const o of await optionsOf({ providers: ['webgpu'], simpleBufferCache: false })) assert.equal(o?.webgpu?.storageBufferCacheMode, undefined);
    const [v2] = await optionsOf({ webgpu: { storageBufferCacheMode: 'bucket', validationMode: 'disabled' } });
    assert.deepEqual(v2?.webgpu, { storageBufferCacheMode: 'bucket', validationMode: 'disabled' }, 'an explicit mode wins');
    const [v3] = await optionsOf({ webgpu: { validationMode: 'disabled' } });
    assert.deepEqual(v3?.webgpu, { storageBufferCacheMode: 'simple', validationMode: 'disabled' });
  });
});
