/**
 * The two-stage ArgMax of bundle format 2, run by onnxruntime (CPU) in a graph of its own: it must give the index
 * the one-stage ArgMax gives (the first of the largest values) on the vocabulary sizes that matter, on ties inside
 * a row and across rows, and on a maximum in the first or last place.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { rowLength, writeArgMax2Stage } from './argmax-2stage.js';
import { DT, GraphBuilder, valueInfo } from './graph-builder.js';

const tmp = mkdtempSync(join(tmpdir(), 'argmax2-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function session(V: number): Promise<ort.InferenceSession> {
  const g = new GraphBuilder('argmax2', 'fp32', tmp, null);
  g.inputs.push(valueInfo('logits', DT.FLOAT, [1, 1, V]));
  g.outputs.push(valueInfo('next_token', DT.INT64, [1, 1]));
  writeArgMax2Stage(g, 'logits', 'next_token', V);
  const file = `argmax2-${V}.onnx`;
  g.save(file);
  return ort.InferenceSession.create(join(tmp, file), { executionProviders: ['cpu'] });
}

/** The first index of the largest value, as ONNX ArgMax with select_last_index 0. */
function firstArgmax(a: Float32Array): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[best]!) best = i;
  return best;
}

async function run(s: ort.InferenceSession, v: Float32Array): Promise<number> {
  const out = await s.run({ logits: new ort.Tensor('float32', v, [1, 1, v.length]) });
  const t = out.next_token!;
  assert.deepEqual(t.dims, [1, 1]);
  return Number((t.data as BigInt64Array)[0]);
}

test('rows: Magma-8B 128320 = 401 rows of 320, the tiny model 160 = 16 of 10, a prime is one row', () => {
  assert.equal(rowLength(128320), 320);
  assert.equal(rowLength(160), 10);
  assert.equal(rowLength(131), 1);
});

for (const V of [160, 128320, 131]) {
  test(`V=${V}: the same index as a one-stage ArgMax (random logits, ties in a row and across rows, ends)`, async () => {
    const s = await session(V);
    const C = rowLength(V);
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 20 - 10;
    const cases: Float32Array[] = [];
    for (let k = 0; k < 20; k++) cases.push(Float32Array.from({ length: V }, rand));
    const at = (idx: number[], value = 50) => {
      const a = Float32Array.from({ length: V }, rand);
      for (const i of idx) a[i] = value;
      return a;
    };
    cases.push(at([0]), at([V - 1]), at([C - 1]), at([C]));
    if (V / C > 2) {
      cases.push(at([2 * C + 3, C + 5]), at([C + 5, 2 * C + 3]), at([C + 1, C + 2]), at([V - 1, 0]));
      // a row whose maximum ties another row's, the later row holding the earlier column
      cases.push(at([2 * C + 1, C + 4]));
    }
    cases.push(new Float32Array(V)); // all equal: index 0
    cases.push(Float32Array.from({ length: V }, () => -1e30).fill(-1e29, V - 2)); // ties at the very end
    for (const [k, v] of cases.entries()) assert.equal(await run(s, v), firstArgmax(v), `case ${k}`);
  });
}
