import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { vulkanDriverPresent } from './onnx-runtime.js';

describe('WebGPU needs a Vulkan driver on Linux', () => {
  const env = { HOME: '/home/u', XDG_DATA_DIRS: '/usr/share' };
  it('is skipped when the loader exists but no driver manifest does (Dawn would warn on stderr)', () => {
    assert.equal(vulkanDriverPresent(env, (p) => p === '/usr/lib/x86_64-linux-gnu/libvulkan.so.1', () => []), false);
  });
  it('is skipped when there is no loader at all', () => {
    assert.equal(vulkanDriverPresent(env, () => false, () => ['nvidia_icd.json']), false);
  });
  it('is tried when the loader and a driver manifest exist', () => {
    assert.equal(
      vulkanDriverPresent(env, (p) => p.endsWith('libvulkan.so.1'), (d) => (d === '/usr/share/vulkan/icd.d' ? ['nvidia_icd.json'] : [])),
      true,
    );
    assert.equal(vulkanDriverPresent({ ...env, VK_ICD_FILENAMES: '/opt/icd.json' }, (p) => p.endsWith('libvulkan.so.1') || p === '/opt/icd.json', () => []), true);
  });
});
