/**
 * The bucketed KV cache (#16, electron/agent/model/kv-buckets.ts) on the tiny fixture bundle, onnxruntime's CPU
 * provider. First the facts about GroupQueryAttention it relies on, checked on the decoder session directly:
 * a past padded beyond its real positions gives a present of max(past, total) positions with the new position at
 * real - 1 and the padding never read (NaN there changes nothing); a mask padded with zeros gives a present of the
 * mask's length. Then the decoder and the whole model with buckets against the unpadded cache: identical logits
 * and tokens, also on the steps that cross a bucket boundary, with buffers that keep one length inside a bucket.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { MagmaBundle } from '../../electron/adapters/magma-bundle.js';
import { defaultKvBuckets, kvBucketFor, checkKvBuckets, paddedMask } from '../../electron/agent/model/kv-buckets.js';
import { KvDecoder, MagmaModel, type MagmaSessions } from '../../electron/agent/model/magma-model.js';
import { HfTokenizer } from '../../electron/agent/model/tokenizer.js';
import type { TensorLike } from '../../electron/agent/ports.js';
import { openTinyMagma } from '../support/magma-tiny.js';
import { groundingPrompt, loadFixtureImage, magmaExpected, maxAbsDiff } from '../support/magma-fixtures.js';

interface ImageCase { width: number; height: number; rgb: string }
interface Case { name: string; images: ImageCase[]; mergedLength: number; tokens: number[] }
const expected = magmaExpected<{ goal: string; newTokens: number; cases: Case[] }>();
const PROMPT = groundingPrompt(expected.goal);

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

/** Deterministic embeddings [1, n, D]. */
function embeds(n: number, seed: number): TensorLike {
  const x = new Float32Array(n * D());
  for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 0.37 + seed) * 0.5;
  return { type: 'float32', dims: [1, n, D()], data: x };
}

function ones(n: number): TensorLike {
  return { type: 'int64', dims: [1, n], data: paddedMask(n, n) };
}

/** [1, kv, len, hd] -> [1, kv, to, hd]: positions copied, the rest filled with `fill`. */
function pad(t: TensorLike, to: number, fill: number): TensorLike {
  const len = t.dims[2]!;
  const src = t.data as Float32Array;
  const out = new Float32Array(KV() * to * HD()).fill(fill);
  for (let h = 0; h < KV(); h++) out.set(src.subarray(h * len * HD(), (h + 1) * len * HD()), h * to * HD());
  return { type: 'float32', dims: [1, KV(), to, HD()], data: out };
}

/** Positions [p0, p1) of every head of a [1, kv, len, hd] tensor, flattened. */
function positions(t: TensorLike, p0: number, p1: number): Float32Array {
  const len = t.dims[2]!;
  const src = t.data as Float32Array;
  const out: number[] = [];
  for (let h = 0; h < KV(); h++) out.push(...src.subarray((h * len + p0) * HD(), (h * len + p1) * HD()));
  return Float32Array.from(out);
}

function pastOf(out: Record<string, TensorLike>, map: (t: TensorLike) => TensorLike = (t) => t): Record<string, TensorLike> {
  const past: Record<string, TensorLike> = {};
  for (let i = 0; i < L(); i++) for (const kv of ['key', 'value']) past[`past_key_values.${i}.${kv}`] = map(out[`present.${i}.${kv}`]!);
  return past;
}

describe('GroupQueryAttention facts on the CPU provider (what the bucketed cache relies on)', () => {
  const n = 40;
  let prefill: Record<string, TensorLike>;
  let plain: Record<string, TensorLike>;
  before(async () => {
    const empty: Record<string, TensorLike> = {};
    for (let i = 0; i < L(); i++) for (const kv of ['key', 'value']) empty[`past_key_values.${i}.${kv}`] = { type: 'float32', dims: [1, KV(), 0, HD()], data: new Float32Array(0) };
    prefill = await s.decoder.run({ inputs_embeds: embeds(n, 1), attention_mask: ones(n), ...empty });
    // The unpadded step the others are compared with: past n, mask n + 1 -> present n + 1.
    plain = await s.decoder.run({ inputs_embeds: embeds(1, 2), attention_mask: ones(n + 1), ...pastOf(prefill) });
    assert.equal(plain['present.0.key']!.dims[2], n + 1);
  });

  it('a past padded to 64 positions (NaN beyond the real 40) gives a present of 64, the new position at 40, the same logits', async () => {
    const out = await s.decoder.run({ inputs_embeds: embeds(1, 2), attention_mask: ones(n + 1), ...pastOf(prefill, (t) => pad(t, 64, NaN)) });
    for (let i = 0; i < L(); i++) {
      for (const kv of ['key', 'value']) {
        const p = out[`present.${i}.${kv}`]!;
        assert.deepEqual(p.dims, [1, KV(), 64, HD()], 'present is max(past, total) long');
        assert.equal(maxAbsDiff(positions(p, 0, n), positions(prefill[`present.${i}.${kv}`]!, 0, n)), 0, `layer ${i} ${kv}: past copied`);
        assert.equal(maxAbsDiff(positions(p, n, n + 1), positions(plain[`present.${i}.${kv}`]!, n, n + 1)), 0, `layer ${i} ${kv}: new position at ${n}`);
      }
    }
    const lg = out.logits!.data as Float32Array;
    assert.ok(lg.every(Number.isFinite), 'the NaN padding was read');
    assert.equal(maxAbsDiff(lg, plain.logits!.data as Float32Array), 0);
  });

  it('a mask padded with zeros to 64 gives a present of 64 from an unpadded past, the same logits', async () => {
    const out = await s.decoder.run({ inputs_embeds: embeds(1, 2), attention_mask: { type: 'int64', dims: [1, 64], data: paddedMask(n + 1, 64) }, ...pastOf(prefill) });
    const p = out['present.1.value']!;
    assert.deepEqual(p.dims, [1, KV(), 64, HD()], 'present takes the mask length');
    assert.equal(maxAbsDiff(positions(p, 0, n + 1), positions(plain['present.1.value']!, 0, n + 1)), 0);
    assert.equal(maxAbsDiff(out.logits!.data as Float32Array, plain.logits!.data as Float32Array), 0);
  });
});

describe('bucket sizes', () => {
  it('powers of two from 256, the model length last; the smallest bucket that holds a length', () => {
    assert.deepEqual(defaultKvBuckets(512), [256, 512]);
    assert.deepEqual(defaultKvBuckets(8192), [256, 512, 1024, 2048, 4096, 8192]);
    assert.deepEqual(defaultKvBuckets(3000), [256, 512, 1024, 2048, 3000]);
    assert.equal(kvBucketFor(1285, defaultKvBuckets(8192)), 2048);
    assert.equal(kvBucketFor(256, defaultKvBuckets(8192)), 256);
    assert.equal(kvBucketFor(257, defaultKvBuckets(8192)), 512);
    assert.deepEqual(checkKvBuckets([250, 260], 512), [250, 260, 512]);
    assert.throws(() => checkKvBuckets([260, 250], 512), /ascending/);
    assert.throws(() => checkKvBuckets([1024], 512), /exceeds/);
  });
});

describe('the bucketed cache gives the logits and tokens of the unpadded cache', () => {
  it('KvDecoder: buffers keep one length inside a bucket and grow only at its boundary; logits identical on every step', async () => {
    const buckets = checkKvBuckets([44, 48, 64], bundle.manifest.text.maxPositions);
    const a = new KvDecoder(s.decoder, bundle.manifest, buckets);
    const b = new KvDecoder(s.decoder, bundle.manifest);
    const lengths: number[] = [];
    let ra = await a.step(embeds(40, 3), true);
    let rb = await b.step(embeds(40, 3), true);
    for (let k = 0; k < 30; k++) {
      assert.equal(maxAbsDiff(ra.logits!, rb.logits!), 0, `step ${k}`);
      assert.equal(ra.next, rb.next);
      lengths.push(a.lengths.buffers);
      ra = await a.step(embeds(1, 10 + k), true);
      rb = await b.step(embeds(1, 10 + k), true);
    }
    a.release();
    b.release();
    // prefill 40 (unpadded), then 44 for positions 41-44, 48 for 45-48, 64 for 49-64, 512 beyond
    assert.deepEqual(lengths, [40, 44, 44, 44, 44, 48, 48, 48, 48, ...Array(16).fill(64), 512, 512, 512, 512, 512]);
    assert.equal(b.lengths.buffers, 70, 'the unpadded cache grows one position a step');
  });

  it('MagmaModel (default buckets 256/512): every fixture case matches the reference tokens; 12 tokens from 248 cross 256 with identical logits', async () => {
    // The prompt unpadded, to compare bit for bit; the prompt buckets (on by default) have their own test,
    // magma-prompt-buckets.test.ts (logits within float32 rounding there).
    const bucketed = new MagmaModel(s, tok, bundle.manifest, { visionCacheCrops: 0, promptBuckets: false });
    const plain = new MagmaModel(s, tok, bundle.manifest, { visionCacheCrops: 0, kvBuckets: false });
    for (const c of expected.cases) {
      const r = await bucketed.generate({ prompt: PROMPT, images: c.images.map(loadFixtureImage), maxNewTokens: expected.newTokens, stopAtEos: false });
      assert.equal(r.kvCache, 'bucketed');
      assert.deepEqual(r.tokenIds, c.tokens, c.name);
    }
    const c = expected.cases.find((x) => x.mergedLength === 248)!;
    const req = { prompt: PROMPT, images: c.images.map(loadFixtureImage), maxNewTokens: 12, stopAtEos: false, keepLogits: true };
    const [rb, rp] = [await bucketed.generate(req), await plain.generate(req)];
    assert.equal(rp.kvCache, 'dynamic');
    assert.equal(rb.timings.promptTokens + rb.tokenIds.length - 1, 259, 'the last step holds 259 positions: past the 256 boundary');
    assert.deepEqual(rb.tokenIds, rp.tokenIds);
    for (let k = 0; k < rp.stepLogits!.length; k++) assert.equal(maxAbsDiff(rb.stepLogits![k]!, rp.stepLogits![k]!), 0, `step ${k}`);
  });
});
