/**
 * A Magma bundle directory (written by models/magma/export.py): manifest.json, vision/embed/decoder ONNX
 * graphs (+ external .data files), tokenizer.json. Reads and checks it (every file listed, sizes always,
 * sha256 on request) and opens its three sessions. Errors say what is wrong and what to do.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { TensorSession } from '../agent/ports.js';
import { mergeGraphBytes } from './merge-graph.js';
import type { OrtLoadOptions, WebGpuProviderOptions } from './onnx-runtime.js';

const FileEntry = z.object({ bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const int = z.number().int().positive();

export const MagmaManifestSchema = z.object({
  format: z.literal('magma-desk-bundle'),
  // 1: as models/magma/export.py writes; 2 and 3: `models convert` since #16 (the same inputs and outputs, faster
  // graphs; a format-3 decoder takes the logits at the last real row).
  version: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  source: z.string().optional(),
  precision: z.enum(['fp32', 'fp16', 'int4']),
  dtype: z.enum(['fp32', 'fp16']),
  graphs: z.object({ vision: z.string(), embed: z.string(), decoder: z.string(), kvInit: z.string().optional() }),
  tokenizer: z.string(),
  tokenizerConfig: z.string().nullable().optional(),
  text: z.object({
    vocabSize: int, hiddenSize: int, intermediateSize: int, layers: int, heads: int, kvHeads: int, headDim: int,
    ropeTheta: z.number().positive(), maxPositions: int, kvDtype: z.enum(['float32', 'float16']),
  }),
  vision: z.object({
    cropSize: int, maxCrops: int, featuresPerSide: int, rowSeparator: z.boolean(),
    mean: z.array(z.number()).length(3), std: z.array(z.number().positive()).length(3),
  }).passthrough(),
  tokens: z.object({ bos: z.number().int(), eos: z.number().int(), pad: z.number().int(), image: z.number().int(), imageStart: z.number().int(), imageEnd: z.number().int() }).passthrough(),
  systemPrompt: z.string().optional(),
  files: z.record(z.string(), FileEntry),
}).passthrough();
export type MagmaManifest = z.infer<typeof MagmaManifestSchema>;

export class BundleError extends Error {}

/** The newest bundle format (electron/adapters/convert/convert.ts writes it). */
export const CURRENT_BUNDLE_VERSION = 3;

/**
 * For a bundle of an older format: a sentence saying that it still works, what it misses and the command that
 * makes a new one; undefined for a current bundle. An old bundle is not refused: its graphs compute the same
 * tokens, only slower and in more graphics memory (format 2: a two-stage ArgMax, ~3 ms less per token on an H200;
 * format 3: for int4 an 8-bit vision tower 2.7x faster in less memory, and the prompt's logits in one run), and a
 * person may no longer have the checkpoint at hand.
 */
export function outdatedBundleNotice(m: MagmaManifest, dir: string): string | undefined {
  if (m.version >= CURRENT_BUNDLE_VERSION) return undefined;
  return `The Magma model in ${dir} was converted by an older Magma Desk (bundle format ${m.version}; this version writes format ${CURRENT_BUNDLE_VERSION}). It still works, but each step takes longer and more graphics memory than it needs to. To get the faster model, convert the checkpoint again into a new folder: magma-desk models convert --from <checkpoint folder> --to <new folder>, then choose the new folder as the model.`;
}

export interface MagmaBundle {
  readonly dir: string;
  readonly manifest: MagmaManifest;
  readonly tokenizerJson: object;
  readonly tokenizerConfig: object;
  path(file: string): string;
}

/** A file name from the manifest, resolved inside the bundle (no absolute paths, no `..`). */
function inside(dir: string, file: string): string {
  const p = resolve(dir, file);
  if (!p.startsWith(resolve(dir) + sep)) throw new BundleError(`manifest names a file outside the bundle: ${file}`);
  return p;
}

/** Reads manifest.json and checks that every listed file is there with its size. Does not hash (see verifyBundle). */
export function readBundle(dir: string): MagmaBundle {
  const m = checkBundleFiles(dir);
  const tokenizerJson = readJson(inside(dir, m.tokenizer));
  const tokenizerConfig = m.tokenizerConfig ? readJson(inside(dir, m.tokenizerConfig)) : {};
  return { dir, manifest: m, tokenizerJson, tokenizerConfig, path: (f) => inside(dir, f) };
}

/**
 * The cheap part of readBundle: the manifest parses and every file it lists is there with its size (no file is
 * read or hashed). The app's preflight uses it before a run, so a missing bundle is said before step 1.
 */
export function checkBundleFiles(dir: string): MagmaManifest {
  const mpath = join(dir, 'manifest.json');
  if (!existsSync(dir)) throw new BundleError(`no Magma bundle at ${dir}: get Magma-8B (Get Magma-8B in Settings, or "magma-desk models pull"), or convert a checkpoint you have with "magma-desk models convert"`);
  if (!existsSync(mpath)) throw new BundleError(`${dir} has no manifest.json: it is not a Magma bundle (convert a checkpoint into one with "magma-desk models convert")`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(mpath, 'utf8'));
  } catch (e) {
    throw new BundleError(`${mpath} is not valid JSON (${(e as Error).message}); re-export the bundle`);
  }
  const r = MagmaManifestSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new BundleError(`${mpath} is not a Magma bundle manifest (${i?.path.join('.')}: ${i?.message}); re-export the bundle`);
  }
  const m = r.data;
  for (const f of [m.graphs.vision, m.graphs.embed, m.graphs.decoder, m.tokenizer]) {
    if (!m.files[f]) throw new BundleError(`manifest lists ${f} as a graph but not among its files`);
  }
  for (const [f, e] of Object.entries(m.files)) {
    const p = inside(dir, f);
    if (!existsSync(p)) throw new BundleError(`bundle file missing: ${p} (the bundle is incomplete; copy or export it again)`);
    const size = statSync(p).size;
    if (size !== e.bytes) throw new BundleError(`bundle file ${f} has ${size} bytes, the manifest says ${e.bytes} (truncated or replaced; run "magma-desk models verify ${dir}")`);
  }
  return m;
}

function readJson(p: string): object {
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as object;
  } catch (e) {
    throw new BundleError(`${p} is not valid JSON (${(e as Error).message})`);
  }
}

export async function sha256File(p: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(p, { highWaterMark: 1 << 24 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly files: Array<{ file: string; bytes: number; ok: boolean; problem?: string }>;
}

/** Hashes every file of the manifest. */
export async function verifyBundle(b: MagmaBundle, onFile?: (file: string) => void): Promise<VerifyReport> {
  const files: VerifyReport['files'] = [];
  for (const [f, e] of Object.entries(b.manifest.files)) {
    onFile?.(f);
    const got = await sha256File(b.path(f));
    files.push(got === e.sha256 ? { file: f, bytes: e.bytes, ok: true } : { file: f, bytes: e.bytes, ok: false, problem: `sha256 ${got.slice(0, 12)}... != manifest ${e.sha256.slice(0, 12)}...` });
  }
  return { ok: files.every((f) => f.ok), files };
}

/** The one loader these sessions need (OrtRuntime in the app). */
export interface BundleRuntime {
  /** A graph file, or a graph's bytes (the merge graph, built in memory). */
  load(model: string | Uint8Array, options?: OrtLoadOptions): Promise<TensorSession>;
}

/** Merge graphs by number of vision outputs read (MagmaModel's MergeSessions, which this shape satisfies). */
export interface MergeSessions {
  forSources(k: number): Promise<TensorSession>;
  release(): Promise<void>;
}

export interface MagmaBundleSessions {
  readonly vision: TensorSession;
  readonly embed: TensorSession;
  readonly decoder: TensorSession;
  /** Makes the static KV cache on the decoder's device (only when the decoder keeps outputs there). */
  readonly kvInit?: TensorSession;
  /** The prompt's embeddings merged on the decoder's device (merge-graph.ts); absent with mergeOnDevice false. */
  readonly merge?: MergeSessions;
}

export interface OpenBundleOptions {
  providers?: readonly string[];
  intraOpThreads?: number;
  /** Token embedding lookup on the CPU (default true): it is a table read, and keeps about 1 GB off the GPU. */
  embedOnCpu?: boolean;
  /** Keep the logits on the device too (default true): greedy decoding reads only `next_token`. */
  logitsOnDevice?: boolean;
  /**
   * Static KV cache updated in place (needs kv_init.onnx). Off by default: onnxruntime-node 1.30 honours the
   * output binding on the CPU (tested) but not on WebGPU (measured on an H100: outputs allocated anew, so the
   * runtime now refuses with an error rather than decode from an unwritten cache).
   */
  staticKv?: boolean;
  /** WebGPU provider options for the vision and decoder sessions (benchmarks compare them). */
  webgpu?: WebGpuProviderOptions;
  /**
   * WebGPU's `simple` buffer cache (default true; see SIMPLE_BUFFER_CACHE). False, or a storageBufferCacheMode in
   * `webgpu`, leaves onnxruntime's own default. Turn it off for a MagmaModel made with kvBuckets or promptBuckets
   * false: without them the buffer sizes are not bounded.
   */
  simpleBufferCache?: boolean;
  /**
   * Merge the prompt's embeddings on the decoder's device (default true; merge-graph.ts): the vision session keeps
   * image_features there, so neither the features nor the 25 MB of prompt embeddings cross to the host. False:
   * the features come to the host and MagmaModel merges them there (what MagmaModel.encodeImage needs to read).
   */
  mergeOnDevice?: boolean;
  /** Receives a line when something the person may notice (speed) fell back. */
  log?: (line: string) => void;
  /** Graph files to load instead of the manifest's (variants written by models/magma/optimize_graphs.py). */
  graphs?: { vision?: string; decoder?: string };
  /**
   * CPU thread pools spin-wait between runs (default false). The sessions run on the GPU or once per token, so
   * spinning threads only take cores from preprocessing, the main thread and the GPU submission thread.
   */
  spinning?: boolean;
}

/**
 * The WebGPU buffer cache the bundle's sessions use by default (#16). onnxruntime's default (`bucket`) keeps only
 * a few free buffers per power-of-two size, so the decoder's 64 KV buffers are re-created every step once they
 * pass 2 MiB (about 1100 positions): 30 ms a step at 1.3k instead of 12. `simple` keeps every freed buffer by its
 * exact size and never frees it, so it is only bounded when the set of sizes is: MagmaModel's defaults give that
 * (the KV cache in fixed buckets, kv-buckets.ts; the prefill padded to multiples of 256, prompt-buckets.ts; vision
 * at 1 to maxCrops crops). What it holds is then one set of buffers per prompt bucket and crop count used.
 */
export const SIMPLE_BUFFER_CACHE: WebGpuProviderOptions = { storageBufferCacheMode: 'simple' };

/** Opens the three graphs; the decoder keeps its KV outputs (and logits) on the device where the provider can. */
export async function openBundleSessions(rt: BundleRuntime, b: MagmaBundle, opts: OpenBundleOptions = {}): Promise<MagmaBundleSessions> {
  const webgpu = opts.webgpu?.storageBufferCacheMode || opts.simpleBufferCache === false ? opts.webgpu : { ...SIMPLE_BUFFER_CACHE, ...opts.webgpu };
  const base = { ...(opts.providers ? { providers: opts.providers } : {}), ...(opts.intraOpThreads ? { intraOpThreads: opts.intraOpThreads } : {}), ...(webgpu ? { webgpu } : {}), spinning: opts.spinning === true };
  const onDevice: string[] = opts.logitsOnDevice === false ? [] : ['logits'];
  for (let i = 0; i < b.manifest.text.layers; i++) onDevice.push(`present.${i}.key`, `present.${i}.value`);
  const mergeOnDevice = opts.mergeOnDevice !== false;
  const vision = await rt.load(b.path(opts.graphs?.vision ?? b.manifest.graphs.vision), mergeOnDevice ? { ...base, outputsOnDevice: ['image_features'] } : base);
  // The CPU embedding is one table row per token: one thread, no spin-waiting between tokens.
  const embed = await rt.load(b.path(b.manifest.graphs.embed), opts.embedOnCpu === false ? base : { ...base, providers: ['cpu'], intraOpThreads: 1 });
  const decoder = await rt.load(b.path(opts.graphs?.decoder ?? b.manifest.graphs.decoder), { ...base, outputsOnDevice: onDevice });
  let kvInit: TensorSession | undefined;
  if (b.manifest.graphs.kvInit && opts.staticKv === true) {
    const names: string[] = [];
    for (let i = 0; i < b.manifest.text.layers; i++) names.push(`kv.${i}.key`, `kv.${i}.value`);
    kvInit = await rt.load(b.path(b.manifest.graphs.kvInit), { providers: [decoder.provider], outputsOnDevice: names });
    if (kvInit.provider !== decoder.provider) {
      await kvInit.release();
      kvInit = undefined;
    }
  }
  let merge = mergeOnDevice ? mergeSessions(rt, b.manifest.text.hiddenSize, { ...base, providers: [decoder.provider], outputsOnDevice: ['inputs_embeds'] }) : undefined;
  let visionSession = vision;
  if (merge) {
    const problem = await mergeProblem(merge, b.manifest.text.hiddenSize);
    if (problem) {
      // The vision outputs could not be read back from the device, so the vision session is opened again with
      // its outputs in main memory and the prompt is merged on the host (the path before #16's device merge).
      opts.log?.(`The image features cannot stay on the graphics card here (the merge graph failed: ${problem}); they go through main memory instead, about 50 ms slower a step.`);
      await merge.release();
      merge = undefined;
      await vision.release();
      visionSession = await rt.load(b.path(opts.graphs?.vision ?? b.manifest.graphs.vision), base);
    }
  }
  return { vision: visionSession, embed, decoder, ...(kvInit ? { kvInit } : {}), ...(merge ? { merge } : {}) };
}

/**
 * Why the merge graph cannot run on its provider (its first line), or undefined when a tiny merge runs and returns
 * its shape. Checked once when a bundle opens, before any vision output is left on the device.
 */
async function mergeProblem(merge: MergeSessions, hidden: number): Promise<string | undefined> {
  try {
    const s = await merge.forSources(1);
    const out = await s.run({
      text: { type: 'float32', dims: [2, hidden], data: new Float32Array(2 * hidden) },
      text_rows: { type: 'int64', dims: [1, 2], data: BigInt64Array.from([0n, 1n]) },
      s0: { type: 'float32', dims: [1, hidden], data: new Float32Array(hidden).fill(1) },
      s0_rows: { type: 'int64', dims: [1, 2], data: BigInt64Array.from([0n, 0n]) },
      s0_pick: { type: 'bool', dims: [1, 2, 1], data: Uint8Array.from([1, 0]) },
    });
    const e = out.inputs_embeds;
    const dims = e ? [...e.dims] : [];
    (e as { dispose?: () => void } | undefined)?.dispose?.();
    return dims.join() === `1,2,${hidden}` ? undefined : `it returned [${dims.join(', ')}] for [1, 2, ${hidden}]`;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  }
}

/** Merge graphs made on first use, one per number of vision outputs a prompt reads (1 for a new screenshot). */
function mergeSessions(rt: BundleRuntime, hidden: number, options: OrtLoadOptions): MergeSessions {
  const made = new Map<number, Promise<TensorSession>>();
  return {
    forSources(k) {
      let s = made.get(k);
      if (!s) {
        s = rt.load(mergeGraphBytes(k, hidden), { ...options, label: `merge graph (${k} vision outputs)` });
        made.set(k, s);
        // A failed load is forgotten, so the next prompt tries again.
        s.catch(() => made.delete(k));
      }
      return s;
    },
    async release() {
      const all = [...made.values()];
      made.clear();
      await Promise.all(all.map((p) => p.then((s) => s.release(), () => undefined)));
    },
  };
}
