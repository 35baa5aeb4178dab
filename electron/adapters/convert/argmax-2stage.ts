/**
 * The greedy choice over the vocabulary in two stages (bundle format 2): one [1, 1, V] row becomes [R, C] rows
 * (C the divisor of V nearest sqrt(V) from below), an ArgMax and a ReduceMax per row, then one ArgMax over the R
 * row maxima; index = row * C + column-of-that-row. onnxruntime's WebGPU ArgMax over a single row of 128320
 * logits runs in one workgroup (4.7 ms on an H200, paid at every decode step); R rows spread it out
 * (docs/BENCHMARKS.md, #16).
 *
 * Invariant: the same index as ArgMax(axis -1, keepdims 0, select_last_index 0), i.e. the FIRST of the largest
 * values: ArgMax picks the first maximal row maximum, which is the first row holding the global maximum, and the
 * first column holding it within that row. Node for node what models/magma/optimize_graphs.py's --argmax-2stage
 * writes (same names, opset 17 ReduceMax with the axes attribute), so the Python-rewritten graphs benchmarked on
 * the H200 are these.
 */
import type { GraphBuilder } from './graph-builder.js';

/** The divisor of V closest to sqrt(V) from below (rows of about equal count and length). */
export function rowLength(V: number): number {
  let best = 1;
  for (let c = 1; c * c <= V; c++) if (V % c === 0) best = c;
  return best;
}

/** Writes next = argmax(x) for x [1, 1, V] as [1, 1] int64 through the two stages; `k` numbers the rewrite. */
export function writeArgMax2Stage(g: GraphBuilder, x: string, next: string, V: number, k = 0): void {
  const C = rowLength(V);
  const R = V / C;
  const pre = `am2_${k}_`;
  const rc = g.constI64([R, C], pre + 'rc');
  const c = g.constI64([C], pre + 'c');
  const outShape = g.constI64([1, 1], pre + 'out_shape');
  const rows = g.node('Reshape', [x, rc], [pre + 'rows'], '', {}, pre + 'reshape');
  const col = g.node('ArgMax', [rows], [pre + 'col'], '', { axis: 1, keepdims: 0 }, pre + 'col_argmax');
  const rowmax = g.node('ReduceMax', [rows], [pre + 'rowmax'], '', { axes: [1], keepdims: 0 }, pre + 'rowmax');
  const row = g.node('ArgMax', [rowmax], [pre + 'row'], '', { axis: 0, keepdims: 1 }, pre + 'row_argmax');
  const colOfRow = g.node('Gather', [col, row], [pre + 'col_of_row'], '', { axis: 0 }, pre + 'gather');
  const base = g.node('Mul', [row, c], [pre + 'base'], '', {}, pre + 'mul');
  const index = g.node('Add', [base, colOfRow], [pre + 'index'], '', {}, pre + 'add');
  g.node('Reshape', [index, outShape], [next], '', {}, pre + 'out');
}
