/**
 * How the app runs Magma-8B for the graphics card's memory (#16). On WebGPU onnxruntime keeps every buffer a run
 * made for reuse (the `simple` cache: what makes long replies fast), so what stays on the card is set by the
 * largest runs: the vision tower's batch of crops and the prompt's prefill. Measured on an H200 (docs/BENCHMARKS.md,
 * "#16: bundle format 3", E11-E14), int4 bundle format 3, a 1920x1080 screenshot:
 *
 * - small plan (cards under 16 GB, and the default): 2 crops per vision run, the prompt in chunks of 768 rows: a
 *   session over four prompt lengths (500-1294 tokens) 7.7 GB (7361 MiB), flat after each length was seen once; a
 *   10-token step at 1284 prompt tokens about 560 ms (prefill 266 ms);
 * - large plan (16 GB or more): all crops in one run, the prompt in one run (padded to a multiple of 256): one step
 *   8.4 GB (8006 MiB); a session over the same four prompt lengths 11.3 GB (10790 MiB), about 1 GB more for each
 *   further prompt bucket (256 positions) it sees; a 10-token step about 480 ms.
 *
 * Why 768 rows a chunk (docs/BENCHMARKS.md, "#16: the app's run plans", 2026-12-03): in chunks of 512 a 1536-row
 * prompt's MatMuls took 225 ms of GPU time against 134 ms in one run (onnxruntime's subgroup-matrix MatMulNBits
 * fills the card only with more rows: the 14336-wide down projection took 774 us for 512 rows, 907 us for 1536), so
 * a 1284-token prompt took 309-323 ms in three runs against 237 ms in one; in two runs of 768 it takes 264-266 ms, for 0.2 GB
 * more than 512's 7.5 GB (7184 MiB). A 1920x1080 screen (2x2 crops, 1056 visual tokens) makes 1250-1550-token
 * prompts, two runs of 768 where 512 needs three; 1000-token prompts (1x3 crops) are slower (240 against 208 ms).
 * Why 16 GB: the large plan's session measured 11.3 GB where 9.5 GB had been estimated, and a 12 GB card also
 * holds the desktop's own buffers and longer prompts' sets.
 *
 * Since the prompt is merged on the GPU (#16, "#16: the prompt merged on the GPU", calls H-L) the cached crops'
 * vision outputs stay on the card too: the small plan's session 7.8 GB (7476 MiB), the large plan's 11.5 GB
 * (10930 MiB); 10-token steps about 475-490 and 425-430 ms.
 *
 * The card's memory cannot be read through WebGPU, so the person says it (Settings' "Graphics card memory", else
 * MAGMA_DESK_GPU_MEMORY_GB); unsaid, the app assumes the 8 GB it asks for (gpu-check.ts, GPU_NEED). Other
 * providers get no plan: the CPU's allocator reuses memory within a run.
 */

/** Where the large plan starts: its session's 11.3 GB plus what the desktop itself keeps on the card. */
export const LARGE_PLAN_FROM_GB = 16;
/** The card the app asks for, when the person has not said. */
export const DEFAULT_GPU_MEMORY_GB = 8;
/** Prompt rows per prefill run in the small plan (prefill-chunks.ts; need not be a KV bucket's size). */
export const SMALL_PLAN_PREFILL_CHUNK = 768;
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
