#!/usr/bin/env python3
"""The PyTorch side of the Magma benchmark: this project's reference implementation (magma_ref.py) at full
Magma-8B size with random weights, bf16, eager, token-by-token greedy generation with a KV cache, on the GPU.

  python3 models/magma/bench_torch.py --out result.json [--width 1920 --height 1080 --new-tokens 30 --runs 3]

The prompt is the grounding prompt on a synthetic screenshot, tokenized with the same character-level
stand-in tokenizer as the random-weight ONNX bundle (export.py --random), so both sides see the same ids.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402
import torch  # noqa: E402

from export import random_getter  # noqa: E402
from magma_ref import MagmaConfig, MagmaReference, chat_prompt, expected_keys, preprocess  # noqa: E402
from tokenizer_tools import encode, magma8b_special_ids  # noqa: E402

GROUNDING = 'In this view I need to click a button to "{goal}"? Provide the coordinates and the mark index of the containing bounding box if applicable.'


def screenshot(width: int, height: int) -> np.ndarray:
    """The same synthetic desktop the node benchmark draws: bands, panels and a grid of buttons."""
    y, x = np.mgrid[0:height, 0:width]
    img = np.zeros((height, width, 3), dtype=np.uint8)
    img[..., 0] = (x * 255 // max(width - 1, 1)).astype(np.uint8)
    img[..., 1] = (y * 255 // max(height - 1, 1)).astype(np.uint8)
    img[..., 2] = (((x // 40) + (y // 40)) % 2 * 200).astype(np.uint8)
    return img


def sync():
    torch.cuda.synchronize()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--width", type=int, default=1920)
    ap.add_argument("--height", type=int, default=1080)
    ap.add_argument("--new-tokens", type=int, default=30)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--goal", default="open the settings")
    a = ap.parse_args()
    assert torch.cuda.is_available(), "needs a CUDA GPU"
    c = MagmaConfig()
    c.special_ids = magma8b_special_ids()
    t0 = time.time()
    get = random_getter(c)
    w = {k: get(k).to(torch.bfloat16) for k in expected_keys(c)}
    sync()
    load_s = time.time() - t0
    ref = MagmaReference(c, w)
    ref.inv_freq = ref.inv_freq.cuda()
    params = sum(t.numel() for t in w.values())
    ids = encode(chat_prompt(GROUNDING.format(goal=a.goal), 1), c.special_ids)
    rgb = torch.from_numpy(screenshot(a.width, a.height))

    def step():
        t = {}
        s0 = time.perf_counter()
        crops, grid = preprocess(rgb, c.max_crops, c.crop_size)
        crops = crops.cuda().to(torch.bfloat16)
        sync()
        s1 = time.perf_counter()
        feats = ref.image_features(crops, grid)
        sync()
        s2 = time.perf_counter()
        tok = ref.embed(torch.tensor(ids, device="cuda"))
        image_id = c.special_ids["image"]
        i = ids.index(image_id)
        x = torch.cat([tok[:i], feats.to(tok.dtype), tok[i + 1 :]], dim=0)[None]
        logits, cache = ref.decoder(x)
        nxt = int(torch.argmax(logits))
        sync()
        s3 = time.perf_counter()
        out = [nxt]
        while len(out) < a.new_tokens:
            e = ref.embed(torch.tensor([[out[-1]]], device="cuda"))
            logits, cache = ref.decoder(e, cache)
            out.append(int(torch.argmax(logits)))
        sync()
        s4 = time.perf_counter()
        t.update(preprocess_ms=(s1 - s0) * 1e3, vision_ms=(s2 - s1) * 1e3, prefill_ms=(s3 - s2) * 1e3, decode_ms=(s4 - s3) * 1e3,
                 step_ms=(s4 - s0) * 1e3, grid=list(grid), prompt_tokens=x.shape[1], new_tokens=len(out),
                 decode_tok_s=(len(out) - 1) / (s4 - s3))
        return t

    with torch.no_grad():
        torch.cuda.reset_peak_memory_stats()
        warm = step()
        runs = [step() for _ in range(a.runs)]
    med = {k: statistics.median(r[k] for r in runs) for k in ("preprocess_ms", "vision_ms", "prefill_ms", "decode_ms", "step_ms", "decode_tok_s")}
    res = {
        "what": "PyTorch reference (models/magma/magma_ref.py), random weights at full Magma-8B size, bf16, eager, greedy token-by-token with KV cache",
        "torch": torch.__version__, "device": torch.cuda.get_device_name(0), "params": params, "weights_init_s": load_s,
        "image": [a.width, a.height], "grid": runs[0]["grid"], "prompt_tokens": runs[0]["prompt_tokens"], "new_tokens": runs[0]["new_tokens"],
        "median": med, "runs": runs, "warmup": warm,
        "peak_allocated_gib": torch.cuda.max_memory_allocated() / 2**30, "peak_reserved_gib": torch.cuda.max_memory_reserved() / 2**30,
    }
    with open(a.out, "w") as f:
        json.dump(res, f, indent=1)
    print(json.dumps({k: res[k] for k in ("device", "grid", "prompt_tokens", "new_tokens", "median", "peak_allocated_gib")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
