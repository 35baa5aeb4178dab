/**
 * Writes a safetensors file tensor by tensor (header first, then each tensor's bytes as its producer emits them),
 * so that a checkpoint larger than memory can be made: the random full-size Magma-8B of the benchmark and the
 * altered tiny checkpoints of the converter's tests.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { ST_BYTES, type StDtype } from './dtype.js';

export interface TensorSpec { name: string; dtype: StDtype; shape: number[] }

export function tensorBytes(t: TensorSpec): number {
  return t.shape.reduce((a, b) => a * b, 1) * ST_BYTES[t.dtype];
}

/** `fill` is called once per tensor, in order, and must emit exactly that tensor's bytes. Returns the file's size. */
export function writeSafetensors(path: string, specs: TensorSpec[], fill: (t: TensorSpec, emit: (chunk: Uint8Array) => void) => void, metadata: Record<string, string> = { format: 'pt' }): number {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let off = 0;
  for (const t of specs) {
    const n = tensorBytes(t);
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [off, off + n] };
    off += n;
  }
  let hb = Buffer.from(JSON.stringify(header), 'utf8');
  hb = Buffer.concat([hb, Buffer.alloc((8 - (hb.length % 8)) % 8, 0x20)]);
  const fd = openSync(path, 'w');
  try {
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(hb.length));
    writeSync(fd, len);
    writeSync(fd, hb);
    for (const t of specs) {
      let wrote = 0;
      fill(t, (c) => {
        let w = 0;
        while (w < c.byteLength) w += writeSync(fd, c, w, c.byteLength - w);
        wrote += c.byteLength;
      });
      if (wrote !== tensorBytes(t)) throw new Error(`${t.name}: wrote ${wrote} bytes, its shape needs ${tensorBytes(t)}`);
    }
  } finally {
    closeSync(fd);
  }
  return 8 + hb.length + off;
}
