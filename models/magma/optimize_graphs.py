"""Graph-level rewrites of an exported Magma bundle, for speed on WebGPU (no weights change, no torch needed).

    python3 models/magma/optimize_graphs.py <bundle> --vision-out vision_opt.onnx [--vision-2d] [--bias-gelu]
    python3 models/magma/optimize_graphs.py <bundle> --decoder-out decoder_acc0.onnx --accuracy-level 0
    python3 models/magma/optimize_graphs.py <bundle> --vision-out vision_q8.onnx --vision-2d --vision-nbits 8 [--accuracy-level 4]
    python3 models/magma/optimize_graphs.py <bundle> --decoder-out decoder_am2.onnx --argmax-2stage

Writes the rewritten graph beside the originals; it keeps pointing at the same external .data file, so a variant
costs only the graph's protobuf. Benchmarks load it with `scripts/bench-magma.ts --vision-graph/--decoder-graph`.

Rewrites:
  --vision-2d   ConvNeXt MLP MatMuls on [N, h, w, C] inputs become Reshape([-1, C]) -> MatMul -> Reshape back, so
                the provider sees one [N*h*w, C] x [C, 4C] product instead of N*h batched [w, C] ones.
  --bias-gelu   MatMul -> Add(bias) -> exact-erf GELU (the 5-node pattern onnx_writer.gelu writes) becomes
                MatMul -> com.microsoft BiasGelu (one elementwise pass instead of five).
  --accuracy-level N   MatMulNBits accuracy_level (0: float arithmetic, 4: int8 activations).
  --vision-nbits B  every MatMul with a constant 2-D weight (the ConvNeXt MLPs and the projector, ~97% of the
                vision FLOPs) becomes MatMulNBits with B-bit (4 or 8) symmetric blocks of 32 along K, scales in the
                weight's dtype, accuracy_level from --accuracy-level (default 4). Use with --vision-2d: MatMulNBits
                has a tensor-core (subgroup matrix) kernel only for batch 1, i.e. a 2-D input. The quantized weights
                go to <vision-out>.data; the other weights stay in vision.onnx.data.
  --nbits-bias  MatMulNBits -> Reshape -> Add(bias [N]) (the ConvNeXt fc2 and the projector's second layer after
                --vision-2d --vision-nbits) becomes MatMulNBits(.., bias) -> Reshape: the bias is added in the MatMul's
                own output pass instead of one more pass over the activation.
  --logits-last-real  the decoder's logits come from row min(n - 1, sum(mask) - 1) of the last hidden state instead
                of its last row (a Slice of -1): a prompt padded on the right (prompt-buckets.ts) gives the logits of
                its last real position in the same run; unpadded runs and decode steps pick the last row as before.
  --argmax-2stage  the greedy ArgMax over the vocabulary (one [1, 1, V] row) becomes an ArgMax and a ReduceMax over
                [V/C, C] rows, then an ArgMax over the row maxima: the same index (the first of the largest values:
                the first row holding the maximum, then the first column in it), with work spread over V/C rows
                instead of one (onnxruntime's WebGPU ArgMax took 4.7 ms for V = 128320 on an H200, each step).
"""
from __future__ import annotations

import argparse
import os
from typing import Dict, List

import numpy as np
import onnx
from onnx import helper, numpy_helper


def _consumers(g: onnx.GraphProto) -> Dict[str, List[onnx.NodeProto]]:
    c: Dict[str, List[onnx.NodeProto]] = {}
    for n in g.node:
        for i in n.input:
            c.setdefault(i, []).append(n)
    return c


def _producer(g: onnx.GraphProto) -> Dict[str, onnx.NodeProto]:
    return {o: n for n in g.node for o in n.output}


def _np_dtype(t: int):
    """onnx's tensor type -> numpy dtype (helper.tensor_dtype_to_np_dtype from onnx 1.13; mapping before)."""
    f = getattr(helper, "tensor_dtype_to_np_dtype", None)
    return f(t) if f else onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[t]


def _init_shapes(g: onnx.GraphProto) -> Dict[str, List[int]]:
    return {t.name: list(t.dims) for t in g.initializer}


def _bias_adds(g: onnx.GraphProto, shapes: Dict[str, List[int]]) -> List[onnx.NodeProto]:
    """Add(x, b) nodes whose b is a 1-D initializer (a layer's bias)."""
    return [n for n in g.node if n.op_type == "Add" and len(n.input) == 2 and n.input[1] in shapes and len(shapes[n.input[1]]) == 1]


def _set_nodes(g: onnx.GraphProto, nodes: List[onnx.NodeProto]) -> None:
    """The graph's nodes become `nodes` (in that order)."""
    del g.node[:]
    g.node.extend(nodes)


def bias_gelu(m: onnx.ModelProto) -> int:
    """Add(y, b) feeding x*0.5*(erf(x*c)+1) (as written by GraphBuilder.gelu) -> BiasGelu(y, b)."""
    g = m.graph
    cons = _consumers(g)
    prod = _producer(g)
    shapes = _init_shapes(g)
    drop: set = set()
    new: Dict[int, onnx.NodeProto] = {}
    order = {id(n): k for k, n in enumerate(g.node)}
    n_done = 0
    for add in _bias_adds(g, shapes):
        src = add.input[0]
        if src not in prod or prod[src].op_type != "MatMul":
            continue
        x = add.output[0]
        users = cons.get(x, [])
        if len(users) != 2 or sorted(u.op_type for u in users) != ["Mul", "Mul"]:
            continue
        # one Mul feeds Erf (x * 1/sqrt2), the other is x * 0.5
        m_erf = next((u for u in users if any(v.op_type == "Erf" for v in cons.get(u.output[0], []))), None)
        m_half = next((u for u in users if u is not m_erf), None)
        if m_erf is None or m_half is None:
            continue
        erf = cons[m_erf.output[0]][0]
        e_users = cons.get(erf.output[0], [])
        if len(e_users) != 1 or e_users[0].op_type != "Add":
            continue
        add1 = e_users[0]
        a_users = cons.get(add1.output[0], [])
        h_users = cons.get(m_half.output[0], [])
        if len(a_users) != 1 or len(h_users) != 1 or a_users[0] is not h_users[0] or a_users[0].op_type != "Mul":
            continue
        final = a_users[0]
        for n in (add, m_erf, m_half, erf, add1, final):
            drop.add(id(n))
        bg = helper.make_node("BiasGelu", [src, add.input[1]], [final.output[0]], name=add.name + "_biasgelu", domain="com.microsoft")
        new[order[id(add)]] = bg
        n_done += 1
    nodes = []
    for k, n in enumerate(g.node):
        if k in new:
            nodes.append(new[k])
        if id(n) not in drop:
            nodes.append(n)
    _set_nodes(g, nodes)
    if n_done and not any(o.domain == "com.microsoft" for o in m.opset_import):
        m.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    return n_done


def _dims(m: onnx.ModelProto) -> Dict[str, list]:
    """Inferred shapes: tensor name -> [int or symbol name or None per dim]."""
    out: Dict[str, list] = {}
    for vi in list(onnx.shape_inference.infer_shapes(m).graph.value_info) + list(m.graph.input):
        t = vi.type.tensor_type
        if t.HasField("shape"):
            out[vi.name] = [d.dim_value if d.HasField("dim_value") else (d.dim_param or None) for d in t.shape.dim]
    return out


def _annotate(g: onnx.GraphProto, name: str, elem: int, dims: list) -> None:
    g.value_info.append(helper.make_tensor_value_info(name, elem, dims))


def vision_2d(m: onnx.ModelProto, dims: Dict[str, list]) -> int:
    """MatMul(A [.., C], W [C, N]) on a rank-4 A -> Reshape(A, [-1, C]) MatMul Reshape(back to A's shape with N).

    The 2-D tensors get symbolic shapes ([crops x h*w, C]) and the reshaped-back ones A's ([crops, h, w, N]) as
    value_info: shape inference cannot derive them through the computed Reshape shapes, and onnxruntime's allocation
    planner reuses a dead tensor's buffer only for a tensor it can prove to be the same size. Without them every
    intermediate of the tower got a buffer of its own (GPU memory of one vision run +2.5 GB on the H200 under
    WebGPU's `simple` cache, which recycles freed buffers only after the run). `dims`: _dims() of the graph as
    exported (onnx's shape inference knows no com.microsoft operator, so it must run before bias_gelu).
    """
    g = m.graph
    shapes = _init_shapes(g)
    elem = {t.name: t.data_type for t in g.initializer}
    nodes = []
    n_done = 0
    g.initializer.append(numpy_helper.from_array(np.array([0], dtype=np.int64), "opt2d_zero"))
    g.initializer.append(numpy_helper.from_array(np.array([-1], dtype=np.int64), "opt2d_m1"))
    for n in g.node:
        w = n.input[1] if n.op_type == "MatMul" and len(n.input) == 2 else None
        if w is None or w not in shapes or len(shapes[w]) != 2:
            nodes.append(n)
            continue
        C, N = shapes[w]
        k = n_done
        cshape = f"opt2d_in_{k}"
        g.initializer.append(numpy_helper.from_array(np.array([-1, C], dtype=np.int64), cshape))
        nshape = f"opt2d_n_{k}"
        g.initializer.append(numpy_helper.from_array(np.array([N], dtype=np.int64), nshape))
        a = n.input[0]
        shp = f"{a}__shape_{k}"
        lead = f"{a}__lead_{k}"
        back = f"{a}__back_{k}"
        flat = f"{a}__flat_{k}"
        y2 = f"{n.output[0]}__2d_{k}"
        nodes.append(helper.make_node("Shape", [a], [shp], name=f"opt2d_shape_{k}"))
        nodes.append(helper.make_node("Slice", [shp, "opt2d_zero", "opt2d_m1"], [lead], name=f"opt2d_slice_{k}"))
        nodes.append(helper.make_node("Concat", [lead, nshape], [back], name=f"opt2d_concat_{k}", axis=0))
        nodes.append(helper.make_node("Reshape", [a, cshape], [flat], name=f"opt2d_flat_{k}"))
        nodes.append(helper.make_node("MatMul", [flat, w], [y2], name=n.name))
        nodes.append(helper.make_node("Reshape", [y2, back], [n.output[0]], name=f"opt2d_back_{k}"))
        ad = dims.get(a)
        if ad and len(ad) == 4 and isinstance(ad[0], str) and all(isinstance(d, int) and d > 0 for d in ad[1:3]) and ad[3] == C:
            rows = f"{ad[0]}x{ad[1] * ad[2]}"
            t = elem[w]
            _annotate(g, flat, t, [rows, C])
            _annotate(g, y2, t, [rows, N])
            _annotate(g, n.output[0], t, [ad[0], ad[1], ad[2], N])
        n_done += 1
    _set_nodes(g, nodes)
    return n_done


def accuracy_level(m: onnx.ModelProto, level: int) -> int:
    n_done = 0
    for n in m.graph.node:
        if n.op_type == "MatMulNBits":
            for a in n.attribute:
                if a.name == "accuracy_level":
                    a.i = level
                    n_done += 1
                    break
            else:
                n.attribute.append(helper.make_attribute("accuracy_level", level))
                n_done += 1
    return n_done


def quantize_blocks(wt: np.ndarray, bits: int, block: int = 32):
    """wt [N, K] float -> (q uint8 [N, K/block, block*bits/8], scales float32 [N * K/block]) for MatMulNBits with the
    default zero point 2^(bits-1); 4-bit packs element 2i in the low nibble (as onnx_writer.quantize_int4)."""
    N, K = wt.shape
    if K % block:
        raise ValueError(f"K={K} is not a multiple of the block {block}")
    wb = wt.astype(np.float32).reshape(N, K // block, block)
    qmax = 2 ** (bits - 1) - 1
    scale = np.abs(wb).max(axis=-1, keepdims=True) / qmax
    scale[scale == 0] = 1.0
    q = (np.clip(np.rint(wb / scale), -qmax - 1, qmax) + qmax + 1).astype(np.uint8)
    if bits == 4:
        q = q[..., 0::2] | (q[..., 1::2] << 4)
    elif bits != 8:
        raise ValueError(f"bits={bits}: only 4 and 8")
    return np.ascontiguousarray(q), scale.reshape(-1)


def vision_nbits(m: onnx.ModelProto, bits: int, level: int, bundle: str, data_name: str) -> int:
    """MatMul(A, W [K, N] constant) -> MatMulNBits(A, q, scales); q and scales are written to bundle/data_name."""
    from onnx.external_data_helper import set_external_data

    g = m.graph
    inits = {t.name: t for t in g.initializer}
    new_inits = []
    nodes = []
    n_done = 0
    with open(os.path.join(bundle, data_name), "wb") as data:

        def external(arr: np.ndarray, name: str) -> onnx.TensorProto:
            t = numpy_helper.from_array(arr, name)
            offset = data.tell()
            raw = t.raw_data
            data.write(raw)
            pad = (-data.tell()) % 64
            data.write(b"\0" * pad)
            set_external_data(t, data_name, offset=offset, length=len(raw))
            t.ClearField("raw_data")
            t.data_location = onnx.TensorProto.EXTERNAL
            return t

        for n in g.node:
            w = inits.get(n.input[1]) if n.op_type == "MatMul" and len(n.input) == 2 else None
            if w is None or len(w.dims) != 2 or w.dims[0] % 32:
                nodes.append(n)
                continue
            K, N = w.dims
            wt = numpy_helper.to_array(w, base_dir=bundle).T  # [N, K]
            q, scales = quantize_blocks(wt, bits)
            dtype = _np_dtype(w.data_type)
            new_inits.append(external(q, w.name + f".q{bits}"))
            new_inits.append(external(scales.astype(dtype), w.name + f".q{bits}_scales"))
            nodes.append(helper.make_node("MatMulNBits", [n.input[0], w.name + f".q{bits}", w.name + f".q{bits}_scales"], list(n.output), name=n.name, domain="com.microsoft", K=K, N=N, bits=bits, block_size=32, accuracy_level=level))
            n_done += 1
    _set_nodes(g, nodes)
    g.initializer.extend(new_inits)
    if n_done and not any(o.domain == "com.microsoft" for o in m.opset_import):
        m.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    return n_done


def _row_length(V: int) -> int:
    """The divisor of V closest to sqrt(V) from below (rows of about equal count and length)."""
    best = 1
    for c in range(1, int(V**0.5) + 1):
        if V % c == 0:
            best = c
    return best


def argmax_2stage(m: onnx.ModelProto) -> int:
    """ArgMax(x [1, 1, V], axis -1, keepdims 0) -> the same index from per-row ArgMax/ReduceMax over [V/C, C]."""
    g = m.graph
    opset = next((o.version for o in m.opset_import if o.domain in ("", "ai.onnx")), 13)
    dims = {}
    for vi in list(g.value_info) + list(g.output) + list(g.input):
        t = vi.type.tensor_type
        if t.HasField("shape"):
            dims[vi.name] = [d.dim_value if d.HasField("dim_value") else None for d in t.shape.dim]
    nodes = []
    n_done = 0
    for n in g.node:
        attrs = {a.name: helper.get_attribute_value(a) for a in n.attribute}
        shape = dims.get(n.input[0]) if n.op_type == "ArgMax" else None
        if (
            shape is None
            or len(shape) != 3
            or shape[0] != 1
            or shape[1] != 1
            or not shape[2]
            or attrs.get("axis", 0) not in (-1, 2)
            or attrs.get("keepdims", 1) != 0
            or attrs.get("select_last_index", 0) != 0
        ):
            nodes.append(n)
            continue
        V = shape[2]
        C = _row_length(V)
        R = V // C
        k = n_done
        pre = f"am2_{k}_"
        g.initializer.append(numpy_helper.from_array(np.array([R, C], dtype=np.int64), pre + "rc"))
        g.initializer.append(numpy_helper.from_array(np.array([C], dtype=np.int64), pre + "c"))
        g.initializer.append(numpy_helper.from_array(np.array([1, 1], dtype=np.int64), pre + "out_shape"))
        x = n.input[0]
        nodes.append(helper.make_node("Reshape", [x, pre + "rc"], [pre + "rows"], name=pre + "reshape"))
        nodes.append(helper.make_node("ArgMax", [pre + "rows"], [pre + "col"], name=pre + "col_argmax", axis=1, keepdims=0))
        if opset >= 18:
            g.initializer.append(numpy_helper.from_array(np.array([1], dtype=np.int64), pre + "axis1"))
            nodes.append(helper.make_node("ReduceMax", [pre + "rows", pre + "axis1"], [pre + "rowmax"], name=pre + "rowmax", keepdims=0))
        else:
            nodes.append(helper.make_node("ReduceMax", [pre + "rows"], [pre + "rowmax"], name=pre + "rowmax", axes=[1], keepdims=0))
        nodes.append(helper.make_node("ArgMax", [pre + "rowmax"], [pre + "row"], name=pre + "row_argmax", axis=0, keepdims=1))
        nodes.append(helper.make_node("Gather", [pre + "col", pre + "row"], [pre + "col_of_row"], name=pre + "gather", axis=0))
        nodes.append(helper.make_node("Mul", [pre + "row", pre + "c"], [pre + "base"], name=pre + "mul"))
        nodes.append(helper.make_node("Add", [pre + "base", pre + "col_of_row"], [pre + "index"], name=pre + "add"))
        nodes.append(helper.make_node("Reshape", [pre + "index", pre + "out_shape"], list(n.output), name=pre + "out"))
        n_done += 1
    _set_nodes(g, nodes)
    return n_done


def nbits_bias(m: onnx.ModelProto) -> int:
    """MatMulNBits(y2) -> Reshape(y2, back) -> Add(r, b [N]) -> MatMulNBits(.., b) -> Reshape (the Add removed)."""
    g = m.graph
    cons = _consumers(g)
    prod = _producer(g)
    shapes = _init_shapes(g)
    drop: set = set()
    n_done = 0
    for add in _bias_adds(g, shapes):
        rs = prod.get(add.input[0])
        if rs is None or rs.op_type != "Reshape" or len(cons.get(rs.output[0], [])) != 1:
            continue
        mm = prod.get(rs.input[0])
        if mm is None or mm.op_type != "MatMulNBits" or len(mm.input) > 3 or len(cons.get(mm.output[0], [])) != 1:
            continue
        N = next(a.i for a in mm.attribute if a.name == "N")
        if shapes[add.input[1]] != [N]:
            continue
        mm.input.extend(["", "", add.input[1]])
        for vi in g.value_info:  # vision_2d's symbolic shape moves with the tensor's new name
            if vi.name == rs.output[0]:
                vi.name = add.output[0]
        rs.output[0] = add.output[0]
        drop.add(id(add))
        n_done += 1
    _set_nodes(g, [n for n in g.node if id(n) not in drop])
    return n_done


def logits_last_real(m: onnx.ModelProto) -> int:
    """Slice(x, -1) before the final norm -> Gather(x, min(n - 1, sum(mask) - 1), axis 1)."""
    g = m.graph
    cons = _consumers(g)
    inits = {t.name: t for t in g.initializer}

    def const(name: str):
        t = inits.get(name)
        return None if t is None else numpy_helper.to_array(t).tolist()

    msum = next((n for n in g.node if n.op_type == "ReduceSum" and n.input[0] == "attention_mask"), None)
    sub = next((u for u in cons.get(msum.output[0], []) if u.op_type == "Sub"), None) if msum else None
    if sub is None:
        raise SystemExit("decoder: no ReduceSum(attention_mask) -> Sub (seqlens) found; not a Magma decoder graph")
    nodes = []
    n_done = 0
    for n in g.node:
        if n.op_type != "Slice" or len(n.input) != 4 or const(n.input[1]) != [-1] or const(n.input[2]) != [2**62] or const(n.input[3]) != [1]:
            nodes.append(n)
            continue
        pre = f"lastreal_{n_done}_"
        for name, v in (("one", [1]), ("b1", [1]), ("e2", [2])):
            g.initializer.append(numpy_helper.from_array(np.array(v, dtype=np.int64), pre + name))
        x = n.input[0]
        nodes.append(helper.make_node("Shape", [x], [pre + "shape"], name=pre + "shape"))
        nodes.append(helper.make_node("Slice", [pre + "shape", pre + "b1", pre + "e2"], [pre + "n"], name=pre + "n"))
        nodes.append(helper.make_node("Sub", [pre + "n", pre + "one"], [pre + "n1"], name=pre + "n1"))
        nodes.append(helper.make_node("Min", [pre + "n1", sub.output[0]], [pre + "index"], name=pre + "min"))
        nodes.append(helper.make_node("Gather", [x, pre + "index"], list(n.output), name=pre + "gather", axis=1))
        n_done += 1
    _set_nodes(g, nodes)
    return n_done


def prune_initializers(m: onnx.ModelProto) -> None:
    used = {i for n in m.graph.node for i in n.input} | {o.name for o in m.graph.output}
    keep = [t for t in m.graph.initializer if t.name in used]
    del m.graph.initializer[:]
    m.graph.initializer.extend(keep)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bundle")
    ap.add_argument("--vision-out")
    ap.add_argument("--vision-2d", action="store_true")
    ap.add_argument("--bias-gelu", action="store_true")
    ap.add_argument("--decoder-out")
    ap.add_argument("--accuracy-level", type=int)
    ap.add_argument("--vision-nbits", type=int, choices=[4, 8])
    ap.add_argument("--argmax-2stage", action="store_true")
    ap.add_argument("--nbits-bias", action="store_true")
    ap.add_argument("--logits-last-real", action="store_true")
    a = ap.parse_args()
    if a.vision_out:
        m = onnx.load(os.path.join(a.bundle, "vision.onnx"), load_external_data=False)
        done = []
        dims = _dims(m) if a.vision_2d else {}
        if a.bias_gelu:
            done.append(f"BiasGelu x{bias_gelu(m)}")
        if a.vision_2d:
            done.append(f"2-D MatMul x{vision_2d(m, dims)}")
        if a.vision_nbits:
            level = 4 if a.accuracy_level is None else a.accuracy_level
            n = vision_nbits(m, a.vision_nbits, level, a.bundle, a.vision_out + ".data")
            done.append(f"MatMulNBits {a.vision_nbits}-bit accuracy_level {level} x{n}")
        if a.nbits_bias:
            done.append(f"MatMulNBits bias x{nbits_bias(m)}")
        prune_initializers(m)
        onnx.save(m, os.path.join(a.bundle, a.vision_out))
        print(f"{a.vision_out}: {', '.join(done) or 'unchanged'}")
    if a.decoder_out:
        m = onnx.load(os.path.join(a.bundle, "decoder.onnx"), load_external_data=False)
        done = []
        if a.accuracy_level is not None:
            done.append(f"accuracy_level={a.accuracy_level} x{accuracy_level(m, a.accuracy_level)}")
        if a.argmax_2stage:
            done.append(f"2-stage ArgMax x{argmax_2stage(m)}")
        if a.logits_last_real:
            done.append(f"logits at the last real row x{logits_last_real(m)}")
            prune_initializers(m)
        onnx.save(m, os.path.join(a.bundle, a.decoder_out))
        print(f"{a.decoder_out}: {', '.join(done) or 'unchanged'}")


if __name__ == "__main__":
    main()
