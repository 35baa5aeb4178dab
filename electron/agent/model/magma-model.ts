/**
 * The Magma runtime over three TensorSessions (vision, embed, decoder; see models/magma/README.md for their
 * inputs and outputs): preprocessing, chat template, splice of the visual tokens at each `<image>`, greedy
 * decoding with the KV cache handed from one step to the next as the session returned it (so a runtime that
 * keeps outputs on the device keeps the cache there), stop on `<|eot_id|>`, tokens streamed as they come.
 */
import { halfToFloat } from '../../common/half.js';
import type { RgbaImage, TensorLike, TensorSession } from '../ports.js';
import { preprocessImage, visualTokenCount, type Grid, type PreprocessedImage } from './preprocess.js';
import { PreprocessWorker } from './preprocess-in-worker.js';
import { chatPrompt, MAGMA_SYSTEM_PROMPT, StreamDecoder, type TextTokenizer } from './tokenizer.js';
import { checkKvBuckets, defaultKvBuckets, kvBucketFor, paddedMask } from './kv-buckets.js';
import { PROMPT_BUCKET_STEP, promptBucketFor } from './prompt-buckets.js';
import { checkPrefillChunk } from './prefill-chunks.js';
import { cropKey, sourceCropKeys, splitCrops, stitchCrops, VisionFeatureCache, type FeatureLayout } from './vision-cache.js';
import { CropTokenCache, FeatureSource, mergePlan, type CropTokens, type ImageTokens, type MergePlan } from './visual-token-refs.js';

/** What the runtime needs from a bundle manifest (adapters/magma-bundle.ts reads and checks the file). */
export interface MagmaSpec {
  readonly text: {
    readonly vocabSize: number;
    readonly hiddenSize: number;
    readonly layers: number;
    readonly kvHeads: number;
    readonly headDim: number;
    readonly maxPositions: number;
    readonly kvDtype: 'float32' | 'float16';
  };
  readonly vision: {
    readonly cropSize: number;
    readonly maxCrops: number;
    readonly featuresPerSide: number;
    readonly rowSeparator: boolean;
    readonly mean: readonly number[];
    readonly std: readonly number[];
  };
  readonly tokens: { readonly bos: number; readonly eos: number; readonly image: number };
  readonly systemPrompt?: string;
  /** Bundle format (magma-bundle.ts); from 3 the decoder's logits are those of the mask's last real row. */
  readonly version?: number;
}

export interface MagmaSessions {
  readonly vision: TensorSession;
  readonly embed: TensorSession;
  readonly decoder: TensorSession;
  /** kv_init.onnx on the decoder's device: enables the static, in-place KV cache (decoder must support runInto). */
  readonly kvInit?: TensorSession;
  /**
   * The prompt's embeddings merged on the decoder's device (adapters/merge-graph.ts); the vision session then keeps
   * image_features where it computed them. Absent: the features come to the host and are merged there.
   */
  readonly merge?: MergeSessions;
}

/** Merge graphs by number of vision outputs read (adapters/merge-graph.ts: its inputs and output). */
export interface MergeSessions {
  forSources(k: number): Promise<TensorSession>;
  release(): Promise<void>;
}

/** A session that can bind outputs to given tensors (the onnxruntime adapter's sessions can). */
export interface BindingSession extends TensorSession {
  runInto(feeds: Record<string, TensorLike>, fetches: Record<string, TensorLike | null>): Promise<Record<string, TensorLike>>;
}

/** Releases every session of a bundle (a failed release is ignored: the others are still freed). */
export async function releaseSessions(s: MagmaSessions): Promise<void> {
  await Promise.all([s.vision, s.embed, s.decoder, s.kvInit, s.merge].map((x) => x?.release().catch(() => undefined)));
}

function canBind(s: TensorSession): s is BindingSession {
  return typeof (s as Partial<BindingSession>).runInto === 'function';
}

export interface GenerateRequest {
  /** The user text (prompt); images go before it, one wrapper each. */
  readonly prompt: string;
  readonly images?: readonly RgbaImage[];
  readonly system?: string;
  /** Default 128 (UI grounding). */
  readonly maxNewTokens?: number;
  /** Streams text as tokens arrive. */
  readonly onText?: (delta: string) => void;
  readonly signal?: AbortSignal;
  /** Default true: stop at `<|eot_id|>` (tests turn it off to compare a fixed number of steps). */
  readonly stopAtEos?: boolean;
  /** Keep the logits of every step (tests; needs logits read back to the CPU, see openBundleSessions). */
  readonly keepLogits?: boolean;
}

export interface GenerateTimings {
  readonly preprocessMs: number;
  readonly visionMs: number;
  /** Embedding + decoder over the whole prompt: time to the first token after vision. */
  readonly prefillMs: number;
  readonly decodeMs: number;
  readonly promptTokens: number;
  readonly newTokens: number;
  /** Crops whose vision features came from the cache (identical pixels seen in an earlier step). */
  readonly visionCacheHits: number;
  /**
   * The vision outputs stayed on the GPU (the device merge on a GPU provider): visionMs is then the time to queue
   * the vision work there, and the GPU's vision time shows in prefillMs, which waits for it. Report the two
   * together then.
   */
  readonly visionOnDevice: boolean;
}

/** Counters of the vision stage since the model was made (tests and benchmarks read them). */
export interface VisionStats {
  sessionRuns: number;
  cropsComputed: number;
  cropHits: number;
}

export interface GenerateResult {
  readonly text: string;
  readonly tokenIds: number[];
  readonly stoppedAt: 'eos' | 'max_tokens';
  readonly inputIds: number[];
  readonly grids: Grid[];
  readonly timings: GenerateTimings;
  readonly stepLogits?: Float32Array[];
  /**
   * static: one KV buffer per layer on the device, appended in place; bucketed: present re-made each step at a
   * fixed bucket length (kv-buckets.ts); dynamic: present re-made each step one position longer.
   */
  readonly kvCache: 'static' | 'bucketed' | 'dynamic';
}

export class MagmaError extends Error {}

type Clock = () => number;

export class MagmaModel {
  private readonly now: Clock;
  constructor(
    private readonly sessions: MagmaSessions,
    readonly tokenizer: TextTokenizer,
    readonly spec: MagmaSpec,
    opts: { now?: Clock; staticKv?: boolean; visionCacheCrops?: number; kvBuckets?: readonly number[] | false; promptBuckets?: number | false; preprocessOnWorker?: boolean; lastRealLogits?: boolean; visionCropsPerRun?: number; prefillChunk?: number | false } = {},
  ) {
    this.now = opts.now ?? (() => performance.now());
    // Default on: the main thread runs the sessions and the app's IPC; see preprocess-in-worker.ts.
    this.preprocessWorker = opts.preprocessOnWorker === false ? undefined : new PreprocessWorker();
    this.staticKv = opts.staticKv !== false;
    // On by default: tokens and logits are identical to the unpadded cache (magma-kv-buckets.test.ts, CPU).
    this.kvBuckets = opts.kvBuckets === false ? undefined : opts.kvBuckets ? checkKvBuckets(opts.kvBuckets, spec.text.maxPositions) : defaultKvBuckets(spec.text.maxPositions);
    // On with the KV buckets (the two together bound the GPU buffer sizes; prompt-buckets.ts): same tokens as the
    // unpadded prefill (magma-prompt-buckets.test.ts, CPU). promptBuckets: false turns it off.
    this.promptStep = opts.promptBuckets === false || !this.kvBuckets ? undefined : (opts.promptBuckets ?? PROMPT_BUCKET_STEP);
    this.prefillChunk = opts.prefillChunk === false || opts.prefillChunk === undefined || !this.kvBuckets ? undefined : checkPrefillChunk(opts.prefillChunk);
    // Bundle format 3's decoder takes the logits at the mask's last real row, so a padded prompt runs in one call.
    this.lastRealLogits = opts.lastRealLogits ?? (spec.version ?? 1) >= 3;
    this.visionCropsPerRun = opts.visionCropsPerRun ?? spec.vision.maxCrops;
    if (!Number.isInteger(this.visionCropsPerRun) || this.visionCropsPerRun < 1) throw new RangeError(`visionCropsPerRun must be a positive integer, got ${opts.visionCropsPerRun}`);
    // 16 crops = the last 4 screenshots at 4 crops each; about 16 * 256 * hidden * 4 bytes (67 MB at 4096).
    this.visionCache = new VisionFeatureCache(opts.visionCacheCrops ?? 16);
    this.tokenCache = new CropTokenCache(opts.visionCacheCrops ?? 16);
  }
  /** The vision cache of the device merge (sessions.merge): references to vision outputs, not copies. */
  private readonly tokenCache: CropTokenCache;
  private readonly staticKv: boolean;
  /** Present lengths the dynamic cache is padded to (undefined: one position longer each step). */
  private readonly kvBuckets: readonly number[] | undefined;
  /** The prefill is padded to a multiple of this (undefined: unpadded). */
  private readonly promptStep: number | undefined;
  /**
   * Crops per vision session run. Fewer crops per run keep fewer and smaller activation buffers alive on the GPU
   * (WebGPU's `simple` cache keeps every buffer it made), at the cost of more dispatches.
   */
  private readonly visionCropsPerRun: number;
  /** The prompt runs in chunks of this many rows (undefined: in one run; prefill-chunks.ts). */
  private readonly prefillChunk: number | undefined;
  /** The decoder graph's logits come from the last real row, not the last row (bundle format 3). */
  private readonly lastRealLogits: boolean;
  /** Started on the first image; an idle thread does not keep the process alive. */
  private readonly preprocessWorker: PreprocessWorker | undefined;
  /** Per crop; lives and dies with this model's sessions, so another bundle never sees these features. */
  private readonly visionCache: VisionFeatureCache;
  private readonly stats: VisionStats = { sessionRuns: 0, cropsComputed: 0, cropHits: 0 };
  /** The last prompt's embeddings buffer, for the next prompt of the same padded length (see generate). */
  private mergeBuffer: Float32Array | undefined;

  /**
   * Frees the model: the preprocessing thread and the sessions (their weights and the buffers they keep on the
   * card). Nothing may run on it after; the app opens a new one (shells/magma-model.ts, sharedMagmaModel).
   */
  async close(): Promise<void> {
    this.tokenCache.clear();
    await this.preprocessWorker?.close();
    await releaseSessions(this.sessions);
  }

  /** Hands the images' pixel tensors back to the preprocessing thread, to be filled again; they are not read after. */
  recyclePixels(pre: readonly PreprocessedImage[]): void {
    for (const p of pre) this.preprocessWorker?.recycle(p.pixels);
  }

  /** A copy of the vision counters. */
  get visionStats(): VisionStats {
    return { ...this.stats };
  }

  clearVisionCache(): void {
    this.visionCache.clear();
    this.tokenCache.clear();
  }

  /** The image's crops, with their cache keys from its bytes (sourceCropKeys) when the vision cache is on. */
  preprocess(img: RgbaImage): PreprocessedImage {
    const p = preprocessImage(img, this.spec.vision);
    return this.visionCache.capacity > 0 ? { ...p, sourceKeys: sourceCropKeys(img, this.spec.vision) } : p;
  }

  /**
   * preprocess() of each image, on the worker thread unless turned off; the same bytes and keys either way. The
   * keys are hashed here, on this thread, while the worker resizes (run() has posted the job when it returns): off
   * the step's critical path.
   */
  async preprocessAll(images: readonly RgbaImage[], signal?: AbortSignal): Promise<PreprocessedImage[]> {
    const w = this.preprocessWorker;
    if (!w) return images.map((im) => this.preprocess(im));
    const jobs = Promise.all(images.map((im) => w.run(im, this.spec.vision, signal)));
    let keys: string[][] | undefined;
    try {
      keys = this.visionCache.capacity > 0 ? images.map((im) => sourceCropKeys(im, this.spec.vision)) : undefined;
    } catch (e) {
      await jobs.catch(() => undefined); // the thread's jobs settle before the error goes up
      throw e;
    }
    try {
      const pre = await jobs;
      return keys ? pre.map((p, i) => ({ ...p, sourceKeys: keys[i]! })) : pre;
    } catch (e) {
      throwIfAborted(signal);
      throw e;
    }
  }

  /**
   * Visual tokens of one preprocessed image: [T, hidden] float32 (a fresh array the caller may keep). Crops seen
   * before with identical bytes come from the cache; the others run in the vision session at most
   * `visionCropsPerRun` at a time (each run a 1 x m grid), and are stitched in. An image whose crops are all new and
   * fit one run goes through as one batch with its own grid, exactly as without a cache. The crops' keys are the
   * image's `sourceKeys` (preprocess() and preprocessAll() set them), else hashed from the crops' floats here.
   */
  async encodeImage(p: PreprocessedImage): Promise<Float32Array> {
    if (this.sessions.merge) return this.encodeImageThroughRefs(p);
    const sourceKeys = p.sourceKeys;
    const layout: FeatureLayout = { featuresPerSide: this.spec.vision.featuresPerSide, hidden: this.spec.text.hiddenSize, rowSeparator: this.spec.vision.rowSeparator };
    const n = p.dims[0];
    const per = p.pixels.length / n;
    const cache = this.visionCache;
    const useCache = cache.capacity > 0;
    cache.beginImage();
    const alloc = (length: number) => cache.takeArray(length);
    if (sourceKeys && sourceKeys.length !== n) throw new MagmaError(`${sourceKeys.length} crop keys for an image of ${n} crops`);
    const keys = !useCache ? [] : sourceKeys ? [...sourceKeys] : Array.from({ length: n }, (_, i) => cropKey(p.pixels.subarray(i * per, (i + 1) * per)));
    const found: Array<Float32Array | undefined> = useCache ? keys.map((k) => cache.get(k)) : new Array<undefined>(n).fill(undefined);
    const missing = found.flatMap((f, i) => (f ? [] : [i]));
    this.stats.cropHits += n - missing.length;
    const perRun = this.visionCropsPerRun;
    if (missing.length === n && n <= perRun) {
      const all = await this.runVision(p.pixels, p.dims, p.grid);
      if (useCache) {
        const { crops, separator } = splitCrops(all, p.grid, layout, alloc);
        crops.forEach((c, i) => cache.set(keys[i]!, c));
        if (separator) cache.separator = separator;
      }
      return all;
    }
    let separator = cache.separator;
    for (let from = 0; from < missing.length; from += perRun) {
      const part = missing.slice(from, from + perRun);
      // Consecutive crops (every run of a screenshot nothing of which was cached) are a view of the pixel tensor; a
      // fresh 6 MB copy per run cost page faults. Others are gathered into one.
      const consecutive = part.every((ci, j) => ci === part[0]! + j);
      const sub = consecutive ? p.pixels.subarray(part[0]! * per, (part[0]! + part.length) * per) : new Float32Array(part.length * per);
      if (!consecutive) part.forEach((ci, j) => sub.set(p.pixels.subarray(ci * per, (ci + 1) * per), j * per));
      const row = { rows: 1, cols: part.length };
      const got = await this.runVision(sub, [part.length, 3, p.dims[2], p.dims[3]], row);
      const split = splitCrops(got, row, layout, useCache ? alloc : undefined);
      part.forEach((ci, j) => {
        found[ci] = split.crops[j]!;
        if (useCache) cache.set(keys[ci]!, split.crops[j]!);
      });
      if (split.separator) separator = split.separator;
    }
    if (useCache && separator) cache.separator = separator;
    return stitchCrops(found as Float32Array[], p.grid, layout, separator);
  }

  private async runVision(pixels: Float32Array, dims: PreprocessedImage['dims'], grid: Grid): Promise<Float32Array> {
    return toFloat32(await this.runVisionTensor(pixels, dims, grid));
  }

  /** image_features of one vision run, left where the session put it (device or host); its shape checked. */
  private async runVisionTensor(pixels: Float32Array, dims: PreprocessedImage['dims'], grid: Grid): Promise<TensorLike> {
    this.stats.sessionRuns++;
    this.stats.cropsComputed += dims[0];
    const out = await this.sessions.vision.run({
      pixel_values: { type: 'float32', dims, data: pixels },
      grid: { type: 'int64', dims: [2], data: BigInt64Array.from([BigInt(grid.rows), BigInt(grid.cols)]) },
    });
    const f = out.image_features;
    const want = visualTokenCount(grid, this.spec.vision.featuresPerSide, this.spec.vision.rowSeparator);
    if (!f || f.dims[0] !== want || f.dims[1] !== this.spec.text.hiddenSize) {
      throw new MagmaError(`vision graph returned ${f ? `[${f.dims.join(', ')}]` : 'nothing'}, expected [${want}, ${this.spec.text.hiddenSize}]`);
    }
    return f;
  }

  /**
   * encodeImage() of a model with the device merge: encodeImageTokens() (its cache, its runs), then the tokens read
   * back in stitched order. Only where the vision outputs are readable (the CPU provider; a device output throws).
   */
  private async encodeImageThroughRefs(p: PreprocessedImage): Promise<Float32Array> {
    const held: FeatureSource[] = [];
    try {
      const img = await this.encodeImageTokens(p, held);
      const D = this.spec.text.hiddenSize;
      const plan = mergePlan([this.spec.tokens.image], this.spec.tokens.image, [img], { featuresPerSide: this.spec.vision.featuresPerSide, rowSeparator: this.spec.vision.rowSeparator });
      const stacked = plan.sources.map((s) => toFloat32(s.tensor));
      const out = new Float32Array(plan.length * D);
      for (let i = 0; i < plan.length; i++) {
        const src = stacked[plan.input[i]! - 1]!; // input 0 is the one text row (the <image> id), never picked
        const r = plan.row[i]!;
        out.set(src.subarray(r * D, (r + 1) * D), i * D);
      }
      return out;
    } finally {
      for (const s of held) s.drop();
    }
  }

  /**
   * encodeImage() for the device merge: the same cache rule and runs, but each crop is a reference to rows of a
   * vision output (visual-token-refs.ts), which stays where the session made it. Every source the image uses is
   * held once for the caller (pushed to `held`) before any cache update can drop it; the caller drops them when
   * the prompt has run.
   */
  async encodeImageTokens(p: PreprocessedImage, held: FeatureSource[]): Promise<ImageTokens> {
    const n = p.dims[0];
    const per = p.pixels.length / n;
    const cache = this.tokenCache;
    const useCache = cache.capacity > 0;
    if (p.sourceKeys && p.sourceKeys.length !== n) throw new MagmaError(`${p.sourceKeys.length} crop keys for an image of ${n} crops`);
    const keys = !useCache ? [] : p.sourceKeys ? [...p.sourceKeys] : Array.from({ length: n }, (_, i) => cropKey(p.pixels.subarray(i * per, (i + 1) * per)));
    const hold = (s: FeatureSource): FeatureSource => {
      if (!held.includes(s)) {
        s.hold();
        held.push(s);
      }
      return s;
    };
    const found: Array<CropTokens | undefined> = keys.map((k) => cache.get(k));
    found.forEach((c) => c && hold(c.source));
    for (let i = found.length; i < n; i++) found.push(undefined);
    const missing = found.flatMap((f, i) => (f ? [] : [i]));
    this.stats.cropHits += n - missing.length;
    const perRun = this.visionCropsPerRun;
    // All new and within one run: one batch with the image's own grid, as without a cache; else 1 x m rows.
    const runs: Array<{ part: number[]; grid: Grid }> = [];
    if (missing.length === n && n <= perRun) runs.push({ part: missing, grid: p.grid });
    else {
      for (let from = 0; from < missing.length; from += perRun) {
        const part = missing.slice(from, from + perRun);
        runs.push({ part, grid: { rows: 1, cols: part.length } });
      }
    }
    for (const { part, grid } of runs) {
      const consecutive = part.every((ci, j) => ci === part[0]! + j);
      const sub = consecutive ? p.pixels.subarray(part[0]! * per, (part[0]! + part.length) * per) : new Float32Array(part.length * per);
      if (!consecutive) part.forEach((ci, j) => sub.set(p.pixels.subarray(ci * per, (ci + 1) * per), j * per));
      const src = hold(new FeatureSource(await this.runVisionTensor(sub, [part.length, 3, p.dims[2], p.dims[3]], grid), grid));
      part.forEach((ci, j) => {
        found[ci] = { source: src, crop: j };
        if (useCache) cache.set(keys[ci]!, found[ci]!);
      });
    }
    return { grid: p.grid, crops: found as CropTokens[] };
  }

  /** The prompt ids (chat template applied), one `<image>` id per image. */
  promptIds(prompt: string, images: number, system?: string): number[] {
    const ids = this.tokenizer.encode(chatPrompt(prompt, images, system ?? this.spec.systemPrompt ?? MAGMA_SYSTEM_PROMPT));
    const found = ids.filter((t) => t === this.spec.tokens.image).length;
    if (found !== images) throw new MagmaError(`the tokenizer produced ${found} <image> tokens for ${images} images (is tokenizer.json the bundle's?)`);
    return ids;
  }

  async embed(ids: readonly number[]): Promise<Float32Array> {
    return toFloat32(await this.embedTensor(ids));
  }

  /**
   * Text embeddings with each `<image>` replaced by that image's visual tokens: [n, hidden], zero rows up to
   * rowsFor(n). Written into `into` when it has exactly that length (zeroed where no token goes), else a new array.
   */
  async merge(ids: readonly number[], features: readonly Float32Array[], rowsFor: (length: number) => number = (n) => n, into?: Float32Array): Promise<{ data: Float32Array; length: number }> {
    const D = this.spec.text.hiddenSize;
    const tok = await this.embed(ids);
    const length = ids.length - features.length + features.reduce((s, f) => s + f.length / D, 0);
    const need = Math.max(length, rowsFor(length)) * D;
    const data = into && into.length === need ? into : new Float32Array(need);
    if (data === into) data.fill(0, length * D);
    let at = 0;
    let img = 0;
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] === this.spec.tokens.image) {
        const f = features[img++];
        if (!f) throw new MagmaError('more <image> tokens than images');
        data.set(f, at * D);
        at += f.length / D;
      } else {
        data.set(tok.subarray(i * D, (i + 1) * D), at * D);
        at++;
      }
    }
    if (img !== features.length) throw new MagmaError(`${features.length} images but ${img} <image> tokens`);
    return { data, length };
  }

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    const images = req.images ?? [];
    const maxNew = req.maxNewTokens ?? 128;
    const t0 = this.now();
    const pre = await this.preprocessAll(images, req.signal);
    const t1 = this.now();
    const hitsBefore = this.stats.cropHits;
    const merger = this.sessions.merge;
    // Device merge: the vision outputs this step reads, held until its prompt has run (visual-token-refs.ts).
    const held: FeatureSource[] = [];
    let dec: KvDecoder | undefined;
    let prompt: { rows: PromptRows; length: number; done: () => void } | undefined;
    const stepLogits: Float32Array[] = [];
    const stream = new StreamDecoder(this.tokenizer);
    const out: number[] = [];
    let stoppedAt: GenerateResult['stoppedAt'] = 'max_tokens';
    let t2 = t1;
    let t3 = t1;
    let ids: number[] = [];
    let promptLength = 0;
    let visionOnDevice = false;
    try {
      const feats: Float32Array[] = [];
      const tokens: ImageTokens[] = [];
      for (const p of pre) {
        throwIfAborted(req.signal);
        if (merger) tokens.push(await this.encodeImageTokens(p, held));
        else feats.push(await this.encodeImage(p));
      }
      visionOnDevice = held.some((s) => (s.tensor as { onDevice?: boolean }).onDevice === true);
      // The pixel tensors are not read after the vision stage: the next screenshot is prepared into them.
      this.recyclePixels(pre);
      t2 = this.now();
      ids = this.promptIds(req.prompt, images.length, req.system);
      dec = new KvDecoder(this.sessions.decoder, this.spec, this.kvBuckets, this.promptStep, this.lastRealLogits, this.prefillChunk);
      const d = dec;
      prompt = merger ? await this.devicePrompt(merger, ids, tokens, (n) => d.promptRows(n)) : await this.hostPrompt(ids, feats, (n) => d.promptRows(n));
      promptLength = prompt.length;
      if (prompt.length + maxNew > this.spec.text.maxPositions) {
        throw new MagmaError(`prompt of ${prompt.length} tokens + ${maxNew} new exceeds the model's ${this.spec.text.maxPositions} positions`);
      }
      if (this.staticKv && this.sessions.kvInit && canBind(this.sessions.decoder)) await dec.useStaticCache(this.sessions.kvInit, prompt.length + maxNew);
      throwIfAborted(req.signal);
      const keep = req.keepLogits === true;
      let step = await dec.prefill(prompt.rows, prompt.length, keep);
      prompt.done();
      prompt = undefined;
      // The prompt has been read: the vision outputs need not outlive the decode (the cache keeps its own holds).
      for (const s of held.splice(0)) s.drop();
      t3 = this.now();
      for (;;) {
        if (step.logits) stepLogits.push(step.logits);
        const next = step.next;
        if (next === this.spec.tokens.eos && req.stopAtEos !== false) {
          stoppedAt = 'eos';
          break;
        }
        out.push(next);
        const delta = stream.push(next);
        if (delta) req.onText?.(delta);
        if (out.length >= maxNew) break;
        throwIfAborted(req.signal);
        const e = await this.sessions.embed.run({ input_ids: { type: 'int64', dims: [1, 1], data: BigInt64Array.from([BigInt(next)]) } });
        step = await dec.step(e.inputs_embeds!, keep);
      }
    } finally {
      prompt?.done();
      for (const s of held) s.drop();
      dec?.release();
    }
    const t4 = this.now();
    return {
      text: stream.text,
      tokenIds: out,
      stoppedAt,
      inputIds: ids,
      grids: pre.map((p) => p.grid),
      timings: { preprocessMs: t1 - t0, visionMs: t2 - t1, prefillMs: t3 - t2, decodeMs: t4 - t3, promptTokens: promptLength, newTokens: out.length, visionCacheHits: this.stats.cropHits - hitsBefore, visionOnDevice },
      ...(req.keepLogits ? { stepLogits } : {}),
      kvCache: dec!.mode,
    };
  }

  /**
   * The prompt merged on the host (merge()), into the last step's buffer when the padded length is the same (a
   * fresh 25 MB array cost 70-80 ms of page faults on the 2-core VM, a reused one 1 ms). The buffer is taken out of
   * its slot while in use, so two steps running at once never share it; done() puts it back.
   */
  private async hostPrompt(ids: readonly number[], feats: readonly Float32Array[], rowsFor: (n: number) => number): Promise<{ rows: PromptRows; length: number; done: () => void }> {
    const spare = this.mergeBuffer;
    this.mergeBuffer = undefined;
    const merged = await this.merge(ids, feats, rowsFor, spare);
    return { rows: hostPromptRows(merged.data, this.spec.text.hiddenSize), length: merged.length, done: () => { this.mergeBuffer = merged.data; } };
  }

  /**
   * The prompt merged on the decoder's device by the merge graph: only the text rows and row numbers go up. The
   * text rows are padded to a multiple of TEXT_ROWS_STEP (copies of the first id's row, never picked) because
   * WebGPU's `simple` buffer cache keeps a buffer for every size it was asked for: unpadded, each new goal length
   * kept its text upload and the merge's stacked rows (25 MB at a 2x2 screen) for good (7.35 -> 7.60 GB over a
   * session of eight prompt lengths on the H200 with the 8 GB plan).
   */
  private async devicePrompt(merger: MergeSessions, ids: readonly number[], images: readonly ImageTokens[], rowsFor: (n: number) => number): Promise<{ rows: PromptRows; length: number; done: () => void }> {
    const D = this.spec.text.hiddenSize;
    const layout = { featuresPerSide: this.spec.vision.featuresPerSide, rowSeparator: this.spec.vision.rowSeparator };
    const textRows = Math.ceil(ids.length / TEXT_ROWS_STEP) * TEXT_ROWS_STEP;
    const plan = mergePlan(ids, this.spec.tokens.image, images, layout, rowsFor);
    const session = await merger.forSources(plan.sources.length);
    const padded = [...ids, ...new Array<number>(textRows - ids.length).fill(ids[0] ?? this.spec.tokens.bos)];
    const text = toFloat32(await this.embedTensor(padded));
    return { rows: devicePromptRows(session, { type: 'float32', dims: [textRows, D], data: text }, plan), length: plan.length, done: () => undefined };
  }

  private async embedTensor(ids: readonly number[]): Promise<TensorLike> {
    const out = await this.sessions.embed.run({ input_ids: { type: 'int64', dims: [1, ids.length], data: BigInt64Array.from(ids.map((i) => BigInt(i))) } });
    const e = out.inputs_embeds;
    if (!e) throw new MagmaError('embed graph returned no inputs_embeds');
    return e;
  }
}

/** The device merge's text input is padded to a multiple of this many rows (devicePrompt says why). */
const TEXT_ROWS_STEP = 256;

/** Rows of the decoder's inputs_embeds for the prefill, made on request (KvDecoder.prefill). */
export interface PromptRows {
  /**
   * Rows [from, from + count) as inputs_embeds [1, count, hidden] float32. Rows past the prompt's end are padding
   * (any finite values: no real row reads them). The tensor is the decoder run's to dispose of.
   */
  rows(from: number, count: number): Promise<TensorLike>;
}

/** PromptRows over host embeddings `data` [rows, hidden]; rows past its end are zeros (a copy then). */
export function hostPromptRows(data: Float32Array, hidden: number): PromptRows {
  return {
    rows: async (from, count) => {
      const end = (from + count) * hidden;
      const view = from === 0 && end === data.length ? data : end <= data.length ? data.subarray(from * hidden, end) : grow(data.subarray(from * hidden), count * hidden);
      return { type: 'float32', dims: [1, count, hidden], data: view };
    },
  };
}

/** PromptRows made by the merge graph from the text rows and the plan's vision outputs, on the decoder's device. */
function devicePromptRows(session: TensorSession, text: TensorLike, plan: MergePlan): PromptRows {
  return {
    rows: async (from, count) => {
      const k = plan.sources.length;
      // Per input, the row each output row copies from it (0 where it copies from another) and, for the sources,
      // which output rows it gives. Rows past the plan are padding: text row 0.
      const rows = Array.from({ length: k + 1 }, () => new BigInt64Array(count));
      const picks = Array.from({ length: k }, () => new Uint8Array(count));
      for (let j = 0; j < count && from + j < plan.input.length; j++) {
        const inp = plan.input[from + j]!;
        rows[inp]![j] = BigInt(plan.row[from + j]!);
        if (inp > 0) picks[inp - 1]![j] = 1;
      }
      const feeds: Record<string, TensorLike> = { text, text_rows: { type: 'int64', dims: [1, count], data: rows[0]! } };
      plan.sources.forEach((s, i) => {
        if (s.isFreed) throw new MagmaError('internal: a vision output was freed before the prompt read it');
        feeds[`s${i}`] = s.tensor;
        feeds[`s${i}_rows`] = { type: 'int64', dims: [1, count], data: rows[i + 1]! };
        feeds[`s${i}_pick`] = { type: 'bool', dims: [1, count, 1], data: picks[i]! };
      });
      const out = await session.run(feeds);
      const e = out.inputs_embeds;
      if (!e || e.dims[1] !== count) throw new MagmaError(`merge graph returned ${e ? `[${e.dims.join(', ')}]` : 'nothing'}, expected [1, ${count}, hidden]`);
      return e;
    },
  };
}

/**
 * One decoding sequence: feeds the present KV outputs of each step back as the next step's past. With `buckets`
 * the cache keeps a fixed length between bucket boundaries (kv-buckets.ts says how and why); with `promptStep`
 * the prefill is padded to a multiple of it (prompt-buckets.ts).
 */
export class KvDecoder {
  private past: Record<string, TensorLike> = {};
  private total = 0;
  private capacity = 0;
  private staticCache = false;
  /** Length of the past buffers now (bucketed: the bucket; 0 before the first step). */
  private pastLength = 0;
  constructor(
    private readonly session: TensorSession,
    private readonly spec: MagmaSpec,
    private readonly buckets?: readonly number[],
    private readonly promptStep?: number,
    /** The graph's logits are those of row min(n - 1, real length - 1) (bundle format 3), not of its last row. */
    private readonly lastRealLogits = false,
    /** Run the prompt in chunks of this many rows (prefill-chunks.ts); undefined: in one run. Needs buckets. */
    private readonly prefillChunk?: number,
  ) {
    const { layers, kvHeads, headDim, kvDtype } = spec.text;
    for (let i = 0; i < layers; i++) {
      for (const kv of ['key', 'value']) {
        this.past[`past_key_values.${i}.${kv}`] = { type: kvDtype, dims: [1, kvHeads, 0, headDim], data: kvDtype === 'float16' ? new Uint16Array(0) : new Float32Array(0) };
      }
    }
  }

  get isStatic(): boolean {
    return this.staticCache;
  }

  get mode(): GenerateResult['kvCache'] {
    return this.staticCache ? 'static' : this.buckets ? 'bucketed' : 'dynamic';
  }

  /** Positions in the cache so far, and the length of its buffers (tests and benchmarks read them). */
  get lengths(): { positions: number; buffers: number } {
    return { positions: this.total, buffers: this.pastLength };
  }

  /**
   * Switches to a static cache of `capacity` positions made by kv_init on the device: each layer's buffer is
   * bound as both past and present, and GroupQueryAttention writes the new positions in place.
   */
  async useStaticCache(kvInit: TensorSession, capacity: number): Promise<void> {
    if (this.total > 0) throw new MagmaError('the static cache must be set up before the first step');
    if (!canBind(this.session)) throw new MagmaError('the decoder session cannot bind outputs');
    const out = await kvInit.run({ capacity: { type: 'int64', dims: [1], data: BigInt64Array.from([BigInt(capacity)]) } });
    const past: Record<string, TensorLike> = {};
    for (let i = 0; i < this.spec.text.layers; i++) {
      for (const kv of ['key', 'value']) {
        const t = out[`kv.${i}.${kv}`];
        if (!t) throw new MagmaError(`kv_init returned no kv.${i}.${kv}`);
        past[`past_key_values.${i}.${kv}`] = t;
      }
    }
    this.past = past;
    this.capacity = capacity;
    this.staticCache = true;
  }

  /** Rows prefill() runs a prompt of `positions` with (the caller may allocate the embeddings at this length). */
  promptRows(positions: number): number {
    if (this.staticCache || this.total > 0 || positions < 2) return positions;
    if (this.chunksFor(positions)) return Math.max(positions, this.prefillChunk!);
    if (!this.promptStep) return positions;
    return promptBucketFor(positions, this.promptStep, this.spec.text.maxPositions);
  }

  /**
   * Whether a first prompt of `positions` runs in chunks: with a chunk size, the bucketed cache (it sizes the KV
   * between chunks), not static; and a prompt longer than one chunk, or a decoder that takes the logits at the
   * last real row (a prompt within one chunk ends in padding rows; older decoders then use the prompt buckets).
   */
  private chunksFor(positions: number): boolean {
    if (this.prefillChunk === undefined || this.buckets === undefined || this.staticCache || this.total > 0) return false;
    return positions > this.prefillChunk || this.lastRealLogits;
  }

  /**
   * The prompt: `input` gives its rows (PromptRows: made on the device by the merge graph, or host embeddings of
   * `positions` rows, float32, hidden wide, maybe with zero rows after them). Unpadded, one step. Padded (promptRows() > positions) with a format-3 decoder (lastRealLogits): one run
   * at the bucket's length, the mask's ones on the real rows, the logits from the last real row. Padded with an
   * older decoder: the first positions - 1 rows run at the bucket's length with the mask's ones on them only, then
   * the last row runs as a step of one (that graph's logits are its last row's, so that row must be a real one).
   * Either way the cache comes back at the bucket's length.
   */
  async prefill(input: Float32Array | PromptRows, positions: number, wantLogits = false): Promise<{ next: number; logits?: Float32Array }> {
    const src = input instanceof Float32Array ? hostPromptRows(input, this.spec.text.hiddenSize) : input;
    const rows = this.promptRows(positions);
    if (this.chunksFor(positions)) return this.prefillChunks(src, positions, wantLogits);
    if (rows === positions) return this.step(await src.rows(0, positions), wantLogits);
    if (this.lastRealLogits) return this.run(await src.rows(0, rows), positions, rows, wantLogits);
    // Rows positions - 1 .. rows - 1 are padding in this run, whatever they hold: causal attention never lets a
    // real row see them, and the next run writes position positions - 1 over them.
    await this.run(await src.rows(0, rows), positions - 1, rows, false);
    return this.step(await src.rows(positions - 1, 1), wantLogits);
  }

  /**
   * The prompt in runs of exactly `prefillChunk` rows (prefill-chunks.ts says why and how it stays exact): the first
   * run holds the first r = positions mod C positions (C when that is 0) as real rows, whatever follows them as
   * padding, its mask C long; every later run is C real rows with the cache so far as its past, the mask padded to
   * the KV bucket that holds the positions. The last run's last row is the prompt's last position, so its logits
   * are the prompt's with any decoder format.
   */
  private async prefillChunks(src: PromptRows, positions: number, wantLogits: boolean): Promise<{ next: number; logits?: Float32Array }> {
    const C = this.prefillChunk!;
    const first = positions % C || C;
    // A first prompt's mask is as long as its rows (GroupQueryAttention's first-prompt path); present: C positions.
    let r = await this.run(await src.rows(0, C), first, C, wantLogits && first === positions);
    for (let at = first; at < positions; at += C) {
      r = await this.run(await src.rows(at, C), C, kvBucketFor(at + C, this.buckets!), wantLogits && at + C === positions);
    }
    return r;
  }

  /**
   * inputs_embeds [1, n, hidden] -> the greedy next token (the graph's `next_token`, else the argmax of the
   * logits) and, when asked, the logits of the last position (float32 [vocab]; a runtime that keeps logits on
   * the device cannot return them).
   */
  async step(embeds: TensorLike, wantLogits = false): Promise<{ next: number; logits?: Float32Array }> {
    const n = embeds.dims[1] ?? 0;
    const total = this.total + n;
    // Bucketed: a step() prefill runs unpadded (a first prompt needs total == n); a later step asks for the next
    // bucket's length whenever the past buffers cannot hold the new position.
    const grow = this.buckets && !this.staticCache && this.pastLength > 0 && total > this.pastLength;
    return this.run(embeds, n, grow ? kvBucketFor(total, this.buckets!) : total, wantLogits);
  }

  /** One decoder run of `embeds`, whose first `real` rows are positions; the mask is `maskLength` long. */
  private async run(embeds: TensorLike, real: number, maskLength: number, wantLogits: boolean): Promise<{ next: number; logits?: Float32Array }> {
    this.total += real;
    const expectPresent = Math.max(this.pastLength, maskLength);
    const feeds: Record<string, TensorLike> = {
      inputs_embeds: embeds,
      attention_mask: { type: 'int64', dims: [1, maskLength], data: paddedMask(this.total, maskLength) },
      ...this.past,
    };
    if (this.staticCache && this.total > this.capacity) throw new MagmaError(`sequence of ${this.total} positions exceeds the static cache of ${this.capacity}`);
    let out: Record<string, TensorLike>;
    if (this.staticCache) {
      const fetches: Record<string, TensorLike | null> = { logits: null, next_token: null };
      for (const [k, v] of Object.entries(this.past)) fetches[k.replace('past_key_values.', 'present.')] = v;
      out = await (this.session as BindingSession).runInto(feeds, fetches);
    } else {
      out = await this.session.run(feeds);
    }
    // A device tensor made for this run only (the merge graph's rows) goes back to the runtime; host ones need nothing.
    disposeAll({ embeds });
    const logitsT = out.logits;
    if (!logitsT) throw new MagmaError('decoder returned no logits');
    const nextT = out.next_token;
    const logits = wantLogits || !nextT ? toFloat32(logitsT) : undefined;
    const next = nextT ? Number((nextT.data as BigInt64Array)[0]) : argmax(logits!);
    disposeAll({ logits: logitsT });
    if (this.staticCache) return logits ? { next, logits } : { next };
    const old = this.past;
    this.past = {};
    for (let i = 0; i < this.spec.text.layers; i++) {
      for (const kv of ['key', 'value']) {
        const t = out[`present.${i}.${kv}`];
        if (!t) throw new MagmaError(`decoder returned no present.${i}.${kv}`);
        this.past[`past_key_values.${i}.${kv}`] = t;
      }
    }
    disposeAll(old);
    // GroupQueryAttention's present is max(past, total) positions long; anything else breaks the bucket scheme.
    const got = this.past['past_key_values.0.key']?.dims[2] ?? 0;
    if (got !== expectPresent) {
      throw new MagmaError(`the decoder returned a KV cache of ${got} positions where ${expectPresent} were expected (${this.mode} cache)`);
    }
    this.pastLength = got;
    return logits ? { next, logits } : { next };
  }

  release(): void {
    disposeAll(this.past);
    this.past = {};
  }
}

function disposeAll(ts: Record<string, TensorLike>): void {
  for (const t of Object.values(ts)) (t as { dispose?: () => void }).dispose?.();
}

export function argmax(a: Float32Array): number {
  let best = 0;
  let v = -Infinity;
  for (let i = 0; i < a.length; i++) {
    if (a[i]! > v) {
      v = a[i]!;
      best = i;
    }
  }
  return best;
}

function toFloat32(t: TensorLike): Float32Array {
  if (t.type === 'float32') return t.data as Float32Array;
  if (t.type === 'float16') {
    const src = t.data as Uint16Array;
    const out = new Float32Array(src.length);
    for (let i = 0; i < src.length; i++) out[i] = halfToFloat(src[i]!);
    return out;
  }
  throw new MagmaError(`expected a float tensor, got ${t.type}`);
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new MagmaError('generation was cancelled');
}

/** A copy of `a` with zeros up to `length` elements. */
function grow(a: Float32Array, length: number): Float32Array {
  const out = new Float32Array(length);
  out.set(a);
  return out;
}
