/**
 * What of Settings decides how the app opens a Magma bundle: the execution provider and the graphics card's memory
 * (magma-memory-plan.ts). Kept apart from magma-model.ts so that shells can say it without loading onnxruntime.
 */
import type { Settings } from '../common/ipc-contract.js';

export interface MagmaLoadOptions {
  /** Execution providers in order (default: MAGMA_DESK_PROVIDERS, else the platform's best, then CPU). */
  providers?: readonly string[];
  /**
   * The graphics card's memory in GB that the model's run plan is made for (default: MAGMA_DESK_GPU_MEMORY_GB,
   * else 8): magma-memory-plan.ts says what each plan does.
   */
  gpuMemoryGb?: number;
}

/** Settings' "auto" provider and a card memory of 0 ("not said") leave the defaults to the environment. */
export function magmaLoadOptions(s: Pick<Settings, 'provider' | 'gpuMemoryGB'>): MagmaLoadOptions {
  return {
    ...(s.provider === 'auto' ? {} : { providers: [s.provider] }),
    ...(s.gpuMemoryGB > 0 ? { gpuMemoryGb: s.gpuMemoryGB } : {}),
  };
}
