/**
 * A streaming safetensors reader: only each shard's header (u64 length + JSON) is parsed up front; a tensor's
 * bytes are read with positioned fs reads when it is asked for, one tensor (or one row range) at a time, so memory
 * holds at most the tensor being converted, never a shard (the real Magma-8B shards are ~5 GB each).
 * A checkpoint is a folder with model.safetensors.index.json (weight_map: tensor -> shard), or a single
 * *.safetensors file. Hugging Face cache snapshot folders hold symlinks to blobs; reading through them is fine.
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { ST_BYTES, type StDtype } from './dtype.js';

export interface TensorInfo { name: string; dtype: StDtype; shape: number[]; file: string; start: number; end: number }

export class CheckpointFormatError extends Error {}

const INDEX = 'model.safetensors.index.json';
/** The most a header may be (the format's own limit is 100 MB): guards against reading a random file as one. */
const MAX_HEADER = 100_000_000;

function readHeader(path: string): TensorInfo[] {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const lenBuf = Buffer.alloc(8);
    if (readSync(fd, lenBuf, 0, 8, 0) !== 8) throw new CheckpointFormatError(`${path} is too short to be a safetensors file`);
    const n = Number(lenBuf.readBigUInt64LE(0));
    if (n <= 0 || n > MAX_HEADER || 8 + n > size) throw new CheckpointFormatError(`${path} is not a safetensors file (header length ${n}; the file has ${size} bytes); download it again`);
    const hb = Buffer.alloc(n);
    readSync(fd, hb, 0, n, 8);
    let header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
    try {
      header = JSON.parse(hb.toString('utf8'));
    } catch {
      throw new CheckpointFormatError(`${path} has a damaged safetensors header; download it again`);
    }
    const base = 8 + n;
    const out: TensorInfo[] = [];
    for (const [name, h] of Object.entries(header)) {
      if (name === '__metadata__') continue;
      if (!(h.dtype in ST_BYTES)) {
        throw new CheckpointFormatError(`tensor ${name} in ${path} is stored as ${h.dtype}; the converter reads bf16, fp16 and fp32 checkpoints only (quantized or integer checkpoints are not Magma's release)`);
      }
      const dtype = h.dtype as StDtype;
      const [a, b] = h.data_offsets;
      const count = h.shape.reduce((x, y) => x * y, 1);
      if (b - a !== count * ST_BYTES[dtype] || base + b > size) {
        throw new CheckpointFormatError(`tensor ${name} in ${path} does not fit its file (truncated download?); download the checkpoint again`);
      }
      out.push({ name, dtype, shape: h.shape, file: path, start: base + a, end: base + b });
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

export class Checkpoint {
  readonly tensors = new Map<string, TensorInfo>();
  readonly shards: string[];
  private fds = new Map<string, number>();

  constructor(readonly dir: string) {
    const idx = join(dir, INDEX);
    if (existsSync(idx)) {
      let map: Record<string, string>;
      try {
        map = (JSON.parse(readFileSync(idx, 'utf8')) as { weight_map: Record<string, string> }).weight_map;
      } catch (e) {
        throw new CheckpointFormatError(`${idx} is not valid JSON (${(e as Error).message}); download it again`);
      }
      if (!map || typeof map !== 'object') throw new CheckpointFormatError(`${idx} has no weight_map; download it again`);
      this.shards = [...new Set(Object.values(map))].sort();
      for (const s of this.shards) {
        if (!existsSync(join(dir, s))) throw new CheckpointFormatError(`the shard ${s} named in ${INDEX} is missing from ${dir}; finish the download (running it again continues where it stopped)`);
      }
      for (const s of this.shards) for (const t of readHeader(join(dir, s))) this.tensors.set(t.name, t);
      const listed = new Set(Object.keys(map));
      const notInShards = [...listed].filter((k) => !this.tensors.has(k) || this.tensors.get(k)!.file !== join(dir, map[k]!));
      if (notInShards.length) throw new CheckpointFormatError(`${INDEX} places ${notInShards.length} tensors in shards that do not hold them (first: ${notInShards[0]}); the index and the shards are from different downloads`);
    } else {
      if (!existsSync(dir)) throw new CheckpointFormatError(`no checkpoint folder at ${dir}`);
      this.shards = readdirSync(dir).filter((f) => f.endsWith('.safetensors')).sort();
      if (!this.shards.length) throw new CheckpointFormatError(`${dir} has no *.safetensors files: it is not a Hugging Face checkpoint folder (choose the folder with config.json and the model-0000x-of-0000y.safetensors files)`);
      for (const s of this.shards) {
        for (const t of readHeader(join(dir, s))) {
          if (this.tensors.has(t.name)) throw new CheckpointFormatError(`tensor ${t.name} is in two files (${s} and another); remove the stray file from ${dir}`);
          this.tensors.set(t.name, t);
        }
      }
    }
  }

  names(): string[] {
    return [...this.tensors.keys()];
  }

  info(name: string): TensorInfo {
    const t = this.tensors.get(name);
    if (!t) throw new CheckpointFormatError(`the checkpoint has no tensor ${name}`);
    return t;
  }

  /** Raw bytes of elements [from, from + count) of a tensor (row-major), read from its shard. */
  readRaw(name: string, from = 0, count?: number): Uint8Array {
    const t = this.info(name);
    const eb = ST_BYTES[t.dtype];
    const total = (t.end - t.start) / eb;
    const n = count ?? total - from;
    const buf = Buffer.allocUnsafe(n * eb);
    let fd = this.fds.get(t.file);
    if (fd === undefined) {
      fd = openSync(t.file, 'r');
      this.fds.set(t.file, fd);
    }
    let got = 0;
    while (got < buf.length) {
      const r = readSync(fd, buf, got, Math.min(buf.length - got, 1 << 30), t.start + from * eb + got);
      if (r <= 0) throw new CheckpointFormatError(`${t.file} ended while reading ${name}; download it again`);
      got += r;
    }
    return buf;
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }
}
