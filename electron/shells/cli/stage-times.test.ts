import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stageTimesText } from './stage-times.js';

describe('stage times on the command line', () => {
  it('gives vision and prefill apart when the vision run finished inside its own stage', () => {
    assert.equal(stageTimesText({ visionMs: 81.04, prefillMs: 208.2, visionOnDevice: false }), 'vision 81.0 ms, prefill 208.2 ms');
  });

  it('gives them as one number when the vision work was only queued on the GPU (its time is inside the prefill)', () => {
    assert.equal(stageTimesText({ visionMs: 12.5, prefillMs: 286.1, visionOnDevice: true }), 'vision + prefill 298.6 ms (the vision work runs on the GPU just ahead of the prompt)');
  });
});
