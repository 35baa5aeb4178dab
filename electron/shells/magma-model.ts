/** Composition of a Magma bundle directory into a MagmaModel (sessions created once; provider fallback logged). */
import { openBundleSessions, outdatedBundleNotice, readBundle } from '../adapters/magma-bundle.js';
import { OrtRuntime, providersFromEnv } from '../adapters/onnx-runtime.js';
import { MagmaModel } from '../agent/model/magma-model.js';
import { HfTokenizer } from '../agent/model/tokenizer.js';

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
   * Crops the vision session runs at once (default: MAGMA_DESK_VISION_CROPS_PER_RUN, else 2 on WebGPU and all on
   * other providers). On WebGPU every buffer a run makes is kept for reuse, so a 4-crop screenshot in one run keeps
   * about 0.9 GB more on the card than two runs of 2 (H200: one step peaked at 8.0 GB vs 7.1 GB), which decides
   * whether Magma-8B fits an 8 GB card; one run is about 45 ms faster (docs/BENCHMARKS.md, #16).
   */
  visionCropsPerRun?: number;
}

/** Vision crops per run on WebGPU unless set: keeps a step within an 8 GB card (see visionCropsPerRun). */
export const WEBGPU_VISION_CROPS_PER_RUN = 2;

/** MAGMA_DESK_VISION_CROPS_PER_RUN as a positive integer; undefined when unset; an error naming it when invalid. */
export function visionCropsPerRunFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const v = env.MAGMA_DESK_VISION_CROPS_PER_RUN;
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`MAGMA_DESK_VISION_CROPS_PER_RUN is "${v}": set it to a whole number of crops, 1 or more (4 runs a whole screenshot at once on cards with 12 GB or more), or unset it`);
  return n;
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
  const perRun = opts.visionCropsPerRun ?? visionCropsPerRunFromEnv() ?? (sessions.vision.provider === 'webgpu' ? WEBGPU_VISION_CROPS_PER_RUN : undefined);
  return new MagmaModel(sessions, new HfTokenizer(bundle.tokenizerJson, bundle.tokenizerConfig), bundle.manifest, perRun ? { visionCropsPerRun: perRun } : {});
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
