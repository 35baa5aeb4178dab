"""Graph-level rewrites of an exported Magma bundle, for speed on WebGPU (no weights change, no torch needed).

    python3 models/magma/optimize_graphs.py <bundle> --vision-out vision_opt.onnx [--vision-2d] [--bias-gelu]
    python3 models/magma/optimize_graphs.py <bundle> --decoder-out decoder_acc0.onnx --accuracy-level 0

Writes the rewritten graph beside the originals; it keeps pointing at the same external .data file, so a variant
costs only the graph's protobuf. Benchmarks load it with `scripts/bench-magma.ts --vision-graph/--decoder-graph`.

Rewrites:
  --vision-2d   ConvNeXt MLP MatMuls on [N, h, w, C] inputs become Reshape([-1, C]) -> MatMul -> Reshape back, so
                the provider sees one [N*h*w, C] x [C, 4C] product instead of N*h batched [w, C] ones.
  --bias-gelu   MatMul -> Add(bias) -> exact-erf GELU (the 5-node pattern onnx_writer.gelu writes) becomes
                MatMul -> com.microsoft BiasGelu (one elementwise pass instead of five).
  --accuracy-level N   MatMulNBits accuracy_level (0: float arithmetic, 4: int8 activations).
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


def _init_shapes(g: onnx.GraphProto) -> Dict[str, List[int]]:
    return {t.name: list(t.dims) for t in g.initializer}


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
    for add in list(g.node):
        if add.op_type != "Add" or len(add.input) != 2 or add.input[1] not in shapes or len(shapes[add.input[1]]) != 1:
            continue
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
    del g.node[:]
    g.node.extend(nodes)
    if n_done and not any(o.domain == "com.microsoft" for o in m.opset_import):
        m.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    return n_done


def vision_2d(m: onnx.ModelProto) -> int:
    """MatMul(A [.., C], W [C, N]) on a rank-4 A -> Reshape(A, [-1, C]) MatMul Reshape(back to A's shape with N)."""
    g = m.graph
    shapes = _init_shapes(g)
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
        n_done += 1
    del g.node[:]
    g.node.extend(nodes)
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
    a = ap.parse_args()
    if a.vision_out:
        m = onnx.load(os.path.join(a.bundle, "vision.onnx"), load_external_data=False)
        done = []
        if a.bias_gelu:
            done.append(f"BiasGelu x{bias_gelu(m)}")
        if a.vision_2d:
            done.append(f"2-D MatMul x{vision_2d(m)}")
        prune_initializers(m)
        onnx.save(m, os.path.join(a.bundle, a.vision_out))
        print(f"{a.vision_out}: {', '.join(done) or 'unchanged'}")
    if a.decoder_out:
        m = onnx.load(os.path.join(a.bundle, "decoder.onnx"), load_external_data=False)
        done = []
        if a.accuracy_level is not None:
            done.append(f"accuracy_level={a.accuracy_level} x{accuracy_level(m, a.accuracy_level)}")
        onnx.save(m, os.path.join(a.bundle, a.decoder_out))
        print(f"{a.decoder_out}: {', '.join(done) or 'unchanged'}")


if __name__ == "__main__":
    main()
