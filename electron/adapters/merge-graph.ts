/**
 * The prompt-embeddings merge as a tiny ONNX graph (#16), built in memory when a bundle is opened (no file in the
 * bundle, so every bundle format gets it).
 *
 * Why a graph: the vision session's visual tokens can then stay on the GPU (WebGPU: a gpu-buffer output fed to this
 * session) and the decoder's inputs_embeds is made there too. On the host the step downloaded the image features
 * (17 MB float32 for a 2x2 screenshot at Magma-8B's width), copied them into the prompt and uploaded 25 MB of
 * embeddings: about 30 ms of the H200 step with the GPU idle.
 *
 * Inputs: `text` [t, D] (the prompt's token embeddings, one row per prompt id), `s0` .. `s{k-1}` [*, D] (vision
 * outputs, each a run's stitched tokens), `index` int64 [1, rows]: for each row of inputs_embeds, its row in the
 * rows of text, s0, ..., s{k-1} stacked in that order. Output: inputs_embeds [1, rows, D] float32, the exact
 * floats of the rows it picks (Concat and Gather copy).
 */
import { DT, ModelProto, OPSET, valueInfo } from './convert/graph-builder.js';

/** Input name of vision source i. */
export const mergeSourceName = (i: number): string => `s${i}`;

/** ONNX bytes of the merge over `sources` vision outputs of width `hidden`. */
export function mergeGraphBytes(sources: number, hidden: number): Uint8Array {
  if (!Number.isInteger(sources) || sources < 0) throw new RangeError(`sources must be a whole number, got ${sources}`);
  const names = ['text', ...Array.from({ length: sources }, (_, i) => mergeSourceName(i))];
  const input = [
    ...names.map((n, i) => valueInfo(n, DT.FLOAT, [`rows_${i}`, hidden])),
    valueInfo('index', DT.INT64, [1, 'n']),
  ];
  const node = [
    { input: names, output: ['stacked'], name: 'stack', opType: 'Concat', attribute: [{ name: 'axis', type: 2, i: 0 }] },
    { input: ['stacked', 'index'], output: ['inputs_embeds'], name: 'pick', opType: 'Gather', attribute: [{ name: 'axis', type: 2, i: 0 }] },
  ];
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
