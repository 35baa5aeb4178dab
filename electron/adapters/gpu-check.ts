/**
 * "Can Magma-8B run on this computer's graphics card?" for the Get Magma-8B flow: opens a WebGPU adapter the way the
 * runtime will (an onnxruntime-node session with only the webgpu provider, on a 4-number graph), and when that
 * fails says why in words a person can act on: no graphics card found, the Vulkan loader missing (Debian package
 * libvulkan1), or no Vulkan driver (mesa-vulkan-drivers for AMD/Intel, NVIDIA's own driver for NVIDIA).
 * WebGPU cannot report the card's memory, so the need is stated instead (about 8 GB at int4). Nothing here is
 * contacted over the network. The answer never blocks the download: converting needs no GPU, and without one the
 * model still runs on the processor, very slowly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { vulkanIcdPresent, vulkanLoaderPresent } from './onnx-runtime.js';

/** y = x + x on float[4], opset 17 (69 bytes; made once with protobufjs from the ONNX schema's ModelProto fields). */
const TINY_GRAPH = 'CAg6PQoOCgF4CgF4EgF5IgNBZGQSCWdwdV9jaGVja1oPCgF4EgoKCAgBEgQKAggEYg8KAXkSCgoICAESBAoCCARCAhAR';

/** What Magma-8B needs on the card, in the words the flow shows (README: int4 7.9 GB for one grounding step). */
export const GPU_NEED = 'Magma-8B needs a graphics card with about 8 GB of its own memory (int4). WebGPU cannot tell how much memory a card has, so check your card\'s specifications.';
export const CPU_NOTE = 'Without a usable graphics card Magma-8B runs on the processor: it works, but very slowly (minutes per step). Downloading and converting need no graphics card, so you can continue either way.';

export type GpuVendor = 'nvidia' | 'amd' | 'intel' | 'other';

export interface GpuCheck {
  /** A WebGPU adapter opened and ran the tiny graph. */
  readonly ok: boolean;
  /** What was found, in one or two plain sentences. */
  readonly message: string;
  /** The Debian package (or driver) to install, when that is the fix. */
  readonly install?: string;
  /** Graphics cards seen on the PCI bus (Linux), by vendor; undefined where the bus cannot be read. */
  readonly cards?: GpuVendor[];
}

export interface GpuCheckDeps {
  platform?: NodeJS.Platform;
  /** Vendors of the display controllers on the PCI bus; undefined when it cannot be read. */
  cards?: () => GpuVendor[] | undefined;
  loaderPresent?: () => boolean;
  icdPresent?: () => boolean;
  /** Opens a session on webgpu only and runs it once; throws what onnxruntime throws. */
  openWebGpu?: () => Promise<void>;
}

const VENDORS: Record<string, GpuVendor> = { '0x10de': 'nvidia', '0x1002': 'amd', '0x1022': 'amd', '0x8086': 'intel' };

/** Display controllers (PCI class 0x03xxxx) by vendor, from /sys; undefined where /sys/bus/pci is not readable. */
export function pciGraphicsCards(root = '/sys/bus/pci/devices'): GpuVendor[] | undefined {
  let devices: string[];
  try {
    devices = readdirSync(root);
  } catch {
    return undefined;
  }
  const out: GpuVendor[] = [];
  for (const d of devices) {
    try {
      if (!readFileSync(`${root}/${d}/class`, 'utf8').trim().startsWith('0x03')) continue;
      out.push(VENDORS[readFileSync(`${root}/${d}/vendor`, 'utf8').trim()] ?? 'other');
    } catch {
      /* a device that vanished or hides its files is no card we can use */
    }
  }
  return out;
}

async function openWebGpu(): Promise<void> {
  const s = await ort.InferenceSession.create(Buffer.from(TINY_GRAPH, 'base64'), { executionProviders: ['webgpu'] });
  try {
    const y = (await s.run({ x: new ort.Tensor('float32', new Float32Array([1, 2, 3, 4]), [4]) })).y;
    if (!y || (y.data as Float32Array)[3] !== 8) throw new Error('the graphics card gave a wrong answer to a test sum');
  } finally {
    await s.release();
  }
}

function driverFor(cards: GpuVendor[] | undefined): string {
  if (cards?.includes('nvidia')) return "NVIDIA's driver with its Vulkan part (on Debian: the packages nvidia-driver and nvidia-vulkan-icd from the non-free section; restart afterwards)";
  if (cards?.some((c) => c === 'amd' || c === 'intel')) return 'the Debian package mesa-vulkan-drivers';
  return 'the Vulkan driver for your card (mesa-vulkan-drivers for AMD and Intel, NVIDIA\'s driver for NVIDIA)';
}

export async function checkGpu(deps: GpuCheckDeps = {}): Promise<GpuCheck> {
  const platform = deps.platform ?? process.platform;
  const cards = platform === 'linux' ? (deps.cards ?? pciGraphicsCards)() : undefined;
  const withCards = cards ? { cards } : {};
  if (platform === 'linux') {
    // Without the loader or a driver, Dawn cannot open an adapter: say which part is missing instead of trying.
    if (cards && cards.length === 0) {
      return { ok: false, message: `No graphics card was found on this computer. ${CPU_NOTE}`, ...withCards };
    }
    if (!(deps.loaderPresent ?? (() => vulkanLoaderPresent()))()) {
      return { ok: false, install: 'libvulkan1', message: `The graphics card cannot be used yet: Vulkan, which Magma Desk uses to reach it, is not installed. Install the Debian package libvulkan1, then check again; if the card still cannot be used, install ${driverFor(cards)}. ${CPU_NOTE}`, ...withCards };
    }
    if (!(deps.icdPresent ?? (() => vulkanIcdPresent()))()) {
      return { ok: false, install: driverFor(cards), message: `The graphics card cannot be used yet: no Vulkan driver is installed for it. Install ${driverFor(cards)}, then check again. ${CPU_NOTE}`, ...withCards };
    }
  }
  try {
    await (deps.openWebGpu ?? openWebGpu)();
  } catch (e) {
    const why = ((e as Error).message ?? String(e)).split('\n')[0]!.replace(/^.*?(Failed to get a WebGPU adapter)/, '$1').slice(0, 300);
    // Seen on an H200 machine: NVIDIA's Vulkan driver (libGLX_nvidia.so.0) does not start without libglvnd's
    // libraries ("Found no drivers"); with libglvnd0 and libglx0 installed the adapter opened.
    const fix = cards?.includes('nvidia')
      ? "NVIDIA's Vulkan driver is there but did not start: install the Debian packages libglvnd0 and libglx0, which it needs, or reinstall NVIDIA's driver"
      : `A Vulkan driver is there but did not start: update or reinstall ${driverFor(cards)}`;
    return { ok: false, message: `The graphics card could not be opened through WebGPU (${why}). ${fix}; then check again. ${CPU_NOTE}`, ...withCards };
  }
  return { ok: true, message: `A graphics card opened through WebGPU. ${GPU_NEED}`, ...withCards };
}
