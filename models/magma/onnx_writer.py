"""Writes the Magma ONNX bundle directly with onnx.helper, from weights looked up by name.

Three graphs (see README.md beside this file for the interface):
  vision.onnx   pixel_values f32 [crops, 3, S, S], grid i64 [2] (rows, cols) -> image_features f32 [T, D]
  embed.onnx    input_ids i64 [1, n] -> inputs_embeds f32 [1, n, D]
  decoder.onnx  inputs_embeds f32 [1, n, D], attention_mask i64 [1, past+n],
                past_key_values.{i}.key/value T [1, kv, past, hd]
                -> logits f32 [1, 1, V] (last position only), next_token i64 [1, 1] (argmax of logits),
                   present.{i}.key/value T [1, kv, past+n, hd]
T is float32 or float16. With int4, the decoder's linear layers (q/k/v fused, o, gate, up, down, lm_head) are
MatMulNBits (4 bits, block 32, symmetric, zero point 8 implied), quantized while writing. Attention is
com.microsoft GroupQueryAttention with the rotary embedding inside (non-interleaved, Llama's rotate_half).

Writing is deterministic: same weights, same bytes. Large initializers go to one external data file per graph.
"""
from __future__ import annotations

import math
import os
from typing import Callable, Dict, List, Optional

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper

from magma_ref import CLIP_MEAN, CLIP_STD, VISION_PREFIX, MagmaConfig, apply_rope_scaling

OPSET = 17
MS_OPSET = 1
INT4_BLOCK = 32

GetW = Callable[[str], torch.Tensor]


class GraphBuilder:
    def __init__(self, name: str, dtype: str, external: Optional[str]):
        self.name = name
        self.T = TensorProto.FLOAT16 if dtype == "fp16" else TensorProto.FLOAT
        self.tdt = torch.float16 if dtype == "fp16" else torch.float32
        self.nodes: List[onnx.NodeProto] = []
        self.inits: List[onnx.TensorProto] = []
        self.inputs: List[onnx.ValueInfoProto] = []
        self.outputs: List[onnx.ValueInfoProto] = []
        self.external = external  # file name of the external data, or None to keep everything inline
        self._ext_f = None
        self._ext_off = 0
        self._n = 0
        self.dir = "."

    def fresh(self, base: str) -> str:
        self._n += 1
        return f"{base}_{self._n}"

    def node(self, op: str, inputs: List[str], outputs: Optional[List[str]] = None, domain: str = "", **attrs) -> str:
        outs = outputs or [self.fresh(op.lower())]
        self.nodes.append(helper.make_node(op, inputs, outs, name=self.fresh("n_" + op), domain=domain or None, **attrs))
        return outs[0]

    def multi(self, op: str, inputs: List[str], n_out: int, domain: str = "", **attrs) -> List[str]:
        outs = [self.fresh(op.lower()) for _ in range(n_out)]
        self.nodes.append(helper.make_node(op, inputs, outs, name=self.fresh("n_" + op), domain=domain or None, **attrs))
        return outs

    def init_array(self, name: str, arr: np.ndarray) -> str:
        arr = np.ascontiguousarray(arr)
        dt = helper.np_dtype_to_tensor_dtype(arr.dtype) if hasattr(helper, "np_dtype_to_tensor_dtype") else onnx.mapping.NP_TYPE_TO_TENSOR_TYPE[arr.dtype]
        if self.external and arr.nbytes >= 1024:
            if self._ext_f is None:
                self._ext_f = open(os.path.join(self.dir, self.external), "wb")
            pad = (-self._ext_off) % 64
            if pad:
                self._ext_f.write(b"\0" * pad)
                self._ext_off += pad
            raw = arr.tobytes()
            self._ext_f.write(raw)
            t = TensorProto()
            t.name = name
            t.data_type = dt
            t.dims.extend(arr.shape)
            t.data_location = TensorProto.EXTERNAL
            for k, v in (("location", self.external), ("offset", str(self._ext_off)), ("length", str(len(raw)))):
                e = t.external_data.add()
                e.key, e.value = k, v
            self._ext_off += len(raw)
        else:
            t = helper.make_tensor(name, dt, arr.shape, arr.tobytes(), raw=True)
        self.inits.append(t)
        return name

    def init_t(self, name: str, t: torch.Tensor, dtype: Optional[torch.dtype] = None) -> str:
        t = t.detach().to(dtype or self.tdt).cpu().contiguous()
        return self.init_array(name, t.numpy())

    def const_i64(self, vals, name: Optional[str] = None) -> str:
        return self.init_array(name or self.fresh("c"), np.array(vals, dtype=np.int64))

    def scalar_i64(self, v: int) -> str:
        return self.init_array(self.fresh("s"), np.array(v, dtype=np.int64))

    def save(self, directory: str, file_name: str) -> str:
        if self._ext_f:
            self._ext_f.close()
        g = helper.make_graph(self.nodes, self.name, self.inputs, self.outputs, self.inits)
        m = helper.make_model(
            g,
            opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid("com.microsoft", MS_OPSET)],
            producer_name="magma-desk export",
        )
        m.ir_version = 8
        path = os.path.join(directory, file_name)
        with open(path, "wb") as f:
            f.write(m.SerializeToString())
        return path

    # common pieces ------------------------------------------------------------------------------------------
    def linear(self, x: str, w: torch.Tensor, b: Optional[torch.Tensor], name: str) -> str:
        y = self.node("MatMul", [x, self.init_t(name + ".wT", w.t())])
        if b is not None:
            y = self.node("Add", [y, self.init_t(name + ".b", b)])
        return y

    def gelu(self, x: str) -> str:
        half = self.init_t(self.fresh("half"), torch.tensor(0.5))
        one = self.init_t(self.fresh("one"), torch.tensor(1.0))
        inv = self.init_t(self.fresh("isqrt2"), torch.tensor(1.0 / math.sqrt(2.0)))
        e = self.node("Erf", [self.node("Mul", [x, inv])])
        return self.node("Mul", [self.node("Mul", [x, half]), self.node("Add", [e, one])])

    def layer_norm(self, x: str, w: torch.Tensor, b: torch.Tensor, eps: float, name: str) -> str:
        return self.node("LayerNormalization", [x, self.init_t(name + ".w", w), self.init_t(name + ".b", b)], axis=-1, epsilon=eps)


# ------------------------------------------------------------------------------------------------- vision


def write_vision(c: MagmaConfig, get: GetW, directory: str, dtype: str, external: bool) -> str:
    g = GraphBuilder("magma_vision", dtype, "vision.onnx.data" if external else None)
    g.dir = directory
    S, f, D = c.crop_size, c.features_per_side, c.hidden_size
    g.inputs.append(helper.make_tensor_value_info("pixel_values", TensorProto.FLOAT, ["crops", 3, S, S]))
    g.inputs.append(helper.make_tensor_value_info("grid", TensorProto.INT64, [2]))
    T_name = "image_features"
    g.outputs.append(helper.make_tensor_value_info(T_name, TensorProto.FLOAT, ["tokens", D]))
    p = VISION_PREFIX
    x = g.node("Cast", ["pixel_values"], to=g.T) if g.T != TensorProto.FLOAT else "pixel_values"

    def ln2d(x: str, pre: str) -> str:
        y = g.node("Transpose", [x], perm=[0, 2, 3, 1])
        y = g.layer_norm(y, get(pre + ".weight"), get(pre + ".bias"), c.ln_eps, pre)
        return g.node("Transpose", [y], perm=[0, 3, 1, 2])

    x = g.node("Conv", [x, g.init_t(p + "stem.0.weight", get(p + "stem.0.weight")), g.init_t(p + "stem.0.bias", get(p + "stem.0.bias"))], kernel_shape=[4, 4], strides=[4, 4])
    x = ln2d(x, p + "stem.1")
    for s, depth in enumerate(c.depths):
        sp = f"{p}stages.{s}."
        dim = c.dims[s]
        if s > 0:
            x = ln2d(x, sp + "downsample.0")
            x = g.node("Conv", [x, g.init_t(sp + "downsample.1.weight", get(sp + "downsample.1.weight")), g.init_t(sp + "downsample.1.bias", get(sp + "downsample.1.bias"))], kernel_shape=[2, 2], strides=[2, 2])
        for b in range(depth):
            bp = f"{sp}blocks.{b}."
            sc = x
            y = g.node("Conv", [x, g.init_t(bp + "conv_dw.weight", get(bp + "conv_dw.weight")), g.init_t(bp + "conv_dw.bias", get(bp + "conv_dw.bias"))], kernel_shape=[7, 7], pads=[3, 3, 3, 3], group=dim)
            y = g.node("Transpose", [y], perm=[0, 2, 3, 1])
            y = g.layer_norm(y, get(bp + "norm.weight"), get(bp + "norm.bias"), c.ln_eps, bp + "norm")
            y = g.linear(y, get(bp + "mlp.fc1.weight"), get(bp + "mlp.fc1.bias"), bp + "mlp.fc1")
            y = g.gelu(y)
            y = g.linear(y, get(bp + "mlp.fc2.weight"), get(bp + "mlp.fc2.bias"), bp + "mlp.fc2")
            y = g.node("Mul", [y, g.init_t(bp + "gamma", get(bp + "gamma"))])
            y = g.node("Transpose", [y], perm=[0, 3, 1, 2])
            x = g.node("Add", [y, sc])
    x = g.node("Transpose", [x], perm=[0, 2, 3, 1])  # [N, f, f, C]
    mp = "multi_modal_projector."
    x = g.linear(x, get(mp + "proj.0.weight"), get(mp + "proj.0.bias"), mp + "proj.0")
    x = g.gelu(x)
    x = g.linear(x, get(mp + "proj.2.weight"), get(mp + "proj.2.bias"), mp + "proj.2")  # [N, f, f, D]
    # Stitch: [rows, cols, f, f, D] -> [rows, f, cols, f, D] -> [rows*f, cols*f, D]
    shape5 = g.node("Concat", ["grid", g.const_i64([f, f, D])], axis=0)
    x = g.node("Reshape", [x, shape5])
    x = g.node("Transpose", [x], perm=[0, 2, 1, 3, 4])
    fcol = g.node("Mul", ["grid", g.const_i64([f, f])])  # [rows*f, cols*f]
    shape3 = g.node("Concat", [fcol, g.const_i64([D])], axis=0)
    x = g.node("Reshape", [x, shape3])
    if c.row_separator:
        rows_f = g.node("Slice", [fcol, g.const_i64([0]), g.const_i64([1]), g.const_i64([0])])
        sep_shape = g.node("Concat", [rows_f, g.const_i64([1, D])], axis=0)
        sep = g.node("Expand", [g.init_t(mp + "row_seperator", get(mp + "row_seperator").reshape(1, 1, D)), sep_shape])
        x = g.node("Concat", [x, sep], axis=1)
    x = g.node("Reshape", [x, g.const_i64([-1, D])])
    if g.T != TensorProto.FLOAT:
        g.node("Cast", [x], [T_name], to=TensorProto.FLOAT)
    else:
        g.node("Identity", [x], [T_name])
    return g.save(directory, "vision.onnx")


# ------------------------------------------------------------------------------------------------- embed


def write_embed(c: MagmaConfig, get: GetW, directory: str, dtype: str, external: bool) -> str:
    g = GraphBuilder("magma_embed", dtype, "embed.onnx.data" if external else None)
    g.dir = directory
    g.inputs.append(helper.make_tensor_value_info("input_ids", TensorProto.INT64, [1, "n"]))
    g.outputs.append(helper.make_tensor_value_info("inputs_embeds", TensorProto.FLOAT, [1, "n", c.hidden_size]))
    table = g.init_t("embed_tokens", get("language_model.model.embed_tokens.weight"))
    e = g.node("Gather", [table, "input_ids"], axis=0)
    if g.T != TensorProto.FLOAT:
        g.node("Cast", [e], ["inputs_embeds"], to=TensorProto.FLOAT)
    else:
        g.node("Identity", [e], ["inputs_embeds"])
    return g.save(directory, "embed.onnx")


# ------------------------------------------------------------------------------------------------- decoder


def quantize_int4(w: torch.Tensor, block: int = INT4_BLOCK):
    """w [N, K] -> (packed uint8 [N, K/block, block/2], scales [N * K/block]) for MatMulNBits (zero point 8)."""
    N, K = w.shape
    if K % block:
        raise ValueError(f"K={K} is not a multiple of the int4 block {block}")
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    wb = w.to(dev, torch.float32).reshape(N, K // block, block)
    amax = wb.abs().amax(dim=-1, keepdim=True)
    scale = amax / 7.0
    scale = torch.where(scale == 0, torch.ones_like(scale), scale)
    q = torch.clamp(torch.round(wb / scale) + 8, 0, 15).to(torch.uint8)
    packed = (q[..., 0::2] | (q[..., 1::2] << 4)).contiguous()
    return packed.cpu(), scale.reshape(-1).cpu()


def dequantize_int4(packed: torch.Tensor, scales: torch.Tensor, N: int, K: int, block: int = INT4_BLOCK) -> torch.Tensor:
    lo = (packed & 0xF).to(torch.float32)
    hi = (packed >> 4).to(torch.float32)
    q = torch.stack([lo, hi], dim=-1).reshape(N, K // block, block)
    return ((q - 8) * scales.float().reshape(N, K // block, 1)).reshape(N, K)


def write_decoder(c: MagmaConfig, get: GetW, directory: str, dtype: str, int4: bool, external: bool, progress=None) -> str:
    g = GraphBuilder("magma_decoder", dtype, "decoder.onnx.data" if external else None)
    g.dir = directory
    D, H, KV, hd, I, V = c.hidden_size, c.num_heads, c.num_kv_heads, c.head_dim, c.intermediate_size, c.vocab_size
    g.inputs.append(helper.make_tensor_value_info("inputs_embeds", TensorProto.FLOAT, [1, "n", D]))
    g.inputs.append(helper.make_tensor_value_info("attention_mask", TensorProto.INT64, [1, "total"]))
    for i in range(c.num_layers):
        for kv in ("key", "value"):
            g.inputs.append(helper.make_tensor_value_info(f"past_key_values.{i}.{kv}", g.T, [1, KV, "past", hd]))
    g.outputs.append(helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, 1, V]))
    g.outputs.append(helper.make_tensor_value_info("next_token", TensorProto.INT64, [1, 1]))
    for i in range(c.num_layers):
        for kv in ("key", "value"):
            g.outputs.append(helper.make_tensor_value_info(f"present.{i}.{kv}", g.T, [1, KV, "total", hd]))

    def mm(x: str, w: torch.Tensor, name: str) -> str:
        """x @ w.T for an HF weight w [N, K]."""
        N, K = w.shape
        if int4:
            packed, scales = quantize_int4(w)
            b = g.init_array(name + ".qweight", packed.numpy())
            s = g.init_t(name + ".scales", scales)
            return g.node("MatMulNBits", [x, b, s], domain="com.microsoft", K=K, N=N, bits=4, block_size=INT4_BLOCK, accuracy_level=4 if g.T == TensorProto.FLOAT16 else 0)
        return g.node("MatMul", [x, g.init_t(name + ".wT", w.t())])

    def rms(x: str, w: torch.Tensor, name: str) -> str:
        return g.node("SimplifiedLayerNormalization", [x, g.init_t(name, w)], axis=-1, epsilon=c.rms_eps, stash_type=1)

    x = g.node("Cast", ["inputs_embeds"], to=g.T) if g.T != TensorProto.FLOAT else "inputs_embeds"
    # seqlens_k = sum(mask) - 1 (int32 [1]); total_sequence_length = mask.shape[1] (int32 scalar)
    msum = g.node("ReduceSum", ["attention_mask", g.const_i64([1])], keepdims=0)
    seqlens = g.node("Cast", [g.node("Sub", [msum, g.const_i64([1])])], to=TensorProto.INT32)
    total = g.node("Cast", [g.node("Gather", [g.node("Shape", ["attention_mask"]), g.scalar_i64(1)], axis=0)], to=TensorProto.INT32)
    inv = 1.0 / (c.rope_theta ** (torch.arange(0, hd, 2, dtype=torch.float64) / hd))
    inv = apply_rope_scaling(inv, c.rope_scaling)
    freqs = torch.arange(c.max_positions, dtype=torch.float64)[:, None] * inv[None, :]
    cos = g.init_t("cos_cache", freqs.cos())
    sin = g.init_t("sin_cache", freqs.sin())
    lm = "language_model.model."
    for i in range(c.num_layers):
        lp = f"{lm}layers.{i}."
        h = rms(x, get(lp + "input_layernorm.weight"), lp + "input_layernorm")
        wqkv = torch.cat([get(lp + "self_attn.q_proj.weight"), get(lp + "self_attn.k_proj.weight"), get(lp + "self_attn.v_proj.weight")], dim=0)
        qkv = mm(h, wqkv, lp + "self_attn.qkv_proj")
        attn, _, _ = (
            g.node(
                "GroupQueryAttention",
                [qkv, "", "", f"past_key_values.{i}.key", f"past_key_values.{i}.value", seqlens, total, cos, sin],
                [g.fresh("attn"), f"present.{i}.key", f"present.{i}.value"],
                domain="com.microsoft",
                num_heads=H,
                kv_num_heads=KV,
                scale=1.0 / math.sqrt(hd),
                do_rotary=1,
                rotary_interleaved=0,
            ),
            None,
            None,
        )
        x = g.node("Add", [x, mm(attn, get(lp + "self_attn.o_proj.weight"), lp + "self_attn.o_proj")])
        h = rms(x, get(lp + "post_attention_layernorm.weight"), lp + "post_attention_layernorm")
        gate = mm(h, get(lp + "mlp.gate_proj.weight"), lp + "mlp.gate_proj")
        up = mm(h, get(lp + "mlp.up_proj.weight"), lp + "mlp.up_proj")
        act = g.node("Mul", [g.node("Mul", [gate, g.node("Sigmoid", [gate])]), up])
        x = g.node("Add", [x, mm(act, get(lp + "mlp.down_proj.weight"), lp + "mlp.down_proj")])
        if progress:
            progress(i)
    last = g.node("Slice", [x, g.const_i64([-1]), g.const_i64([2**62]), g.const_i64([1])])
    h = rms(last, get(lm + "norm.weight"), lm + "norm")
    logits = mm(h, get("language_model.lm_head.weight"), "lm_head")
    if g.T != TensorProto.FLOAT:
        g.node("Cast", [logits], ["logits"], to=TensorProto.FLOAT)
    else:
        g.node("Identity", [logits], ["logits"])
    # Greedy choice on the device: a step reads back 8 bytes instead of the vocabulary's logits.
    g.node("ArgMax", ["logits"], ["next_token"], axis=-1, keepdims=0, select_last_index=0)
    return g.save(directory, "decoder.onnx")


def write_kv_init(c: MagmaConfig, directory: str, dtype: str) -> str:
    """kv_init.onnx: `capacity` i64 [1] -> kv.{i}.key/value zeros T [1, kv, capacity, hd].

    A runtime that keeps the cache on the device makes these buffers there once per sequence and binds each as
    both past_key_values.{i}.* and present.{i}.*: GroupQueryAttention then appends in place (static KV cache,
    no copy of the whole cache per token).
    """
    g = GraphBuilder("magma_kv_init", dtype, None)
    g.dir = directory
    g.inputs.append(helper.make_tensor_value_info("capacity", TensorProto.INT64, [1]))
    shape = g.node("Concat", [g.const_i64([1, c.num_kv_heads]), "capacity", g.const_i64([c.head_dim])], axis=0)
    zero = helper.make_tensor("zero", g.T, [1], np.zeros(1, dtype=np.float16 if g.T == TensorProto.FLOAT16 else np.float32).tobytes(), raw=True)
    for i in range(c.num_layers):
        for kv in ("key", "value"):
            name = f"kv.{i}.{kv}"
            g.outputs.append(helper.make_tensor_value_info(name, g.T, [1, c.num_kv_heads, "capacity", c.head_dim]))
            g.node("ConstantOfShape", [shape], [name], value=zero)
    return g.save(directory, "kv_init.onnx")


def preprocessing_manifest(c: MagmaConfig) -> dict:
    return {
        "cropSize": c.crop_size,
        "maxCrops": c.max_crops,
        "featuresPerSide": c.features_per_side,
        "rowSeparator": c.row_separator,
        "mean": list(CLIP_MEAN),
        "std": list(CLIP_STD),
        "resize": "bilinear, align_corners=False, no antialias, on the normalized tensor, aspect not preserved",
    }
