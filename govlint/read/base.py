"""What a reader returns."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Source
from .tokens import Token


@dataclass
class ReadResult:
    source: Source  # decoded text, encoding and layout
    tokens: list[Token]  # the token stream, positions in ``source.text``
    layout_evidence: str = ""
