/**
 * The merge graph (#16) on onnxruntime's CPU provider: each output row is the row its input and row number say,
 * bit for bit; and its only operators are Gather and Where, whose outputs have the output's shape (a Concat of the
 * inputs would make an intermediate of a new size for each combination of vision outputs, which WebGPU's simple
 * buffer cache would keep for good).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModelProto } from './convert/graph-builder.js';
import { mergeGraphBytes } from './merge-graph.js';
import { OrtRuntime } from './onnx-runtime.js';

const f32 = (...v: number[]) => Float32Array.from(v);
const i64 = (...v: number[]) => BigInt64Array.from(v.map(BigInt));

describe('merge graph', () => {
  it('copies each row from the input the plan names, bit for bit (the float32 extremes too)', async () => {
    const s = await new OrtRuntime().load(mergeGraphBytes(2, 2), { providers: ['cpu'], label: 'merge graph (test)' });
    const out = await s.run({
      text: { type: 'float32', dims: [3, 2], data: f32(1, 2, 3, 4, 5, 6) },
      text_rows: { type: 'int64', dims: [1, 5], data: i64(2, 0, 0, 0, 1) },
      s0: { type: 'float32', dims: [2, 2], data: f32(-1e-38, 3.4028234663852886e38, 7, 8) },
      s0_rows: { type: 'int64', dims: [1, 5], data: i64(0, 0, 1, 0, 0) },
      s0_pick: { type: 'bool', dims: [1, 5, 1], data: Uint8Array.from([0, 1, 0, 0, 0]) },
      s1: { type: 'float32', dims: [1, 2], data: f32(1.4e-45, -9) },
      s1_rows: { type: 'int64', dims: [1, 5], data: i64(0, 0, 0, 0, 0) },
      s1_pick: { type: 'bool', dims: [1, 5, 1], data: Uint8Array.from([0, 0, 1, 1, 0]) },
    });
    const e = out.inputs_embeds!;
    assert.deepEqual([...e.dims], [1, 5, 2]);
    const want = f32(5, 6, -1e-38, 3.4028234663852886e38, 1.4e-45, -9, 1.4e-45, -9, 3, 4);
    assert.ok(Buffer.from((e.data as Float32Array).buffer).equals(Buffer.from(want.buffer)), `got ${[...(e.data as Float32Array)]}`);
    await s.release();
  });

  it('is made of Gather and Where only, so no intermediate is sized by the inputs', () => {
    for (const k of [0, 1, 4]) {
      const m = ModelProto.toObject(ModelProto.decode(mergeGraphBytes(k, 8))) as { graph: { node: Array<{ opType: string }> } };
      const ops = new Set(m.graph.node.map((n) => n.opType));
      assert.ok([...ops].every((o) => ['Gather', 'Where', 'Identity'].includes(o)), `${k} sources: ${[...ops].join(', ')}`);
    }
  });

  it('refuses a source count that is not a whole number', () => {
    assert.throws(() => mergeGraphBytes(-1, 8), /whole number/);
    assert.throws(() => mergeGraphBytes(1.5, 8), /whole number/);
  });
});
