import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkGpu, pciGraphicsCards, type GpuCheckDeps } from './gpu-check.js';

const linux = (d: GpuCheckDeps): GpuCheckDeps => ({ platform: 'linux', loaderPresent: () => true, icdPresent: () => true, openWebGpu: async () => undefined, ...d });
const CAN_CONTINUE = /Downloading and converting need no graphics card, so you can continue/;

test('this machine: the check says what it found in words and that the person can still continue', async () => {
  const r = await checkGpu();
  // CI and this machine have no GPU: whichever part is missing is named, and continuing is offered.
  if (!r.ok) {
    assert.match(r.message, /No graphics card was found|libvulkan1|no Vulkan driver|could not be opened through WebGPU/);
    assert.match(r.message, CAN_CONTINUE);
    assert.match(r.message, /runs on the processor: it works, but very slowly/);
  } else assert.match(r.message, /about 8 GB/);
});

test('no display controller on the PCI bus: no graphics card found, nothing tried', async () => {
  let tried = false;
  const r = await checkGpu(linux({ cards: () => [], openWebGpu: async () => void (tried = true) }));
  assert.equal(r.ok, false);
  assert.match(r.message, /^No graphics card was found on this computer\./);
  assert.equal(tried, false);
});

test('the Vulkan loader missing names libvulkan1; a missing driver names the package for the card', async () => {
  const noLoader = await checkGpu(linux({ cards: () => ['amd'], loaderPresent: () => false }));
  assert.equal(noLoader.install, 'libvulkan1');
  assert.match(noLoader.message, /Install the Debian package libvulkan1/);
  assert.match(noLoader.message, CAN_CONTINUE);

  const amd = await checkGpu(linux({ cards: () => ['amd'], icdPresent: () => false }));
  assert.match(amd.message, /no Vulkan driver is installed for it\. Install the Debian package mesa-vulkan-drivers/);
  const intel = await checkGpu(linux({ cards: () => ['intel'], icdPresent: () => false }));
  assert.match(intel.install ?? '', /mesa-vulkan-drivers/);
  const nvidia = await checkGpu(linux({ cards: () => ['nvidia'], icdPresent: () => false }));
  assert.match(nvidia.message, /Install NVIDIA's driver with its Vulkan part \(on Debian: the packages nvidia-driver and nvidia-vulkan-icd/);
  const unknown = await checkGpu(linux({ cards: () => undefined, icdPresent: () => false }));
  assert.match(unknown.message, /mesa-vulkan-drivers for AMD and Intel, NVIDIA's driver for NVIDIA/);
});

test('an adapter that will not open says why; one that opens states the memory need WebGPU cannot measure', async () => {
  const fails = await checkGpu(linux({ cards: () => ['nvidia'], openWebGpu: async () => { throw new Error('webgpu_context.cc:136 ... was false. Failed to get a WebGPU adapter: No supported adapters\n at x'); } }));
  assert.equal(fails.ok, false);
  assert.match(fails.message, /could not be opened through WebGPU \(Failed to get a WebGPU adapter: No supported adapters\)\. NVIDIA's Vulkan driver is there but did not start: install the Debian packages libglvnd0 and libglx0/);
  const amd = await checkGpu(linux({ cards: () => ['amd'], openWebGpu: async () => { throw new Error('Failed to get a WebGPU adapter: No supported adapters'); } }));
  assert.match(amd.message, /A Vulkan driver is there but did not start: update or reinstall the Debian package mesa-vulkan-drivers; then check again/);
  const opens = await checkGpu(linux({ cards: () => ['nvidia'] }));
  assert.equal(opens.ok, true);
  assert.match(opens.message, /about 8 GB of its own memory \(int4\)\. WebGPU cannot tell how much memory a card has/);
});

test('graphics cards are read from the PCI class and vendor files', () => {
  const root = mkdtempSync(join(tmpdir(), 'pci-'));
  try {
    const dev = (name: string, cls: string, vendor: string) => {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'class'), `${cls}\n`);
      writeFileSync(join(root, name, 'vendor'), `${vendor}\n`);
    };
    dev('0000:00:00.0', '0x060000', '0x8086'); // host bridge
    dev('0000:01:00.0', '0x030000', '0x10de');
    dev('0000:02:00.0', '0x038000', '0x1002');
    assert.deepEqual(pciGraphicsCards(root)?.sort(), ['amd', 'nvidia']);
    assert.equal(pciGraphicsCards(join(root, 'nope')), undefined);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
