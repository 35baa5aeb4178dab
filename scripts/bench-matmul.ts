/**
 * Single-operator timing through onnxruntime-node: each graph written by models/magma/single_op_graphs.py (one
 * MatMul or MatMulNBits at a shape Magma runs) is run with onnxruntime's profiler on, and the GPU time of its
 * programs (WebGPU timestamp queries) gives the rate and which kernel onnxruntime chose (the program names:
 * SubgroupMatrixMatMulNBits is the tensor-core path, DP4AMatMulNBits the int8 dot-product one).
 *
 *   tsx scripts/bench-matmul.ts --dir <graphs-dir> [--providers webgpu] [--runs 6] [--out result.json] [--webgpu '{...}']
 *
 * Reads <dir>/index.json: [{ name, file, op, M, K, N, bits?, accuracyLevel?, repeat?, input?, flop? }] (also as written by
 * scripts/attention-graphs.ts); --only runs the cases whose name
 * contains the text. The input is fed from the CPU and the output read back each run; neither copy is a program,
 * so the GPU time is the operator's alone.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { summarizeOrtProfile, type OrtTraceEvent } from './ort-profile.js';

interface Case {
  readonly name: string;
  readonly file: string;
  readonly op: string;
  readonly M: number;
  readonly K: number;
  readonly N: number;
  readonly bits?: number;
  readonly accuracyLevel?: number;
  /** Operators chained in the graph (alternating K->N and N->K, each 2*M*K*N FLOP); 1 when absent. */
  readonly repeat?: number;
  /** Shape of the input A when it is not [M, K] (attention-graphs.ts: [1, n, 6144]). */
  readonly input?: number[];
  /** FLOP of one run when it is not 2*M*K*N*repeat (attention: the causal half of its two products). */
  readonly flop?: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** fp16 bits of values in ±[0.125, 1): exponent 12..14, random mantissa and sign (no zeros, no infinities). */
function randomHalf(n: number, seed: number): Uint16Array {
  const out = new Uint16Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = ((x & 1) << 15) | ((12 + ((x >>> 1) % 3)) << 10) | ((x >>> 3) & 0x3ff);
  }
  return out;
}

async function main(): Promise<number> {
  const { values: a } = parseArgs({
    options: { dir: { type: 'string' }, providers: { type: 'string', default: 'webgpu' }, runs: { type: 'string', default: '6' }, out: { type: 'string' }, webgpu: { type: 'string' }, only: { type: 'string' } },
  });
  if (!a.dir) throw new Error('--dir <graphs-dir> is required');
  const cases = JSON.parse(readFileSync(join(a.dir, 'index.json'), 'utf8')) as Case[];
  const runs = Number(a.runs);
  const provider = a.providers!;
  const ep = provider === 'webgpu' && a.webgpu ? ({ name: 'webgpu', ...JSON.parse(a.webgpu) } as ort.InferenceSession.ExecutionProviderConfig) : provider;
  const results: Array<Record<string, unknown>> = [];
  for (const c of cases) {
    if (a.only && !c.name.includes(a.only)) continue;
    const prefix = join(a.dir, `prof-${c.name}`);
    const t0 = performance.now();
    let s: ort.InferenceSession;
    try {
      s = await ort.InferenceSession.create(join(a.dir, c.file), {
        executionProviders: [ep],
        graphOptimizationLevel: 'all',
        enableProfiling: true,
        profileFilePrefix: prefix,
      });
    } catch (e) {
      results.push({ ...c, error: (e as Error).message.split('\n')[0] });
      console.log(`${c.name}: could not load: ${(e as Error).message.split('\n')[0]}`);
      continue;
    }
    const loadMs = performance.now() - t0;
    const dims = c.input ?? [c.M, c.K];
    const input = new ort.Tensor('float16', randomHalf(dims.reduce((x, y) => x * y, 1), c.M + c.K + c.N), dims);
    // first run: compiles the shaders; its time is in wall[0] and the profile's first block
    const wall: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      // Y comes back to the CPU: a device output ('gpu-buffer') read with getData, profiler on, ended the process on
      // the H200 ("terminate called after throwing an instance of 'char const*'", onnxruntime-node 1.30). The wall
      // time includes the download, the GPU time does not.
      await s.run({ A: input });
      wall.push(performance.now() - t);
    }
    await s.release();
    const files = readdirSync(a.dir).filter((f) => f.startsWith(`prof-${c.name}_`) && f.endsWith('.json'));
    const sum = summarizeOrtProfile(JSON.parse(readFileSync(join(a.dir, files[files.length - 1]!), 'utf8')) as OrtTraceEvent[], runs);
    const flop = c.flop ?? 2 * c.M * c.K * c.N * (c.repeat ?? 1);
    const g = sum.gpu;
    const gpuMs = g ? median(g.perRunMs.length > 1 ? g.perRunMs.slice(1) : g.perRunMs) : undefined;
    const r = {
      ...c,
      loadMs: Math.round(loadMs),
      gpuMs,
      tflops: gpuMs ? Math.round((flop / (gpuMs * 1e-3) / 1e12) * 100) / 100 : undefined,
      programs: g?.byProgram.map((p) => ({ program: p.key, ms: p.ms, calls: p.calls })),
      perRunMs: g?.perRunMs,
      split: g?.split,
      wallMs: wall.map((x) => Math.round(x * 100) / 100),
      cpuMs: sum.cpu.totalMs,
    };
    results.push(r);
    console.log(`${c.name}: GPU ${gpuMs?.toFixed(3)} ms = ${r.tflops} TFLOP/s; ${JSON.stringify(r.programs?.map((p) => [p.program, p.ms]))}; wall ${JSON.stringify(r.wallMs)}`);
  }
  if (a.out) writeFileSync(a.out, JSON.stringify({ what: 'single-operator GPU time, onnxruntime profiler (WebGPU timestamp queries)', ort: ort.env.versions, runs, results }, null, 1));
  return 0;
}

main().then(
  (c) => process.exit(c),
  (e) => {
    console.error(`bench-matmul: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
