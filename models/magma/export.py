#!/usr/bin/env python3
"""Magma-8B -> ONNX bundle for Magma Desk.

  python3 models/magma/export.py --from <hf-checkpoint-dir> --to <bundle-dir> [--int4] [--dtype fp16|fp32]
  python3 models/magma/export.py --random magma-8b --to <bundle-dir> [--int4]     # random weights, full size

Loads the checkpoint by tensor name and fails on any missing or unexpected key (allowed unused families aside),
prints the config and special token ids it found, writes vision.onnx, embed.onnx, decoder.onnx (+ .data files),
the tokenizer files and manifest.json (shapes, ids, dtype, sha256 of every file).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
import zlib
from typing import Dict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from magma_ref import SYSTEM_PROMPT, MagmaConfig, check_keys, expected_keys, load_config  # noqa: E402
from onnx_writer import INT4_BLOCK, preprocessing_manifest, write_decoder, write_embed, write_kv_init, write_vision  # noqa: E402
from safetensors_io import Checkpoint  # noqa: E402
from tokenizer_tools import char_tokenizer, magma8b_special_ids  # noqa: E402

BUNDLE_FORMAT = "magma-desk-bundle"
BUNDLE_VERSION = 1


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 24), b""):
            h.update(chunk)
    return h.hexdigest()


def random_getter(c: MagmaConfig, seed: int = 0):
    """Deterministic random weights by name (for benchmarks at full size: nothing to download)."""
    shapes = expected_keys(c)
    dev = "cuda" if torch.cuda.is_available() else "cpu"

    def get(name: str) -> torch.Tensor:
        shape = shapes[name]
        gen = torch.Generator(device=dev).manual_seed(seed ^ zlib.crc32(name.encode()))
        if name.endswith(("norm.weight", "layernorm.weight", "stem.1.weight", "downsample.0.weight")):
            return torch.ones(shape, device=dev)
        if name.endswith("gamma"):
            return torch.full(shape, 1e-2, device=dev)
        if name.endswith(".bias"):
            return torch.zeros(shape, device=dev)
        fan_in = 1
        for s in shape[1:]:
            fan_in *= s
        std = 1.0 / max(fan_in, 1) ** 0.5 if len(shape) > 1 else 0.02
        return torch.randn(shape, generator=gen, device=dev, dtype=torch.float32) * std

    return get


def export(c: MagmaConfig, get, out: str, dtype: str, int4: bool, tokenizer_files: Dict[str, str], source: str, log=print) -> dict:
    os.makedirs(out, exist_ok=True)
    external = c.hidden_size >= 512  # tiny fixtures stay single-file
    t0 = time.time()
    write_vision(c, get, out, dtype, external)
    log(f"vision.onnx written ({time.time() - t0:.1f}s)")
    write_embed(c, get, out, dtype, external)
    log(f"embed.onnx written ({time.time() - t0:.1f}s)")
    write_decoder(c, get, out, dtype, int4, external, progress=lambda i: log(f"  decoder layer {i + 1}/{c.num_layers}") if (i + 1) % 8 == 0 else None)
    log(f"decoder.onnx written ({time.time() - t0:.1f}s)")
    write_kv_init(c, out, dtype)
    for dst, src in tokenizer_files.items():
        if isinstance(src, dict):
            with open(os.path.join(out, dst), "w") as f:
                json.dump(src, f, ensure_ascii=False)
        else:
            shutil.copyfile(src, os.path.join(out, dst))
    files = sorted(p for p in os.listdir(out) if p != "manifest.json")
    kv_dtype = "float16" if dtype == "fp16" else "float32"
    manifest = {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "source": source,
        "precision": ("int4" if int4 else dtype),
        "dtype": dtype,
        "int4": {"bits": 4, "blockSize": INT4_BLOCK, "symmetric": True} if int4 else None,
        "graphs": {"vision": "vision.onnx", "embed": "embed.onnx", "decoder": "decoder.onnx", "kvInit": "kv_init.onnx"},
        "tokenizer": "tokenizer.json",
        "tokenizerConfig": "tokenizer_config.json" if "tokenizer_config.json" in tokenizer_files else None,
        "text": {
            "vocabSize": c.vocab_size,
            "hiddenSize": c.hidden_size,
            "intermediateSize": c.intermediate_size,
            "layers": c.num_layers,
            "heads": c.num_heads,
            "kvHeads": c.num_kv_heads,
            "headDim": c.head_dim,
            "ropeTheta": c.rope_theta,
            "maxPositions": c.max_positions,
            "kvDtype": kv_dtype,
        },
        "vision": {**preprocessing_manifest(c), "depths": list(c.depths), "dims": list(c.dims)},
        "tokens": {
            "bos": c.special_ids["bos"],
            "eos": c.special_ids["eos"],
            "pad": c.special_ids["pad"],
            "image": c.special_ids["image"],
            "imageStart": c.special_ids["image_start"],
            "imageEnd": c.special_ids["image_end"],
            "startHeader": c.special_ids["start_header"],
            "endHeader": c.special_ids["end_header"],
        },
        "systemPrompt": SYSTEM_PROMPT,
        "io": {
            "vision": {"inputs": {"pixel_values": ["crops", 3, c.crop_size, c.crop_size], "grid": [2]}, "outputs": {"image_features": ["tokens", c.hidden_size]}},
            "embed": {"inputs": {"input_ids": [1, "n"]}, "outputs": {"inputs_embeds": [1, "n", c.hidden_size]}},
            "decoder": {
                "inputs": {"inputs_embeds": [1, "n", c.hidden_size], "attention_mask": [1, "total"], "past_key_values.{i}.key|value": [1, c.num_kv_heads, "past", c.head_dim]},
                "outputs": {"logits": [1, 1, c.vocab_size], "next_token": [1, 1], "present.{i}.key|value": [1, c.num_kv_heads, "total", c.head_dim]},
            },
        },
        "files": {p: {"bytes": os.path.getsize(os.path.join(out, p)), "sha256": sha256(os.path.join(out, p))} for p in files},
    }
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    log(f"manifest.json written; {sum(v['bytes'] for v in manifest['files'].values()) / 1e9:.3f} GB in {len(files)} files ({time.time() - t0:.1f}s)")
    return manifest


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--from", dest="src", help="Hugging Face Magma-8B checkpoint directory")
    src.add_argument("--random", choices=["magma-8b"], help="random weights at full size (benchmarks)")
    ap.add_argument("--to", required=True, help="bundle directory to write")
    ap.add_argument("--int4", action="store_true", help="MatMulNBits 4-bit decoder linear layers")
    ap.add_argument("--dtype", choices=["fp16", "fp32"], default="fp16")
    a = ap.parse_args(argv)
    if a.src:
        c, notes = load_config(a.src)
        ck = Checkpoint(a.src)
        print("config:", json.dumps({k: v for k, v in c.to_json().items() if k != "special_ids"}))
        print("special token ids:", json.dumps(c.special_ids))
        for n in notes:
            print(n)
        try:
            unused = check_keys(c, list(ck.keys()), ck.shape)
        except ValueError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        print(f"checkpoint: {len(ck.keys())} tensors; {len(unused)} known-unused ignored ({', '.join(sorted({u.rsplit('.', 2)[0] for u in unused})[:4])})")
        get = lambda n: ck.get(n).float()  # noqa: E731
        tok = {"tokenizer.json": os.path.join(a.src, "tokenizer.json")}
        if os.path.exists(os.path.join(a.src, "tokenizer_config.json")):
            tok["tokenizer_config.json"] = os.path.join(a.src, "tokenizer_config.json")
        source = os.path.abspath(a.src)
    else:
        c = MagmaConfig()
        c.special_ids = magma8b_special_ids()
        get = random_getter(c)
        tj, tc = char_tokenizer(c.special_ids)
        tok = {"tokenizer.json": tj, "tokenizer_config.json": tc}
        source = "random weights, full Magma-8B shapes (benchmark only; a character-level stand-in tokenizer)"
        print("config:", json.dumps({k: v for k, v in c.to_json().items() if k != "special_ids"}))
        print("special token ids:", json.dumps(c.special_ids))
    export(c, get, a.to, a.dtype, a.int4, tok, source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
