/**
 * TensorRuntime over onnxruntime-node. One factory chooses the execution provider: the caller's preference,
 * else the platform's best (CUDA where installed, DirectML on Windows, CoreML on macOS, WebGPU), always ending
 * in CPU. A provider that fails to create the session falls through to the next; the one that ran is reported.
 */
import { existsSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import type { TensorLike, TensorRuntime, TensorSession, TensorSessionOptions } from '../agent/ports.js';

export function defaultProviders(): string[] {
  const order =
    process.platform === 'win32'
      ? ['cuda', 'dml', 'webgpu', 'cpu']
      : process.platform === 'darwin'
        ? ['coreml', 'webgpu', 'cpu']
        : ['cuda', 'webgpu', 'cpu'];
  return order.filter(providerAvailable);
}

/** A provider is worth trying when this build of onnxruntime-node carries it (CUDA: when its libraries were installed). */
function providerAvailable(p: string): boolean {
  if (p === 'cpu') return true;
  if (p === 'cuda') return existsSync(new URL('../../node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so', import.meta.url));
  return ort.listSupportedBackends().some((b) => b.name === p);
}

/** Providers from MAGMA_DESK_PROVIDERS="webgpu,cpu" when set, else the platform default. */
export function providersFromEnv(env = process.env): string[] | undefined {
  const v = env.MAGMA_DESK_PROVIDERS?.trim();
  return v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
}

function toOrt(t: TensorLike): ort.Tensor {
  return new ort.Tensor(t.type, t.data as never, t.dims as number[]);
}
function fromOrt(t: ort.Tensor): TensorLike {
  return { type: t.type as TensorLike['type'], dims: t.dims.slice(), data: t.data as TensorLike['data'] };
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
  async release(): Promise<void> {
    await this.s.release();
  }
}

export interface OrtRuntimeOptions {
  /** Receives one line per session naming the provider that runs it. */
  log?: (line: string) => void;
}

export class OrtRuntime implements TensorRuntime {
  constructor(private readonly opts: OrtRuntimeOptions = {}) {}

  async load(modelPath: string, options: TensorSessionOptions = {}): Promise<TensorSession> {
    if (!existsSync(modelPath)) {
      throw new Error(`model file not found: ${modelPath} (reinstall with "npm ci" or point the setting at the file)`);
    }
    const wanted = options.providers ?? providersFromEnv() ?? defaultProviders();
    const chain = wanted.includes('cpu') ? wanted : [...wanted, 'cpu'];
    const errors: string[] = [];
    for (const provider of chain) {
      try {
        const s = await ort.InferenceSession.create(modelPath, {
          executionProviders: [provider],
          intraOpNumThreads: options.intraOpThreads ?? 0,
          graphOptimizationLevel: 'all',
        });
        this.opts.log?.(`onnxruntime: ${shortName(modelPath)} runs on ${provider}${errors.length ? ` (fell back: ${errors.join('; ')})` : ''}`);
        return new OrtSession(s, provider);
      } catch (e) {
        errors.push(`${provider}: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    throw new Error(`could not load ${modelPath} on any provider: ${errors.join('; ')}`);
  }
}

function shortName(p: string): string {
  return p.split(/[\\/]/).slice(-2).join('/');
}
