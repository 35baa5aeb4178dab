/**
 * The prefill in chunks of a fixed number of rows (#16, electron/agent/model/prefill-chunks.ts) on the tiny fixture
 * bundle, onnxruntime's CPU provider: every decoder run of the prompt has exactly the chunk's rows, the KV cache
 * stays in its buckets, and the logits and tokens are those of the prompt in one run.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { MagmaBundle } from '../../electron/adapters/magma-bundle.js';
import { defaultKvBuckets } from '../../electron/agent/model/kv-buckets.js';
import { KvDecoder, MagmaModel, type MagmaSessions } from '../../electron/agent/model/magma-model.js';
import { HfTokenizer } from '../../electron/agent/model/tokenizer.js';
import { openTinyMagma, recordingDecoder } from '../support/magma-tiny.js';
import { groundingPrompt, loadFixtureImage, magmaExpected, maxAbsDiff } from '../support/magma-fixtures.js';

interface Case { name: string; images: Array<{ width: number; height: number; rgb: string }>; tokens: number[] }
const expected = magmaExpected<{ goal: string; newTokens: number; cases: Case[] }>();

let bundle: MagmaBundle;
let s: MagmaSessions;
let tok: HfTokenizer;

before(async () => {
  ({ bundle, sessions: s, tok } = await openTinyMagma());
});


function rowsOf(n: number, rows: number): Float32Array {
  const D = bundle.manifest.text.hiddenSize;
  const x = new Float32Array(rows * D);
  for (let i = 0; i < n * D; i++) x[i] = Math.sin(i * 0.37 + 3) * 0.5;
  return x;
}

describe('prefill in chunks', () => {
  // 32 divides the KV buckets (256, 512); 160 does not, so chunks end between bucket boundaries, as the 8 GB
  // plan's 768 does at full size (buckets 512, 1024, 2048).
  for (const C of [32, 160]) it(`prompts of 20 to 300 positions in chunks of ${C}: runs of exactly ${C} rows, logits and 20 tokens equal to the prompt in one run`, async () => {
    const buckets = defaultKvBuckets(bundle.manifest.text.maxPositions);
    for (const n of [20, 32, 40, 70, 100, 160, 170, 300]) {
      const rec = recordingDecoder(s.decoder);
      const chunked = new KvDecoder(rec.session, bundle.manifest, buckets, undefined, false, C);
      const whole = new KvDecoder(s.decoder, bundle.manifest);
      const rows = chunked.promptRows(n);
      // max(n, C) rows; this format-1 decoder takes its logits from the last row, so a prompt within one chunk
      // runs unchunked (with a format-3 decoder it would be one run of C rows).
      assert.equal(rows, n);
      let a = await chunked.prefill(rowsOf(n, rows), n, true);
      let b = await whole.prefill(rowsOf(n, n), n, true);
      const runs = n > C ? Math.ceil(n / C) : 0;
      assert.deepEqual(rec.runs.map(([r]) => r), n > C ? Array(runs).fill(C) : [n], `n=${n}: ${runs} runs of ${C} rows`);
      assert.equal(rec.runs[0]![1], Math.min(n, C), `n=${n}: the first run's mask is as long as its rows`);
      assert.ok(rec.runs.slice(1).every(([, m]) => buckets.includes(m)), `n=${n}: every later mask at a KV bucket's length (${rec.runs.map(([, m]) => m)})`);
      assert.equal(chunked.lengths.positions, n);
      for (let k = 0; k < 20; k++) {
        assert.equal(a.next, b.next, `n=${n} token ${k}`);
        const d = maxAbsDiff(a.logits!, b.logits!);
        assert.ok(d < 1e-5, `n=${n} step ${k}: logits differ by ${d}`);
        const e = await s.embed.run({ input_ids: { type: 'int64', dims: [1, 1], data: BigInt64Array.from([BigInt(a.next)]) } });
        a = await chunked.step(e.inputs_embeds!, true);
        b = await whole.step(e.inputs_embeds!, true);
      }
      chunked.release();
      whole.release();
    }
  });

  it('MagmaModel with prefillChunk: every fixture case gives the reference tokens, every prompt run has the chunk\'s rows', async () => {
    const rec = recordingDecoder(s.decoder);
    const m = new MagmaModel({ ...s, decoder: rec.session }, tok, bundle.manifest, { visionCacheCrops: 0, prefillChunk: 64 });
    for (const c of expected.cases) {
      rec.runs.length = 0;
      const r = await m.generate({ prompt: groundingPrompt(expected.goal), images: c.images.map(loadFixtureImage), maxNewTokens: expected.newTokens, stopAtEos: false });
      assert.deepEqual(r.tokenIds, c.tokens, c.name);
      const prompt = rec.runs.filter(([rows]) => rows > 1);
      assert.ok(prompt.length >= 1 && prompt.every(([rows]) => rows === 64), `${c.name}: prompt runs ${JSON.stringify(prompt)}`);
    }
  });

  it('a chunk size that is not a positive whole number is refused', () => {
    for (const bad of [0, -4, 2.5]) assert.throws(() => new MagmaModel(s, tok, bundle.manifest, { prefillChunk: bad }), /prefill chunk must be a positive whole number/);
  });
});
