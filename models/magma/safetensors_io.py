"""Minimal safetensors reader/writer (the format: u64 header length, JSON header, raw little-endian data).

Written here so that the export tool and the fixture generator need only torch (the safetensors package is
optional). Tensors are read lazily by name; bf16 is returned as a torch.bfloat16 tensor.
"""
from __future__ import annotations

import json
import os
import struct
from typing import Dict, Iterator, Tuple

import numpy as np
import torch

_DT = {
    "F32": (torch.float32, 4),
    "F16": (torch.float16, 2),
    "BF16": (torch.bfloat16, 2),
    "I64": (torch.int64, 8),
    "I32": (torch.int32, 4),
    "U8": (torch.uint8, 1),
    "I8": (torch.int8, 1),
    "BOOL": (torch.bool, 1),
}
_NAME = {v[0]: k for k, v in _DT.items()}


class SafetensorsFile:
    def __init__(self, path: str):
        self.path = path
        with open(path, "rb") as f:
            (n,) = struct.unpack("<Q", f.read(8))
            header = json.loads(f.read(n))
        self.base = 8 + n
        self.meta = header.pop("__metadata__", {})
        self.header: Dict[str, dict] = header
        self._mm = np.memmap(path, dtype=np.uint8, mode="r")

    def keys(self):
        return self.header.keys()

    def shape(self, name: str) -> Tuple[int, ...]:
        return tuple(self.header[name]["shape"])

    def get(self, name: str) -> torch.Tensor:
        h = self.header[name]
        dt, _ = _DT[h["dtype"]]
        a, b = h["data_offsets"]
        raw = np.array(self._mm[self.base + a : self.base + b])  # copy: the tensor owns its bytes
        t = torch.frombuffer(bytearray(raw.tobytes()), dtype=dt) if raw.size else torch.empty(0, dtype=dt)
        return t.reshape(h["shape"])


class Checkpoint:
    """All tensors of a checkpoint directory (one file or an index of shards), by name."""

    def __init__(self, directory: str):
        self.files: Dict[str, SafetensorsFile] = {}
        self.where: Dict[str, str] = {}
        idx = os.path.join(directory, "model.safetensors.index.json")
        if os.path.exists(idx):
            with open(idx) as f:
                weight_map = json.load(f)["weight_map"]
            shards = sorted(set(weight_map.values()))
        else:
            shards = sorted(p for p in os.listdir(directory) if p.endswith(".safetensors"))
            if not shards:
                raise FileNotFoundError(f"no *.safetensors files in {directory}")
        for s in shards:
            sf = SafetensorsFile(os.path.join(directory, s))
            self.files[s] = sf
            for k in sf.keys():
                self.where[k] = s

    def keys(self):
        return self.where.keys()

    def shape(self, name: str):
        return self.files[self.where[name]].shape(name)

    def get(self, name: str) -> torch.Tensor:
        return self.files[self.where[name]].get(name)

    def items(self) -> Iterator[Tuple[str, torch.Tensor]]:
        for k in self.where:
            yield k, self.get(k)


def save_file(tensors: Dict[str, torch.Tensor], path: str) -> None:
    header = {}
    offset = 0
    blobs = []
    for k in sorted(tensors):
        t = tensors[k].contiguous().cpu()
        raw = t.view(torch.uint8).numpy().tobytes() if t.dtype == torch.bfloat16 else t.numpy().tobytes()
        header[k] = {"dtype": _NAME[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        blobs.append(raw)
    hb = json.dumps(header, separators=(",", ":")).encode()
    hb += b" " * ((8 - len(hb) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hb)))
        f.write(hb)
        for b in blobs:
            f.write(b)
