"""The base of readers for formats that give the cells: .docx, HTML, PDF, Markdown.

A structured reader only describes the file (``document``); turning the
description into tokens is the same for every format (``render``), so a
table read from Word and the same table read from a web page reach the
grammar as the same tokens. Format libraries are imported inside
``document``, so a run over text files never loads them.
"""

from __future__ import annotations

from .base import ReadResult
from .document import Document, Unreadable
from .encoding import DecodeError


class StructuredReader:
    name = "structured"
    priority = 10  # asked before the text reader, which takes anything
    kind = ""  # what the summary counts files as: docx, html, pdf, markdown

    def can_read(self, path: str, head: bytes) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def document(self, path: str, data: bytes) -> Document:  # pragma: no cover - abstract
        """Describe the file; raise ``Unreadable`` (with advice) when it cannot be read."""
        raise NotImplementedError

    def read(self, path: str, data: bytes) -> ReadResult:
        from .render import render

        try:
            doc = self.document(path, data)
        except Unreadable as e:
            raise DecodeError(e.reason_en, e.reason_zh) from None
        return render(path, data, doc)
