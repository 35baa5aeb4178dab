"""A PyTorch reference implementation of Magma-8B, written in this project (see shared/MAGMA.md).

ConvNeXt trunk (stem + stages, timm names), mlp2x_gelu projector, crop stitching with row separators, Llama-3
decoder. Weights are looked up by tensor name in a dict-like store; `check_keys` fails on any missing or
unexpected key except the known-unused families (the `.gamma` trap: a loader that renames layer-scale keys
silently produces a random vision tower).

It is the reference for the fixtures (float32) and the PyTorch side of the benchmark (bf16, eager,
token-by-token generation with a KV cache).
"""
from __future__ import annotations

import json
import math
import os
import re
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F

CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
CLIP_STD = (0.26862954, 0.26130258, 0.27577711)
SYSTEM_PROMPT = "You are agent that can see, talk and act."

VISION_PREFIX = "vision_tower.clip_vision_model.trunk."
# Tensors the official module tree holds but forward never reads: allowed by family, nothing else is.
UNUSED_FAMILIES = ("vision_tower.clip_vision_model.trunk.head.", "vision_tower.clip_vision_model.head.")
SPECIAL_TOKENS = {
    "bos": "<|begin_of_text|>",
    "eos": "<|eot_id|>",
    "pad": "<pad>",
    "image": "<image>",
    "image_start": "<image_start>",
    "image_end": "<image_end>",
    "start_header": "<|start_header_id|>",
    "end_header": "<|end_header_id|>",
}


@dataclass
class MagmaConfig:
    # text
    vocab_size: int = 128320
    hidden_size: int = 4096
    intermediate_size: int = 14336
    num_layers: int = 32
    num_heads: int = 32
    num_kv_heads: int = 8
    head_dim: int = 128
    rope_theta: float = 500000.0
    rope_scaling: Optional[dict] = None
    rms_eps: float = 1e-5
    max_positions: int = 8192
    # vision
    depths: Tuple[int, ...] = (3, 4, 30, 3)
    dims: Tuple[int, ...] = (384, 768, 1536, 3072)
    ln_eps: float = 1e-5
    crop_size: int = 512
    max_crops: int = 4
    row_separator: bool = True
    # tokens (filled from the tokenizer files)
    special_ids: Dict[str, int] = field(default_factory=dict)

    @property
    def features_per_side(self) -> int:
        return self.crop_size // 32

    @property
    def mm_hidden(self) -> int:
        return self.dims[-1]

    def to_json(self) -> dict:
        d = asdict(self)
        d["depths"] = list(self.depths)
        d["dims"] = list(self.dims)
        return d


def load_config(ckpt_dir: str) -> Tuple[MagmaConfig, List[str]]:
    """Reads config.json (+ tokenizer files for the special ids). Returns the config and notes to print."""
    notes: List[str] = []
    with open(os.path.join(ckpt_dir, "config.json")) as f:
        raw = json.load(f)
    text = raw.get("text_config") or raw
    vis = raw.get("vision_config") or {}
    c = MagmaConfig()
    c.vocab_size = int(text.get("vocab_size", c.vocab_size))
    c.hidden_size = int(text.get("hidden_size", c.hidden_size))
    c.intermediate_size = int(text.get("intermediate_size", c.intermediate_size))
    c.num_layers = int(text.get("num_hidden_layers", c.num_layers))
    c.num_heads = int(text.get("num_attention_heads", c.num_heads))
    c.num_kv_heads = int(text.get("num_key_value_heads", c.num_kv_heads))
    c.head_dim = int(text.get("head_dim") or c.hidden_size // c.num_heads)
    c.rope_theta = float(text.get("rope_theta", c.rope_theta))
    c.rope_scaling = text.get("rope_scaling")
    c.rms_eps = float(text.get("rms_norm_eps", c.rms_eps))
    c.max_positions = int(text.get("max_position_embeddings", c.max_positions))
    if text.get("tie_word_embeddings"):
        notes.append("WARNING: config says tie_word_embeddings=true; the exporter expects an untied lm_head")
    # No size table: the ConvNeXt depths and widths come from the trunk's tensor names and shapes (as the
    # TypeScript converter reads them), so any checkpoint of Magma's architecture loads.
    c.depths, c.dims = trunk_sizes(ckpt_dir)
    c.crop_size = int(vis.get("img_size", vis.get("crop_size", c.crop_size)))
    c.max_crops = int(vis.get("max_num_crops", c.max_crops))
    c.row_separator = bool(vis.get("mm_use_row_seperator", True))  # the official (misspelt) key
    c.special_ids = find_special_ids(ckpt_dir)
    image_index = raw.get("image_token_index", raw.get("image_token_id"))
    if image_index is not None and c.special_ids.get("image") not in (None, image_index):
        notes.append(f"WARNING: config image_token_index={image_index} but the tokenizer says <image>={c.special_ids.get('image')}")
    if c.rope_scaling:
        notes.append(f"rope_scaling found: {c.rope_scaling}")
    return c, notes


def trunk_sizes(ckpt_dir: str) -> Tuple[Tuple[int, ...], Tuple[int, ...]]:
    """(depths, dims) of the ConvNeXt trunk from the checkpoint's tensor names and shapes."""
    from safetensors_io import Checkpoint  # local: safetensors_io is a sibling module

    ck = Checkpoint(ckpt_dir)
    blocks: Dict[int, int] = {}
    for n in ck.keys():
        m = re.match(re.escape(VISION_PREFIX) + r"stages\.(\d+)\.blocks\.(\d+)\.", n)
        if m:
            s, b = int(m.group(1)), int(m.group(2))
            blocks[s] = max(blocks.get(s, 0), b + 1)
    if not blocks or sorted(blocks) != list(range(len(blocks))):
        raise ValueError(f"no complete ConvNeXt trunk in the checkpoint (stages found: {sorted(blocks)})")
    depths = tuple(blocks[s] for s in range(len(blocks)))
    dims = tuple(ck.shape(f"{VISION_PREFIX}stages.{s}.blocks.0.conv_dw.weight")[0] for s in range(len(blocks)))
    return depths, dims


def find_special_ids(ckpt_dir: str) -> Dict[str, int]:
    vocab: Dict[str, int] = {}
    tj = os.path.join(ckpt_dir, "tokenizer.json")
    if os.path.exists(tj):
        with open(tj) as f:
            t = json.load(f)
        for a in t.get("added_tokens", []):
            vocab[a["content"]] = int(a["id"])
        for k, v in (t.get("model", {}).get("vocab") or {}).items():
            vocab.setdefault(k, int(v))
    tc = os.path.join(ckpt_dir, "tokenizer_config.json")
    if os.path.exists(tc):
        with open(tc) as f:
            for i, a in (json.load(f).get("added_tokens_decoder") or {}).items():
                vocab.setdefault(a["content"], int(i))
    ids = {}
    for k, s in SPECIAL_TOKENS.items():
        if s in vocab:
            ids[k] = vocab[s]
    missing = [SPECIAL_TOKENS[k] for k in SPECIAL_TOKENS if k not in ids]
    if missing:
        raise ValueError(f"tokenizer files lack special tokens: {missing}")
    return ids


# ---------------------------------------------------------------------------------------------------- keys


def expected_keys(c: MagmaConfig) -> Dict[str, Tuple[int, ...]]:
    """Every tensor forward reads, with its shape."""
    k: Dict[str, Tuple[int, ...]] = {}
    p = VISION_PREFIX
    d0 = c.dims[0]
    k[p + "stem.0.weight"] = (d0, 3, 4, 4)
    k[p + "stem.0.bias"] = (d0,)
    k[p + "stem.1.weight"] = (d0,)
    k[p + "stem.1.bias"] = (d0,)
    for s, (depth, dim) in enumerate(zip(c.depths, c.dims)):
        sp = f"{p}stages.{s}."
        if s > 0:
            prev = c.dims[s - 1]
            k[sp + "downsample.0.weight"] = (prev,)
            k[sp + "downsample.0.bias"] = (prev,)
            k[sp + "downsample.1.weight"] = (dim, prev, 2, 2)
            k[sp + "downsample.1.bias"] = (dim,)
        for b in range(depth):
            bp = f"{sp}blocks.{b}."
            k[bp + "conv_dw.weight"] = (dim, 1, 7, 7)
            k[bp + "conv_dw.bias"] = (dim,)
            k[bp + "norm.weight"] = (dim,)
            k[bp + "norm.bias"] = (dim,)
            k[bp + "mlp.fc1.weight"] = (4 * dim, dim)
            k[bp + "mlp.fc1.bias"] = (4 * dim,)
            k[bp + "mlp.fc2.weight"] = (dim, 4 * dim)
            k[bp + "mlp.fc2.bias"] = (dim,)
            k[bp + "gamma"] = (dim,)
    D = c.hidden_size
    k["multi_modal_projector.proj.0.weight"] = (D, c.mm_hidden)
    k["multi_modal_projector.proj.0.bias"] = (D,)
    k["multi_modal_projector.proj.2.weight"] = (D, D)
    k["multi_modal_projector.proj.2.bias"] = (D,)
    if c.row_separator:
        k["multi_modal_projector.row_seperator"] = (1, 1, D)
    lm = "language_model.model."
    k[lm + "embed_tokens.weight"] = (c.vocab_size, D)
    H, KV, hd, I = c.num_heads, c.num_kv_heads, c.head_dim, c.intermediate_size
    for i in range(c.num_layers):
        lp = f"{lm}layers.{i}."
        k[lp + "self_attn.q_proj.weight"] = (H * hd, D)
        k[lp + "self_attn.k_proj.weight"] = (KV * hd, D)
        k[lp + "self_attn.v_proj.weight"] = (KV * hd, D)
        k[lp + "self_attn.o_proj.weight"] = (D, H * hd)
        k[lp + "mlp.gate_proj.weight"] = (I, D)
        k[lp + "mlp.up_proj.weight"] = (I, D)
        k[lp + "mlp.down_proj.weight"] = (D, I)
        k[lp + "input_layernorm.weight"] = (D,)
        k[lp + "post_attention_layernorm.weight"] = (D,)
    k[lm + "norm.weight"] = (D,)
    k["language_model.lm_head.weight"] = (c.vocab_size, D)
    return k


def check_keys(c: MagmaConfig, names: Sequence[str], shape_of) -> List[str]:
    """Fails (ValueError) on any missing, unexpected or mis-shaped tensor. Returns the ignored unused keys."""
    exp = expected_keys(c)
    have = set(names)
    missing = sorted(set(exp) - have)
    unused = sorted(n for n in have - set(exp) if n.startswith(UNUSED_FAMILIES))
    unexpected = sorted(n for n in have - set(exp) if not n.startswith(UNUSED_FAMILIES))
    bad_shape = [f"{n}: {tuple(shape_of(n))} != {exp[n]}" for n in sorted(set(exp) & have) if tuple(shape_of(n)) != exp[n]]
    problems = []
    if missing:
        problems.append(f"{len(missing)} missing (first: {missing[:8]})")
    if unexpected:
        problems.append(f"{len(unexpected)} unexpected (first: {unexpected[:8]})")
    if bad_shape:
        problems.append(f"{len(bad_shape)} with the wrong shape (first: {bad_shape[:4]})")
    if problems:
        hint = ""
        if any(".gamma" in m for m in missing):
            hint = " Layer-scale keys must end in `.gamma`: a checkpoint re-saved by an old loader renamed them."
        raise ValueError("checkpoint does not match the Magma layout: " + "; ".join(problems) + "." + hint)
    return unused


# ---------------------------------------------------------------------------------------------- preprocessing


def grid_candidates(max_crops: int, crop: int) -> List[Tuple[int, int]]:
    return [(i * crop, j * crop) for i in range(1, max_crops + 1) for j in range(1, max_crops // i + 1)]


def select_grid(width: int, height: int, max_crops: int, crop: int) -> Tuple[int, int]:
    """Returns (rows, cols) per MAGMA.md: max effective resolution, ties -> min waste, first wins."""
    best = None
    best_eff, best_waste = -1, float("inf")
    for w, h in grid_candidates(max_crops, crop):
        scale = min(w / width, h / height)
        eff = min(int(width * scale) * int(height * scale), width * height)
        waste = w * h - eff
        if eff > best_eff or (eff == best_eff and waste < best_waste):
            best, best_eff, best_waste = (w, h), eff, waste
    w, h = best
    return h // crop, w // crop


def preprocess(rgb: torch.Tensor, max_crops: int, crop: int) -> Tuple[torch.Tensor, Tuple[int, int]]:
    """rgb: uint8 [H, W, 3]. Returns crops [rows*cols, 3, crop, crop] float32 and (rows, cols)."""
    H, W = rgb.shape[0], rgb.shape[1]
    rows, cols = select_grid(W, H, max_crops, crop)
    x = rgb.permute(2, 0, 1).float() / 255.0
    mean = torch.tensor(CLIP_MEAN).view(3, 1, 1)
    std = torch.tensor(CLIP_STD).view(3, 1, 1)
    x = (x - mean) / std
    x = F.interpolate(x[None], size=(rows * crop, cols * crop), mode="bilinear", align_corners=False, antialias=False)[0]
    crops = x.view(3, rows, crop, cols, crop).permute(1, 3, 0, 2, 4).reshape(rows * cols, 3, crop, crop)
    return crops.contiguous(), (rows, cols)


def visual_token_count(rows: int, cols: int, f: int, sep: bool = True) -> int:
    return rows * cols * f * f + (rows * f if sep else 0)


# ---------------------------------------------------------------------------------------------------- model


class MagmaReference:
    """Functional forward over a name -> tensor dict (already on the target device and dtype)."""

    def __init__(self, c: MagmaConfig, w: Dict[str, torch.Tensor]):
        self.c = c
        self.w = w
        inv = 1.0 / (c.rope_theta ** (torch.arange(0, c.head_dim, 2, dtype=torch.float64) / c.head_dim))
        inv = apply_rope_scaling(inv, c.rope_scaling)
        self.inv_freq = inv.float()

    # vision ---------------------------------------------------------------------------------------------
    def _ln2d(self, x, pre):
        x = x.permute(0, 2, 3, 1)
        x = F.layer_norm(x, (x.shape[-1],), self.w[pre + ".weight"], self.w[pre + ".bias"], self.c.ln_eps)
        return x.permute(0, 3, 1, 2)

    def vision_trunk(self, pixels: torch.Tensor) -> torch.Tensor:
        """[N, 3, S, S] -> [N, S/32, S/32, C] (NHWC)."""
        p, w = VISION_PREFIX, self.w
        x = F.conv2d(pixels, w[p + "stem.0.weight"], w[p + "stem.0.bias"], stride=4)
        x = self._ln2d(x, p + "stem.1")
        for s, depth in enumerate(self.c.depths):
            sp = f"{p}stages.{s}."
            if s > 0:
                x = self._ln2d(x, sp + "downsample.0")
                x = F.conv2d(x, w[sp + "downsample.1.weight"], w[sp + "downsample.1.bias"], stride=2)
            for b in range(depth):
                bp = f"{sp}blocks.{b}."
                sc = x
                x = F.conv2d(x, w[bp + "conv_dw.weight"], w[bp + "conv_dw.bias"], padding=3, groups=x.shape[1])
                x = x.permute(0, 2, 3, 1)
                x = F.layer_norm(x, (x.shape[-1],), w[bp + "norm.weight"], w[bp + "norm.bias"], self.c.ln_eps)
                x = F.linear(x, w[bp + "mlp.fc1.weight"], w[bp + "mlp.fc1.bias"])
                x = F.gelu(x)
                x = F.linear(x, w[bp + "mlp.fc2.weight"], w[bp + "mlp.fc2.bias"])
                x = x * w[bp + "gamma"]
                x = x.permute(0, 3, 1, 2) + sc
        return x.permute(0, 2, 3, 1)

    def image_features(self, crops: torch.Tensor, grid: Tuple[int, int]) -> torch.Tensor:
        """crops [rows*cols, 3, S, S] -> visual tokens [T, D]."""
        rows, cols = grid
        w = self.w
        x = self.vision_trunk(crops)
        x = F.linear(x, w["multi_modal_projector.proj.0.weight"], w["multi_modal_projector.proj.0.bias"])
        x = F.gelu(x)
        x = F.linear(x, w["multi_modal_projector.proj.2.weight"], w["multi_modal_projector.proj.2.bias"])
        n, f, _, D = x.shape
        x = x.view(rows, cols, f, f, D).permute(0, 2, 1, 3, 4).reshape(rows * f, cols * f, D)
        if self.c.row_separator:
            sep = w["multi_modal_projector.row_seperator"].reshape(1, 1, D).expand(rows * f, 1, D)
            x = torch.cat([x, sep.to(x.dtype)], dim=1)
        return x.reshape(-1, D)

    # text -----------------------------------------------------------------------------------------------
    def embed(self, ids: torch.Tensor) -> torch.Tensor:
        return F.embedding(ids, self.w["language_model.model.embed_tokens.weight"])

    def _rms(self, x, weight):
        xf = x.float()
        xf = xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.c.rms_eps)
        return weight * xf.to(x.dtype)

    def _rope(self, x, pos):
        # x [1, h, S, hd]; pos [S]
        freqs = pos.float()[:, None].to(self.inv_freq.device) * self.inv_freq[None, :].to(pos.device)
        emb = torch.cat([freqs, freqs], dim=-1)
        cos, sin = emb.cos().to(x.dtype), emb.sin().to(x.dtype)
        half = x.shape[-1] // 2
        rot = torch.cat([-x[..., half:], x[..., :half]], dim=-1)
        return x * cos + rot * sin

    def decoder(self, embeds: torch.Tensor, cache: Optional[List[Tuple[torch.Tensor, torch.Tensor]]] = None):
        """embeds [1, S, D] -> (last-position logits [V] float32, new cache)."""
        c, w = self.c, self.w
        lm = "language_model.model."
        past = 0 if not cache else cache[0][0].shape[2]
        S = embeds.shape[1]
        pos = torch.arange(past, past + S, device=embeds.device)
        x = embeds
        H, KV, hd = c.num_heads, c.num_kv_heads, c.head_dim
        new_cache = []
        for i in range(c.num_layers):
            lp = f"{lm}layers.{i}."
            h = self._rms(x, w[lp + "input_layernorm.weight"])
            q = F.linear(h, w[lp + "self_attn.q_proj.weight"]).view(1, S, H, hd).transpose(1, 2)
            k = F.linear(h, w[lp + "self_attn.k_proj.weight"]).view(1, S, KV, hd).transpose(1, 2)
            v = F.linear(h, w[lp + "self_attn.v_proj.weight"]).view(1, S, KV, hd).transpose(1, 2)
            q, k = self._rope(q, pos), self._rope(k, pos)
            if cache:
                k = torch.cat([cache[i][0], k], dim=2)
                v = torch.cat([cache[i][1], v], dim=2)
            new_cache.append((k, v))
            rep = H // KV
            kk = k.repeat_interleave(rep, dim=1)
            vv = v.repeat_interleave(rep, dim=1)
            T = kk.shape[2]
            att = (q @ kk.transpose(-1, -2)) / math.sqrt(hd)
            mask = torch.ones(S, T, dtype=torch.bool, device=x.device).tril(diagonal=T - S)
            att = att.masked_fill(~mask, float("-inf"))
            att = torch.softmax(att.float(), dim=-1).to(q.dtype)
            o = (att @ vv).transpose(1, 2).reshape(1, S, H * hd)
            x = x + F.linear(o, w[lp + "self_attn.o_proj.weight"])
            h = self._rms(x, w[lp + "post_attention_layernorm.weight"])
            g = F.linear(h, w[lp + "mlp.gate_proj.weight"])
            u = F.linear(h, w[lp + "mlp.up_proj.weight"])
            x = x + F.linear(F.silu(g) * u, w[lp + "mlp.down_proj.weight"])
        x = self._rms(x[:, -1:], w[lm + "norm.weight"])
        logits = F.linear(x, w["language_model.lm_head.weight"])
        return logits[0, -1].float(), new_cache

    # glue -----------------------------------------------------------------------------------------------
    def merged_embeddings(self, ids: List[int], images: List[Tuple[torch.Tensor, Tuple[int, int]]]) -> torch.Tensor:
        image_id = self.c.special_ids["image"]
        if sum(1 for t in ids if t == image_id) != len(images):
            raise ValueError("the prompt must carry one <image> token per image")
        dev = self.w["language_model.model.embed_tokens.weight"].device
        tok = self.embed(torch.tensor(ids, device=dev))
        parts, it = [], iter(images)
        start = 0
        for i, t in enumerate(ids):
            if t == image_id:
                parts.append(tok[start:i])
                crops, grid = next(it)
                parts.append(self.image_features(crops, grid).to(tok.dtype))
                start = i + 1
        parts.append(tok[start:])
        return torch.cat(parts, dim=0)[None]

    @torch.no_grad()
    def generate(self, ids: List[int], images, max_new_tokens: int, stop_ids=()):
        """Greedy, token by token with a KV cache. Returns (tokens, [logits of each step])."""
        x = self.merged_embeddings(ids, images)
        logits, cache = self.decoder(x)
        out, all_logits = [], [logits]
        for _ in range(max_new_tokens):
            nxt = int(torch.argmax(logits))
            out.append(nxt)
            if nxt in stop_ids or len(out) == max_new_tokens:
                break
            e = self.embed(torch.tensor([[nxt]], device=x.device))
            logits, cache = self.decoder(e, cache)
            all_logits.append(logits)
        return out, all_logits


def apply_rope_scaling(inv_freq: torch.Tensor, scaling: Optional[dict]) -> torch.Tensor:
    """Llama-3.1 style ('llama3') frequency scaling; none for Llama-3-8B-Instruct."""
    if not scaling:
        return inv_freq
    kind = scaling.get("rope_type", scaling.get("type"))
    if kind != "llama3":
        raise ValueError(f"unsupported rope_scaling {scaling}")
    factor = scaling["factor"]
    lo, hi = scaling["low_freq_factor"], scaling["high_freq_factor"]
    old = scaling["original_max_position_embeddings"]
    lo_wl, hi_wl = old / lo, old / hi
    wl = 2 * math.pi / inv_freq
    scaled = torch.where(wl > lo_wl, inv_freq / factor, inv_freq)
    smooth = (old / wl - lo) / (hi - lo)
    mid = (1 - smooth) * scaled / factor + smooth * scaled
    is_mid = (wl >= hi_wl) & (wl <= lo_wl)
    return torch.where(is_mid, mid, scaled)


def chat_prompt(user_text: str, n_images: int, system: str = SYSTEM_PROMPT) -> str:
    """The Llama-3 chat template with the Magma image wrapper, rendered as text (special tokens included)."""
    img = "<image_start><image><image_end>\n" * n_images
    return (
        "<|begin_of_text|>"
        f"<|start_header_id|>system<|end_header_id|>\n\n{system}<|eot_id|>"
        f"<|start_header_id|>user<|end_header_id|>\n\n{img}{user_text}<|eot_id|>"
        "<|start_header_id|>assistant<|end_header_id|>\n\n"
    )
