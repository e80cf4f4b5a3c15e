"""The built-in readers for the files people have, and advice for the ones govlint cannot read.

Each reader recognises its format from the content (magic bytes, markup);
the file name only breaks ties. The format libraries load when a file of
that format is read, so a run over text files never imports them.
"""

from __future__ import annotations

import os

from ..hookspecs import hookimpl
from .encoding import DecodeError

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream name in the OLE directory
_WHAT = {
    ".doc": ("a Word 97-2003 document (.doc)", "Word 97-2003 文档（.doc）"),
    ".wps": ("a WPS text document (.wps)", "WPS 文字文档（.wps）"),
    ".xls": ("an Excel 97-2003 workbook (.xls)", "Excel 97-2003 工作簿（.xls）"),
    ".et": ("a WPS spreadsheet (.et)", "WPS 表格（.et）"),
}


class LegacyOfficeReader:
    """Binary Office and WPS files (OLE compound documents) and RTF: say how to make a file govlint reads."""

    name = "legacy-office"
    kind = "legacy"
    priority = 40

    def can_read(self, path: str, head: bytes) -> bool:
        return head.startswith(_OLE) or head.startswith(b"{\\rtf")

    def read(self, path: str, data: bytes):
        ext = os.path.splitext(path)[1].lower()
        if _ENCRYPTED in data[:1 << 20]:
            # Word and WPS wrap a password-protected .docx in an OLE container with this stream.
            raise DecodeError(
                "this is a password-protected Word document: open it in Word or WPS, remove the password "
                "(File > Info > Protect Document, or 文件 → 文档加密), save it as .docx, and lint that",
                "这是设置了打开密码的 Word 文档：请用 Word 或 WPS 打开，取消密码（文件 → 信息 → 保护文档，或 文件 → 文档加密）"
                "并另存为 .docx 后再检查",
            )
        if data.startswith(b"{\\rtf"):
            what_en, what_zh = "a Rich Text Format document (.rtf)", "RTF 格式文档（.rtf）"
        else:
            what_en, what_zh = _WHAT.get(ext, ("a legacy binary Office or WPS file (.doc, .wps, .xls)", "旧版 Office 或 WPS 二进制文件（.doc、.wps、.xls）"))
        raise DecodeError(
            f"this is {what_en}, which govlint cannot read: open it in Word or WPS, save it as a Word document (.docx) "
            "(File > Save As > .docx), and lint the .docx",
            f"这是{what_zh}，govlint 无法读取：请用 Word 或 WPS 打开，另存为 Word 文档（.docx）（文件 → 另存为 → .docx）后再检查",
        )


def _readers() -> list:
    from .docx import DocxReader
    from .html import HtmlReader
    from .markdown import MarkdownReader
    from .pdf import PdfReader

    return [LegacyOfficeReader(), DocxReader(), PdfReader(), HtmlReader(), MarkdownReader()]


@hookimpl
def govlint_readers() -> list:
    return _readers()
