/**
 * The tiny fp32 fixture bundle opened on onnxruntime's CPU provider, as the decoding tests (KV buckets, prompt
 * buckets, prefill chunks) share it, and a decoder session that records the shape of each run.
 */
import { join } from 'node:path';
import { openBundleSessions, readBundle, type MagmaBundle } from '../../electron/adapters/magma-bundle.js';
import { OrtRuntime } from '../../electron/adapters/onnx-runtime.js';
import type { MagmaSessions } from '../../electron/agent/model/magma-model.js';
import { HfTokenizer } from '../../electron/agent/model/tokenizer.js';
import type { TensorSession } from '../../electron/agent/ports.js';
import { MAGMA_FIXTURES } from './magma-fixtures.js';

export interface TinyMagma {
  readonly bundle: MagmaBundle;
  readonly sessions: MagmaSessions;
  readonly tok: HfTokenizer;
}

export async function openTinyMagma(): Promise<TinyMagma> {
  const bundle = readBundle(join(MAGMA_FIXTURES, 'tiny-fp32'));
  const sessions = await openBundleSessions(new OrtRuntime(), bundle, { providers: ['cpu'] });
  return { bundle, sessions, tok: new HfTokenizer(bundle.tokenizerJson, bundle.tokenizerConfig) };
}

/** `inner` as a session that records [rows of inputs_embeds, length of attention_mask] for each run. */
export function recordingDecoder(inner: TensorSession): { session: TensorSession; runs: Array<[number, number]> } {
  const runs: Array<[number, number]> = [];
  const session = Object.create(inner) as TensorSession;
  session.run = (feeds, names) => {
    runs.push([feeds.inputs_embeds!.dims[1]!, feeds.attention_mask!.dims[1]!]);
    return inner.run(feeds, names);
  };
  return { session, runs };
}
