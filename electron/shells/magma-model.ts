/** Composition of a Magma bundle directory into a MagmaModel (sessions created once; provider fallback logged). */
import { openBundleSessions, outdatedBundleNotice, readBundle } from '../adapters/magma-bundle.js';
import { OrtRuntime, providersFromEnv } from '../adapters/onnx-runtime.js';
import { MagmaModel } from '../agent/model/magma-model.js';
import { HfTokenizer } from '../agent/model/tokenizer.js';
import type { MagmaLoadOptions } from './magma-load-options.js';
import { gpuMemoryGbFromEnv, magmaMemoryPlan } from './magma-memory-plan.js';

export interface OpenMagmaOptions extends MagmaLoadOptions {
  log?: (line: string) => void;
  /**
   * WebGPU's `simple` buffer cache (default: on unless MAGMA_DESK_SIMPLE_BUFFER_CACHE=0): decode at long contexts
   * about 2.4x faster, bounded by the model's prompt and KV buckets (magma-bundle.ts, SIMPLE_BUFFER_CACHE).
   */
  simpleBufferCache?: boolean;
}

/** The model open for each bundle directory, and the load options it was opened with. */
const open = new Map<string, { key: string; model: Promise<MagmaModel> }>();

/** Reads a bundle directory (manifest and sizes checked) and opens its sessions as a MagmaModel. */
export async function openMagmaModel(dir: string, opts: OpenMagmaOptions = {}): Promise<MagmaModel> {
  const bundle = readBundle(dir);
  const notice = outdatedBundleNotice(bundle.manifest, dir);
  if (notice) opts.log?.(notice);
  const rt = new OrtRuntime({ log: opts.log });
  const providers = opts.providers ?? providersFromEnv();
  const simpleBufferCache = opts.simpleBufferCache ?? process.env.MAGMA_DESK_SIMPLE_BUFFER_CACHE !== '0';
  const sessions = await openBundleSessions(rt, bundle, { ...(providers ? { providers } : {}), simpleBufferCache, ...(opts.log ? { log: opts.log } : {}) });
  // The plan's fields are MagmaModel options (absent: no limit).
  const plan = magmaMemoryPlan(sessions.decoder.provider, opts.gpuMemoryGb ?? gpuMemoryGbFromEnv());
  return new MagmaModel(sessions, new HfTokenizer(bundle.tokenizerJson, bundle.tokenizerConfig), bundle.manifest, plan);
}

/**
 * One model per bundle directory per process: loading 7-18 GB of weights is the slow part, so the app reuses it
 * (the magma and hybrid planners share it). Asked with other load options (Settings' provider or card memory
 * changed), the open model is closed first, so two copies of the weights never sit on the card together.
 */
export function sharedMagmaModel(dir: string, opts: MagmaLoadOptions = {}): Promise<MagmaModel> {
  const key = JSON.stringify([opts.providers ?? null, opts.gpuMemoryGb ?? null]);
  const cur = open.get(dir);
  if (cur?.key === key) return cur.model;
  const closed = cur ? cur.model.then((m) => m.close(), () => undefined) : Promise.resolve();
  const model = closed.then(() => openMagmaModel(dir, opts));
  const entry = { key, model };
  // A failed open is forgotten, so the next run tries again (after the person fixed the bundle or the settings).
  model.catch(() => { if (open.get(dir) === entry) open.delete(dir); });
  open.set(dir, entry);
  return model;
}
