"""A character-level byte-level-BPE tokenizer.json for the tiny test model (and the random-weight benchmark).

No merges: every ASCII character is one token, so the Python side can tokenize without the tokenizers package
and the TypeScript side reads the same file through @huggingface/tokenizers. Special tokens are added tokens.
"""
from __future__ import annotations

import re
from typing import Dict, List, Tuple

from magma_ref import SPECIAL_TOKENS


def bytes_to_unicode() -> Dict[int, str]:
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


BASE_BYTES = [10] + list(range(32, 127))  # newline, space and printable ASCII: 96 tokens, ids 0..95


def base_vocab() -> Dict[str, int]:
    b2u = bytes_to_unicode()
    return {b2u[b]: i for i, b in enumerate(BASE_BYTES)}


def tiny_special_ids() -> Dict[str, int]:
    return {"bos": 150, "eos": 151, "pad": 152, "image": 153, "image_start": 154, "image_end": 155, "start_header": 156, "end_header": 157}


def magma8b_special_ids() -> Dict[str, int]:
    return {"bos": 128000, "eos": 128009, "pad": 128256, "image": 128257, "image_start": 128258, "image_end": 128259, "start_header": 128006, "end_header": 128007}


def char_tokenizer(special_ids: Dict[str, int], fill_to: int = 0) -> Tuple[dict, dict]:
    vocab = base_vocab()
    for i in range(len(vocab), fill_to):
        if i not in special_ids.values():
            vocab[f"<|reserved_{i}|>"] = i
    added = [
        {"id": special_ids[k], "content": SPECIAL_TOKENS[k], "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}
        for k in sorted(special_ids, key=lambda k: special_ids[k])
    ]
    tj = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None, "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": False, "vocab": vocab, "merges": []},
    }
    tc = {
        "bos_token": SPECIAL_TOKENS["bos"],
        "eos_token": SPECIAL_TOKENS["eos"],
        "pad_token": SPECIAL_TOKENS["pad"],
        "add_bos_token": False,
        "clean_up_tokenization_spaces": False,
        "model_max_length": 8192,
        "tokenizer_class": "PreTrainedTokenizerFast",
        "added_tokens_decoder": {str(a["id"]): {k: v for k, v in a.items() if k != "id"} for a in added},
    }
    return tj, tc


def encode(text: str, special_ids: Dict[str, int]) -> List[int]:
    """What the tokenizer.json above produces for `text` (special tokens split out first)."""
    vocab = base_vocab()
    b2u = bytes_to_unicode()
    by_text = {SPECIAL_TOKENS[k]: v for k, v in special_ids.items()}
    pat = "(" + "|".join(re.escape(s) for s in sorted(by_text, key=len, reverse=True)) + ")"
    ids: List[int] = []
    for part in re.split(pat, text):
        if not part:
            continue
        if part in by_text:
            ids.append(by_text[part])
        else:
            for b in part.encode("utf-8"):
                ids.append(vocab[b2u[b]])
    return ids
