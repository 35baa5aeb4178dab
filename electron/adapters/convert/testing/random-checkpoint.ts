/**
 * A random-weight Magma checkpoint in the official release's layout (bf16, shards + model.safetensors.index.json,
 * config.json under the official key names, a tokenizer with Magma-8B's special token ids), written tensor by
 * tensor in 64 MB chunks: the full-size one (17.8 GB, 8.9 B parameters) is what `models convert` is timed on
 * (docs/BENCHMARKS.md) without downloading the real checkpoint.
 *
 *   node --import tsx electron/adapters/convert/testing/random-checkpoint.ts --to /tmp/magma-8b-random [--shards 4]
 *
 * Values: bf16 with a random sign, exponent 120 or 121 and a random mantissa (|x| in [2^-7, 2^-5)): nothing
 * overflows fp16, and every int4 block has a spread of values, so the conversion does its full work.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { expectedKeys, SPECIAL_TOKENS, type MagmaArch } from '../architecture.js';
import { tensorBytes, writeSafetensors, type TensorSpec } from '../safetensors-writer.js';

/** Magma-8B's sizes as shared/MAGMA.md gives them (the converter itself reads them from the checkpoint). */
export const MAGMA_8B: MagmaArch = {
  vocabSize: 128320, hiddenSize: 4096, intermediateSize: 14336, layers: 32, heads: 32, kvHeads: 8, headDim: 128, ropeTheta: 500000,
  ropeScaling: null, rmsEps: 1e-5, maxPositions: 8192, backbone: 'convnextxxlarge', depths: [3, 4, 30, 3], dims: [384, 768, 1536, 3072], lnEps: 1e-5,
  cropSize: 512, maxCrops: 4, rowSeparator: true,
  special: { bos: 128000, eos: 128009, pad: 128256, image: 128257, imageStart: 128258, imageEnd: 128259, startHeader: 128006, endHeader: 128007 },
};

const CHUNK = 32 * 1024 * 1024; // bf16 values per chunk (64 MB)

export function writeRandomCheckpoint(dir: string, a: MagmaArch = MAGMA_8B, shards = 4, log: (l: string) => void = () => {}): number {
  mkdirSync(dir, { recursive: true });
  const specs: TensorSpec[] = [...expectedKeys(a)].map(([name, shape]) => ({ name, dtype: 'BF16' as const, shape }));
  // The unused ConvNeXt head norm the official module tree carries (the converter must accept and skip it).
  const last = a.dims[a.dims.length - 1]!;
  specs.push({ name: 'vision_tower.clip_vision_model.trunk.head.norm.weight', dtype: 'BF16', shape: [last] }, { name: 'vision_tower.clip_vision_model.trunk.head.norm.bias', dtype: 'BF16', shape: [last] });
  const total = specs.reduce((s, t) => s + tensorBytes(t), 0);
  const groups: TensorSpec[][] = [[]];
  let acc = 0;
  for (const t of specs) {
    if (acc >= (total / shards) * groups.length && groups.length < shards) groups.push([]);
    groups[groups.length - 1]!.push(t);
    acc += tensorBytes(t);
  }
  let seed = 0x9e3779b9;
  const buf = new Uint32Array(CHUNK / 2);
  const weightMap: Record<string, string> = {};
  let written = 0;
  groups.forEach((g, i) => {
    const file = `model-${String(i + 1).padStart(5, '0')}-of-${String(groups.length).padStart(5, '0')}.safetensors`;
    const t0 = Date.now();
    written += writeSafetensors(join(dir, file), g, (t, emit) => {
      let left = tensorBytes(t) / 2;
      while (left > 0) {
        const n = Math.min(left, CHUNK);
        const words = Math.ceil(n / 2);
        for (let k = 0; k < words; k++) {
          seed ^= seed << 13;
          seed ^= seed >>> 17;
          seed ^= seed << 5;
          buf[k] = ((seed & 0x80ff80ff) | 0x3c003c00) >>> 0;
        }
        emit(new Uint8Array(buf.buffer, 0, n * 2));
        left -= n;
      }
    });
    for (const t of g) weightMap[t.name] = file;
    log(`${file}: ${g.length} tensors (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  });
  writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify({ metadata: { total_size: total }, weight_map: weightMap }, null, 2));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(officialConfig(a), null, 2));
  const added = (Object.entries(SPECIAL_TOKENS) as [keyof typeof SPECIAL_TOKENS, string][]).map(([k, content]) => ({ id: a.special[k], content, special: true }));
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(byteTokenizer(added)));
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({ bos_token: SPECIAL_TOKENS.bos, eos_token: SPECIAL_TOKENS.eos, pad_token: SPECIAL_TOKENS.pad }));
  return written;
}

/**
 * A byte-level BPE tokenizer without merges: every byte is one token (ids 0-255), plus the special tokens. Enough for
 * the converted bundle to run a prompt end to end (`models verify` on the full-size bundle), which an empty
 * vocabulary cannot: the tokenizer library needs a decoder and tokens for the prompt's text.
 */
function byteTokenizer(added: Array<{ id: number; content: string; special: boolean }>): unknown {
  // GPT-2's byte-to-character table (what the ByteLevel pre-tokenizer and decoder use): printable bytes stand for
  // themselves, the rest are shifted to 256 and up.
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  const vocab: Record<string, number> = {};
  let shifted = 0;
  for (let b = 0; b < 256; b++) vocab[String.fromCodePoint(printable(b) ? b : 256 + shifted++)] = b;
  const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
  return {
    version: '1.0', added_tokens: added, normalizer: null, pre_tokenizer: byteLevel, post_processor: null, decoder: byteLevel,
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab, merges: [] },
  };
}

/** config.json as the official release writes it (key names from models/magma/README.md; sizes from `a`). */
export function officialConfig(a: MagmaArch): object {
  return {
    architectures: ['MagmaForCausalLM'], model_type: 'magma', image_token_index: a.special.image, torch_dtype: 'bfloat16',
    text_config: {
      model_type: 'llama', vocab_size: a.vocabSize, hidden_size: a.hiddenSize, intermediate_size: a.intermediateSize, num_hidden_layers: a.layers,
      num_attention_heads: a.heads, num_key_value_heads: a.kvHeads, rope_theta: a.ropeTheta, rope_scaling: a.ropeScaling, rms_norm_eps: a.rmsEps,
      max_position_embeddings: a.maxPositions, hidden_act: 'silu', tie_word_embeddings: false, attention_bias: false,
    },
    vision_config: {
      vision_backbone: a.backbone, img_size: a.cropSize, max_num_crops: a.maxCrops, mm_use_row_seperator: a.rowSeparator,
      mm_projector_type: 'mlp2x_gelu', mm_hidden_size: a.dims[a.dims.length - 1],
    },
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) {
  const { values } = parseArgs({ options: { to: { type: 'string' }, shards: { type: 'string' } } });
  if (!values.to) {
    process.stderr.write('usage: random-checkpoint.ts --to <folder> [--shards 4]\n');
    process.exit(2);
  }
  const t0 = Date.now();
  const bytes = writeRandomCheckpoint(values.to, MAGMA_8B, Number(values.shards ?? 4), (l) => process.stdout.write(`${l}\n`));
  process.stdout.write(`${(bytes / 1e9).toFixed(2)} GB written to ${values.to} in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
}
