"""Opening the file with pdfplumber and reading every page; what the library cannot open becomes ``Unreadable``."""

from __future__ import annotations

import contextlib
import io
import logging
from typing import Iterator, Optional

from ..document import Unreadable
from .advice import CUT_SHORT, ENCRYPTED, damaged, missing_library, too_big
from .limits import Limits
from .model import Page
from .pages import read_page
from .streams import check_streams


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Keep pdfminer's warnings about a damaged file (one per broken operator) off the user's terminal.

    What was wrong reaches the user as ``Unreadable`` or not at all.
    """
    loggers = [logging.getLogger(name) for name in ("pdfminer", "pdfplumber")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def load(data: bytes, limits: Limits) -> list[Page]:
    """Every page's characters and rulings; ``Unreadable`` for what cannot be opened."""
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfpage import PDFPage
        from pdfplumber.page import Page as PlumberPage
    except ImportError as e:  # pragma: no cover - pdfplumber is a dependency
        raise missing_library(e) from None

    def encrypted(exc: BaseException) -> bool:
        seen: Optional[BaseException] = exc
        while seen is not None:
            if isinstance(seen, (PDFPasswordIncorrect, PDFEncryptionError)):
                return True
            inner = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
            seen = inner or seen.__cause__
        return False

    try:
        pdf = pdfplumber.PDF(io.BytesIO(data))
    except Exception as e:  # pdfminer raises many kinds on a bad file
        if encrypted(e):
            raise Unreadable(*ENCRYPTED) from None
        raise broken(e, data) from None
    out: list[Page] = []
    try:
        objs = []
        for i, page_obj in enumerate(PDFPage.create_pages(pdf.doc)):
            if i >= limits.pages:
                raise too_big(f"more than {limits.pages} pages", f"超过 {limits.pages} 页")
            objs.append(page_obj)
        for i, page_obj in enumerate(objs):
            check_streams(page_obj, i + 1, limits.stream_page)
            page = PlumberPage(pdf, page_obj, page_number=i + 1)
            out.append(read_page(page, limits))
            page.close()
    except Unreadable:
        raise
    except RecursionError:
        raise damaged("its objects nest without end", "其对象无限嵌套") from None
    except Exception as e:
        if encrypted(e):
            raise Unreadable(*ENCRYPTED) from None
        raise broken(e, data) from None
    if not out:
        raise damaged("it has no pages", "没有任何页面")
    return out


def broken(e: BaseException, data: bytes) -> Unreadable:
    """``Unreadable`` for a file pdfminer could not parse, saying why as well as it can."""
    if b"%%EOF" not in data[-2048:]:
        return damaged(*CUT_SHORT)
    inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e
    text = str(inner).strip()
    return damaged(f"{type(inner).__name__}: {text}" if text else type(inner).__name__)
