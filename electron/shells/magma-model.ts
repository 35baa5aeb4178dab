/** Composition of a Magma bundle directory into a MagmaModel (sessions created once; provider fallback logged). */
import { openBundleSessions, outdatedBundleNotice, readBundle } from '../adapters/magma-bundle.js';
import { OrtRuntime, providersFromEnv } from '../adapters/onnx-runtime.js';
import { MagmaModel } from '../agent/model/magma-model.js';
import { HfTokenizer } from '../agent/model/tokenizer.js';
import { gpuMemoryGbFromEnv, magmaMemoryPlan } from './magma-memory-plan.js';

export interface OpenMagmaOptions {
  /** Execution providers in order (default: MAGMA_DESK_PROVIDERS, else the platform's best, then CPU). */
  providers?: readonly string[];
  log?: (line: string) => void;
  /**
   * WebGPU's `simple` buffer cache (default: on unless MAGMA_DESK_SIMPLE_BUFFER_CACHE=0): decode at long contexts
   * about 2.4x faster, bounded by the model's prompt and KV buckets (magma-bundle.ts, SIMPLE_BUFFER_CACHE).
   */
  simpleBufferCache?: boolean;
  /**
   * The graphics card's memory in GB that the model's run plan is made for (default: MAGMA_DESK_GPU_MEMORY_GB,
   * else 8): magma-memory-plan.ts says what each plan does.
   */
  gpuMemoryGb?: number;
}

const open = new Map<string, Promise<MagmaModel>>();

/** Reads a bundle directory (manifest and sizes checked) and opens its sessions as a MagmaModel. */
export async function openMagmaModel(dir: string, opts: OpenMagmaOptions = {}): Promise<MagmaModel> {
  const bundle = readBundle(dir);
  const notice = outdatedBundleNotice(bundle.manifest, dir);
  if (notice) opts.log?.(notice);
  const rt = new OrtRuntime({ log: opts.log });
  const providers = opts.providers ?? providersFromEnv();
  const simpleBufferCache = opts.simpleBufferCache ?? process.env.MAGMA_DESK_SIMPLE_BUFFER_CACHE !== '0';
  const sessions = await openBundleSessions(rt, bundle, { ...(providers ? { providers } : {}), simpleBufferCache });
  // The plan's fields are MagmaModel options (absent: no limit).
  const plan = magmaMemoryPlan(sessions.decoder.provider, opts.gpuMemoryGb ?? gpuMemoryGbFromEnv());
  return new MagmaModel(sessions, new HfTokenizer(bundle.tokenizerJson, bundle.tokenizerConfig), bundle.manifest, plan);
}

/** One model per bundle directory per process: loading 7-18 GB of weights is the slow part, so the app reuses it. */
export function sharedMagmaModel(dir: string, opts: OpenMagmaOptions = {}): Promise<MagmaModel> {
  let m = open.get(dir);
  if (!m) {
    m = openMagmaModel(dir, opts);
    m.catch(() => open.delete(dir));
    open.set(dir, m);
  }
  return m;
}
