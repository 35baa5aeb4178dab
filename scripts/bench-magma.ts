/**
 * Magma benchmark through onnxruntime-node: one grounding step (a 1920x1080 screenshot -> 2x2 crops, 1056 visual
 * tokens, plus the grounding prompt) with a fixed-length reply, timed stage by stage.
 *
 *   tsx scripts/bench-magma.ts --model <bundle-dir> [--providers webgpu] [--new-tokens 30] [--runs 3] [--out result.json]
 *       [--webgpu '{"validationMode":"disabled"}'] [--vision-graph vision_opt.onnx] [--decoder-graph decoder_acc0.onnx]
 *       [--variant name]
 *   tsx scripts/bench-magma.ts --model <bundle-dir> --profile <dir/prefix> [--runs 3]     GPU time per op and program
 *       (vision, the prefill and a decode step)
 *   tsx scripts/bench-magma.ts --model <bundle-dir> --compare-vision vision_q8.onnx [--vision-graph vision.onnx] [--out f.json]
 *   tsx scripts/bench-magma.ts --model <bundle-dir> --decode-probe 64,512,1284 [--kv bucketed|dynamic] [--out f.json]
 *       decoder alone: prefill of random embeddings at each context, then decode steps; GPU memory per context
 *   tsx scripts/bench-magma.ts --model <bundle-dir> --sizes 512x512,1024x512,1920x1080+10 [--kv ...] [--out f.json]
 *       the whole step at each screenshot size in turn (so at three prompt lengths); GPU memory per size; "+k"
 *       adds k characters to the goal (a longer prompt at the same grid; a size may come again). As the app runs
 *       a session: vision-feature cache on, each entry a new screen, stepped twice (the second from the cache).
 *       A trailing "~" makes the entry the last screen of that size with only a 32x32 patch in its top-left corner
 *       changed (a screen after a small update: one crop new, the others from the cache)
 *   tsx scripts/bench-magma.ts --model <bundle-dir> --mem-stages [--vision-graph ..] [--decoder-graph ..] [--out f.json]
 *       GPU memory (nvidia-smi, MiB) after opening the sessions, after one vision run, after a whole step, after a
 *       second one: which stage's buffers the peak is made of
 *   --parity: with the bucketed cache, also one step through the unpadded cache (same tokens?); off by default,
 *       since the unpadded cache's buffers would count in the process's peak memory
 *
 * --format 3: treat the bundle as that format whatever its manifest says: the graphs named by --decoder-graph were
 *   rewritten to it (optimize_graphs.py --logits-last-real: a padded prompt runs in one call, MagmaModel's default
 *   for format 3).
 * --vision-crops-per-run k: the vision session runs at most k crops at a time (MagmaModel's visionCropsPerRun).
 * --prefill-chunk C: the prompt runs in chunks of C rows (MagmaModel's prefillChunk, prefill-chunks.ts).
 * --plan <GB>: the run plan the app picks for a card of that many GB (electron/shells/magma-memory-plan.ts: under 16,
 *   2 crops per vision run and the prompt in chunks of 768; from 16, both in one run); --vision-crops-per-run and
 *   --prefill-chunk given beside it win.
 * --kv: bucketed (the default cache, kv-buckets.ts), dynamic (one position longer each step) or static.
 * --prompt-buckets <step>|off: the prefill padded to a multiple of step (the model's default, 256; prompt-buckets.ts).
 * --buffer-cache simple|default: WebGPU's buffer cache (simple is openBundleSessions' default; an explicit
 *   storageBufferCacheMode in --webgpu wins). The app before #16's E6: --buffer-cache default --prompt-buckets off.
 * --host-merge: the vision features come to the host and the prompt's embeddings are merged and uploaded there
 *   (what the app did before the merge graph; openBundleSessions' mergeOnDevice false).
 *
 * Fails instead of silently timing a CPU fallback when the first provider named cannot run a graph.
 * Peak GPU memory is sampled outside (scripts/bench-magma.sh runs nvidia-smi beside it).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openBundleSessions, readBundle } from '../electron/adapters/magma-bundle.js';
import { OrtRuntime, type WebGpuProviderOptions } from '../electron/adapters/onnx-runtime.js';
import { spawn } from 'node:child_process';
import { defaultKvBuckets } from '../electron/agent/model/kv-buckets.js';
import { PROMPT_BUCKET_STEP } from '../electron/agent/model/prompt-buckets.js';
import { magmaMemoryPlan } from '../electron/shells/magma-memory-plan.js';
import { KvDecoder, MagmaModel, type MagmaSessions, type MagmaSpec } from '../electron/agent/model/magma-model.js';
import type { FeatureSource } from '../electron/agent/model/visual-token-refs.js';
import { preprocessImage } from '../electron/agent/model/preprocess.js';
import { sourceCropKeys } from '../electron/agent/model/vision-cache.js';
import type { TensorSession } from '../electron/agent/ports.js';
import { HfTokenizer } from '../electron/agent/model/tokenizer.js';
import { groundingPrompt } from '../electron/agent/planner/magma.js';
import type { RgbaImage } from '../electron/agent/ports.js';
import { summarizeOrtProfile, type OrtTraceEvent } from './ort-profile.js';

/**
 * The synthetic desktop that models/magma/bench_torch.py also draws (`tint` 0). Another tint adds that much to
 * every pixel's red (mod 256): a screen whose every crop changed, so the vision-feature cache misses, as on a new
 * screen in the app.
 */
/** `img` with a 32x32 patch at its top-left corner recoloured by `tint`: only the crops over it change. */
function patched(img: RgbaImage, tint: number): RgbaImage {
  const data = img.data.slice();
  for (let y = 0; y < Math.min(32, img.height); y++) {
    for (let x = 0; x < Math.min(32, img.width); x++) data[(y * img.width + x) * 4 + 1] = (37 * tint) & 255;
  }
  return { ...img, data };
}

export function syntheticScreenshot(width: number, height: number, tint = 0): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = (Math.floor((x * 255) / Math.max(width - 1, 1)) + tint) & 255;
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
      'compare-vision': { type: 'string' }, 'decode-probe': { type: 'string' }, 'decode-steps': { type: 'string', default: '30' },
      sizes: { type: 'string' }, parity: { type: 'boolean', default: false }, 'prompt-buckets': { type: 'string' }, 'buffer-cache': { type: 'string', default: 'simple' },
      format: { type: 'string' }, plan: { type: 'string' }, 'mem-stages': { type: 'boolean', default: false }, 'vision-crops-per-run': { type: 'string' }, 'prefill-chunk': { type: 'string' },
      'host-merge': { type: 'boolean', default: false },
    },
  });
  if (!a.model) throw new Error('--model <bundle-dir> is required');
  if (!['auto', 'static', 'dynamic', 'bucketed'].includes(a.kv!)) throw new Error(`--kv ${a.kv}: expected bucketed, dynamic or static`);
  if (!['simple', 'default'].includes(a['buffer-cache']!)) throw new Error(`--buffer-cache ${a['buffer-cache']}: expected simple or default`);
  const pb = a['prompt-buckets'];
  if (pb !== undefined && pb !== 'off' && !(Number(pb) > 0)) throw new Error(`--prompt-buckets ${pb}: expected a step (e.g. 256) or off`);
  const promptBuckets = pb === undefined ? undefined : pb === 'off' ? (false as const) : Number(pb);
  const providers = a.providers!.split(',');
  const lines: string[] = [];
  const log = (l: string) => {
    lines.push(l);
    console.log(l);
  };
  const t0 = performance.now();
  const bundle = readBundle(a.model);
  // The MagmaModel options the flags set, for every model of the timed configuration.
  if (a.plan !== undefined && !(Number(a.plan) > 0)) throw new Error(`--plan ${a.plan}: expected the card's memory in GB (e.g. 8 or 24)`);
  const runOpts = { ...(a.plan !== undefined ? magmaMemoryPlan('webgpu', Number(a.plan)) : {}), ...(a['vision-crops-per-run'] ? { visionCropsPerRun: Number(a['vision-crops-per-run']) } : {}), ...(a['prefill-chunk'] ? { prefillChunk: Number(a['prefill-chunk']) } : {}) };
  if (a.format) (bundle.manifest as { version: number }).version = Number(a.format);
  const rt = new OrtRuntime({ log });
  const webgpu = a.webgpu ? (JSON.parse(a.webgpu) as WebGpuProviderOptions) : undefined;
  const graphs = { ...(a['vision-graph'] ? { vision: a['vision-graph'] } : {}), ...(a['decoder-graph'] ? { decoder: a['decoder-graph'] } : {}) };
  if (a['compare-vision']) {
    return compareVision(rt, bundle, a['vision-graph'] ?? bundle.manifest.graphs.vision, a['compare-vision'], { providers, w: Number(a.width), h: Number(a.height), runs: Number(a.runs), ...(a.out ? { out: a.out } : {}), ...(webgpu ? { webgpu } : {}) });
  }
  const sampler = a['mem-stages'] ? gpuMemorySampler() : undefined;
  if (sampler) await new Promise((r) => setTimeout(r, 500));
  const s = await openBundleSessions(rt, bundle, { providers, embedOnCpu: a['embed-provider'] === 'cpu', ...(a.kv === 'static' ? { staticKv: true } : {}), ...(webgpu ? { webgpu } : {}), simpleBufferCache: a['buffer-cache'] === 'simple', graphs, spinning: a.spinning === true, mergeOnDevice: !a['host-merge'], log });
  log(`variant ${a.variant}: run plan ${JSON.stringify(runOpts)}, prompt merged on the ${a['host-merge'] ? 'host' : 'device'}, webgpu ${JSON.stringify(webgpu ?? {})}, buffer cache ${a['buffer-cache']}, prompt buckets ${pb ?? 'default'}, graphs ${JSON.stringify(graphs)}, thread spinning ${a.spinning === true}`);
  const embed = s.embed;
  const loadMs = performance.now() - t0;
  for (const [name, sess] of [['vision', s.vision], ['decoder', s.decoder]] as const) {
    if (sess.provider !== providers[0]) throw new Error(`${name} fell back to ${sess.provider}: ${lines.join(' | ')}`);
  }
  const buckets = a.kv === 'dynamic' ? undefined : defaultKvBuckets(bundle.manifest.text.maxPositions);
  // As MagmaModel decides it: prompt buckets only with KV buckets.
  const promptStep = !buckets || promptBuckets === false ? undefined : (promptBuckets ?? PROMPT_BUCKET_STEP);
  if (a['decode-probe']) {
    return decodeProbe(s.decoder, s.embed, bundle.manifest, { contexts: a['decode-probe'].split(',').map(Number), steps: Number(a['decode-steps']), runs: Number(a.runs), buckets, promptStep, kv: a.kv!, variant: a.variant!, webgpu: webgpu ?? {}, graphs, ...(a.out ? { out: a.out } : {}) });
  }
  const modelOpts = { ...runOpts, ...(promptBuckets !== undefined ? { promptBuckets } : {}) };
  if (a.profile) return profile(rt, bundle, s, a.profile, { providers, w: Number(a.width), h: Number(a.height), goal: a.goal!, runs: Math.max(3, Number(a.runs)), graphs, modelOpts, ...(webgpu ? { webgpu } : {}) });
  const tok = new HfTokenizer(bundle.tokenizerJson, bundle.tokenizerConfig);
  if (sampler) return memStages(sampler, { ...s, embed }, tok, bundle.manifest, { w: Number(a.width), h: Number(a.height), goal: a.goal!, newTokens: Number(a['new-tokens']), variant: a.variant!, graphs, modelOpts, ...(a.out ? { out: a.out } : {}) });
  // The timed steps below run as the app does, cache on, each on a screenshot whose every crop
  // changed (a new screen: every crop misses, and the cache's hashing and storing are in the step). The cached
  // step is measured on its own below (visionCache in the JSON).
  const kvBuckets = a.kv === 'dynamic' ? (false as const) : undefined;
  const model = new MagmaModel({ ...s, embed }, tok, bundle.manifest, { visionCacheCrops: 0, kvBuckets, ...modelOpts });
  log(`KV cache: ${s.kvInit ? 'static (kv_init on the device, bound in place)' : buckets ? `bucketed (${buckets.join(', ')})` : 'dynamic'}; prompt padded to multiples of ${promptStep ?? 'nothing (unpadded)'}`);
  const prompt = groundingPrompt(a.goal!);
  const newTokens = Number(a['new-tokens']);
  if (a.sizes) {
    const sizes = a.sizes.split(',').map((x) => {
      const m = /^(\d+)x(\d+)(?:\+(\d+))?(~)?$/.exec(x);
      if (!m) throw new Error(`--sizes: ${x} is not WxH, WxH+k, or either with a trailing ~`);
      return { w: Number(m[1]), h: Number(m[2]), extra: Number(m[3] ?? 0), patch: m[4] === '~' };
    });
    const parityModel = a.parity ? new MagmaModel({ ...s, embed }, tok, bundle.manifest, { visionCacheCrops: 0, kvBuckets: false }) : undefined;
    // The session as the app runs it: the vision-feature cache on (its entries are GPU buffers with the device
    // merge), each size a new screen, then that screen again (all its crops from the cache: the same tokens).
    const sessionModel = new MagmaModel({ ...s, embed }, tok, bundle.manifest, { kvBuckets, ...modelOpts });
    return stepsAtSizes(sessionModel, a.goal!, sizes, { newTokens, kv: a.kv!, variant: a.variant!, bufferCache: a['buffer-cache']!, promptStep: promptStep ?? null, webgpu: webgpu ?? {}, graphs, parityModel, ...(a.out ? { out: a.out } : {}) });
  }
  const img = syntheticScreenshot(Number(a.width), Number(a.height));
  const app = new MagmaModel({ ...s, embed }, tok, bundle.manifest, { kvBuckets, ...modelOpts });
  // GPU memory over the app's own steps (the warm-up and the timed runs), read before the decoder probe and the
  // extra models below, which hold buffers of other sizes: the process peak (with_mem) counts those too.
  const stepsMem = gpuMemorySampler();
  await new Promise((r) => setTimeout(r, 300));
  const tw = performance.now();
  const warm = await app.generate({ prompt, images: [syntheticScreenshot(img.width, img.height, 1)], maxNewTokens: 2, stopAtEos: false });
  const warmMs = performance.now() - tw;
  log(`warm-up step (2 tokens): ${warmMs.toFixed(0)} ms; grid ${warm.grids[0]!.rows}x${warm.grids[0]!.cols}, ${warm.timings.promptTokens} prompt tokens`);
  const runs: Array<Record<'preprocessMs' | 'visionMs' | 'prefillMs' | 'decodeMs' | 'stepMs' | 'decodeTokS' | 'promptTokens' | 'newTokens', number>> = [];
  for (let i = 0; i < Number(a.runs); i++) {
    // Tint 1 was the warm-up's, then 2, 3, ...: every pixel differs from every screen before (up to 254 runs).
    const screen = syntheticScreenshot(img.width, img.height, 2 + i);
    const t = performance.now();
    const r = await app.generate({ prompt, images: [screen], maxNewTokens: newTokens, stopAtEos: false });
    const stepMs = performance.now() - t;
    if (r.timings.visionCacheHits !== 0) throw new Error(`run ${i}: ${r.timings.visionCacheHits} crops came from the cache; the timed steps must be new screens`);
    const tm = r.timings;
    const run = { ...tm, stepMs, decodeTokS: ((tm.newTokens - 1) * 1000) / tm.decodeMs };
    runs.push(run);
    log(`run ${i}: step ${stepMs.toFixed(1)} ms = preprocess ${tm.preprocessMs.toFixed(1)} + vision ${tm.visionMs.toFixed(1)} + prefill ${tm.prefillMs.toFixed(1)} + decode ${tm.decodeMs.toFixed(1)} (${run.decodeTokS.toFixed(1)} tok/s over ${tm.newTokens - 1} steps)`);
  }
  await new Promise((r) => setTimeout(r, 300));
  const stepsPeakMiB = stepsMem.peakSince(0);
  stepsMem.stop();
  log(`GPU memory over the steps (warm-up and timed runs, nvidia-smi every 100 ms): peak ${stepsPeakMiB ?? 'not read'} MiB`);
  // Decoder alone: time per decode step after a prefill of a short and of a grounding-sized context.
  const probe: Record<string, number> = {};
  const D = bundle.manifest.text.hiddenSize;
  const tokE = await embed.run({ input_ids: { type: 'int64', dims: [1, 1], data: BigInt64Array.from([100n]) } });
  for (const ctxLen of [64, warm.timings.promptTokens]) {
    const dec = new KvDecoder(s.decoder, bundle.manifest, buckets, promptStep);
    if (s.kvInit) await dec.useStaticCache(s.kvInit, ctxLen + 30);
    const x = new Float32Array(ctxLen * D);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin(i) * 0.02;
    let t = performance.now();
    await dec.prefill(x, ctxLen);
    probe[`prefill${ctxLen}Ms`] = performance.now() - t;
    await dec.step(tokE.inputs_embeds!);
    t = performance.now();
    for (let i = 0; i < 20; i++) await dec.step(tokE.inputs_embeds!);
    probe[`decodeStepAt${ctxLen}Ms`] = (performance.now() - t) / 20;
    dec.release();
  }
  log(`decoder probe: ${JSON.stringify(probe)}`);
  // Where the preprocess stage's time goes on this machine's CPU (medians of 5, new screens): the resize on this
  // thread, the crop keys (hashed on the main thread while the worker resizes), and the whole round trip the step
  // pays (worker job + keys).
  const parts: Record<string, number[]> = { resizeMs: [], keysMs: [], roundTripMs: [] };
  let into: Float32Array | undefined;
  for (let i = 0; i < 5; i++) {
    const screen = syntheticScreenshot(img.width, img.height, 100 + i);
    let t = performance.now();
    into = preprocessImage(screen, bundle.manifest.vision, into).pixels;
    parts.resizeMs!.push(performance.now() - t);
    t = performance.now();
    sourceCropKeys(screen, bundle.manifest.vision);
    parts.keysMs!.push(performance.now() - t);
    t = performance.now();
    const pre = await app.preprocessAll([screen]);
    parts.roundTripMs!.push(performance.now() - t);
    app.recyclePixels(pre);
  }
  const preprocessParts = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, median(v)]));
  log(`preprocess parts: ${JSON.stringify(preprocessParts)}`);
  // Bucketed: the same step through the unpadded cache on the same sessions; the greedy tokens must agree.
  let parityWithDynamic: { tokensAgreeing: number; of: number } | undefined;
  if (buckets && !s.kvInit && a.parity) {
    const st = await model.generate({ prompt, images: [img], maxNewTokens: newTokens, stopAtEos: false });
    const dm = new MagmaModel({ ...s, embed }, tok, bundle.manifest, { visionCacheCrops: 0, kvBuckets: false });
    const dr = await dm.generate({ prompt, images: [img], maxNewTokens: newTokens, stopAtEos: false });
    parityWithDynamic = { tokensAgreeing: agreeingPrefix(st.tokenIds, dr.tokenIds), of: dr.tokenIds.length };
    log(`bucketed vs dynamic cache, same step: ${JSON.stringify(parityWithDynamic)}`);
  }
  // The same step with the dynamic cache (present re-made every step), and whether the tokens agree.
  let dynamic: Record<string, unknown> | undefined;
  if (s.kvInit) {
    const dm = new MagmaModel({ vision: s.vision, embed, decoder: s.decoder, ...(s.merge ? { merge: s.merge } : {}) }, tok, bundle.manifest, { staticKv: false, visionCacheCrops: 0 });
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
  // #16: the same screenshot twice through a model with the vision-feature cache: the second step's crops hit.
  const cm = new MagmaModel({ ...s, embed }, tok, bundle.manifest, { kvBuckets, ...modelOpts });
  const visionCache: Array<{ stepMs: number; visionMs: number; visionCacheHits: number }> = [];
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    const r = await cm.generate({ prompt, images: [img], maxNewTokens: newTokens, stopAtEos: false });
    visionCache.push({ stepMs: performance.now() - t, visionMs: r.timings.visionMs, visionCacheHits: r.timings.visionCacheHits });
  }
  log(`vision-feature cache, cold then repeated screenshot: ${JSON.stringify(visionCache)}`);
  const keys = ['preprocessMs', 'visionMs', 'prefillMs', 'decodeMs', 'stepMs', 'decodeTokS'] as const;
  const med = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))]));
  const res = {
    what: 'onnxruntime-node, Magma Desk TS runtime (electron/agent/model), one grounding step',
    variant: a.variant, webgpuOptions: webgpu ?? {}, graphs, spinning: a.spinning === true,
    bundle: { precision: bundle.manifest.precision, source: bundle.manifest.source, bytes: Object.values(bundle.manifest.files).reduce((x, f) => x + f.bytes, 0) },
    providers: { vision: s.vision.provider, embed: embed.provider, decoder: s.decoder.provider },
    image: [img.width, img.height], grid: warm.grids[0], promptTokens: warm.timings.promptTokens, newTokens, loadMs, warmMs, median: med, stepsPeakMiB, probe, preprocessParts, dynamic, parityWithDynamic, visionCache, visionCacheHits: visionCache[1]!.visionCacheHits, kvCache: warm.kvCache, runs, log: lines,
  };
  if (a.out) writeFileSync(a.out, JSON.stringify(res, null, 1));
  console.log(JSON.stringify({ kvCache: res.kvCache, visionCacheHits: res.visionCacheHits, providers: res.providers, grid: res.grid, promptTokens: res.promptTokens, median: med, stepsPeakMiB, probe, loadMs }));
  return 0;
}

function agreeingPrefix(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * The whole step at each screenshot size in turn (sizes choose the grid, so the prompt's length), two runs each
 * (the first compiles shaders for new shapes; the second is reported), with the peak GPU memory while each size
 * ran. One process, sizes in the order given: memory a buffer cache keeps from earlier sizes counts in later ones.
 */
async function stepsAtSizes(model: MagmaModel, goal: string, sizes: Array<{ w: number; h: number; extra: number; patch: boolean }>, o: { newTokens: number; kv: string; variant: string; bufferCache: string; promptStep: number | null; webgpu: WebGpuProviderOptions; graphs: object; parityModel?: MagmaModel; out?: string }): Promise<number> {
  const mem = gpuMemorySampler();
  await new Promise((r) => setTimeout(r, 300));
  const baselineMiB = mem.peakSince(0);
  const rows: Array<Record<string, unknown>> = [];
  let last: { prompt: string; img: RgbaImage; tokens: number[]; promptTokens: number } | undefined;
  const lastOfSize = new Map<string, RgbaImage>();
  for (const [k, { w, h, extra, patch }] of sizes.entries()) {
    const t0 = performance.now();
    const before = lastOfSize.get(`${w}x${h}`);
    const img = patch && before ? patched(before, k + 1) : syntheticScreenshot(w, h, k + 1);
    lastOfSize.set(`${w}x${h}`, img);
    // The stand-in tokenizer is character-level: k more characters, k more prompt tokens.
    const prompt = groundingPrompt(extra > 0 ? `${goal} ${'x'.repeat(extra - 1)}` : goal);
    const first = await model.generate({ prompt, images: [img], maxNewTokens: o.newTokens, stopAtEos: false });
    const firstRunCacheHits = first.timings.visionCacheHits;
    const t = performance.now();
    const r = await model.generate({ prompt, images: [img], maxNewTokens: o.newTokens, stopAtEos: false });
    const stepMs = performance.now() - t;
    const tm = r.timings;
    last = { prompt, img, tokens: r.tokenIds, promptTokens: tm.promptTokens };
    const row = { size: `${w}x${h}${extra ? `+${extra}` : ''}${patch ? '~' : ''}`, grid: r.grids[0], promptTokens: tm.promptTokens, kvCache: r.kvCache, stepMs, firstStepMs: t - t0, visionMs: tm.visionMs, prefillMs: tm.prefillMs, decodeMs: tm.decodeMs, decodeTokS: ((tm.newTokens - 1) * 1000) / tm.decodeMs, sameTokensBothRuns: first.tokenIds.join() === r.tokenIds.join(), firstRunCacheHits, secondRunCacheHits: tm.visionCacheHits, peakMiB: mem.peakSince(t0) };
    rows.push(row);
    console.log(`size ${w}x${h}: ${JSON.stringify(row)}`);
  }
  const sizesPeakMiB = mem.peakSince(0);
  // After the sizes (their peaks are taken): the last size again through the unpadded, dynamic cache.
  let parityUnpadded: Record<string, unknown> | undefined;
  if (o.parityModel && last) {
    const u = await o.parityModel.generate({ prompt: last.prompt, images: [last.img], maxNewTokens: o.newTokens, stopAtEos: false });
    parityUnpadded = { promptTokens: last.promptTokens, tokensAgreeing: agreeingPrefix(last.tokens, u.tokenIds), of: u.tokenIds.length };
    console.log(`this configuration vs unpadded prompt + dynamic cache, same step: ${JSON.stringify(parityUnpadded)}`);
  }
  mem.stop();
  const res = { what: 'whole step at several screenshot sizes (prompt lengths), one process (#16)', kv: o.kv, variant: o.variant, bufferCache: o.bufferCache, promptStep: o.promptStep, webgpuOptions: o.webgpu, graphs: o.graphs, newTokens: o.newTokens, baselineMiB, sizesPeakMiB, processPeakMiB: mem.peakSince(0), sizes: rows, parityUnpadded };
  if (o.out) writeFileSync(o.out, JSON.stringify(res, null, 1));
  console.log(JSON.stringify({ kv: o.kv, variant: o.variant, sizes: rows.map((r) => [r.size, r.promptTokens, Math.round(r.stepMs as number), r.peakMiB]) }));
  return 0;
}

/** GPU memory (MiB) at each stage of a fresh process: sessions open, one vision run, a whole step, a second one. */
async function memStages(mem: ReturnType<typeof gpuMemorySampler>, s: MagmaSessions, tok: HfTokenizer, spec: MagmaSpec, o: { w: number; h: number; goal: string; newTokens: number; variant: string; graphs: object; modelOpts: ConstructorParameters<typeof MagmaModel>[3]; out?: string }): Promise<number> {
  const settle = () => new Promise((r) => setTimeout(r, 400));
  const res: Record<string, unknown> = { variant: o.variant, graphs: o.graphs };
  await settle();
  res.sessionsMiB = mem.peakSince(0);
  const model = new MagmaModel(s, tok, spec, { ...o.modelOpts, visionCacheCrops: 0 });
  const img = syntheticScreenshot(o.w, o.h);
  if (s.merge) {
    // The device merge's vision outputs stay on the GPU: run them, then free them, as a step does.
    const held: FeatureSource[] = [];
    await model.encodeImageTokens(model.preprocess(img), held);
    for (const h of held) h.drop();
  } else await model.encodeImage(model.preprocess(img));
  await settle();
  res.visionMiB = mem.peakSince(0);
  const step = { prompt: groundingPrompt(o.goal), images: [img], maxNewTokens: o.newTokens, stopAtEos: false };
  const r1 = await model.generate(step);
  await settle();
  res.stepMiB = mem.peakSince(0);
  const r2 = await model.generate(step);
  await settle();
  res.step2MiB = mem.peakSince(0);
  res.promptTokens = r1.timings.promptTokens;
  res.sameTokens = r1.tokenIds.join() === r2.tokenIds.join();
  mem.stop();
  console.log(JSON.stringify(res));
  if (o.out) writeFileSync(o.out, JSON.stringify(res, null, 1));
  return 0;
}

/**
 * GPU memory in use (MiB) sampled every 100 ms by nvidia-smi beside this process; null where there is none.
 * peakSince(t) is the largest sample taken at or after performance.now() == t.
 */
function gpuMemorySampler(): { peakSince(t: number): number | null; stop(): void } {
  const samples: Array<[number, number]> = [];
  let p: ReturnType<typeof spawn> | undefined;
  try {
    p = spawn('nvidia-smi', ['--query-gpu=memory.used', '--format=csv,noheader,nounits', '-lms', '100'], { stdio: ['ignore', 'pipe', 'ignore'] });
    p.on('error', () => undefined);
    let buf = '';
    p.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) if (/^\s*\d+\s*$/.test(l)) samples.push([performance.now(), Number(l)]);
    });
  } catch {
    p = undefined;
  }
  return {
    peakSince: (t) => samples.filter(([at]) => at >= t).reduce<number | null>((m, [, v]) => (m === null || v > m ? v : m), null),
    stop: () => p?.kill(),
  };
}

/**
 * The decoder alone (#16): for each context length, a prefill of random embeddings, one decode step (where the
 * bucketed cache takes its bucket), then `steps` timed decode steps; median of `runs`; the buffer length the cache
 * ended with and the peak GPU memory while that context ran. Contexts run in the order given, in one process, so
 * a cache that keeps buffers of every length it saw shows as memory that grows from one context to the next.
 * With buckets, also a greedy run of 30 tokens from 500 positions (crossing the 512 boundary) through both caches.
 */
async function decodeProbe(decoder: TensorSession, embed: TensorSession, spec: MagmaSpec, o: { contexts: number[]; steps: number; runs: number; buckets: readonly number[] | undefined; promptStep: number | undefined; kv: string; variant: string; webgpu: WebGpuProviderOptions; graphs: object; out?: string }): Promise<number> {
  const mem = gpuMemorySampler();
  const D = spec.text.hiddenSize;
  const tokE = await embed.run({ input_ids: { type: 'int64', dims: [1, 1], data: BigInt64Array.from([100n]) } });
  const randomRows = (n: number) => {
    const x = new Float32Array(n * D);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin(i) * 0.02;
    return x;
  };
  const start = performance.now();
  await new Promise((r) => setTimeout(r, 300));
  const baselineMiB = mem.peakSince(start);
  const contexts: Array<Record<string, unknown>> = [];
  for (const ctx of o.contexts) {
    const t0 = performance.now();
    const prefillMs: number[] = [];
    const firstStepMs: number[] = [];
    const stepMs: number[] = [];
    let buffers = 0;
    for (let r = 0; r < o.runs; r++) {
      const dec = new KvDecoder(decoder, spec, o.buckets, o.promptStep);
      let t = performance.now();
      await dec.prefill(randomRows(ctx), ctx);
      prefillMs.push(performance.now() - t);
      t = performance.now();
      await dec.step(tokE.inputs_embeds!);
      firstStepMs.push(performance.now() - t);
      t = performance.now();
      for (let i = 0; i < o.steps; i++) await dec.step(tokE.inputs_embeds!);
      stepMs.push((performance.now() - t) / o.steps);
      buffers = dec.lengths.buffers;
      dec.release();
    }
    const row = { context: ctx, promptRows: new KvDecoder(decoder, spec, o.buckets, o.promptStep).promptRows(ctx), decodeStepMs: median(stepMs), stepMsRuns: stepMs, firstDecodeStepMs: median(firstStepMs), prefillMs: median(prefillMs), kvBufferPositions: buffers, peakMiB: mem.peakSince(t0) };
    contexts.push(row);
    console.log(`context ${ctx}: ${JSON.stringify(row)}`);
  }
  let parity: Record<string, unknown> | undefined;
  if (o.buckets) {
    const from = Math.min(500, spec.text.maxPositions - 31);
    const greedy = async (buckets: readonly number[] | undefined, promptStep: number | undefined) => {
      const dec = new KvDecoder(decoder, spec, buckets, promptStep);
      const ids: number[] = [];
      const lengths: number[] = [];
      let r = await dec.prefill(randomRows(from), from);
      for (let i = 0; i < 30; i++) {
        ids.push(r.next);
        lengths.push(dec.lengths.buffers);
        const e = await embed.run({ input_ids: { type: 'int64', dims: [1, 1], data: BigInt64Array.from([BigInt(r.next)]) } });
        r = await dec.step(e.inputs_embeds!);
      }
      dec.release();
      return { ids, lengths };
    };
    const [b, d] = [await greedy(o.buckets, o.promptStep), await greedy(undefined, undefined)];
    parity = { from, tokens: 30, agreeing: agreeingPrefix(b.ids, d.ids), bucketedBufferLengths: [...new Set(b.lengths)], bucketed: b.ids, dynamic: d.ids };
    console.log(`parity across the 512 boundary: ${JSON.stringify(parity)}`);
  }
  mem.stop();
  const res = { what: 'decoder alone: decode step per context, bucketed or dynamic KV cache (#16)', kv: o.kv, buckets: o.buckets ?? null, promptStep: o.promptStep ?? null, variant: o.variant, webgpuOptions: o.webgpu, graphs: o.graphs, provider: decoder.provider, steps: o.steps, runs: o.runs, baselineMiB, processPeakMiB: mem.peakSince(0), contexts, parity };
  if (o.out) writeFileSync(o.out, JSON.stringify(res, null, 1));
  console.log(JSON.stringify({ kv: o.kv, contexts: contexts.map((c) => [c.context, c.decodeStepMs, c.peakMiB]), parity: parity ? parity.agreeing : null }));
  return 0;
}

/**
 * onnxruntime's profiler on vision and on the prefill, each alone: GPU time per operator and per program (the
 * WebGPU provider's timestamp queries) and CPU dispatch time per node, for the last of `runs` runs.
 *
 * A plain step on the unprofiled sessions first compiles every shader: the provider keeps compiled programs in its
 * context, which every session of the process shares while one of them stays open (they do, to the end), so the
 * profiled runs time execution, not compilation. The prefill is a step of one new token: one decoder run.
 */
async function profile(rt: OrtRuntime, bundle: ReturnType<typeof readBundle>, s: Awaited<ReturnType<typeof openBundleSessions>>, prefix: string, o: { providers: string[]; w: number; h: number; goal: string; runs: number; graphs: { vision?: string; decoder?: string }; modelOpts: ConstructorParameters<typeof MagmaModel>[3]; webgpu?: WebGpuProviderOptions }): Promise<number> {
  const tok = new HfTokenizer(bundle.tokenizerJson, bundle.tokenizerConfig);
  const img = syntheticScreenshot(o.w, o.h);
  const prompt = groundingPrompt(o.goal);
  const step = { prompt, images: [img], maxNewTokens: 2, stopAtEos: false };
  // The run plan's options (crops per vision run, prefill chunks) in every model here, so the profile is of the plan.
  const merge = s.merge ? { merge: s.merge } : {};
  const warm = await new MagmaModel({ vision: s.vision, embed: s.embed, decoder: s.decoder, ...merge }, tok, bundle.manifest, { staticKv: false, ...o.modelOpts }).generate(step);
  console.log(`warm-up step: ${JSON.stringify(warm.timings)}`);
  const common = { providers: o.providers, ...(o.webgpu ? { webgpu: o.webgpu } : {}) };

  const vision = await rt.load(bundle.path(o.graphs.vision ?? bundle.manifest.graphs.vision), { ...common, profilePrefix: `${prefix}-vision` });
  const mv = new MagmaModel({ vision, embed: s.embed, decoder: s.decoder }, tok, bundle.manifest, { staticKv: false, visionCacheCrops: 0, ...o.modelOpts });
  const pre = mv.preprocess(img);
  const visionMs: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    const t = performance.now();
    await mv.encodeImage(pre);
    visionMs.push(performance.now() - t);
  }
  await vision.release();

  const present: string[] = ['logits'];
  for (let i = 0; i < bundle.manifest.text.layers; i++) present.push(`present.${i}.key`, `present.${i}.value`);
  const decoder = await rt.load(bundle.path(o.graphs.decoder ?? bundle.manifest.graphs.decoder), { ...common, outputsOnDevice: present, profilePrefix: `${prefix}-prefill` });
  const md = new MagmaModel({ vision: s.vision, embed: s.embed, decoder, ...merge }, tok, bundle.manifest, { staticKv: false, ...o.modelOpts });
  const prefillMs: number[] = [];
  let promptTokens = 0;
  for (let i = 0; i < o.runs; i++) {
    const r = await md.generate({ ...step, maxNewTokens: 1 });
    prefillMs.push(r.timings.prefillMs);
    promptTokens = r.timings.promptTokens;
  }
  await decoder.release();

  // A decode step: one step of 12 new tokens in a profiled decoder session; the summary takes its last 5 decoder
  // runs (decode steps at the prompt's KV bucket, the same programs each time).
  const decoderD = await rt.load(bundle.path(o.graphs.decoder ?? bundle.manifest.graphs.decoder), { ...common, outputsOnDevice: present, profilePrefix: `${prefix}-decode` });
  const mdd = new MagmaModel({ vision: s.vision, embed: s.embed, decoder: decoderD, ...merge }, tok, bundle.manifest, { staticKv: false, ...o.modelOpts });
  const rd = await mdd.generate({ ...step, maxNewTokens: 12 });
  const decodeStepMs = rd.timings.decodeMs / (rd.timings.newTokens - 1);
  await decoderD.release();

  const { readdirSync, readFileSync } = await import('node:fs');
  const { dirname, basename, join } = await import('node:path');
  const dir = dirname(prefix);
  const summary: Record<string, unknown> = {
    runs: o.runs,
    graphs: o.graphs,
    webgpu: o.webgpu ?? {},
    promptTokens,
    wallMs: { vision: visionMs.map((x) => Math.round(x * 10) / 10), prefill: prefillMs.map((x) => Math.round(x * 10) / 10), decodeStep: Math.round(decodeStepMs * 100) / 100 },
  };
  for (const part of ['vision', 'prefill', 'decode']) {
    const files = readdirSync(dir).filter((f) => f.startsWith(`${basename(prefix)}-${part}`) && f.endsWith('.json'));
    if (files.length !== 1) throw new Error(`expected one ${part} profile under ${dir}, found ${files.length}`);
    const sum = summarizeOrtProfile(JSON.parse(readFileSync(join(dir, files[0]!), 'utf8')) as OrtTraceEvent[], part === 'decode' ? 5 : o.runs);
    summary[part] = sum;
    const g = sum.gpu;
    console.log(
      g
        ? `${part}: GPU busy ${g.totalMs} ms over a span of ${g.spanMs} ms (${g.split}, runs ${JSON.stringify(g.perRunMs)}); by op ${JSON.stringify(g.byOp.slice(0, 8).map((r) => [r.key, r.ms]))}; by program ${JSON.stringify(g.byProgram.slice(0, 10).map((r) => [r.key, r.ms]))}`
        : `${part}: no GPU timestamps in the profile; CPU ${sum.cpu.totalMs} ms by op ${JSON.stringify(sum.cpu.byOp.slice(0, 8).map((r) => [r.key, r.ms]))}`,
    );
  }
  writeFileSync(`${prefix}-summary.json`, JSON.stringify(summary, null, 1));
  return 0;
}

/**
 * The bundle's vision graph (or --vision-graph) against another (`other`, e.g. an 8-bit rewrite) on the same
 * screenshot: cosine of the image features (all tokens as one vector, and the worst single token), largest
 * absolute difference, and the median time of each.
 */
async function compareVision(rt: OrtRuntime, bundle: ReturnType<typeof readBundle>, base: string, other: string, o: { providers: string[]; w: number; h: number; runs: number; out?: string; webgpu?: WebGpuProviderOptions }): Promise<number> {
  const tok = new HfTokenizer(bundle.tokenizerJson, bundle.tokenizerConfig);
  const res: Record<string, unknown> = { base, other, webgpu: o.webgpu ?? {} };
  const feats: Float32Array[] = [];
  for (const g of [base, other]) {
    const vision = await rt.load(bundle.path(g), { providers: o.providers, ...(o.webgpu ? { webgpu: o.webgpu } : {}) });
    if (vision.provider !== o.providers[0]) throw new Error(`${g} fell back to ${vision.provider}`);
    const m = new MagmaModel({ vision, embed: vision, decoder: vision }, tok, bundle.manifest, { visionCacheCrops: 0 }); // timed repeats
    const pre = m.preprocess(syntheticScreenshot(o.w, o.h));
    let f = await m.encodeImage(pre); // warm-up: shader compilation
    const ms: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      const t = performance.now();
      f = await m.encodeImage(pre);
      ms.push(performance.now() - t);
    }
    feats.push(f);
    res[g] = { medianMs: median(ms), ms };
    await vision.release();
  }
  const D = bundle.manifest.text.hiddenSize;
  const [a, b] = feats as [Float32Array, Float32Array];
  let worst = 1;
  for (let t = 0; t < a.length / D; t++) worst = Math.min(worst, cosine(a.subarray(t * D, (t + 1) * D), b.subarray(t * D, (t + 1) * D)));
  let maxAbs = 0;
  for (let i = 0; i < a.length; i++) maxAbs = Math.max(maxAbs, Math.abs(a[i]! - b[i]!));
  Object.assign(res, { tokens: a.length / D, cosine: cosine(a, b), worstTokenCosine: worst, maxAbsDiff: maxAbs });
  console.log(JSON.stringify(res));
  if (o.out) writeFileSync(o.out, JSON.stringify(res, null, 1));
  return 0;
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa === 0 || bb === 0 ? (aa === bb ? 1 : 0) : ab / Math.sqrt(aa * bb);
}

main().then(
  (c) => process.exit(c),
  (e) => {
    console.error(`bench-magma: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
