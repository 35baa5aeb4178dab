/**
 * The bundle's graphs (vision, embed, decoder, kv_init), written node for node as models/magma/onnx_writer.py
 * writes them, so the runtime (electron/adapters/magma-bundle.ts, electron/agent/model/) loads either unchanged.
 * Keep the two in step: tests/integration/magma-convert.test.ts compares them graph by graph on the fixtures.
 * That is bundle format 1; format 2 adds the rewrites of models/magma/optimize_graphs.py that measured well on the
 * H200: the two-stage ArgMax (argmax-2stage.ts) and, for int4 when asked, 8-bit vision MatMuls. Format 3 (the
 * default since #16) is optimize_graphs.py's `--logits-last-real` decoder and, for int4, its `--vision-2d
 * --bias-gelu --vision-nbits 8 --nbits-bias` vision tower (with the 2-D tensors' shapes declared); other precisions
 * get `--bias-gelu` only. tests/integration/magma-convert.test.ts checks each against the format before it.
 * Weights are read one tensor at a time (the token table and lm_head in row blocks) and written at once.
 */
import { writeArgMax2Stage } from './argmax-2stage.js';
import { DT, F, GraphBuilder, valueInfo } from './graph-builder.js';
import { floatToHalfBits, HalfOverflow, toHalf } from './dtype.js';
import { INT4_BLOCK, quantizeInt4 } from './int4.js';
import { quantizeInt8 } from './int8.js';
import { ropeTables, trunkStride, VISION_PREFIX, type MagmaArch } from './architecture.js';

export interface WeightSource {
  shape(name: string): number[];
  /** The whole tensor as fp32 (exact from bf16/fp16/fp32). */
  f32(name: string): Float32Array;
  /** Rows [row0, row0 + n) of a 2-D tensor as fp32. */
  rows(name: string, row0: number, n: number): Float32Array;
  /** Called between tensors: throws to stop (cancel). */
  checkpoint(): void;
  /** Called between larger pieces (a row block, a vision block, a decoder matrix): lets the event loop run, then checkpoint(). */
  yield(): Promise<void>;
}

export class OverflowError extends Error {
  constructor(readonly tensor: string, readonly value: number) {
    super(`tensor ${tensor} holds ${value}, beyond fp16's range (±65504)`);
  }
}

/** Rows per block when a large matrix is streamed (about 64 MB of fp32 at Magma-8B's width). */
const ROW_BLOCK = 4096;

function bytesOf(a: Float32Array | Uint16Array | Uint8Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function transpose(w: Float32Array, N: number, K: number): Float32Array {
  const t = new Float32Array(N * K);
  for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) t[k * N + n] = w[n * K + k]!;
  return t;
}

class Writer {
  constructor(readonly g: GraphBuilder, readonly w: WeightSource) {}

  /** fp32 values -> the graph's float type, naming the tensor if a value does not fit fp16. */
  toT(v: Float32Array, tensor: string): Uint8Array {
    if (this.g.T === DT.FLOAT) return bytesOf(v);
    try {
      return bytesOf(toHalf(v));
    } catch (e) {
      if (e instanceof HalfOverflow) throw new OverflowError(tensor, e.value);
      throw e;
    }
  }

  initT(name: string, dims: number[], v: Float32Array, source = name): string {
    return this.g.initBytes(name, this.g.T, dims, this.toT(v, source));
  }

  /** fp64 values (the rotary caches) -> T in one rounding step, as torch's `.to(dtype)` from float64. */
  initT64(name: string, dims: number[], v: Float64Array): string {
    if (this.g.T === DT.FLOAT) return this.g.initBytes(name, DT.FLOAT, dims, bytesOf(Float32Array.from(v)));
    const h = new Uint16Array(v.length);
    for (let i = 0; i < v.length; i++) h[i] = floatToHalfBits(v[i]!);
    return this.g.initBytes(name, DT.FLOAT16, dims, bytesOf(h));
  }

  /** A checkpoint tensor stored as it is (shape kept). */
  initW(initName: string, tensor: string, dims?: number[]): string {
    this.w.checkpoint();
    return this.initT(initName, dims ?? this.w.shape(tensor), this.w.f32(tensor), tensor);
  }

  /** A scalar constant: fp32 first (torch.tensor(x)), then T; shape [1] (numpy's ascontiguousarray makes 0-d 1-d). */
  scalar(base: string, x: number): string {
    return this.initT(this.g.fresh(base), [1], Float32Array.of(x));
  }

  layerNorm(x: string, pre: string, eps: number, name: string): string {
    const w = this.initW(name + '.w', pre + '.weight');
    const b = this.initW(name + '.b', pre + '.bias');
    return this.g.node('LayerNormalization', [x, w, b], null, '', { axis: -1, epsilon: new F(eps) });
  }

  /** x @ W.T (+ b) with W [N, K] from the checkpoint, stored transposed [K, N]. */
  linear(x: string, pre: string, name: string, bias = true): string {
    this.w.checkpoint();
    const [N, K] = this.w.shape(pre + '.weight') as [number, number];
    let y = this.g.node('MatMul', [x, this.weightT(pre, name, N, K)]);
    if (bias) y = this.g.node('Add', [y, this.initW(name + '.b', pre + '.bias')]);
    return y;
  }

  /** W [N, K] of the checkpoint stored transposed, [K, N] in the graph's type. */
  private weightT(pre: string, name: string, N: number, K: number): string {
    return this.initT(name + '.wT', [K, N], transpose(this.w.f32(pre + '.weight'), N, K), pre + '.weight');
  }

  /** W [N, K] as 8-bit blocks of 32 along K (int8.ts): the MatMulNBits weight and scale initializers. */
  private weight8(pre: string, name: string, N: number, K: number): { qw: string; sc: string } {
    const q = quantizeInt8(this.w.f32(pre + '.weight'), N, K);
    const qw = this.g.initBytes(name + '.q8', DT.UINT8, [N, K / INT4_BLOCK, INT4_BLOCK], q.packed);
    return { qw, sc: this.initT(name + '.q8_scales', [(N * K) / INT4_BLOCK], q.scales, pre + '.weight') };
  }

  /** 8-bit MatMulNBits of a 2-D input; `bias` (an initializer) goes into its bias input. */
  private matMul8(flat: string, w8: { qw: string; sc: string }, N: number, K: number, bias?: string): string {
    const inputs = [flat, w8.qw, w8.sc, ...(bias ? ['', '', bias] : [])];
    return this.g.node('MatMulNBits', inputs, null, 'com.microsoft', { K, N, bits: 8, block_size: INT4_BLOCK, accuracy_level: this.g.T === DT.FLOAT16 ? 4 : 0 });
  }

  /** x [.., K] as [-1, K], and the shape that takes a [-1, N] result back to [.., N]. */
  private flatten(x: string, K: number, N: number): { flat: string; back: string } {
    const g = this.g;
    const lead = g.node('Slice', [g.node('Shape', [x]), g.constI64([0]), g.constI64([-1])]);
    const back = g.node('Concat', [lead, g.constI64([N])], null, '', { axis: 0 });
    return { flat: g.node('Reshape', [x, g.constI64([-1, K])]), back };
  }

  /**
   * x @ W.T (+ b) with W as 8-bit MatMulNBits (int8.ts), on x flattened to 2-D and shaped back ([.., K] ->
   * [-1, K] -> [.., N]): onnxruntime's tensor-core MatMulNBits kernel takes batch 1 only, and a rank-4 ConvNeXt
   * activation would be N*h batches. A K that is not a multiple of the block stays a dense MatMul.
   */
  linearInt8(x: string, pre: string, name: string): string {
    this.w.checkpoint();
    const [N, K] = this.w.shape(pre + '.weight') as [number, number];
    if (K % INT4_BLOCK) return this.linear(x, pre, name);
    const w8 = this.weight8(pre, name, N, K);
    const { flat, back } = this.flatten(x, K, N);
    const y = this.g.node('Reshape', [this.matMul8(flat, w8, N, K), back]);
    return this.g.node('Add', [y, this.initW(name + '.b', pre + '.bias')]);
  }

  /**
   * Format 3's ConvNeXt and projector MatMul (optimize_graphs.py's vision_2d, vision_nbits and nbits_bias): x
   * [crops, side, side, K] flattened to [crops*side*side, K], an 8-bit MatMulNBits (a dense MatMul when `int8` is
   * off or K is not a multiple of the block), reshaped back. The three tensors get declared shapes, so that
   * onnxruntime's planner can reuse buffers across the tower (without them one vision run kept 2.5-3.7 GB more on
   * the H200). bias: 'add' an Add after, 'inside' MatMulNBits' bias input (an Add for a dense MatMul), 'none'.
   */
  linear2d(x: string, pre: string, name: string, o: { int8: boolean; bias: 'add' | 'inside' | 'none'; side: number }): string {
    this.w.checkpoint();
    const [N, K] = this.w.shape(pre + '.weight') as [number, number];
    const g = this.g;
    const { flat, back } = this.flatten(x, K, N);
    const nbits = o.int8 && K % INT4_BLOCK === 0;
    const y2 = nbits
      ? this.matMul8(flat, this.weight8(pre, name, N, K), N, K, o.bias === 'inside' ? this.initW(name + '.b', pre + '.bias') : undefined)
      : g.node('MatMul', [flat, this.weightT(pre, name, N, K)]);
    const y = g.node('Reshape', [y2, back]);
    const rows = `cropsx${o.side * o.side}`;
    g.valueInfos.push(valueInfo(flat, g.T, [rows, K]), valueInfo(y2, g.T, [rows, N]), valueInfo(y, g.T, ['crops', o.side, o.side, N]));
    if (o.bias === 'add' || (o.bias === 'inside' && !nbits)) return g.node('Add', [y, this.initW(name + '.b', pre + '.bias')]);
    return y;
  }

  /** com.microsoft BiasGelu(x, bias): the exact (erf) GELU of x + bias in one pass (optimize_graphs.py's bias_gelu). */
  biasGelu(x: string, pre: string, name: string): string {
    return this.g.node('BiasGelu', [x, this.initW(name + '.b', pre + '.bias')], null, 'com.microsoft');
  }

  gelu(x: string): string {
    const half = this.scalar('half', 0.5);
    const one = this.scalar('one', 1.0);
    const inv = this.scalar('isqrt2', 1.0 / Math.sqrt(2.0));
    const e = this.g.node('Erf', [this.g.node('Mul', [x, inv])]);
    return this.g.node('Mul', [this.g.node('Mul', [x, half]), this.g.node('Add', [e, one])]);
  }
}

// ------------------------------------------------------------------------------------------------- vision

/** Graph choices of bundle format 2 for the vision tower. */
export interface VisionOptions {
  /** The ConvNeXt MLPs and the projector as 8-bit MatMulNBits (Writer.linearInt8) instead of dense MatMuls. */
  int8?: boolean;
  /**
   * Bundle format 3: BiasGelu for every bias + GELU; with int8, the MatMuls on declared 2-D shapes with the second
   * bias inside MatMulNBits (Writer.linear2d).
   */
  format3?: boolean;
}

/** One ConvNeXt MLP or the projector: fc1 -> GELU -> fc2, as the options write it (x is [crops, side, side, C]). */
function writeMlp(w: Writer, x: string, fc1: [pre: string, name: string], fc2: [pre: string, name: string], side: number, opts: VisionOptions): string {
  if (opts.format3 && opts.int8) {
    const h = w.biasGelu(w.linear2d(x, fc1[0], fc1[1], { int8: true, bias: 'none', side }), fc1[0], fc1[1]);
    return w.linear2d(h, fc2[0], fc2[1], { int8: true, bias: 'inside', side });
  }
  if (opts.format3) return w.linear(w.biasGelu(w.linear(x, fc1[0], fc1[1], false), fc1[0], fc1[1]), fc2[0], fc2[1]);
  const linear = (y: string, pre: string, name: string) => (opts.int8 ? w.linearInt8(y, pre, name) : w.linear(y, pre, name));
  return linear(w.gelu(linear(x, fc1[0], fc1[1])), fc2[0], fc2[1]);
}

export async function writeVision(a: MagmaArch, src: WeightSource, g: GraphBuilder, onBlock?: (done: number, total: number) => void, opts: VisionOptions = {}): Promise<void> {
  const w = new Writer(g, src);
  const S = a.cropSize;
  const f = S / trunkStride(a);
  const D = a.hiddenSize;
  g.inputs.push(valueInfo('pixel_values', DT.FLOAT, ['crops', 3, S, S]), valueInfo('grid', DT.INT64, [2]));
  g.outputs.push(valueInfo('image_features', DT.FLOAT, ['tokens', D]));
  const p = VISION_PREFIX;
  let x = g.T !== DT.FLOAT ? g.node('Cast', ['pixel_values'], null, '', { to: g.T }) : 'pixel_values';
  const ln2d = (x: string, pre: string) => {
    let y = g.node('Transpose', [x], null, '', { perm: [0, 2, 3, 1] });
    y = w.layerNorm(y, pre, a.lnEps, pre);
    return g.node('Transpose', [y], null, '', { perm: [0, 3, 1, 2] });
  };
  const conv = (x: string, pre: string, attrs: Record<string, number | number[]>) => {
    const wt = w.initW(pre + '.weight', pre + '.weight');
    const b = w.initW(pre + '.bias', pre + '.bias');
    return g.node('Conv', [x, wt, b], null, '', attrs);
  };
  x = conv(x, p + 'stem.0', { kernel_shape: [4, 4], strides: [4, 4] });
  x = ln2d(x, p + 'stem.1');
  const totalBlocks = a.depths.reduce((x, y) => x + y, 0);
  let doneBlocks = 0;
  for (const [s, depth] of a.depths.entries()) {
    const sp = `${p}stages.${s}.`;
    if (s > 0) {
      x = ln2d(x, sp + 'downsample.0');
      x = conv(x, sp + 'downsample.1', { kernel_shape: [2, 2], strides: [2, 2] });
    }
    for (let b = 0; b < depth; b++) {
      const bp = `${sp}blocks.${b}.`;
      const sc = x;
      let y = conv(x, bp + 'conv_dw', { kernel_shape: [7, 7], pads: [3, 3, 3, 3], group: a.dims[s]! });
      y = g.node('Transpose', [y], null, '', { perm: [0, 2, 3, 1] });
      y = w.layerNorm(y, bp + 'norm', a.lnEps, bp + 'norm');
      // Side of this stage's feature map: the stem divides by 4, each later stage by 2.
      y = writeMlp(w, y, [bp + 'mlp.fc1', bp + 'mlp.fc1'], [bp + 'mlp.fc2', bp + 'mlp.fc2'], S / 4 / 2 ** s, opts);
      y = g.node('Mul', [y, w.initW(bp + 'gamma', bp + 'gamma')]);
      y = g.node('Transpose', [y], null, '', { perm: [0, 3, 1, 2] });
      x = g.node('Add', [y, sc]);
      onBlock?.(++doneBlocks, totalBlocks);
      await src.yield();
    }
  }
  x = g.node('Transpose', [x], null, '', { perm: [0, 2, 3, 1] });
  const mp = 'multi_modal_projector.';
  x = writeMlp(w, x, [mp + 'proj.0', mp + 'proj.0'], [mp + 'proj.2', mp + 'proj.2'], f, opts);
  // Stitch: [rows, cols, f, f, D] -> [rows, f, cols, f, D] -> [rows*f, cols*f, D]
  const shape5 = g.node('Concat', ['grid', g.constI64([f, f, D])], null, '', { axis: 0 });
  x = g.node('Reshape', [x, shape5]);
  x = g.node('Transpose', [x], null, '', { perm: [0, 2, 1, 3, 4] });
  const fcol = g.node('Mul', ['grid', g.constI64([f, f])]);
  const shape3 = g.node('Concat', [fcol, g.constI64([D])], null, '', { axis: 0 });
  x = g.node('Reshape', [x, shape3]);
  if (a.rowSeparator) {
    const rowsF = g.node('Slice', [fcol, g.constI64([0]), g.constI64([1]), g.constI64([0])]);
    const sepShape = g.node('Concat', [rowsF, g.constI64([1, D])], null, '', { axis: 0 });
    const sep = g.node('Expand', [w.initW(mp + 'row_seperator', mp + 'row_seperator', [1, 1, D]), sepShape]);
    x = g.node('Concat', [x, sep], null, '', { axis: 1 });
  }
  x = g.node('Reshape', [x, g.constI64([-1, D])]);
  if (g.T !== DT.FLOAT) g.node('Cast', [x], ['image_features'], '', { to: DT.FLOAT });
  else g.node('Identity', [x], ['image_features']);
}

// ------------------------------------------------------------------------------------------------- embed

export async function writeEmbed(a: MagmaArch, src: WeightSource, g: GraphBuilder, onRows?: (done: number, total: number) => void): Promise<void> {
  const w = new Writer(g, src);
  const D = a.hiddenSize;
  const V = a.vocabSize;
  const name = 'language_model.model.embed_tokens.weight';
  g.inputs.push(valueInfo('input_ids', DT.INT64, [1, 'n']));
  g.outputs.push(valueInfo('inputs_embeds', DT.FLOAT, [1, 'n', D]));
  const eb = g.T === DT.FLOAT ? 4 : 2;
  const out = g.open('embed_tokens', g.T, [V, D], V * D * eb);
  for (let r = 0; r < V; r += ROW_BLOCK) {
    await src.yield();
    const n = Math.min(ROW_BLOCK, V - r);
    out.emit(w.toT(src.rows(name, r, n), name));
    onRows?.(r + n, V);
  }
  const table = out.close();
  const e = g.node('Gather', [table, 'input_ids'], null, '', { axis: 0 });
  if (g.T !== DT.FLOAT) g.node('Cast', [e], ['inputs_embeds'], '', { to: DT.FLOAT });
  else g.node('Identity', [e], ['inputs_embeds']);
}

// ------------------------------------------------------------------------------------------------- decoder

/** Graph choices of bundle format 2 (format 1 is what models/magma/export.py writes). */
export interface DecoderOptions {
  /** The greedy ArgMax over the vocabulary in two stages (argmax-2stage.ts): the same index, faster on WebGPU. */
  argmax2Stage?: boolean;
  /**
   * Format 3: the logits of row min(n - 1, sum(mask) - 1) instead of the last row, so a prompt padded on the right
   * to a bucket gives its last real position's logits in the same run (optimize_graphs.py's logits_last_real).
   */
  logitsLastReal?: boolean;
}

export async function writeDecoder(a: MagmaArch, src: WeightSource, g: GraphBuilder, int4: boolean, onLayer?: (done: number, total: number) => void, opts: DecoderOptions = {}): Promise<void> {
  const w = new Writer(g, src);
  const { hiddenSize: D, heads: H, kvHeads: KV, headDim: hd, vocabSize: V } = a;
  g.inputs.push(valueInfo('inputs_embeds', DT.FLOAT, [1, 'n', D]), valueInfo('attention_mask', DT.INT64, [1, 'total']));
  for (let i = 0; i < a.layers; i++) for (const kv of ['key', 'value']) g.inputs.push(valueInfo(`past_key_values.${i}.${kv}`, g.T, [1, KV, 'past', hd]));
  g.outputs.push(valueInfo('logits', DT.FLOAT, [1, 1, V]), valueInfo('next_token', DT.INT64, [1, 1]));
  for (let i = 0; i < a.layers; i++) for (const kv of ['key', 'value']) g.outputs.push(valueInfo(`present.${i}.${kv}`, g.T, [1, KV, 'total', hd]));

  /** x @ W.T for a weight W [N, K] given as whole fp32 values, or as one checkpoint tensor streamed in row blocks. */
  const mm = async (x: string, W: { values: Float32Array; N: number; K: number; source: string } | { tensor: string }, name: string): Promise<string> => {
    await src.yield();
    const [N, K] = 'tensor' in W ? (src.shape(W.tensor) as [number, number]) : [W.N, W.K];
    const source = 'tensor' in W ? W.tensor : W.source;
    const rowsOf = (r0: number, n: number) => ('tensor' in W ? src.rows(W.tensor, r0, n) : W.values.subarray(r0 * K, (r0 + n) * K));
    if (int4) {
      const blocks = K / INT4_BLOCK;
      const scales = new Float32Array(N * blocks);
      const out = g.open(name + '.qweight', DT.UINT8, [N, blocks, INT4_BLOCK / 2], (N * K) / 2);
      for (let r = 0; r < N; r += ROW_BLOCK) {
        if (r) await src.yield();
        const n = Math.min(ROW_BLOCK, N - r);
        const q = quantizeInt4(rowsOf(r, n), n, K);
        scales.set(q.scales, r * blocks);
        out.emit(q.packed);
      }
      const b = out.close();
      const s = w.initT(name + '.scales', [N * blocks], scales, source);
      return g.node('MatMulNBits', [x, b, s], null, 'com.microsoft', { K, N, bits: 4, block_size: INT4_BLOCK, accuracy_level: g.T === DT.FLOAT16 ? 4 : 0 });
    }
    // Stored transposed [K, N], written in blocks of output rows so that only the source is whole in memory.
    const all = 'tensor' in W ? src.f32(W.tensor) : W.values;
    const eb = g.T === DT.FLOAT ? 4 : 2;
    const out = g.open(name + '.wT', g.T, [K, N], K * N * eb);
    const kb = Math.max(1, Math.floor((ROW_BLOCK * 4096) / N));
    for (let k0 = 0; k0 < K; k0 += kb) {
      if (k0) await src.yield();
      const nk = Math.min(kb, K - k0);
      const chunk = new Float32Array(nk * N);
      for (let kk = 0; kk < nk; kk++) for (let n = 0; n < N; n++) chunk[kk * N + n] = all[n * K + k0 + kk]!;
      out.emit(w.toT(chunk, source));
    }
    return g.node('MatMul', [x, out.close()]);
  };
  const rms = (x: string, tensor: string, name: string) =>
    g.node('SimplifiedLayerNormalization', [x, w.initW(name, tensor)], null, '', { axis: -1, epsilon: new F(a.rmsEps), stash_type: 1 });

  let x = g.T !== DT.FLOAT ? g.node('Cast', ['inputs_embeds'], null, '', { to: g.T }) : 'inputs_embeds';
  // seqlens_k = sum(mask) - 1 (int32 [1]); total_sequence_length = mask.shape[1] (int32 scalar)
  const msum = g.node('ReduceSum', ['attention_mask', g.constI64([1])], null, '', { keepdims: 0 });
  const lastReal = g.node('Sub', [msum, g.constI64([1])]);
  const seqlens = g.node('Cast', [lastReal], null, '', { to: DT.INT32 });
  const total = g.node('Cast', [g.node('Gather', [g.node('Shape', ['attention_mask']), g.scalarI64(1)], null, '', { axis: 0 })], null, '', { to: DT.INT32 });
  const rope = ropeTables(a);
  const cos = w.initT64('cos_cache', [a.maxPositions, rope.width], rope.cos);
  const sin = w.initT64('sin_cache', [a.maxPositions, rope.width], rope.sin);
  const lm = 'language_model.model.';
  for (let i = 0; i < a.layers; i++) {
    const lp = `${lm}layers.${i}.`;
    const h = rms(x, lp + 'input_layernorm.weight', lp + 'input_layernorm');
    src.checkpoint();
    const q = src.f32(lp + 'self_attn.q_proj.weight');
    const k = src.f32(lp + 'self_attn.k_proj.weight');
    const v = src.f32(lp + 'self_attn.v_proj.weight');
    const qkvW = new Float32Array(q.length + k.length + v.length);
    qkvW.set(q);
    qkvW.set(k, q.length);
    qkvW.set(v, q.length + k.length);
    const qkv = await mm(h, { values: qkvW, N: (H + 2 * KV) * hd, K: D, source: lp + 'self_attn.q/k/v_proj.weight' }, lp + 'self_attn.qkv_proj');
    const attnOut = g.fresh('attn');
    g.node('GroupQueryAttention', [qkv, '', '', `past_key_values.${i}.key`, `past_key_values.${i}.value`, seqlens, total, cos, sin],
      [attnOut, `present.${i}.key`, `present.${i}.value`], 'com.microsoft',
      { num_heads: H, kv_num_heads: KV, scale: new F(1.0 / Math.sqrt(hd)), do_rotary: 1, rotary_interleaved: 0 });
    x = g.node('Add', [x, await mm(attnOut, { tensor: lp + 'self_attn.o_proj.weight' }, lp + 'self_attn.o_proj')]);
    const h2 = rms(x, lp + 'post_attention_layernorm.weight', lp + 'post_attention_layernorm');
    const gate = await mm(h2, { tensor: lp + 'mlp.gate_proj.weight' }, lp + 'mlp.gate_proj');
    const up = await mm(h2, { tensor: lp + 'mlp.up_proj.weight' }, lp + 'mlp.up_proj');
    const act = g.node('Mul', [g.node('Mul', [gate, g.node('Sigmoid', [gate])]), up]);
    x = g.node('Add', [x, await mm(act, { tensor: lp + 'mlp.down_proj.weight' }, lp + 'mlp.down_proj')]);
    onLayer?.(i + 1, a.layers);
  }
  const last = opts.logitsLastReal
    ? g.node('Gather', [x, g.node('Min', [g.node('Sub', [g.node('Slice', [g.node('Shape', [x]), g.constI64([1]), g.constI64([2])]), g.constI64([1])]), lastReal])], null, '', { axis: 1 })
    : g.node('Slice', [x, g.constI64([-1]), g.constI64([2 ** 62]), g.constI64([1])]);
  const h = rms(last, lm + 'norm.weight', lm + 'norm');
  const logits = await mm(h, { tensor: 'language_model.lm_head.weight' }, 'lm_head');
  if (g.T !== DT.FLOAT) g.node('Cast', [logits], ['logits'], '', { to: DT.FLOAT });
  else g.node('Identity', [logits], ['logits']);
  // Greedy choice on the device: a step reads back 8 bytes instead of the vocabulary's logits.
  if (opts.argmax2Stage) writeArgMax2Stage(g, 'logits', 'next_token', V);
  else g.node('ArgMax', ['logits'], ['next_token'], '', { axis: -1, keepdims: 0, select_last_index: 0 });
}

/** kv_init.onnx: `capacity` i64 [1] -> kv.{i}.key/value zeros T [1, kv, capacity, hd] (see onnx_writer.write_kv_init). */
export function writeKvInit(a: MagmaArch, g: GraphBuilder): void {
  g.inputs.push(valueInfo('capacity', DT.INT64, [1]));
  const shape = g.node('Concat', [g.constI64([1, a.kvHeads]), 'capacity', g.constI64([a.headDim])], null, '', { axis: 0 });
  const zero = { name: 'zero', dataType: g.T, dims: [1], rawData: new Uint8Array(g.T === DT.FLOAT16 ? 2 : 4) };
  for (let i = 0; i < a.layers; i++) {
    for (const kv of ['key', 'value']) {
      const name = `kv.${i}.${kv}`;
      g.outputs.push(valueInfo(name, g.T, [1, a.kvHeads, 'capacity', a.headDim]));
      g.node('ConstantOfShape', [shape], [name], '', { value: { tensor: zero } });
    }
  }
}
