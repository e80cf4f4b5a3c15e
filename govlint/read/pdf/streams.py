"""The guard against a page whose content would decompress to more than a report page could hold.

pdfminer inflates a stream in one call; a small compressed stream of zeros
(a "zip bomb") would fill the memory before any other limit is reached, so
the streams are measured, in bounded steps, before pdfminer reads them.
"""

from __future__ import annotations

import zlib
from typing import Any, Iterable

from .advice import too_big


def check_streams(page_obj: Any, number: int, budget: int) -> None:
    """Refuse (``Unreadable``) a page whose content streams decode to more than ``budget`` bytes."""
    limit = budget
    for stream in list(_page_streams(page_obj)):
        raw = getattr(stream, "rawdata", None)
        if raw is None:
            continue
        if len(raw) > budget:
            raise too_big(f"page {number} holds {len(raw)} bytes of drawing", f"第{number}页的绘制内容达 {len(raw)} 字节")
        try:
            filters = [f for f, _ in stream.get_filters()]
        except Exception:
            continue
        names = [getattr(f, "name", f) for f in filters]
        if names[:1] not in (["FlateDecode"], ["Fl"]):
            budget -= len(raw)
            continue
        try:
            inflater = zlib.decompressobj()
            got = len(inflater.decompress(raw, budget + 1))
        except zlib.error:
            continue  # pdfminer has its own repair for broken streams; its result is bounded below
        if got > budget:
            raise too_big(
                f"page {number}'s drawing inflates to more than {limit >> 20} MB",
                f"第{number}页的绘制内容解压后超过 {limit >> 20} MB",
            )
        budget -= got


def _page_streams(page_obj: Any) -> Iterable[Any]:
    """The page's content streams and the form XObjects it draws (the first 200 of them)."""
    from pdfminer.pdftypes import PDFStream, resolve1

    for stream in page_obj.contents or []:
        stream = resolve1(stream)
        if isinstance(stream, PDFStream):
            yield stream
    resources = resolve1(page_obj.resources) or {}
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if isinstance(xobjects, dict):
        for ref in list(xobjects.values())[:200]:
            stream = resolve1(ref)
            if isinstance(stream, PDFStream) and getattr(stream.get("Subtype"), "name", "") == "Form":
                yield stream
