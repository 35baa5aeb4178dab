/**
 * The prefill's attention alone, in three forms, for timing on a GPU (scripts/bench-matmul.ts reads the index) and for
 * checking that they give the same output (#16: GroupQueryAttention's FlashAttention took 56-70 ms of the prefill's
 * 200 on the H200 with no tensor cores; is plain MatMul + Softmax faster there?).
 *
 *   tsx scripts/attention-graphs.ts --to DIR [--rows 1284,1408,1536] [--repeat 8]   write the graphs and DIR/index.json
 *   tsx scripts/attention-graphs.ts --check [--rows 96] [--providers cpu]              run the three forms, print max |diff|
 *
 * Each graph takes A [1, n, 6144] float16, the decoder's packed q|k|v projection (Magma-8B: 32 query heads, 8 KV
 * heads, head size 128), and gives Y [1, n, 4096]: causal attention over the n rows with the rotary embedding
 * (non-interleaved, the decoder's cos/sin caches), no past.
 *   gqa   com.microsoft GroupQueryAttention exactly as the decoder writes it (graphs.ts writeDecoder).
 *   sdpa  the same in plain operators: RotaryEmbedding on q and k, then per KV head one MatMul of its 4 query heads'
 *         rows (stacked, 4n) against K, so K and V are never copied per query head; the causal mask added; Softmax;
 *         MatMul with V.
 *   if    sdpa inside an If whose other branch is gqa (taken for one row), as a decoder holding both would run it.
 * --repeat R chains R attentions (the output widened back to 6144 with A's k|v part) so one run lasts about as long
 * as the prefill's 32 layers. FLOP per attention in the index: 4 n^2 128 32 / 2 (the causal half).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { ropeTables, type MagmaArch } from '../electron/adapters/convert/architecture.js';
import { toHalf } from '../electron/adapters/convert/dtype.js';
import { halfToFloat } from '../electron/common/half.js';
import { DT, F, GraphBuilder, valueInfo } from '../electron/adapters/convert/graph-builder.js';

const H = 32;
const KV = 8;
const HD = 128;
const QKV = (H + 2 * KV) * HD;
/** Magma-8B's text model (Llama-3-8B): what the rotary caches need of it. */
const ARCH = { headDim: HD, ropeTheta: 500000, ropeScaling: null, maxPositions: 8192 } as unknown as MagmaArch;

export type AttentionForm = 'gqa' | 'sdpa' | 'if';

function halfBytes(v: Float32Array): Uint8Array {
  const h = toHalf(v);
  return new Uint8Array(h.buffer, h.byteOffset, h.byteLength);
}

function attention(g: GraphBuilder, form: AttentionForm, x: string, c: Record<string, string>): string {
  if (form === 'if') {
    // sdpa for a prompt (more than one row), gqa for a decode step: one graph, the weights shared, as a decoder would
    const rows = g.node('Gather', [g.node('Shape', [x]), c.one!], null, '', { axis: 0 });
    const many = g.node('Greater', [rows, c.one!]);
    const thenB = g.branch(g.fresh('prompt'));
    const elseB = g.branch(g.fresh('step'));
    const yThen = attention(thenB, 'sdpa', x, c);
    const yElse = attention(elseB, 'gqa', x, c);
    return g.node('If', [many], null, '', { then_branch: { graph: thenB.asBranch([yThen]) }, else_branch: { graph: elseB.asBranch([yElse]) } });
  }
  if (form === 'gqa') {
    const y = g.fresh('attn');
    g.node('GroupQueryAttention', [x, '', '', c.pastK!, c.pastV!, c.seqlens!, c.total!, c.cos!, c.sin!], [y, g.fresh('pk'), g.fresh('pv')], 'com.microsoft',
      { num_heads: H, kv_num_heads: KV, scale: new F(1.0 / Math.sqrt(HD)), do_rotary: 1, rotary_interleaved: 0 });
    return y;
  }
  const [q0, k0, v0] = [g.fresh('q'), g.fresh('k'), g.fresh('v')];
  g.node('Split', [x, c.split!], [q0, k0, v0], '', { axis: 2 });
  const q1 = g.node('RotaryEmbedding', [q0, c.pos!, c.cos!, c.sin!], null, 'com.microsoft', { num_heads: H, interleaved: 0 });
  const k1 = g.node('RotaryEmbedding', [k0, c.pos!, c.cos!, c.sin!], null, 'com.microsoft', { num_heads: KV, interleaved: 0 });
  // Q [n, KV, 4, HD] -> [KV, 4n, HD], scaled before the scores (n/32 times fewer elements than they have)
  const q = g.node('Mul', [g.node('Reshape', [g.node('Transpose', [g.node('Reshape', [q1, c.shapeQ4!])], null, '', { perm: [1, 2, 0, 3] }), c.shapeQg!]), c.scale!]);
  const kT = g.node('Transpose', [g.node('Reshape', [k1, c.shapeKv!])], null, '', { perm: [1, 2, 0] }); // [KV, HD, n]
  const v = g.node('Transpose', [g.node('Reshape', [v0, c.shapeKv!])], null, '', { perm: [1, 0, 2] }); // [KV, n, HD]
  const s = g.node('Add', [g.node('Reshape', [g.node('MatMul', [q, kT]), c.shapeS4!]), c.mask!]); // [KV, 4, n, n]
  const p = g.node('Reshape', [g.node('Softmax', [s], null, '', { axis: -1 }), c.shapeSg!]); // [KV, 4n, n]
  const o = g.node('Reshape', [g.node('MatMul', [p, v]), c.shapeO4!]); // [KV, 4, n, HD]
  return g.node('Reshape', [g.node('Transpose', [o], null, '', { perm: [2, 0, 1, 3] }), c.shapeY!]); // [1, n, H*HD]
}

/** One graph: `repeat` attentions of `form` over n rows. */
export function attentionGraph(dir: string, file: string, form: AttentionForm, n: number, repeat: number): void {
  const g = new GraphBuilder(`attn_${form}_${n}`, 'fp16', dir, null);
  g.inputs.push(valueInfo('A', DT.FLOAT16, [1, n, QKV]));
  g.outputs.push(valueInfo('Y', DT.FLOAT16, [1, n, H * HD]));
  const rope = ropeTables(ARCH);
  const c: Record<string, string> = {
    cos: g.initF('cos_cache', [ARCH.maxPositions, rope.width], Float32Array.from(rope.cos), halfBytes),
    sin: g.initF('sin_cache', [ARCH.maxPositions, rope.width], Float32Array.from(rope.sin), halfBytes),
  };
  if (form === 'if') c.one = g.initBytes('one', DT.INT64, [], new Uint8Array(BigInt64Array.from([1n]).buffer));
  if (form !== 'sdpa') {
    c.pastK = g.initBytes('past_k', DT.FLOAT16, [1, KV, 0, HD], new Uint8Array(0));
    c.pastV = g.initBytes('past_v', DT.FLOAT16, [1, KV, 0, HD], new Uint8Array(0));
    c.seqlens = g.initBytes('seqlens', DT.INT32, [1], new Uint8Array(new Int32Array([n - 1]).buffer));
    c.total = g.initBytes('total', DT.INT32, [], new Uint8Array(new Int32Array([n]).buffer));
  }
  if (form !== 'gqa') {
    const mask = new Float32Array(n * n);
    for (let r = 0; r < n; r++) mask.fill(-65504, r * n + r + 1, (r + 1) * n);
    c.mask = g.initF('mask', [n, n], mask, halfBytes);
    c.scale = g.initF('scale', [], new Float32Array([1 / Math.sqrt(HD)]), halfBytes);
    c.split = g.constI64([H * HD, KV * HD, KV * HD]);
    c.pos = g.initBytes('pos', DT.INT64, [1, n], new Uint8Array(BigInt64Array.from({ length: n }, (_, i) => BigInt(i)).buffer));
    c.shapeQ4 = g.constI64([n, KV, H / KV, HD]);
    c.shapeQg = g.constI64([KV, (H / KV) * n, HD]);
    c.shapeKv = g.constI64([n, KV, HD]);
    c.shapeS4 = g.constI64([KV, H / KV, n, n]);
    c.shapeSg = g.constI64([KV, (H / KV) * n, n]);
    c.shapeO4 = g.constI64([KV, H / KV, n, HD]);
    c.shapeY = g.constI64([1, n, H * HD]);
  }
  const kvPart = repeat > 1 ? g.node('Slice', ['A', g.constI64([H * HD]), g.constI64([QKV]), g.constI64([2])]) : '';
  let x = 'A';
  for (let r = 0; r < repeat; r++) {
    const y = attention(g, form, x, c);
    if (r === repeat - 1) g.node('Identity', [y], ['Y']);
    else x = g.node('Concat', [y, kvPart], null, '', { axis: 2 });
  }
  g.save(file);
}

function randomHalfInput(n: number, seed: number): Uint16Array {
  const v = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    v[i] = (s / 2 ** 32 - 0.5) * 4;
  }
  return toHalf(v);
}

/** Both forms on `provider` with one random input: the largest |difference| of their outputs and its scale. */
export async function compareForms(n: number, provider: string): Promise<{ maxDiff: number; maxAbs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'attn-'));
  try {
    const input = new ort.Tensor('float16', randomHalfInput(n * QKV, n), [1, n, QKV]);
    const out: Uint16Array[] = [];
    for (const form of ['gqa', 'sdpa', 'if'] as const) {
      attentionGraph(dir, `${form}.onnx`, form, n, 1);
      const s = await ort.InferenceSession.create(join(dir, `${form}.onnx`), { executionProviders: [provider] });
      out.push((await s.run({ A: input })).Y!.data as Uint16Array);
      await s.release();
    }
    let maxDiff = 0;
    let maxAbs = 0;
    for (let i = 0; i < out[0]!.length; i++) {
      const a = halfToFloat(out[0]![i]!);
      maxDiff = Math.max(maxDiff, Math.abs(a - halfToFloat(out[1]![i]!)), Math.abs(a - halfToFloat(out[2]![i]!)));
      maxAbs = Math.max(maxAbs, Math.abs(a));
    }
    return { maxDiff, maxAbs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const { values: a } = parseArgs({ options: { to: { type: 'string' }, rows: { type: 'string' }, repeat: { type: 'string', default: '8' }, check: { type: 'boolean' }, providers: { type: 'string', default: 'cpu' } } });
  if (a.check) {
    for (const n of (a.rows ?? '96').split(',').map(Number)) {
      const r = await compareForms(n, a.providers!);
      console.log(`n=${n} ${a.providers}: gqa vs sdpa and if max |diff| ${r.maxDiff.toExponential(3)} (outputs up to ${r.maxAbs.toFixed(3)})`);
    }
    return 0;
  }
  if (!a.to) throw new Error('--to DIR (write the graphs) or --check (compare the two forms) is required');
  mkdirSync(a.to, { recursive: true });
  const repeat = Number(a.repeat);
  const index = [];
  for (const n of (a.rows ?? '1284,1408,1536').split(',').map(Number)) {
    for (const form of ['gqa', 'sdpa', 'if'] as const) {
      const name = `attn${n}-${form}`;
      attentionGraph(a.to, `${name}.onnx`, form, n, repeat);
      index.push({ name, file: `${name}.onnx`, op: `attention-${form}`, M: n, K: QKV, N: H * HD, repeat, input: [1, n, QKV], flop: (repeat * 4 * n * n * HD * H) / 2 });
    }
  }
  writeFileSync(join(a.to, 'index.json'), JSON.stringify(index, null, 1));
  console.log(`${index.length} graphs in ${a.to}`);
  return 0;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().then(
    (c) => process.exit(c),
    (e) => {
      console.error(`attention-graphs: ${(e as Error).stack ?? e}`);
      process.exit(1);
    },
  );
}
