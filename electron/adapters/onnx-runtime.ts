/**
 * TensorRuntime over onnxruntime-node. One factory chooses the execution provider: the caller's preference,
 * else the platform's best (CUDA where installed, DirectML on Windows, CoreML on macOS, WebGPU), always ending
 * in CPU. A provider that fails to create the session falls through to the next; the one that ran is reported.
 */
import { existsSync, readdirSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import type { TensorLike, TensorRuntime, TensorSession, TensorSessionOptions } from '../agent/ports.js';

export function defaultProviders(): string[] {
  const order =
    process.platform === 'win32'
      ? ['cuda', 'dml', 'webgpu', 'cpu']
      : process.platform === 'darwin'
        ? ['coreml', 'webgpu', 'cpu']
        : ['cuda', 'webgpu', 'cpu'];
  return order.filter((p) => providerAvailable(p));
}

/**
 * A provider is worth trying when this build of onnxruntime-node carries it (CUDA: when its libraries were
 * installed) and, for WebGPU on Linux, when Dawn has a Vulkan driver to use: without one Dawn prints
 * "Couldn't load Vulkan" / "vkCreateInstance: Found no drivers" warnings to stderr on every session.
 */
export function providerAvailable(p: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (p === 'cpu') return true;
  if (p === 'cuda') return existsSync(new URL('../../node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so', import.meta.url));
  if (p === 'webgpu' && process.platform === 'linux' && !vulkanDriverPresent(env)) return false;
  return ort.listSupportedBackends().some((b) => b.name === p);
}

/** The Vulkan loader's library and at least one installable client driver (ICD) manifest, where the loader looks. */
export function vulkanDriverPresent(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync, list: (d: string) => string[] = safeList): boolean {
  return vulkanLoaderPresent(env, exists) && vulkanIcdPresent(env, exists, list);
}

/** libvulkan.so.1 (Debian package libvulkan1) where the dynamic linker looks. */
export function vulkanLoaderPresent(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): boolean {
  const libDirs = ['/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib/aarch64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib64', '/usr/local/lib'];
  const extra = (env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean);
  return [...extra, ...libDirs].some((d) => exists(`${d}/libvulkan.so.1`));
}

/** At least one Vulkan driver manifest (ICD: Mesa's for AMD/Intel, NVIDIA's own) where the loader looks. */
export function vulkanIcdPresent(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync, list: (d: string) => string[] = safeList): boolean {
  for (const v of [env.VK_DRIVER_FILES, env.VK_ICD_FILENAMES]) if (v && v.split(':').some((f) => f && exists(f))) return true;
  const dataDirs = [env.XDG_CONFIG_HOME ?? `${env.HOME ?? ''}/.config`, ...(env.XDG_CONFIG_DIRS ?? '/etc/xdg').split(':'), '/etc', env.XDG_DATA_HOME ?? `${env.HOME ?? ''}/.local/share`, ...(env.XDG_DATA_DIRS ?? '/usr/local/share:/usr/share').split(':'), '/usr/share', '/usr/local/share'];
  return dataDirs.some((d) => d && list(`${d}/vulkan/icd.d`).some((f) => f.endsWith('.json')));
}

function safeList(d: string): string[] {
  try {
    return readdirSync(d);
  } catch {
    return [];
  }
}

/** Providers from MAGMA_DESK_PROVIDERS="webgpu,cpu" when set, else the platform default. */
export function providersFromEnv(env = process.env): string[] | undefined {
  const v = env.MAGMA_DESK_PROVIDERS?.trim();
  return v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
}

function toOrt(t: TensorLike): ort.Tensor {
  // A tensor this adapter returned goes back as it is: no copy, and one kept on the device stays there.
  if (t instanceof OrtTensorLike) return t.tensor;
  return new ort.Tensor(t.type, t.data as never, t.dims as number[]);
}
function fromOrt(t: ort.Tensor): TensorLike {
  return new OrtTensorLike(t);
}

/**
 * A session output. `data` reads the values (CPU outputs only); a device-resident output (see
 * OrtLoadOptions.outputsOnDevice) can only be fed back into a session, and dispose() frees it.
 */
export class OrtTensorLike implements TensorLike {
  readonly type: TensorLike['type'];
  readonly dims: readonly number[];
  constructor(readonly tensor: ort.Tensor) {
    this.type = tensor.type as TensorLike['type'];
    this.dims = tensor.dims.slice();
  }
  get data(): TensorLike['data'] {
    if (this.tensor.location !== 'cpu' && this.tensor.location !== 'cpu-pinned') {
      throw new Error(`tensor is on the device (${this.tensor.location}); feed it back to a session instead of reading it`);
    }
    return this.tensor.data as TensorLike['data'];
  }
  get onDevice(): boolean {
    return this.tensor.location === 'gpu-buffer' || this.tensor.location === 'ml-tensor';
  }
  dispose(): void {
    if (this.onDevice) this.tensor.dispose();
  }
}

/** Options beyond the port's: where outputs should live (IO binding) on providers that can keep them on the device. */
export interface OrtLoadOptions extends TensorSessionOptions {
  /** Outputs named here stay on the device (WebGPU: gpu-buffer) and are fed back without a copy. */
  readonly outputsOnDevice?: readonly string[];
  /** What messages call a graph given as bytes. */
  readonly label?: string;
  /** Writes an onnxruntime profile (JSON, per-node times) starting with this prefix when the session is released. */
  readonly profilePrefix?: string;
  /** WebGPU provider options (onnxruntime-node names), used when the session runs on webgpu. */
  readonly webgpu?: WebGpuProviderOptions;
  /**
   * CPU thread pool threads spin-wait between runs unless this is false. A session run once per token (the
   * token-embedding lookup) should not spin: its idle threads would compete with the main thread and the
   * GPU provider's submission thread.
   */
  readonly spinning?: boolean;
}

/** The WebGPU execution provider's options that onnxruntime-node 1.30 accepts. */
export interface WebGpuProviderOptions {
  /** Layout for Conv and friends: NHWC (onnxruntime's default on WebGPU) or NCHW. */
  readonly preferredLayout?: 'NHWC' | 'NCHW';
  /** Dawn validation: 'disabled' | 'wgpuOnly' | 'basic' (default) | 'full'. */
  readonly validationMode?: 'disabled' | 'wgpuOnly' | 'basic' | 'full';
  /** GPU buffer reuse: 'disabled' | 'simple' | 'bucket' | 'graph'. */
  readonly storageBufferCacheMode?: 'disabled' | 'simple' | 'bucket' | 'graph';
}

class OrtSession implements TensorSession {
  constructor(
    private readonly s: ort.InferenceSession,
    readonly provider: string,
  ) {}
  get inputNames(): readonly string[] {
    return this.s.inputNames;
  }
  get outputNames(): readonly string[] {
    return this.s.outputNames;
  }
  async run(feeds: Record<string, TensorLike>, outputNames?: readonly string[]): Promise<Record<string, TensorLike>> {
    const f: Record<string, ort.Tensor> = {};
    for (const [k, v] of Object.entries(feeds)) f[k] = toOrt(v);
    const out = outputNames ? await this.s.run(f, outputNames as string[]) : await this.s.run(f);
    const r: Record<string, TensorLike> = {};
    for (const [k, v] of Object.entries(out)) r[k] = fromOrt(v);
    return r;
  }
  /**
   * Runs with some outputs bound to given tensors (IO binding): each non-null entry of `fetches` receives the
   * output in place. Binding a device tensor as both an input and an output lets an operator update it in place.
   */
  async runInto(feeds: Record<string, TensorLike>, fetches: Record<string, TensorLike | null>): Promise<Record<string, TensorLike>> {
    const f: Record<string, ort.Tensor> = {};
    for (const [k, v] of Object.entries(feeds)) f[k] = toOrt(v);
    const o: Record<string, ort.Tensor | null> = {};
    for (const [k, v] of Object.entries(fetches)) o[k] = v ? toOrt(v) : null;
    const out = await this.s.run(f, o as never);
    const r: Record<string, TensorLike> = {};
    const ignored: string[] = [];
    for (const [k, v] of Object.entries(out)) {
      const bound = o[k];
      if (bound && !writtenInPlace(v, bound)) {
        ignored.push(k);
        if (v.location === 'gpu-buffer') v.dispose();
      }
      r[k] = fetches[k] ?? fromOrt(v);
    }
    if (ignored.length) {
      // Seen with onnxruntime-node 1.30 on WebGPU: device outputs are allocated anew instead of written in place.
      throw new Error(`onnxruntime did not write ${ignored.length} bound outputs in place (${ignored[0]}, ...) on ${this.provider}`);
    }
    return r;
  }
  async release(): Promise<void> {
    await this.s.release();
  }
}

/**
 * Whether an output bound to `bound` was written into it. CPU: onnxruntime-node writes into the bound bytes and
 * returns a copy (the parity test checks the values); device tensors must come back as the same GPU buffer.
 */
function writtenInPlace(returned: ort.Tensor, bound: ort.Tensor): boolean {
  if (returned === bound) return true;
  if (bound.location === 'gpu-buffer') return returned.location === 'gpu-buffer' && returned.gpuBuffer === bound.gpuBuffer;
  return bound.location === 'cpu' && returned.location === 'cpu';
}

export interface OrtRuntimeOptions {
  /** Receives one line per session naming the provider that runs it. */
  log?: (line: string) => void;
}

export class OrtRuntime implements TensorRuntime {
  constructor(private readonly opts: OrtRuntimeOptions = {}) {}

  /** `model`: a graph file, or a graph's bytes built in memory (named `options.label` in messages). */
  async load(model: string | Uint8Array, options: OrtLoadOptions = {}): Promise<TensorSession> {
    const modelPath = typeof model === 'string' ? model : (options.label ?? 'in-memory graph');
    if (typeof model === 'string' && !existsSync(modelPath)) {
      throw new Error(`model file not found: ${modelPath} (reinstall with "npm ci" or point the setting at the file)`);
    }
    const wanted = options.providers ?? providersFromEnv() ?? defaultProviders();
    const chain = wanted.includes('cpu') ? wanted : [...wanted, 'cpu'];
    const errors: string[] = [];
    for (const provider of chain) {
      try {
        const ep = provider === 'webgpu' && options.webgpu ? ({ name: 'webgpu', ...options.webgpu } as ort.InferenceSession.ExecutionProviderConfig) : provider;
        const base: ort.InferenceSession.SessionOptions = {
          executionProviders: [ep],
          intraOpNumThreads: options.intraOpThreads ?? 0,
          graphOptimizationLevel: 'all',
          ...(options.profilePrefix ? { enableProfiling: true, profileFilePrefix: options.profilePrefix } : {}),
          ...(options.spinning === false ? { extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } } } : {}),
        };
        let s: ort.InferenceSession | undefined;
        let where = '';
        if (options.outputsOnDevice?.length && provider === 'webgpu') {
          try {
            const names = options.outputsOnDevice;
            const loc: Record<string, ort.Tensor.DataLocation> = {};
            for (const n of names) loc[n] = 'gpu-buffer';
            s = await createSession(model, { ...base, preferredOutputLocation: loc as never });
            where = `, ${names.length} outputs kept on the device`;
          } catch (e) {
            where = `, outputs on the CPU (device outputs refused: ${(e as Error).message.split('\n')[0]})`;
            s = undefined;
          }
        }
        s ??= await createSession(model, base);
        this.opts.log?.(`onnxruntime: ${shortName(modelPath)} runs on ${provider}${where}${errors.length ? ` (fell back: ${errors.join('; ')})` : ''}`);
        return new OrtSession(s, provider);
      } catch (e) {
        errors.push(`${provider}: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    throw new Error(`could not load ${modelPath} on any provider: ${errors.join('; ')}`);
  }
}

function createSession(model: string | Uint8Array, o: ort.InferenceSession.SessionOptions): Promise<ort.InferenceSession> {
  return typeof model === 'string' ? ort.InferenceSession.create(model, o) : ort.InferenceSession.create(model, o);
}

function shortName(p: string): string {
  return p.split(/[\\/]/).slice(-2).join('/');
}
