"""Bytes to text: which encoding, and whether the bytes are text at all."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Optional

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
TRIED = ("UTF-8 (with or without BOM)", "UTF-16 (with BOM)", "GB18030")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # utf-8, utf-8-sig, utf-16-le, utf-16-be, gb18030
    bom: bool


class DecodeError(Exception):
    """The bytes are not a text report govlint can read; ``reason`` says why (en, zh)."""

    def __init__(self, reason_en: str, reason_zh: str, offset: Optional[int] = None) -> None:
        super().__init__(reason_en)
        self.reason_en = reason_en
        self.reason_zh = reason_zh
        self.offset = offset


def _looks_binary(data: bytes) -> Optional[str]:
    head = data[:8192]
    for magic, what in (
        (b"%PDF-", "a PDF file"),
        (b"PK\x03\x04", "a ZIP container (.docx/.xlsx?)"),
        (b"\xd0\xcf\x11\xe0", "an OLE document (.doc/.xls?)"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x7fELF", "an executable"),
    ):
        if head.startswith(magic):
            return what
    return None


def decode(data: bytes) -> Decoded:
    """Decode report bytes, or raise DecodeError with a reason naming what was tried."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[3:].decode("utf-8"), "utf-8-sig", True)
        except UnicodeDecodeError as e:
            raise DecodeError(
                f"starts with a UTF-8 byte-order mark but byte {e.start + 3} is not UTF-8 "
                "(a byte-order mark decides the encoding, so no other was tried)",
                f"文件以 UTF-8 字节顺序标记开头，但第 {e.start + 3} 个字节不是 UTF-8（字节顺序标记决定了编码，未尝试其他编码）",
                e.start + 3,
            ) from None
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[2:].decode(enc)
            except UnicodeDecodeError as e:
                raise DecodeError(
                    f"starts with a UTF-16 byte-order mark but is not valid UTF-16 at byte {e.start + 2} "
                    "(a byte-order mark decides the encoding, so no other was tried)",
                    f"文件以 UTF-16 字节顺序标记开头，但第 {e.start + 2} 个字节处不是有效的 UTF-16（字节顺序标记决定了编码，未尝试其他编码）",
                    e.start + 2,
                ) from None
            return _checked(Decoded(text, enc, True))
    what = _looks_binary(data)
    if what:
        raise DecodeError(
            f"this is {what}, not a text file; tried {', '.join(TRIED)}",
            f"这是{_zh_binary(what)}，不是文本文件；已尝试 UTF-8、UTF-16（带 BOM）、GB18030",
        )
    if b"\x00" in data[:65536]:
        raise DecodeError(
            f"binary data (NUL bytes) and no UTF-16 byte-order mark; tried {', '.join(TRIED)}",
            "文件含有二进制数据（NUL 字节），且没有 UTF-16 字节顺序标记；已尝试 UTF-8、UTF-16（带 BOM）、GB18030",
        )
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8", False))
    except UnicodeDecodeError as utf8_error:
        try:
            return _checked(Decoded(data.decode("gb18030"), "gb18030", False))
        except UnicodeDecodeError:
            raise DecodeError(
                f"not valid text in any encoding tried ({', '.join(TRIED)}); "
                f"first bad byte at offset {utf8_error.start}",
                f"无法按 UTF-8、UTF-16（带 BOM）或 GB18030 解码；第一个无效字节位于偏移 {utf8_error.start}",
                utf8_error.start,
            ) from None


def _zh_binary(what: str) -> str:
    return {
        "a PDF file": "PDF 文件",
        "a ZIP container (.docx/.xlsx?)": "ZIP 压缩包（可能是 .docx/.xlsx）",
        "an OLE document (.doc/.xls?)": "OLE 文档（可能是 .doc/.xls）",
        "a PNG image": "PNG 图片",
        "a JPEG image": "JPEG 图片",
        "a GIF image": "GIF 图片",
        "an executable": "可执行文件",
    }.get(what, what)


def _checked(d: Decoded) -> Decoded:
    """Reject decodings that are mostly control characters (binary that happened to decode)."""
    sample = d.text[:20000]
    if sample:
        controls = len(_CONTROL.findall(sample))
        if controls > max(8, len(sample) // 50):
            raise DecodeError(
                f"decodes as {d.encoding} but is mostly control characters: probably binary; "
                f"tried {', '.join(TRIED)}",
                f"按 {d.encoding} 解码后大部分是控制字符，可能是二进制文件；已尝试 UTF-8、UTF-16（带 BOM）、GB18030",
            )
    return d
