"""The whole Magma step against the PyTorch reference of the same run, as `npm run bench:magma` reports it (#16).

    python3 models/magma/bench_summary.py <OUT>      (OUT as scripts/bench-magma.sh's `steps` stage leaves it)

Reads <OUT>/t<N>/format3-<variant>.json (scripts/bench-magma.ts), <OUT>/t<N>/torch.json (bench_torch.py) and the
peak GPU memory lines of <OUT>/t<N>/mem.txt for every N (new tokens) found; prints one Markdown table and writes
<OUT>/summary.json. Ratio = PyTorch's step / ours (above 1: ours is faster). Times are medians of the runs.
Memory: "steps peak" is ours over the app's own steps (bench-magma.ts stepsPeakMiB, read before its decoder probe
and extra models); "process peak" the whole process (mem.txt), for PyTorch its process.
"""
from __future__ import annotations

import glob
import json
import os
import re
import sys


def peaks(path: str) -> dict:
    out = {}
    if os.path.exists(path):
        for line in open(path):
            m = re.match(r"(\S+) peak_MiB=(\d+)", line)
            if m:
                out[m.group(1)] = int(m.group(2))
    return out


def main(out_dir: str) -> int:
    rows = []
    for tdir in sorted(glob.glob(os.path.join(out_dir, "t*")), key=lambda p: int(re.sub(r"\D", "", os.path.basename(p)) or 0)):
        n = re.sub(r"\D", "", os.path.basename(tdir))
        if not n:
            continue
        mem = peaks(os.path.join(tdir, "mem.txt"))
        torch_path = os.path.join(tdir, "torch.json")
        torch = json.load(open(torch_path))["median"] if os.path.exists(torch_path) else None
        for f in sorted(glob.glob(os.path.join(tdir, "format3-*.json"))):
            d = json.load(open(f))
            m = d["median"]
            name = d.get("variant", os.path.basename(f))
            rows.append({
                "newTokens": int(n), "variant": name, "stepMs": m["stepMs"], "preprocessMs": m["preprocessMs"], "visionMs": m["visionMs"],
                "prefillMs": m["prefillMs"], "decodeTokS": m["decodeTokS"], "stepsPeakMiB": d.get("stepsPeakMiB"), "peakMiB": mem.get(f"f3-{name}"),
                "ratio": (torch["step_ms"] / m["stepMs"]) if torch else None,
            })
        if torch:
            rows.append({
                "newTokens": int(n), "variant": "pytorch-bf16-eager", "stepMs": torch["step_ms"], "preprocessMs": torch["preprocess_ms"], "visionMs": torch["vision_ms"],
                "prefillMs": torch["prefill_ms"], "decodeTokS": torch["decode_tok_s"], "stepsPeakMiB": None, "peakMiB": mem.get("torch"), "ratio": 1.0,
            })
    if not rows:
        print(f"no results under {out_dir}/t<N>/ (run: bash scripts/bench-magma.sh env export-int4 steps)", file=sys.stderr)
        return 1
    print("| new tokens | graphs | step ms | preprocess | vision | prefill | decode tok/s | steps peak MiB | process peak MiB | PyTorch's step / ours |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    blank = lambda v: "" if v is None else v  # noqa: E731
    for r in rows:
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}"
        print(f"| {r['newTokens']} | {r['variant']} | {r['stepMs']:.0f} | {r['preprocessMs']:.0f} | {r['visionMs']:.0f} | {r['prefillMs']:.0f} | {r['decodeTokS']:.1f} | {blank(r['stepsPeakMiB'])} | {blank(r['peakMiB'])} | {ratio} |")
    json.dump(rows, open(os.path.join(out_dir, "summary.json"), "w"), indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "bench-out"))
