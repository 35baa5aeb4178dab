/**
 * Magma benchmark through onnxruntime-node: one grounding step (a 1920x1080 screenshot -> 2x2 crops, 1056 visual
 * tokens, plus the grounding prompt) with a fixed-length reply, timed stage by stage.
 *
 *   tsx scripts/bench-magma.ts --model <bundle-dir> [--providers webgpu] [--new-tokens 30] [--runs 3] [--out result.json]
 *       [--webgpu '{"validationMode":"disabled"}'] [--vision-graph vision_opt.onnx] [--decoder-graph decoder_acc0.onnx]
 *       [--variant name]
 *
 * Fails instead of silently timing a CPU fallback when the first provider named cannot run a graph.
 * Peak GPU memory is sampled outside (scripts/bench-magma.sh runs nvidia-smi beside it).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openBundleSessions, readBundle } from '../electron/adapters/magma-bundle.js';
import { OrtRuntime, type WebGpuProviderOptions } from '../electron/adapters/onnx-runtime.js';
import { KvDecoder, MagmaModel } from '../electron/agent/model/magma-model.js';
import { HfTokenizer } from '../electron/agent/model/tokenizer.js';
import { groundingPrompt } from '../electron/agent/planner/magma.js';
import type { RgbaImage } from '../electron/agent/ports.js';

/** The synthetic desktop that models/magma/bench_torch.py also draws. */
export function syntheticScreenshot(width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = Math.floor((x * 255) / Math.max(width - 1, 1));
      data[i + 1] = Math.floor((y * 255) / Math.max(height - 1, 1));
      data[i + 2] = ((Math.floor(x / 40) + Math.floor(y / 40)) % 2) * 200;
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function main(): Promise<number> {
  const { values: a } = parseArgs({
    options: {
      model: { type: 'string' }, providers: { type: 'string', default: 'webgpu' }, 'new-tokens': { type: 'string', default: '30' },
      runs: { type: 'string', default: '3' }, out: { type: 'string' }, width: { type: 'string', default: '1920' }, height: { type: 'string', default: '1080' },
      'embed-provider': { type: 'string', default: 'cpu' }, goal: { type: 'string', default: 'open the settings' },
      profile: { type: 'string' }, kv: { type: 'string', default: 'auto' },
      webgpu: { type: 'string' }, 'vision-graph': { type: 'string' }, 'decoder-graph': { type: 'string' }, variant: { type: 'string', default: 'default' }, spinning: { type: 'boolean', default: false },
    },
  });
  if (!a.model) throw new Error('--model <bundle-dir> is required');
  const providers = a.providers!.split(',');
  const lines: string[] = [];
  const log = (l: string) => {
    lines.push(l);
    console.log(l);
  };
  const t0 = performance.now();
  const bundle = readBundle(a.model);
  const rt = new OrtRuntime({ log });
  const webgpu = a.webgpu ? (JSON.parse(a.webgpu) as WebGpuProviderOptions) : undefined;
  const graphs = { ...(a['vision-graph'] ? { vision: a['vision-graph'] } : {}), ...(a['decoder-graph'] ? { decoder: a['decoder-graph'] } : {}) };
  const s = await openBundleSessions(rt, bundle, { providers, embedOnCpu: a['embed-provider'] === 'cpu', ...(a.kv === 'auto' ? {} : { staticKv: a.kv === 'static' }), ...(webgpu ? { webgpu } : {}), graphs, spinning: a.spinning === true });
  log(`variant ${a.variant}: webgpu ${JSON.stringify(webgpu ?? {})}, graphs ${JSON.stringify(graphs)}, thread spinning ${a.spinning === true}`);
  const embed = s.embed;
  const loadMs = performance.now() - t0;
  for (const [name, sess] of [['vision', s.vision], ['decoder', s.decoder]] as const) {
    if (sess.provider !== providers[0]) throw new Error(`${name} fell back to ${sess.provider}: ${lines.join(' | ')}`);
  }
  if (a.profile) return profile(rt, bundle, s, a.profile, providers, Number(a.width), Number(a.height), a.goal!);
  const tok = new HfTokenizer(bundle.tokenizerJson, bundle.tokenizerConfig);
  const model = new MagmaModel({ ...s, embed }, tok, bundle.manifest);
  log(`KV cache: ${s.kvInit ? 'static (kv_init on the device, bound in place)' : 'dynamic'}`);
  const img = syntheticScreenshot(Number(a.width), Number(a.height));
  const prompt = groundingPrompt(a.goal!);
  const newTokens = Number(a['new-tokens']);
  const tw = performance.now();
  const warm = await model.generate({ prompt, images: [img], maxNewTokens: 2, stopAtEos: false });
  const warmMs = performance.now() - tw;
  log(`warm-up step (2 tokens): ${warmMs.toFixed(0)} ms; grid ${warm.grids[0]!.rows}x${warm.grids[0]!.cols}, ${warm.timings.promptTokens} prompt tokens`);
  const runs: Array<Record<'preprocessMs' | 'visionMs' | 'prefillMs' | 'decodeMs' | 'stepMs' | 'decodeTokS' | 'promptTokens' | 'newTokens', number>> = [];
  for (let i = 0; i < Number(a.runs); i++) {
    const t = performance.now();
    const r = await model.generate({ prompt, images: [img], maxNewTokens: newTokens, stopAtEos: false });
    const stepMs = performance.now() - t;
    const tm = r.timings;
    const run = { ...tm, stepMs, decodeTokS: ((tm.newTokens - 1) * 1000) / tm.decodeMs };
    runs.push(run);
    log(`run ${i}: step ${stepMs.toFixed(1)} ms = preprocess ${tm.preprocessMs.toFixed(1)} + vision ${tm.visionMs.toFixed(1)} + prefill ${tm.prefillMs.toFixed(1)} + decode ${tm.decodeMs.toFixed(1)} (${run.decodeTokS.toFixed(1)} tok/s over ${tm.newTokens - 1} steps)`);
  }
  // Decoder alone: time per decode step after a prefill of a short and of a grounding-sized context.
  const probe: Record<string, number> = {};
  const D = bundle.manifest.text.hiddenSize;
  const tokE = await embed.run({ input_ids: { type: 'int64', dims: [1, 1], data: BigInt64Array.from([100n]) } });
  for (const ctxLen of [64, warm.timings.promptTokens]) {
    const dec = new KvDecoder(s.decoder, bundle.manifest);
    if (s.kvInit) await dec.useStaticCache(s.kvInit, ctxLen + 30);
    const x = new Float32Array(ctxLen * D);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin(i) * 0.02;
    let t = performance.now();
    await dec.step({ type: 'float32', dims: [1, ctxLen, D], data: x });
    probe[`prefill${ctxLen}Ms`] = performance.now() - t;
    await dec.step(tokE.inputs_embeds!);
    t = performance.now();
    for (let i = 0; i < 20; i++) await dec.step(tokE.inputs_embeds!);
    probe[`decodeStepAt${ctxLen}Ms`] = (performance.now() - t) / 20;
    dec.release();
  }
  log(`decoder probe: ${JSON.stringify(probe)}`);
  // The same step with the dynamic cache (present re-made every step), and whether the tokens agree.
  let dynamic: Record<string, unknown> | undefined;
  if (s.kvInit) {
    const dm = new MagmaModel({ vision: s.vision, embed, decoder: s.decoder }, tok, bundle.manifest, { staticKv: false });
    const st = await model.generate({ prompt, images: [img], maxNewTokens: newTokens, stopAtEos: false });
    const dr = [];
    let same = 0;
    for (let i = 0; i < 2; i++) {
      const t = performance.now();
      const r = await dm.generate({ prompt, images: [img], maxNewTokens: newTokens, stopAtEos: false });
      dr.push({ stepMs: performance.now() - t, decodeMs: r.timings.decodeMs, decodeTokS: ((r.timings.newTokens - 1) * 1000) / r.timings.decodeMs, kv: r.kvCache });
      same = r.tokenIds.findIndex((x, k) => x !== st.tokenIds[k]);
      if (same < 0) same = r.tokenIds.length;
    }
    dynamic = { runs: dr, tokensAgreeingWithStatic: same, of: newTokens };
    log(`dynamic KV: ${JSON.stringify(dynamic)}`);
  }
  const keys = ['preprocessMs', 'visionMs', 'prefillMs', 'decodeMs', 'stepMs', 'decodeTokS'] as const;
  const med = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))]));
  const res = {
    what: 'onnxruntime-node, Magma Desk TS runtime (electron/agent/model), one grounding step',
    variant: a.variant, webgpuOptions: webgpu ?? {}, graphs, spinning: a.spinning === true,
    bundle: { precision: bundle.manifest.precision, source: bundle.manifest.source, bytes: Object.values(bundle.manifest.files).reduce((x, f) => x + f.bytes, 0) },
    providers: { vision: s.vision.provider, embed: embed.provider, decoder: s.decoder.provider },
    image: [img.width, img.height], grid: warm.grids[0], promptTokens: warm.timings.promptTokens, newTokens, loadMs, warmMs, median: med, probe, dynamic, kvCache: s.kvInit ? 'static' : 'dynamic', runs, log: lines,
  };
  if (a.out) writeFileSync(a.out, JSON.stringify(res, null, 1));
  console.log(JSON.stringify({ kvCache: res.kvCache, providers: res.providers, grid: res.grid, promptTokens: res.promptTokens, median: med, probe, loadMs }));
  return 0;
}

/**
 * One grounding step (6 tokens) with onnxruntime's profiler on the vision and decoder sessions; prints and writes
 * the time per operator type and provider (node events; on WebGPU these are dispatch-side times).
 */
async function profile(rt: OrtRuntime, bundle: ReturnType<typeof readBundle>, s: Awaited<ReturnType<typeof openBundleSessions>>, prefix: string, providers: string[], w: number, h: number, goal: string): Promise<number> {
  await s.vision.release();
  await s.decoder.release();
  const present: string[] = ['logits'];
  for (let i = 0; i < bundle.manifest.text.layers; i++) present.push(`present.${i}.key`, `present.${i}.value`);
  const vision = await rt.load(bundle.path(bundle.manifest.graphs.vision), { providers, profilePrefix: `${prefix}-vision` });
  const decoder = await rt.load(bundle.path(bundle.manifest.graphs.decoder), { providers, outputsOnDevice: present, profilePrefix: `${prefix}-decoder` });
  const model = new MagmaModel({ vision, embed: s.embed, decoder, ...(s.kvInit ? { kvInit: s.kvInit } : {}) }, new HfTokenizer(bundle.tokenizerJson, bundle.tokenizerConfig), bundle.manifest);
  const r = await model.generate({ prompt: groundingPrompt(goal), images: [syntheticScreenshot(w, h)], maxNewTokens: 6, stopAtEos: false });
  console.log(`profiled step: ${JSON.stringify(r.timings)}`);
  await vision.release();
  await decoder.release();
  const { readdirSync, readFileSync } = await import('node:fs');
  const { dirname, basename, join } = await import('node:path');
  const dir = dirname(prefix);
  const summary: Record<string, unknown> = {};
  for (const part of ['vision', 'decoder']) {
    const files = readdirSync(dir).filter((f) => f.startsWith(`${basename(prefix)}-${part}`) && f.endsWith('.json'));
    const byOp = new Map<string, { us: number; n: number }>();
    for (const f of files) {
      const events = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Array<{ cat?: string; dur?: number; name?: string; args?: { op_name?: string; provider?: string } }>;
      for (const e of events) {
        if (e.cat !== 'Node' || !e.args?.op_name || !e.name?.endsWith('_kernel_time')) continue;
        const k = `${e.args.op_name}@${e.args.provider ?? '?'}`;
        const v = byOp.get(k) ?? { us: 0, n: 0 };
        v.us += e.dur ?? 0;
        v.n++;
        byOp.set(k, v);
      }
    }
    const top = [...byOp.entries()].sort((x, y) => y[1].us - x[1].us).slice(0, 20).map(([k, v]) => ({ op: k, ms: Math.round(v.us / 10) / 100, calls: v.n }));
    summary[part] = top;
    console.log(`${part} profile (top ops): ${JSON.stringify(top)}`);
  }
  writeFileSync(`${prefix}-summary.json`, JSON.stringify({ timings: r.timings, ...summary }, null, 1));
  return 0;
}

main().then(
  (c) => process.exit(c),
  (e) => {
    console.error(`bench-magma: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
