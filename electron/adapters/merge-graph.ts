/**
 * The prompt-embeddings merge as a tiny ONNX graph (#16), built in memory when a bundle is opened (no file in the
 * bundle, so every bundle format gets it).
 *
 * Why a graph: the vision session's visual tokens can then stay on the GPU (WebGPU: a gpu-buffer output fed to this
 * session) and the decoder's inputs_embeds is made there too. On the host the step downloaded the image features
 * (17 MB float32 for a 2x2 screenshot at Magma-8B's width), copied them into the prompt and uploaded 25 MB of
 * embeddings: about 30 ms of the H200 step with the GPU idle.
 *
 * Inputs: `text` [t, D] (the prompt's token embeddings), `s0` .. `s{k-1}` [*, D] (vision outputs, each a run's
 * stitched tokens), `text_rows` int64 [1, n], and per source `s{i}_rows` int64 [1, n] with `s{i}_pick` bool
 * [1, n, 1]. Row r of inputs_embeds [1, n, D] float32 is text[text_rows[r]], or s_i[s{i}_rows[r]] where s{i}_pick[r]
 * (the last source picking it wins; a plan picks each row once). Gather and Where copy the values (onnxruntime's CPU
 * Where writes -0 as +0, the same number; WGSL's select() copies the bits).
 *
 * Why not Concat the inputs and Gather once: that stacked intermediate's size is the text's plus every source's
 * rows, a new size for each combination of cached vision outputs a prompt reads, and WebGPU's `simple` buffer
 * cache keeps a buffer of every size it was asked for. Here every intermediate has the output's shape, whose rows
 * the prompt buckets and chunks already bound.
 */
import { DT, ModelProto, OPSET, valueInfo } from './convert/graph-builder.js';

/** Input name of vision source i. */
export const mergeSourceName = (i: number): string => `s${i}`;

/** ONNX bytes of the merge over `sources` vision outputs of width `hidden`. */
export function mergeGraphBytes(sources: number, hidden: number): Uint8Array {
  if (!Number.isInteger(sources) || sources < 0) throw new RangeError(`sources must be a whole number, got ${sources}`);
  const input: object[] = [valueInfo('text', DT.FLOAT, ['t', hidden]), valueInfo('text_rows', DT.INT64, [1, 'n'])];
  const attr = [{ name: 'axis', type: 2, i: 0 }];
  const node: object[] = [{ input: ['text', 'text_rows'], output: ['from_text'], name: 'text', opType: 'Gather', attribute: attr }];
  let acc = 'from_text';
  for (let i = 0; i < sources; i++) {
    const s = mergeSourceName(i);
    input.push(valueInfo(s, DT.FLOAT, [`rows_${i}`, hidden]), valueInfo(`${s}_rows`, DT.INT64, [1, 'n']), valueInfo(`${s}_pick`, DT.BOOL, [1, 'n', 1]));
    const out = i === sources - 1 ? 'inputs_embeds' : `after_${s}`;
    node.push(
      { input: [s, `${s}_rows`], output: [`from_${s}`], name: `gather_${s}`, opType: 'Gather', attribute: attr },
      { input: [`${s}_pick`, `from_${s}`, acc], output: [out], name: `pick_${s}`, opType: 'Where', attribute: [] },
    );
    acc = out;
  }
  if (sources === 0) node.push({ input: [acc], output: ['inputs_embeds'], name: 'out', opType: 'Identity', attribute: [] });
  const model = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'magma-desk merge',
    graph: { name: 'merge', node, input, output: [valueInfo('inputs_embeds', DT.FLOAT, [1, 'n', hidden])] },
  };
  const err = ModelProto.verify(model);
  if (err) throw new Error(`internal: the merge graph does not fit the ONNX schema: ${err}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}
