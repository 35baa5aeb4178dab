/**
 * How the app opens a Magma bundle for the card's memory (magma-memory-plan.ts, #16): the plan from
 * MAGMA_DESK_GPU_MEMORY_GB (8 GB when unset) on WebGPU, none on other providers. CPU provider, tiny fixture bundle.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadFixtureImage, MAGMA_FIXTURES, magmaExpected } from '../../tests/support/magma-fixtures.js';
import { DEFAULT_GPU_MEMORY_GB, gpuMemoryGbFromEnv, magmaMemoryPlan } from './magma-memory-plan.js';
import { openMagmaModel } from './magma-model.js';

interface ImageCase { width: number; height: number; rgb: string }
const expected = magmaExpected<{ goal: string; cases: Array<{ name: string; images: ImageCase[] }> }>();
const grid2x2 = () => loadFixtureImage(expected.cases.find((c) => c.name === 'grid-2x2')!.images[0]!);

describe('the run plan for the graphics card\'s memory', () => {
  it('reads MAGMA_DESK_GPU_MEMORY_GB as GB, 8 when unset, and refuses anything else by name', () => {
    assert.equal(gpuMemoryGbFromEnv({}), DEFAULT_GPU_MEMORY_GB);
    assert.equal(gpuMemoryGbFromEnv({ MAGMA_DESK_GPU_MEMORY_GB: ' ' }), 8);
    assert.equal(gpuMemoryGbFromEnv({ MAGMA_DESK_GPU_MEMORY_GB: '24' }), 24);
    assert.equal(gpuMemoryGbFromEnv({ MAGMA_DESK_GPU_MEMORY_GB: '11.5' }), 11.5);
    for (const bad of ['0', '-8', 'lots', '8GB']) {
      assert.throws(() => gpuMemoryGbFromEnv({ MAGMA_DESK_GPU_MEMORY_GB: bad }), /MAGMA_DESK_GPU_MEMORY_GB is ".*": set it to your graphics card's memory in GB/);
    }
  });

  it('WebGPU under 12 GB: 2 crops per vision run and the prompt in chunks of 512; from 12 GB, and on other providers: no limits', () => {
    assert.deepEqual(magmaMemoryPlan('webgpu', 8), { visionCropsPerRun: 2, prefillChunk: 512 });
    assert.deepEqual(magmaMemoryPlan('webgpu', 11), { visionCropsPerRun: 2, prefillChunk: 512 });
    assert.deepEqual(magmaMemoryPlan('webgpu', 12), {});
    assert.deepEqual(magmaMemoryPlan('webgpu', 80), {});
    assert.deepEqual(magmaMemoryPlan('cpu', 8), {});
    assert.deepEqual(magmaMemoryPlan('cuda', 8), {});
  });

  it('on the CPU the app runs a 2x2 screenshot as one vision batch whatever the card', async () => {
    const m = await openMagmaModel(join(MAGMA_FIXTURES, 'tiny-fp32'), { providers: ['cpu'], gpuMemoryGb: 4 });
    await m.encodeImage(m.preprocess(grid2x2()));
    assert.equal(m.visionStats.sessionRuns, 1);
  });
});
