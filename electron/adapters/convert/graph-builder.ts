/**
 * Builds one ONNX graph and writes it with protobufjs (the ONNX schema in onnx-schema.ts), mirroring
 * models/magma/onnx_writer.py's GraphBuilder call for call: the same fresh-name counter, node names, attribute
 * order (sorted by name, as onnx.helper.make_node does), initializer names and order, and the same rule for
 * external data (initializers of 1024 bytes or more go to `<graph>.onnx.data`, each at a 64-byte-aligned offset).
 * Initializer bytes are written to the data file as they come, so a graph's weights are never all in memory.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { ONNX_SCHEMA } from './onnx-schema.js';

export const OPSET = 17;
export const MS_OPSET = 1;
export const DT = { FLOAT: 1, UINT8: 2, INT32: 6, INT64: 7, BOOL: 9, FLOAT16: 10 } as const;

const root = protobuf.Root.fromJSON({ nested: { onnx: ONNX_SCHEMA as unknown as protobuf.INamespace } });
export const ModelProto = root.lookupType('onnx.ModelProto');
export const TensorProtoT = root.lookupType('onnx.TensorProto');

/** A float attribute (ONNX keeps ints and floats apart; a JS number alone is taken as an int). */
export class F {
  constructor(readonly v: number) {}
}
export type Attr = number | number[] | F | { tensor: TensorMsg } | { graph: object };
export interface TensorMsg { name: string; dataType: number; dims: number[]; rawData?: Uint8Array; dataLocation?: number; externalData?: { key: string; value: string }[] }
interface NodeMsg { input: string[]; output: string[]; name: string; opType: string; domain?: string; attribute: object[] }
type Dim = number | string;

function attribute(name: string, v: Attr): object {
  if (v instanceof F) return { name, type: 1, f: v.v };
  if (typeof v === 'number') return { name, type: 2, i: v };
  if (Array.isArray(v)) return { name, type: 7, ints: v };
  if ('graph' in v) return { name, type: 5, g: v.graph };
  return { name, type: 4, t: v.tensor };
}

export function valueInfo(name: string, elemType: number, shape: Dim[]): object {
  return { name, type: { tensorType: { elemType, shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } };
}

export class GraphBuilder {
  readonly nodes: NodeMsg[] = [];
  readonly inits: TensorMsg[] = [];
  readonly inputs: object[] = [];
  readonly outputs: object[] = [];
  /** Shapes declared for inner tensors (ONNX value_info): where shape inference cannot derive them. */
  readonly valueInfos: object[] = [];
  /** The graph's float type: FLOAT16 or FLOAT. */
  readonly T: number;
  private n = 0;
  private fd: number | undefined;
  private off = 0;
  /** Bytes written to the external data file so far. */
  get dataBytes(): number {
    return this.off;
  }

  constructor(readonly name: string, dtype: 'fp16' | 'fp32', readonly dir: string, readonly external: string | null) {
    this.T = dtype === 'fp16' ? DT.FLOAT16 : DT.FLOAT;
  }

  /**
   * A builder for a branch of an If node: its fresh names are `<prefix>_<k>` (a model's value names are unique
   * across its subgraphs too); its initializers go to this graph (a branch reads them from the outer scope).
   */
  branch(prefix: string): GraphBuilder {
    const b = new GraphBuilder(prefix, this.T === DT.FLOAT16 ? 'fp16' : 'fp32', this.dir, null);
    b.fresh = (base: string) => this.fresh(`${prefix}_${base}`);
    b.open = (name, dataType, dims, nbytes) => this.open(name, dataType, dims, nbytes);
    return b;
  }

  /** This builder's nodes as a GraphProto for an If branch whose outputs are `outputs`, of the graph's float type. */
  asBranch(outputs: string[]): object {
    return { node: this.nodes, name: this.name, output: outputs.map((o) => ({ name: o, type: { tensorType: { elemType: this.T } } })) };
  }

  fresh(base: string): string {
    this.n += 1;
    return `${base}_${this.n}`;
  }

  /** `name` fixes the node's name (the graph rewrites of format 2 keep optimize_graphs.py's names); default n_<Op>_<k>. */
  node(op: string, inputs: string[], outputs?: string[] | null, domain = '', attrs: Record<string, Attr> = {}, name?: string): string {
    const outs = outputs ?? [this.fresh(op.toLowerCase())];
    this.push(op, inputs, outs, domain, attrs, name);
    return outs[0]!;
  }

  private push(op: string, inputs: string[], outs: string[], domain: string, attrs: Record<string, Attr>, fixed?: string): void {
    const name = fixed ?? this.fresh('n_' + op);
    const attribute_ = Object.keys(attrs).sort().map((k) => attribute(k, attrs[k]!));
    this.nodes.push({ input: inputs, output: outs, name, opType: op, ...(domain ? { domain } : {}), attribute: attribute_ });
  }

  /**
   * Starts an initializer of `nbytes` bytes whose content comes in order through `emit`; `close` adds it to the
   * graph. External when the graph has a data file and the tensor is 1024 bytes or more (written to disk chunk by
   * chunk); inline (raw_data) otherwise. Callers may await between chunks.
   */
  open(name: string, dataType: number, dims: number[], nbytes: number): { emit: (chunk: Uint8Array) => void; close: () => string } {
    if (this.external && nbytes >= 1024) {
      if (this.fd === undefined) this.fd = openSync(join(this.dir, this.external), 'w');
      const pad = (64 - (this.off % 64)) % 64;
      if (pad) {
        writeSync(this.fd, new Uint8Array(pad));
        this.off += pad;
      }
      const start = this.off;
      return {
        emit: (c) => {
          let w = 0;
          while (w < c.byteLength) w += writeSync(this.fd!, c, w, c.byteLength - w);
          this.off += c.byteLength;
        },
        close: () => {
          if (this.off - start !== nbytes) throw new Error(`internal: ${name} wrote ${this.off - start} bytes, expected ${nbytes}`);
          this.inits.push({
            name, dataType, dims, dataLocation: 1,
            externalData: [{ key: 'location', value: this.external! }, { key: 'offset', value: String(start) }, { key: 'length', value: String(nbytes) }],
          });
          return name;
        },
      };
    }
    const parts: Uint8Array[] = [];
    return {
      emit: (c) => parts.push(Uint8Array.from(c)),
      close: () => {
        const raw = Buffer.concat(parts);
        if (raw.byteLength !== nbytes) throw new Error(`internal: ${name} has ${raw.byteLength} bytes, expected ${nbytes}`);
        this.inits.push({ name, dataType, dims, rawData: raw });
        return name;
      },
    };
  }

  initStream(name: string, dataType: number, dims: number[], nbytes: number, produce: (emit: (chunk: Uint8Array) => void) => void): string {
    const w = this.open(name, dataType, dims, nbytes);
    produce(w.emit);
    return w.close();
  }

  initBytes(name: string, dataType: number, dims: number[], raw: Uint8Array): string {
    return this.initStream(name, dataType, dims, raw.byteLength, (emit) => emit(raw));
  }

  /** fp32 values stored in the graph's float type (fp16 rounds to nearest even; `toHalf` reports overflow). */
  initF(name: string, dims: number[], values: Float32Array, toT: (v: Float32Array) => Uint8Array): string {
    return this.initBytes(name, this.T, dims, toT(values));
  }

  constI64(vals: number[], name?: string): string {
    return this.initBytes(name ?? this.fresh('c'), DT.INT64, [vals.length], i64(vals));
  }

  /** Shape [1], not 0-d: the Python writer's np.ascontiguousarray turns a 0-d array into a 1-d one. */
  scalarI64(v: number): string {
    return this.initBytes(this.fresh('s'), DT.INT64, [1], i64([v]));
  }

  /** Closes the data file and writes `<file>`; returns the graph file's size in bytes. */
  save(file: string): number {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    const model = {
      irVersion: 8,
      opsetImport: [{ domain: '', version: OPSET }, { domain: 'com.microsoft', version: MS_OPSET }],
      producerName: 'magma-desk export',
      graph: { node: this.nodes, name: this.name, initializer: this.inits, input: this.inputs, output: this.outputs, valueInfo: this.valueInfos },
    };
    const err = ModelProto.verify(model);
    if (err) throw new Error(`internal: the ${this.name} graph does not fit the ONNX schema: ${err}`);
    const bytes = ModelProto.encode(ModelProto.fromObject(model)).finish();
    const fd = openSync(join(this.dir, file), 'w');
    try {
      let w = 0;
      while (w < bytes.byteLength) w += writeSync(fd, bytes, w, bytes.byteLength - w);
    } finally {
      closeSync(fd);
    }
    return bytes.byteLength;
  }

  /** Closes the data file without writing the graph (a failed or stopped conversion). */
  abandon(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

export function i64(vals: number[]): Uint8Array {
  const b = new BigInt64Array(vals.length);
  vals.forEach((v, i) => (b[i] = BigInt(v)));
  return new Uint8Array(b.buffer);
}
