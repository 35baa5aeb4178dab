/**
 * What a Magma checkpoint is, read from the checkpoint itself: config.json (under the names the official
 * microsoft/Magma-8B release uses), the tensor names and shapes, and the tokenizer files. No size table: the
 * ConvNeXt depths and widths come from the trunk's tensors, so the full model and the tiny test one convert alike.
 *
 * Anything not recognised stops the conversion with a message that names it: a config key this converter does not
 * know may change the model, and a guess would give a wrong model that still loads. The exact key set (the
 * `.gamma` trap: an old loader renamed layer-scale keys and the vision tower came out random) is checked here.
 * Mirrors models/magma/magma_ref.py (expected_keys, check_keys, find_special_ids).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Checkpoint } from './safetensors.js';

export const VISION_PREFIX = 'vision_tower.clip_vision_model.trunk.';
/** Tensors the official module tree holds but forward never reads: allowed by family, nothing else is. */
export const UNUSED_FAMILIES = ['vision_tower.clip_vision_model.trunk.head.', 'vision_tower.clip_vision_model.head.'];
export const SPECIAL_TOKENS = {
  bos: '<|begin_of_text|>', eos: '<|eot_id|>', pad: '<pad>', image: '<image>', imageStart: '<image_start>', imageEnd: '<image_end>',
  startHeader: '<|start_header_id|>', endHeader: '<|end_header_id|>',
} as const;
export type SpecialIds = Record<keyof typeof SPECIAL_TOKENS, number>;

export interface MagmaArch {
  vocabSize: number; hiddenSize: number; intermediateSize: number; layers: number; heads: number; kvHeads: number; headDim: number;
  ropeTheta: number; ropeScaling: RopeScaling | null; rmsEps: number; maxPositions: number;
  backbone: string; depths: number[]; dims: number[]; lnEps: number; cropSize: number; maxCrops: number; rowSeparator: boolean;
  special: SpecialIds;
}
export interface RopeScaling { rope_type: 'llama3'; factor: number; low_freq_factor: number; high_freq_factor: number; original_max_position_embeddings: number }

export class ArchitectureError extends Error {}

/** Keys every Hugging Face config may carry (PretrainedConfig's own fields): they do not change the weights' meaning. */
const GENERIC_KEYS = new Set([
  '_name_or_path', 'transformers_version', 'torch_dtype', 'dtype', 'architectures', 'auto_map', 'model_type', 'return_dict', 'output_hidden_states',
  'output_attentions', 'torchscript', 'use_bfloat16', 'tf_legacy_loss', 'pruned_heads', 'chunk_size_feed_forward', 'is_encoder_decoder',
  'is_decoder', 'cross_attention_hidden_size', 'add_cross_attention', 'tie_encoder_decoder', 'max_length', 'min_length', 'do_sample',
  'early_stopping', 'num_beams', 'num_beam_groups', 'diversity_penalty', 'temperature', 'top_k', 'top_p', 'typical_p', 'repetition_penalty',
  'length_penalty', 'no_repeat_ngram_size', 'encoder_no_repeat_ngram_size', 'bad_words_ids', 'num_return_sequences', 'output_scores',
  'return_dict_in_generate', 'forced_bos_token_id', 'forced_eos_token_id', 'remove_invalid_values', 'exponential_decay_length_penalty',
  'suppress_tokens', 'begin_suppress_tokens', 'finetuning_task', 'id2label', 'label2id', 'tokenizer_class', 'prefix', 'bos_token_id',
  'pad_token_id', 'eos_token_id', 'sep_token_id', 'decoder_start_token_id', 'task_specific_params', 'problem_type', 'use_cache',
  'initializer_range', '_attn_implementation_autoset', 'attention_dropout', 'pretraining_tp', 'tie_word_embeddings', 'vocab_size',
]);
/** Keys of the Llama text config that this converter reads or that do not change inference. */
const TEXT_KEYS = new Set(['hidden_size', 'intermediate_size', 'num_hidden_layers', 'num_attention_heads', 'num_key_value_heads', 'head_dim',
  'rope_theta', 'rope_scaling', 'rms_norm_eps', 'max_position_embeddings', 'hidden_act', 'attention_bias', 'mlp_bias']);
/**
 * Magma's vision_config keys (the official names, spelling included: `mm_use_row_seperator`). The ones read are
 * checked; the others describe training or the original code's loading path and do not change inference here.
 */
const VISION_READ = new Set(['vision_backbone', 'img_size', 'max_num_crops', 'mm_use_row_seperator', 'mm_projector_type', 'mm_hidden_size']);
const VISION_INERT = new Set(['anyres', 'feature_outs', 'img_anyres_strategy', 'mm_use_im_patch_token', 'mm_use_im_start_end', 'mm_vision_select_feature',
  'mm_vision_select_layer', 'vision_feature_layer', 'image_aspect_ratio', 'mm_projector_lr', 'vision_tower', 'vision_tower_lr', 'tune_mm_mlp_adapter',
  'tune_vision_tower', 'proj_vis_to_txt_tokens', 'use_mm_proj', 'mm_patch_merge_type', 'add_leading_slash']);
/** Top-level Magma keys besides text_config and vision_config. */
const TOP_KEYS = new Set(['text_config', 'vision_config', 'image_token_index', 'image_token_id', 'mm_use_image_start_end', 'mm_use_image_history',
  'mm_use_trace_start_end', 'mm_use_trace_speed', 'remove_static_trace_pts', 'spatial_quant_size', 'tokenizer_model_max_length', 'tokenizer_padding_side']);

type Json = Record<string, unknown>;

function unknownKeys(obj: Json, known: Set<string>[], where: string): string[] {
  return Object.keys(obj).filter((k) => !known.some((s) => s.has(k))).map((k) => `${where}${k}`);
}

function num(obj: Json, key: string, where: string): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ArchitectureError(`config.json: ${where}${key} is ${v === undefined ? 'missing' : JSON.stringify(v)}; a Magma checkpoint states it (is this the right folder?)`);
  return v;
}

/** Reads config.json, the tokenizer files and the checkpoint's tensor names/shapes. Returns the architecture and what to print. */
export function readArchitecture(dir: string, ck: Checkpoint): { arch: MagmaArch; notes: string[] } {
  const notes: string[] = [];
  const cfgPath = join(dir, 'config.json');
  if (!existsSync(cfgPath)) throw new ArchitectureError(`${dir} has no config.json: point the converter at the checkpoint folder (the one with config.json, the tokenizer files and the .safetensors shards)`);
  let raw: Json;
  try {
    raw = JSON.parse(readFileSync(cfgPath, 'utf8')) as Json;
  } catch (e) {
    throw new ArchitectureError(`${cfgPath} is not valid JSON (${(e as Error).message}); download it again`);
  }
  if (raw.model_type !== 'magma') throw new ArchitectureError(`config.json says model_type ${JSON.stringify(raw.model_type)}; this converter makes bundles of Magma checkpoints (model_type "magma", e.g. microsoft/Magma-8B) only`);
  const text = raw.text_config as Json | undefined;
  const vis = raw.vision_config as Json | undefined;
  if (!text || typeof text !== 'object' || !vis || typeof vis !== 'object') throw new ArchitectureError('config.json lacks text_config or vision_config, which Magma checkpoints have; is this the right folder?');
  const unknown = [...unknownKeys(raw, [TOP_KEYS, GENERIC_KEYS], ''), ...unknownKeys(text, [TEXT_KEYS, GENERIC_KEYS], 'text_config.'), ...unknownKeys(vis, [VISION_READ, VISION_INERT, GENERIC_KEYS], 'vision_config.')];
  if (unknown.length) {
    throw new ArchitectureError(`config.json has settings this converter does not know: ${unknown.join(', ')}. They may change how the model computes, so it stops rather than guess. ` +
      'If this is an official Magma release, please report these names to the Magma Desk project (see models/magma/README.md).');
  }
  const unsupported = (k: string, v: unknown, want: string) => new ArchitectureError(`config.json: ${k} is ${JSON.stringify(v)}; the converter supports ${want} only (the Magma-8B architecture)`);
  if (text.model_type !== undefined && text.model_type !== 'llama') throw unsupported('text_config.model_type', text.model_type, '"llama"');
  if (text.hidden_act !== undefined && text.hidden_act !== 'silu') throw unsupported('text_config.hidden_act', text.hidden_act, '"silu"');
  if (text.attention_bias === true) throw unsupported('text_config.attention_bias', true, 'false');
  if (text.mlp_bias === true) throw unsupported('text_config.mlp_bias', true, 'false');
  if (text.tie_word_embeddings === true || raw.tie_word_embeddings === true) throw unsupported('tie_word_embeddings', true, 'false (a separate lm_head)');
  if (vis.mm_projector_type !== undefined && vis.mm_projector_type !== 'mlp2x_gelu') throw unsupported('vision_config.mm_projector_type', vis.mm_projector_type, '"mlp2x_gelu"');
  const backbone = String(vis.vision_backbone ?? '');
  if (!/^convnext/i.test(backbone)) throw unsupported('vision_config.vision_backbone', vis.vision_backbone, 'a ConvNeXt trunk');
  let ropeScaling: RopeScaling | null = null;
  if (text.rope_scaling != null) {
    const r = text.rope_scaling as Json;
    if ((r.rope_type ?? r.type) !== 'llama3') throw unsupported('text_config.rope_scaling', r, 'null or Llama-3.1 style ("llama3")');
    ropeScaling = { rope_type: 'llama3', factor: num(r, 'factor', 'text_config.rope_scaling.'), low_freq_factor: num(r, 'low_freq_factor', 'text_config.rope_scaling.'), high_freq_factor: num(r, 'high_freq_factor', 'text_config.rope_scaling.'), original_max_position_embeddings: num(r, 'original_max_position_embeddings', 'text_config.rope_scaling.') };
  }
  if (typeof vis.mm_use_row_seperator !== 'boolean') throw new ArchitectureError(`config.json: vision_config.mm_use_row_seperator is ${vis.mm_use_row_seperator === undefined ? 'missing' : JSON.stringify(vis.mm_use_row_seperator)}; Magma checkpoints state it (true or false)`);

  // The trunk: depths from block indices, widths from each stage's first depthwise conv.
  const blocks = new Map<number, number>();
  const re = new RegExp(`^${VISION_PREFIX.replace(/\./g, '\\.')}stages\\.(\\d+)\\.blocks\\.(\\d+)\\.`);
  for (const n of ck.names()) {
    const m = re.exec(n);
    if (m) blocks.set(+m[1]!, Math.max(blocks.get(+m[1]!) ?? 0, +m[2]! + 1));
  }
  if (!blocks.size) throw new ArchitectureError(`the checkpoint has no ConvNeXt trunk tensors (${VISION_PREFIX}stages.N.blocks.M.*): it is not a Magma checkpoint, or its vision tower was saved under other names`);
  const depths: number[] = [];
  const dims: number[] = [];
  for (let s = 0; s < blocks.size; s++) {
    if (!blocks.has(s)) throw new ArchitectureError(`the trunk has stages ${[...blocks.keys()].sort().join(', ')}: stage ${s} is missing`);
    depths.push(blocks.get(s)!);
    const dw = ck.tensors.get(`${VISION_PREFIX}stages.${s}.blocks.0.conv_dw.weight`);
    if (!dw) throw new ArchitectureError(`the checkpoint lacks ${VISION_PREFIX}stages.${s}.blocks.0.conv_dw.weight, which gives stage ${s}'s width`);
    dims.push(dw.shape[0]!);
  }
  const embed = ck.tensors.get('language_model.model.embed_tokens.weight');
  if (!embed || embed.shape.length !== 2) throw new ArchitectureError('the checkpoint lacks language_model.model.embed_tokens.weight (a 2-D table), so the vocabulary size is unknown: is this a Magma checkpoint?');
  const hiddenSize = num(text, 'hidden_size', 'text_config.');
  const heads = num(text, 'num_attention_heads', 'text_config.');
  const layers = num(text, 'num_hidden_layers', 'text_config.');
  const vocabSize = embed.shape[0]!;
  if (typeof text.vocab_size === 'number' && text.vocab_size !== vocabSize) notes.push(`config.json says vocab_size ${text.vocab_size}; the embedding table has ${vocabSize} rows, which the bundle uses`);
  const layerIdx = new Set(ck.names().map((n) => /^language_model\.model\.layers\.(\d+)\./.exec(n)?.[1]).filter((x) => x !== undefined).map(Number));
  if (layerIdx.size !== layers) notes.push(`config.json says ${layers} decoder layers; the checkpoint has tensors for ${layerIdx.size}`);
  const arch: MagmaArch = {
    vocabSize, hiddenSize, layers, heads,
    intermediateSize: num(text, 'intermediate_size', 'text_config.'),
    kvHeads: typeof text.num_key_value_heads === 'number' ? text.num_key_value_heads : heads,
    headDim: typeof text.head_dim === 'number' ? text.head_dim : hiddenSize / heads,
    ropeTheta: num(text, 'rope_theta', 'text_config.'),
    ropeScaling,
    rmsEps: num(text, 'rms_norm_eps', 'text_config.'),
    maxPositions: num(text, 'max_position_embeddings', 'text_config.'),
    backbone, depths, dims, lnEps: 1e-5,
    cropSize: num(vis, 'img_size', 'vision_config.'),
    maxCrops: num(vis, 'max_num_crops', 'vision_config.'),
    rowSeparator: vis.mm_use_row_seperator,
    special: findSpecialIds(dir),
  };
  if (!Number.isInteger(arch.headDim)) throw new ArchitectureError(`config.json: hidden_size ${hiddenSize} is not a multiple of num_attention_heads ${heads}, and head_dim is not given`);
  if (arch.cropSize % trunkStride(arch)) throw new ArchitectureError(`config.json: vision_config.img_size ${arch.cropSize} is not a multiple of the trunk's stride ${trunkStride(arch)}`);
  if (typeof vis.mm_hidden_size === 'number' && vis.mm_hidden_size !== dims[dims.length - 1]) {
    throw new ArchitectureError(`config.json says vision_config.mm_hidden_size ${vis.mm_hidden_size}, but the trunk's last stage is ${dims[dims.length - 1]} wide; the checkpoint and its config do not belong together`);
  }
  const imageIndex = raw.image_token_index ?? raw.image_token_id;
  if (typeof imageIndex === 'number' && imageIndex !== arch.special.image) {
    throw new ArchitectureError(`config.json says the image token is ${imageIndex}, the tokenizer files say <image> is ${arch.special.image}; the config and tokenizer do not belong together (download both again)`);
  }
  return { arch, notes };
}

/** The trunk's total stride: 4 for the stem, then 2 per downsampling stage (32 for ConvNeXt's four stages). */
export function trunkStride(a: Pick<MagmaArch, 'depths'>): number {
  return 4 * 2 ** (a.depths.length - 1);
}

/** Special token ids from tokenizer.json (added tokens, then the vocabulary) and tokenizer_config.json. */
export function findSpecialIds(dir: string): SpecialIds {
  const vocab = new Map<string, number>();
  const tj = join(dir, 'tokenizer.json');
  if (!existsSync(tj)) throw new ArchitectureError(`${dir} has no tokenizer.json; the bundle needs the checkpoint's tokenizer (download it with the checkpoint)`);
  let t: { added_tokens?: { content: string; id: number }[]; model?: { vocab?: Record<string, number> } };
  try {
    t = JSON.parse(readFileSync(tj, 'utf8'));
  } catch (e) {
    throw new ArchitectureError(`${tj} is not valid JSON (${(e as Error).message}); download it again`);
  }
  for (const a of t.added_tokens ?? []) vocab.set(a.content, a.id);
  for (const [k, v] of Object.entries(t.model?.vocab ?? {})) if (!vocab.has(k)) vocab.set(k, v);
  const tc = join(dir, 'tokenizer_config.json');
  if (existsSync(tc)) {
    const c = JSON.parse(readFileSync(tc, 'utf8')) as { added_tokens_decoder?: Record<string, { content: string }> };
    for (const [i, a] of Object.entries(c.added_tokens_decoder ?? {})) if (!vocab.has(a.content)) vocab.set(a.content, Number(i));
  }
  const ids: Partial<SpecialIds> = {};
  const missing: string[] = [];
  for (const [k, s] of Object.entries(SPECIAL_TOKENS) as [keyof SpecialIds, string][]) {
    if (vocab.has(s)) ids[k] = vocab.get(s)!;
    else missing.push(s);
  }
  if (missing.length) throw new ArchitectureError(`the tokenizer files lack the special tokens ${missing.join(' ')}, which Magma's prompt needs: they are not Magma's tokenizer`);
  return ids as SpecialIds;
}

/** Every tensor forward reads, with its shape (in the order the bundle's graphs use them). */
export function expectedKeys(a: MagmaArch): Map<string, number[]> {
  const k = new Map<string, number[]>();
  const p = VISION_PREFIX;
  const d0 = a.dims[0]!;
  k.set(p + 'stem.0.weight', [d0, 3, 4, 4]).set(p + 'stem.0.bias', [d0]).set(p + 'stem.1.weight', [d0]).set(p + 'stem.1.bias', [d0]);
  a.depths.forEach((depth, s) => {
    const sp = `${p}stages.${s}.`;
    const dim = a.dims[s]!;
    if (s > 0) {
      const prev = a.dims[s - 1]!;
      k.set(sp + 'downsample.0.weight', [prev]).set(sp + 'downsample.0.bias', [prev]).set(sp + 'downsample.1.weight', [dim, prev, 2, 2]).set(sp + 'downsample.1.bias', [dim]);
    }
    for (let b = 0; b < depth; b++) {
      const bp = `${sp}blocks.${b}.`;
      k.set(bp + 'conv_dw.weight', [dim, 1, 7, 7]).set(bp + 'conv_dw.bias', [dim]).set(bp + 'norm.weight', [dim]).set(bp + 'norm.bias', [dim])
        .set(bp + 'mlp.fc1.weight', [4 * dim, dim]).set(bp + 'mlp.fc1.bias', [4 * dim]).set(bp + 'mlp.fc2.weight', [dim, 4 * dim]).set(bp + 'mlp.fc2.bias', [dim])
        .set(bp + 'gamma', [dim]);
    }
  });
  const D = a.hiddenSize;
  const mmHidden = a.dims[a.dims.length - 1]!;
  k.set('multi_modal_projector.proj.0.weight', [D, mmHidden]).set('multi_modal_projector.proj.0.bias', [D]);
  k.set('multi_modal_projector.proj.2.weight', [D, D]).set('multi_modal_projector.proj.2.bias', [D]);
  if (a.rowSeparator) k.set('multi_modal_projector.row_seperator', [1, 1, D]);
  const lm = 'language_model.model.';
  k.set(lm + 'embed_tokens.weight', [a.vocabSize, D]);
  const { heads: H, kvHeads: KV, headDim: hd, intermediateSize: I } = a;
  for (let i = 0; i < a.layers; i++) {
    const lp = `${lm}layers.${i}.`;
    k.set(lp + 'self_attn.q_proj.weight', [H * hd, D]).set(lp + 'self_attn.k_proj.weight', [KV * hd, D]).set(lp + 'self_attn.v_proj.weight', [KV * hd, D])
      .set(lp + 'self_attn.o_proj.weight', [D, H * hd]).set(lp + 'mlp.gate_proj.weight', [I, D]).set(lp + 'mlp.up_proj.weight', [I, D])
      .set(lp + 'mlp.down_proj.weight', [D, I]).set(lp + 'input_layernorm.weight', [D]).set(lp + 'post_attention_layernorm.weight', [D]);
  }
  k.set(lm + 'norm.weight', [D]).set('language_model.lm_head.weight', [a.vocabSize, D]);
  return k;
}

const fmt = (s: number[]) => `[${s.join(', ')}]`;

/** Fails on any missing, unexpected or mis-shaped tensor; returns the known-unused names it ignores. */
export function checkKeys(a: MagmaArch, ck: Checkpoint): string[] {
  const exp = expectedKeys(a);
  const have = ck.names();
  const missing = [...exp.keys()].filter((n) => !ck.tensors.has(n));
  const extra = have.filter((n) => !exp.has(n));
  const unused = extra.filter((n) => UNUSED_FAMILIES.some((f) => n.startsWith(f))).sort();
  const unexpected = extra.filter((n) => !UNUSED_FAMILIES.some((f) => n.startsWith(f))).sort();
  const badShape = [...exp].filter(([n, s]) => ck.tensors.has(n) && fmt(ck.tensors.get(n)!.shape) !== fmt(s))
    .map(([n, s]) => `${n}: expected ${fmt(s)}, found ${fmt(ck.tensors.get(n)!.shape)}`);
  const problems: string[] = [];
  if (badShape.length) problems.push(`${badShape.length} tensor(s) with the wrong shape (${badShape.slice(0, 4).join('; ')})`);
  if (missing.length) problems.push(`${missing.length} missing (first: ${missing.slice(0, 6).join(', ')})`);
  if (unexpected.length) problems.push(`${unexpected.length} unexpected (first: ${unexpected.slice(0, 6).join(', ')})`);
  if (problems.length) {
    const hint = missing.some((m) => m.endsWith('.gamma'))
      ? ' Layer-scale keys must end in `.gamma`: this checkpoint was re-saved by a loader that renamed them, and converting it would give a random vision tower. Use the original download.'
      : ' The checkpoint is not the Magma architecture this converter knows, or it is damaged; download it again.';
    throw new ArchitectureError(`the checkpoint does not match the Magma layout: ${problems.join('; ')}.${hint}`);
  }
  return unused;
}

/** Llama-3.1 ('llama3') frequency scaling, as magma_ref.apply_rope_scaling. */
export function ropeInvFreq(a: MagmaArch): Float64Array {
  const hd = a.headDim;
  const inv = new Float64Array(hd / 2);
  for (let i = 0; i < hd / 2; i++) inv[i] = 1.0 / a.ropeTheta ** ((2 * i) / hd);
  const s = a.ropeScaling;
  if (!s) return inv;
  const loWl = s.original_max_position_embeddings / s.low_freq_factor;
  const hiWl = s.original_max_position_embeddings / s.high_freq_factor;
  for (let i = 0; i < inv.length; i++) {
    const wl = (2 * Math.PI) / inv[i]!;
    const scaled = wl > loWl ? inv[i]! / s.factor : inv[i]!;
    const smooth = (s.original_max_position_embeddings / wl - s.low_freq_factor) / (s.high_freq_factor - s.low_freq_factor);
    const mid = ((1 - smooth) * scaled) / s.factor + smooth * scaled;
    inv[i] = wl >= hiWl && wl <= loWl ? mid : scaled;
  }
  return inv;
}

/** GroupQueryAttention's cos_cache and sin_cache: [maxPositions, headDim / 2] row-major, angle = position * inv_freq. */
export function ropeTables(a: MagmaArch): { cos: Float64Array; sin: Float64Array; width: number } {
  const inv = ropeInvFreq(a);
  const cos = new Float64Array(a.maxPositions * inv.length);
  const sin = new Float64Array(a.maxPositions * inv.length);
  for (let p = 0; p < a.maxPositions; p++) {
    for (let i = 0; i < inv.length; i++) {
      cos[p * inv.length + i] = Math.cos(p * inv[i]!);
      sin[p * inv.length + i] = Math.sin(p * inv[i]!);
    }
  }
  return { cos, sin, width: inv.length };
}
