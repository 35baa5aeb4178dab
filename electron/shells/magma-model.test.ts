/**
 * How the app opens a Magma bundle: the vision crops per run (MAGMA_DESK_VISION_CROPS_PER_RUN, else 2 on WebGPU and
 * all crops elsewhere; the why is in magma-model.ts and docs/BENCHMARKS.md, #16). CPU provider, tiny fixture bundle.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadFixtureImage, MAGMA_FIXTURES, magmaExpected } from '../../tests/support/magma-fixtures.js';
import { openMagmaModel, visionCropsPerRunFromEnv } from './magma-model.js';

interface ImageCase { width: number; height: number; rgb: string }
const expected = magmaExpected<{ goal: string; cases: Array<{ name: string; images: ImageCase[] }> }>();
const grid2x2 = () => loadFixtureImage(expected.cases.find((c) => c.name === 'grid-2x2')!.images[0]!);

describe('vision crops per run when the app opens a bundle', () => {
  it('reads MAGMA_DESK_VISION_CROPS_PER_RUN as a whole number of crops and refuses anything else by name', () => {
    assert.equal(visionCropsPerRunFromEnv({}), undefined);
    assert.equal(visionCropsPerRunFromEnv({ MAGMA_DESK_VISION_CROPS_PER_RUN: '' }), undefined);
    assert.equal(visionCropsPerRunFromEnv({ MAGMA_DESK_VISION_CROPS_PER_RUN: '4' }), 4);
    for (const bad of ['0', '-1', '2.5', 'all']) {
      assert.throws(() => visionCropsPerRunFromEnv({ MAGMA_DESK_VISION_CROPS_PER_RUN: bad }), /MAGMA_DESK_VISION_CROPS_PER_RUN is ".*": set it to a whole number/);
    }
  });

  it('on the CPU a 2x2 screenshot runs as one batch; asked for 1 crop per run, as four runs', async () => {
    const dir = join(MAGMA_FIXTURES, 'tiny-fp32');
    const all = await openMagmaModel(dir, { providers: ['cpu'] });
    await all.encodeImage(all.preprocess(grid2x2()));
    assert.equal(all.visionStats.sessionRuns, 1);
    const one = await openMagmaModel(dir, { providers: ['cpu'], visionCropsPerRun: 1 });
    await one.encodeImage(one.preprocess(grid2x2()));
    assert.equal(one.visionStats.sessionRuns, 4);
  });
});
