"""Sentence fingerprints: the same sentence, whatever its years and numbers, hashes the same.

"2022年，我县共受理申请105件" and "2023年，我县共受理申请98件" are one
sentence moved on a year: repetition is measured on what stays.
"""

from __future__ import annotations

import hashlib
import re

# Digits (any script) and runs of Chinese numerals (二〇二二年, 一百零五件) stand for a number.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*|[〇零一二三四五六七八九十百千万]{2,}")
# What does not make two sentences different: white space, punctuation, symbols.
_NOISE = re.compile(r"[\s\W_]+")
# A sentence this short (after normalising) is a formula every report writes (无。 本年度未收取费用。).
MIN_CHARS = 10


def normalise(sentence: str) -> str:
    return _NOISE.sub("", _NUMBER.sub("#", sentence))


def fingerprint(normalised: str) -> int:
    """A 63-bit hash of a normalised sentence (stable across processes and runs, unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(normalised.encode("utf-8"), digest_size=8).digest(), "big") >> 1
