"""Single-operator graphs at Magma's shapes, for timing one MatMul or MatMulNBits kernel (scripts/bench-matmul.ts).

    python3 models/magma/single_op_graphs.py --to DIR [--cases 1284x4096x14336,...] [--variants fp16,q4a4,...] [--repeat R]

Each case is MxKxN: Y[M, N] = A[M, K] @ W[K, N], A and Y float16. Variants:
  fp16    MatMul with a float16 weight
  qBaL    MatMulNBits, B bits (4 or 8), block 32, symmetric (no zero points), accuracy_level L (0: float
          arithmetic; 4: int8 activations, onnxruntime's DP4A kernels)
--repeat R chains R of them in one graph, alternating K->N and N->K (two shared weights), so one run keeps the GPU
busy as long as a model does (on the H200 a lone kernel ran at the same rate as a chain of 16, and as inside
Magma). Weights are random: the kernels' speed does not depend on the values. Writes DIR/<case>-<variant>.onnx and
DIR/index.json (what bench-matmul.ts reads).
"""
from __future__ import annotations

import argparse
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

BLOCK = 32

# Where Magma runs these shapes (M = rows):
#   1284 x 4096 x 6144 / 14336 and 1284 x 14336 x 4096: the decoder's prefill of a 1920x1080 step (qkv, gate|up, down)
#   4096 x 1536 x 6144 and 4096 x 6144 x 1536: vision stage 3 MLP (4 crops x 32 x 32 positions, 30 blocks)
#   65536 x 384 x 1536: vision stage 1 MLP (4 crops x 128 x 128)
DEFAULT_CASES = "1284x4096x6144,1284x4096x14336,1284x14336x4096,1280x4096x14336,4096x1536x6144,4096x6144x1536,65536x384x1536"
DEFAULT_VARIANTS = "fp16,q4a4,q4a0,q8a4,q8a0"


def op(variant: str, x: str, y: str, K: int, N: int, w: str, inits: list, rng: np.random.Generator) -> onnx.NodeProto:
    """One Y = X @ W node; its weight `w` is made once (the first time) and shared by later nodes."""
    have = {t.name for t in inits}
    if variant == "fp16":
        if w not in have:
            inits.append(numpy_helper.from_array((rng.standard_normal((K, N), dtype=np.float32) * (1.0 / np.sqrt(K))).astype(np.float16), w))
        return helper.make_node("MatMul", [x, w], [y])
    bits, level = int(variant[1]), int(variant[3:])
    if bits not in (4, 8) or variant[2] != "a":
        raise ValueError(f"unknown variant {variant}")
    if K % BLOCK:
        raise ValueError(f"K={K} is not a multiple of the block {BLOCK}")
    if w not in have:
        blob = BLOCK * bits // 8
        inits.append(numpy_helper.from_array(rng.integers(0, 256, (N, K // BLOCK, blob), dtype=np.uint8), w))
        scale = np.float16(1.0 / (np.sqrt(K) * (2 ** (bits - 1))))
        inits.append(numpy_helper.from_array(np.full(N * (K // BLOCK), scale, dtype=np.float16), w + "_scales"))
    return helper.make_node("MatMulNBits", [x, w, w + "_scales"], [y], domain="com.microsoft", K=K, N=N, bits=bits, block_size=BLOCK, accuracy_level=level)


def graph(M: int, K: int, N: int, variant: str, rng: np.random.Generator, repeat: int = 1) -> onnx.ModelProto:
    a = helper.make_tensor_value_info("A", TensorProto.FLOAT16, [M, K])
    inits: list = []
    nodes = []
    x, k, n = "A", K, N
    for i in range(repeat):
        y = "Y" if i == repeat - 1 else f"h{i}"
        nodes.append(op(variant, x, y, k, n, "W" if i % 2 == 0 else "W2", inits, rng))
        x, k, n = y, n, k
    y = helper.make_tensor_value_info("Y", TensorProto.FLOAT16, [M, k])
    g = helper.make_graph(nodes, f"{variant}_{M}x{K}x{N}x{repeat}", [a], [y], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 21), helper.make_opsetid("com.microsoft", 1)])
    m.ir_version = 10
    return m


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--to", required=True)
    ap.add_argument("--cases", default=DEFAULT_CASES)
    ap.add_argument("--variants", default=DEFAULT_VARIANTS)
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    os.makedirs(a.to, exist_ok=True)
    rng = np.random.default_rng(0)
    index = []
    for case in a.cases.split(","):
        M, K, N = (int(x) for x in case.split("x"))
        for v in a.variants.split(","):
            name = f"{case}-{v}"
            onnx.save(graph(M, K, N, v, rng, a.repeat), os.path.join(a.to, name + ".onnx"))
            entry = {"name": name, "file": name + ".onnx", "op": "MatMul" if v == "fp16" else "MatMulNBits", "M": M, "K": K, "N": N, "repeat": a.repeat}
            if v != "fp16":
                entry.update(bits=int(v[1]), accuracyLevel=int(v[3:]))
            index.append(entry)
    with open(os.path.join(a.to, "index.json"), "w") as f:
        json.dump(index, f, indent=1)
    print(f"{len(index)} graphs in {a.to}")


if __name__ == "__main__":
    main()
