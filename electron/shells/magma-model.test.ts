/**
 * How the app opens a Magma bundle for the card's memory (magma-memory-plan.ts, #16): the plan from
 * MAGMA_DESK_GPU_MEMORY_GB (8 GB when unset) on WebGPU, none on other providers. CPU provider, tiny fixture bundle.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadFixtureImage, MAGMA_FIXTURES, magmaExpected } from '../../tests/support/magma-fixtures.js';
import { DEFAULT_GPU_MEMORY_GB, gpuMemoryGbFromEnv, magmaMemoryPlan } from './magma-memory-plan.js';
import { magmaLoadOptions } from './magma-load-options.js';
import { openMagmaModel, sharedMagmaModel } from './magma-model.js';

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

  it('WebGPU under 16 GB: 2 crops per vision run and the prompt in chunks of 768; from 16 GB, and on other providers: no limits', () => {
    assert.deepEqual(magmaMemoryPlan('webgpu', 8), { visionCropsPerRun: 2, prefillChunk: 768 });
    assert.deepEqual(magmaMemoryPlan('webgpu', 12), { visionCropsPerRun: 2, prefillChunk: 768 });
    assert.deepEqual(magmaMemoryPlan('webgpu', 15.9), { visionCropsPerRun: 2, prefillChunk: 768 });
    assert.deepEqual(magmaMemoryPlan('webgpu', 16), {});
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

describe('the model the app keeps open', () => {
  it("Settings' provider and card memory become load options; auto and empty leave them to the environment", () => {
    assert.deepEqual(magmaLoadOptions({ provider: 'auto', gpuMemoryGB: 0 }), {});
    assert.deepEqual(magmaLoadOptions({ provider: 'webgpu', gpuMemoryGB: 24 }), { providers: ['webgpu'], gpuMemoryGb: 24 });
    assert.deepEqual(magmaLoadOptions({ provider: 'cpu', gpuMemoryGB: 0 }), { providers: ['cpu'] });
  });

  it('is shared while the options stay; other options close it before the new one opens', async () => {
    const dir = join(MAGMA_FIXTURES, 'tiny-fp32');
    const a = await sharedMagmaModel(dir, { providers: ['cpu'] });
    assert.equal(await sharedMagmaModel(dir, { providers: ['cpu'] }), a, 'same options: the same model, not a second copy');
    const b = await sharedMagmaModel(dir, { providers: ['cpu'], gpuMemoryGb: 24 });
    assert.notEqual(b, a);
    await b.encodeImage(b.preprocess(grid2x2()));
    assert.equal(b.visionStats.sessionRuns, 1, 'the new model runs');
    await assert.rejects(a.encodeImage(a.preprocess(grid2x2())), 'the old model\'s sessions were released');
    await b.close();
  });
});
