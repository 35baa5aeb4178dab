/**
 * Hugging Face Magma checkpoint (safetensors: bf16, fp16 or fp32, one file or shards with an index) -> a Magma
 * Desk bundle (manifest.json, vision/embed/decoder/kv_init graphs, tokenizer files), in TypeScript: the same
 * bundle models/magma/export.py writes, without Python. Tensors are read one at a time and written at once, so
 * memory stays far below the checkpoint's size (the full Magma-8B converts in under 4 GB; docs/BENCHMARKS.md).
 *
 * Invariant: a folder at `to` with a manifest.json is a finished bundle. Everything is written into `<to>.partial`
 * and renamed to `to` only after the manifest; a failure or cancel removes the partial folder.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ArchitectureError, checkKeys, readArchitecture, SPECIAL_TOKENS, trunkStride, type MagmaArch } from './architecture.js';
import { toFloat32 } from './dtype.js';
import { GraphBuilder } from './graph-builder.js';
import { OverflowError, writeDecoder, writeEmbed, writeKvInit, writeVision, type WeightSource } from './graphs.js';
import { INT4_BLOCK } from './int4.js';
import { describeLicence, licenceFromModelCard } from '../hub/model-card.js';
import { Checkpoint, CheckpointFormatError } from './safetensors.js';

export type ConvertPrecision = 'int4' | 'fp16' | 'fp32';
export interface ConvertProgress { stage: 'read' | 'vision' | 'embed' | 'decoder' | 'tokenizer' | 'manifest'; done: number; total: number }
export interface ConvertOptions {
  from: string; to: string; precision: ConvertPrecision; signal?: AbortSignal; onProgress?: (p: ConvertProgress) => void; log?: (line: string) => void;
  /**
   * For int4: the type of everything that is not 4-bit (default fp16, what users run). The test fixtures use fp32
   * so that the int4 bundle can be compared with the fp32 PyTorch reference.
   */
  int4Dtype?: 'fp16' | 'fp32';
  /**
   * Bundle format (default BUNDLE_VERSION, 3: graphs.ts says what each adds). 1 writes exactly what
   * models/magma/export.py writes; the tests use it to compare the two writers graph by graph. 2: the decoder's
   * greedy ArgMax in two stages; with visionInt8, for int4, the vision tower's MLPs and projector as 8-bit
   * MatMulNBits. 3: format 2's decoder taking the logits at the last real row; the vision tower's GELUs as BiasGelu;
   * for int4 the 8-bit tower with declared 2-D shapes.
   */
  format?: 1 | 2 | 3;
  /**
   * int4 only: the vision tower's MLPs and projector as 8-bit MatMulNBits. Format 3: the default, false keeps them
   * fp16 dense; format 2: opt-in.
   */
  visionInt8?: boolean;
}
export interface ConvertResult { dir: string; precision: ConvertPrecision; bytes: number; notes: string[] }
/** A message a person can act on (what is wrong with the checkpoint, the folder or the disk, and what to do). */
export class ConvertError extends Error {}

export const BUNDLE_FORMAT = 'magma-desk-bundle';
/** The bundle format this converter writes; magma-bundle.ts tells the owner of an older one to convert again. */
export const BUNDLE_VERSION = 3;
export const SYSTEM_PROMPT = 'You are agent that can see, talk and act.';
const CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073];
const CLIP_STD = [0.26862954, 0.26130258, 0.27577711];

/**
 * A Hugging Face cache folder (`models--org--name`, or its `snapshots` folder) leads to its one snapshot; any other
 * folder is taken as the checkpoint itself.
 */
export function resolveCheckpointDir(from: string): string {
  const dir = resolve(from);
  if (!existsSync(dir)) throw new ConvertError(`no checkpoint folder at ${dir}; download microsoft/Magma-8B first`);
  if (existsSync(join(dir, 'config.json'))) return dir;
  const snaps = existsSync(join(dir, 'snapshots')) ? join(dir, 'snapshots') : basename(dir) === 'snapshots' ? dir : null;
  if (snaps) {
    const list = readdirSync(snaps).filter((d) => existsSync(join(snaps, d, 'config.json')));
    if (list.length === 1) return join(snaps, list[0]!);
    if (list.length > 1) throw new ConvertError(`${snaps} holds ${list.length} snapshots (${list.join(', ')}); choose one of them, e.g. ${join(snaps, list[0]!)}`);
  }
  throw new ConvertError(`${dir} has no config.json: give the checkpoint folder (config.json, tokenizer files, .safetensors shards) or a Hugging Face cache snapshot folder`);
}

function sha256(path: string): Promise<string> {
  return new Promise((res, rej) => {
    const h = createHash('sha256');
    createReadStream(path, { highWaterMark: 1 << 22 }).on('data', (d) => h.update(d)).on('end', () => res(h.digest('hex'))).on('error', rej);
  });
}

function describe(a: MagmaArch): string[] {
  const tok = Object.entries(a.special).map(([k, v]) => `${SPECIAL_TOKENS[k as keyof typeof SPECIAL_TOKENS]}=${v}`).join(' ');
  return [
    `text: vocabulary ${a.vocabSize}, hidden ${a.hiddenSize}, intermediate ${a.intermediateSize}, ${a.layers} layers, ${a.heads} heads (${a.kvHeads} for keys/values, ${a.headDim} wide), rope theta ${a.ropeTheta}${a.ropeScaling ? ` scaled ${JSON.stringify(a.ropeScaling)}` : ''}, RMSNorm eps ${a.rmsEps}, ${a.maxPositions} positions`,
    `vision: ${a.backbone}, ConvNeXt depths ${a.depths.join('/')}, widths ${a.dims.join('/')}, crops ${a.cropSize} px, at most ${a.maxCrops}, row separator ${a.rowSeparator ? 'on' : 'off'}`,
    `special tokens: ${tok}`,
  ];
}

export async function convertCheckpoint(o: ConvertOptions): Promise<ConvertResult> {
  const log = o.log ?? (() => {});
  const progress = o.onProgress ?? (() => {});
  const to = resolve(o.to);
  if (existsSync(to) && (!statSync(to).isDirectory() || readdirSync(to).length)) {
    throw new ConvertError(`${to} already exists and is not empty; choose a new folder for the bundle, or remove that one first`);
  }
  if (!['int4', 'fp16', 'fp32'].includes(o.precision)) throw new ConvertError(`precision ${o.precision} is not one of int4, fp16, fp32`);
  const from = resolveCheckpointDir(o.from);
  const partial = `${to}.partial`;
  let ck: Checkpoint | undefined;
  const graphs: GraphBuilder[] = [];
  try {
    progress({ stage: 'read', done: 0, total: 1 });
    ck = new Checkpoint(from);
    const { arch, notes } = readArchitecture(from, ck);
    for (const l of describe(arch)) log(l);
    for (const n of notes) log(`note: ${n}`);
    const unused = checkKeys(arch, ck);
    // The licence as the model's owners state it in the model card (README.md's header), kept in the manifest so
    // that adding the bundle to the model store needs no licence typed in.
    const card = join(from, 'README.md');
    const licence = existsSync(card) ? licenceFromModelCard(readFileSync(card, 'utf8')) : undefined;
    log(`licence (from the model card): ${describeLicence(licence)}`);
    const dtypes = [...new Set([...ck.tensors.values()].map((t) => t.dtype))];
    log(`checkpoint: ${ck.tensors.size} tensors in ${ck.shards.length} file(s), ${dtypes.join('/')}; every expected tensor present with its shape${unused.length ? `; ${unused.length} unused by the model ignored (${[...new Set(unused.map((u) => u.split('.').slice(0, 4).join('.')))].join(', ')})` : ''}`);
    progress({ stage: 'read', done: 1, total: 1 });

    const dtype = o.precision === 'fp32' ? 'fp32' : o.precision === 'fp16' ? 'fp16' : (o.int4Dtype ?? 'fp16');
    const int4 = o.precision === 'int4';
    if (int4 && (arch.hiddenSize % INT4_BLOCK || arch.intermediateSize % INT4_BLOCK || (arch.heads * arch.headDim) % INT4_BLOCK)) {
      throw new ConvertError(`int4 needs the decoder's widths to be multiples of ${INT4_BLOCK}; this checkpoint's are not (hidden ${arch.hiddenSize}, intermediate ${arch.intermediateSize}); convert it at fp16 precision instead`);
    }
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    const c = ck;
    const signal = o.signal;
    const check = () => {
      if (signal?.aborted) throw new ConvertError('conversion stopped; nothing was kept (run it again to start over)');
    };
    const src: WeightSource = {
      shape: (n) => c.info(n).shape,
      f32: (n) => toFloat32(c.readRaw(n), c.info(n).dtype),
      rows: (n, r0, k) => {
        const cols = c.info(n).shape[1]!;
        return toFloat32(c.readRaw(n, r0 * cols, k * cols), c.info(n).dtype);
      },
      checkpoint: check,
      yield: () => new Promise<void>((r) => setImmediate(r)).then(check),
    };
    // The tiny test models keep everything inside the graph files; real ones put weights in <graph>.onnx.data.
    const external = arch.hiddenSize >= 512;
    const t0 = Date.now();
    const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
    const vision = new GraphBuilder('magma_vision', dtype, partial, external ? 'vision.onnx.data' : null);
    graphs.push(vision);
    const format = o.format ?? BUNDLE_VERSION;
    // 8-bit vision only for the quantized bundle: its features reach cosine 0.9998 of the fp16 tower. Format 3
    // makes it the default: with the 2-D shapes declared and the bias and GELU fused it takes 101 instead of 277 ms
    // and less GPU memory than the fp16 tower on the H200; in format 2 (no declared shapes) it cost +2.4 GB, so there
    // it stays opt-in (docs/BENCHMARKS.md, #16).
    const visionInt8 = int4 && (format >= 3 ? o.visionInt8 !== false : format >= 2 && o.visionInt8 === true);
    await writeVision(arch, src, vision, (done, total) => progress({ stage: 'vision', done, total }), { int8: visionInt8, format3: format >= 3 });
    vision.save('vision.onnx');
    log(`vision.onnx written (${secs()})`);
    const embed = new GraphBuilder('magma_embed', dtype, partial, external ? 'embed.onnx.data' : null);
    graphs.push(embed);
    await writeEmbed(arch, src, embed, (done, total) => progress({ stage: 'embed', done, total }));
    embed.save('embed.onnx');
    log(`embed.onnx written (${secs()})`);
    const decoder = new GraphBuilder('magma_decoder', dtype, partial, external ? 'decoder.onnx.data' : null);
    graphs.push(decoder);
    await writeDecoder(arch, src, decoder, int4, (done, total) => {
      progress({ stage: 'decoder', done, total });
      if (done % 8 === 0 || done === total) log(`  decoder layer ${done}/${total} (${secs()})`);
    }, { argmax2Stage: format >= 2, logitsLastReal: format >= 3 });
    decoder.save('decoder.onnx');
    log(`decoder.onnx written (${secs()})`);
    const kv = new GraphBuilder('magma_kv_init', dtype, partial, null);
    writeKvInit(arch, kv);
    kv.save('kv_init.onnx');

    progress({ stage: 'tokenizer', done: 0, total: 1 });
    const hasTc = existsSync(join(from, 'tokenizer_config.json'));
    copyFileSync(join(from, 'tokenizer.json'), join(partial, 'tokenizer.json'));
    if (hasTc) copyFileSync(join(from, 'tokenizer_config.json'), join(partial, 'tokenizer_config.json'));
    progress({ stage: 'tokenizer', done: 1, total: 1 });

    const names = readdirSync(partial).sort();
    const files: Record<string, { bytes: number; sha256: string }> = {};
    for (const [i, f] of names.entries()) {
      check();
      progress({ stage: 'manifest', done: i, total: names.length });
      files[f] = { bytes: statSync(join(partial, f)).size, sha256: await sha256(join(partial, f)) };
    }
    check();
    const manifest = { ...buildManifest(arch, o.precision, dtype, int4, hasTc, from, files, format, visionInt8), ...(licence ? { licence: describeLicence(licence) } : {}) };
    writeFileSync(join(partial, 'manifest.json'), JSON.stringify(manifest, null, 2));
    progress({ stage: 'manifest', done: names.length, total: names.length });
    if (existsSync(to)) rmdirSync(to);
    mkdirSync(dirname(to), { recursive: true });
    renameSync(partial, to);
    const bytes = Object.values(files).reduce((s, f) => s + f.bytes, 0);
    log(`bundle written to ${to}: ${(bytes / 1e9).toFixed(3)} GB in ${names.length + 1} files (${secs()})`);
    return { dir: to, precision: o.precision, bytes, notes };
  } catch (e) {
    for (const g of graphs) g.abandon();
    rmSync(partial, { recursive: true, force: true });
    if (e instanceof ConvertError) throw e;
    if (e instanceof ArchitectureError || e instanceof CheckpointFormatError) throw new ConvertError(e.message);
    if (e instanceof OverflowError) {
      throw new ConvertError(`${e.message}: it cannot be stored at ${o.precision === 'int4' ? 'int4 (whose other weights are fp16)' : 'fp16'}. Convert it at fp32 precision instead, or check that the checkpoint is not damaged (download it again).`);
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOSPC') throw new ConvertError(`the disk holding ${to} is full; free some space (the int4 bundle of Magma-8B needs about 6 GB, fp16 about 18 GB) and run the conversion again`);
    if (err.code === 'EACCES' || err.code === 'EROFS') throw new ConvertError(`cannot write to ${dirname(to)} (${err.code}); choose a folder you can write to`);
    throw e;
  } finally {
    ck?.close();
  }
}

/** The manifest's `rewrites`: optimize_graphs.py's names for what the format's graphs contain. */
function rewritesOf(version: 2 | 3, visionInt8: boolean): string[] {
  if (version === 2) return ['argmax-2stage', ...(visionInt8 ? ['vision-int8'] : [])];
  return ['argmax-2stage', 'logits-last-real', 'bias-gelu', ...(visionInt8 ? ['vision-int8', 'vision-2d', 'nbits-bias'] : [])];
}

function buildManifest(a: MagmaArch, precision: ConvertPrecision, dtype: 'fp16' | 'fp32', int4: boolean, hasTc: boolean, source: string, files: Record<string, { bytes: number; sha256: string }>, version: 1 | 2 | 3, visionInt8: boolean) {
  const D = a.hiddenSize;
  const f = a.cropSize / trunkStride(a);
  return {
    format: BUNDLE_FORMAT,
    version,
    // What formats 2 and 3 changed in the graphs, for a person reading the manifest (the inputs and outputs are the
    // same; the runtime reads `version` for one thing: a format-3 decoder runs a padded prompt in one call).
    ...(version >= 2 ? { rewrites: rewritesOf(version as 2 | 3, visionInt8) } : {}),
    source,
    precision,
    dtype,
    int4: int4 ? { bits: 4, blockSize: INT4_BLOCK, symmetric: true } : null,
    graphs: { vision: 'vision.onnx', embed: 'embed.onnx', decoder: 'decoder.onnx', kvInit: 'kv_init.onnx' },
    tokenizer: 'tokenizer.json',
    tokenizerConfig: hasTc ? 'tokenizer_config.json' : null,
    text: {
      vocabSize: a.vocabSize, hiddenSize: D, intermediateSize: a.intermediateSize, layers: a.layers, heads: a.heads, kvHeads: a.kvHeads,
      headDim: a.headDim, ropeTheta: a.ropeTheta, maxPositions: a.maxPositions, kvDtype: dtype === 'fp16' ? 'float16' : 'float32',
    },
    vision: {
      cropSize: a.cropSize, maxCrops: a.maxCrops, featuresPerSide: f, rowSeparator: a.rowSeparator, mean: CLIP_MEAN, std: CLIP_STD,
      resize: 'bilinear, align_corners=False, no antialias, on the normalized tensor, aspect not preserved', depths: a.depths, dims: a.dims,
    },
    tokens: {
      bos: a.special.bos, eos: a.special.eos, pad: a.special.pad, image: a.special.image, imageStart: a.special.imageStart,
      imageEnd: a.special.imageEnd, startHeader: a.special.startHeader, endHeader: a.special.endHeader,
    },
    systemPrompt: SYSTEM_PROMPT,
    io: {
      vision: { inputs: { pixel_values: ['crops', 3, a.cropSize, a.cropSize], grid: [2] }, outputs: { image_features: ['tokens', D] } },
      embed: { inputs: { input_ids: [1, 'n'] }, outputs: { inputs_embeds: [1, 'n', D] } },
      decoder: {
        inputs: { inputs_embeds: [1, 'n', D], attention_mask: [1, 'total'], 'past_key_values.{i}.key|value': [1, a.kvHeads, 'past', a.headDim] },
        outputs: { logits: [1, 1, a.vocabSize], next_token: [1, 1], 'present.{i}.key|value': [1, a.kvHeads, 'total', a.headDim] },
      },
    },
    files,
  };
}
