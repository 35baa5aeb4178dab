/**
 * How the app runs Magma-8B for the graphics card's memory (#16). On WebGPU onnxruntime keeps every buffer a run
 * made for reuse (the `simple` cache: what makes long replies fast), so what stays on the card is set by the
 * largest runs: the vision tower's batch of crops and the prompt's prefill. Measured on an H200 (docs/BENCHMARKS.md,
 * "#16: bundle format 3", E11-E14), int4 bundle format 3, a 1920x1080 screenshot:
 *
 * - small plan (cards under 12 GB, and the default): 2 crops per vision run, the prompt in chunks of 512 rows:
 *   one step 7.3 GB (6964 MiB); a session over four prompt lengths 7.5 GB (7184 MiB), flat; a 10-token step about
 *   575 ms;
 * - large plan (12 GB or more): all crops in one run, the prompt in one run: one step 8.4 GB (8019 MiB); a session
 *   over four prompt lengths about 9.5 GB (measured 9.05 GB with 2 crops per run, and 4 keep 0.9 GB more);
 *   a 10-token step about 475 ms.
 *
 * The card's memory cannot be read through WebGPU, so the person says it (Settings' "Graphics card memory", else
 * MAGMA_DESK_GPU_MEMORY_GB); unsaid, the app assumes the 8 GB it asks for (gpu-check.ts, GPU_NEED). Other
 * providers get no plan: the CPU's allocator reuses memory within a run.
 */

/** Where the large plan starts: its session's ~9.5 GB plus what the desktop itself keeps on the card. */
export const LARGE_PLAN_FROM_GB = 12;
/** The card the app asks for, when the person has not said. */
export const DEFAULT_GPU_MEMORY_GB = 8;
/** Prompt rows per prefill run in the small plan (a KV bucket's size, prefill-chunks.ts). */
export const SMALL_PLAN_PREFILL_CHUNK = 512;
/** Vision crops per run in the small plan. */
export const SMALL_PLAN_VISION_CROPS = 2;

export interface MagmaMemoryPlan {
  /** undefined: all of a screenshot's crops in one run. */
  readonly visionCropsPerRun?: number;
  /** undefined: the prompt in one run. */
  readonly prefillChunk?: number;
}

/** MAGMA_DESK_GPU_MEMORY_GB as a number of GB; the default when unset; an error naming the variable when invalid. */
export function gpuMemoryGbFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.MAGMA_DESK_GPU_MEMORY_GB;
  if (v === undefined || v.trim() === '') return DEFAULT_GPU_MEMORY_GB;
  const gb = Number(v);
  if (!Number.isFinite(gb) || gb <= 0) throw new Error(`MAGMA_DESK_GPU_MEMORY_GB is "${v}": set it to your graphics card's memory in GB (for example 8, 12 or 24), or unset it to plan for 8 GB`);
  return gb;
}

/** The plan for sessions on `provider` with a card of `gpuMemoryGb`. */
export function magmaMemoryPlan(provider: string, gpuMemoryGb: number): MagmaMemoryPlan {
  if (provider !== 'webgpu') return {};
  if (gpuMemoryGb >= LARGE_PLAN_FROM_GB) return {};
  return { visionCropsPerRun: SMALL_PLAN_VISION_CROPS, prefillChunk: SMALL_PLAN_PREFILL_CHUNK };
}
