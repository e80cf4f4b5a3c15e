"""The package: the zip archive read member by member within bounds, and the parts it names.

Hostile archives are the point of the bounds here: the entry count is taken
from the end-of-central-directory record before ``zipfile`` parses the whole
directory, every member is inflated at most ``MAX_PART + 1`` bytes (headers
lie about sizes), and parsed XML never expands entities or fetches anything.
"""

from __future__ import annotations

import io
import posixpath
import struct
from typing import TYPE_CHECKING, Optional

from ..document import Unreadable
from .limits import MAX_ENTRIES, MAX_PART, MAX_TOTAL
from .reasons import damaged, detail, not_word, too_big

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

_ZIP_ERRORS: tuple = (EOFError, OSError, ValueError, NotImplementedError, RuntimeError, KeyError, struct.error)


def eocd_entries(data: bytes) -> Optional[int]:
    """The entry count the end-of-central-directory record states, before zipfile parses the whole directory."""
    pos = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if pos < 0 or pos + 22 > len(data):
        return None
    return struct.unpack("<H", data[pos + 10 : pos + 12])[0]


class Package:
    """The zip archive, read member by member within bounds."""

    def __init__(self, data: bytes) -> None:
        import zipfile
        import zlib

        self._errors = _ZIP_ERRORS + (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error)
        count = eocd_entries(data)
        if count is not None and count > MAX_ENTRIES and count != 0xFFFF:
            raise too_big(f"the archive lists {count} entries", f"压缩包内有 {count} 个条目")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except self._errors as e:
            raise damaged(detail(e), detail(e)) from None
        if len(infos) > MAX_ENTRIES:
            raise too_big(f"the archive lists {len(infos)} entries", f"压缩包内有 {len(infos)} 个条目")
        self.infos = {i.filename: i for i in infos}
        # Part names are case-insensitive in Open Packaging (some tools write Word/Document.xml).
        self._folded = {n.lower(): i for n, i in reversed(list(self.infos.items()))}
        self._read_total = 0

    def has(self, name: str) -> bool:
        return name.lower() in self._folded

    def read(self, name: str) -> bytes:
        info = self._folded[name.lower()]
        if info.flag_bits & 0x1:
            raise Unreadable(
                "the .docx archive is password-protected: remove the password in Word/WPS and save it again",
                ".docx 文件已加密：请在 Word/WPS 中取消密码后重新保存",
            )
        if info.file_size > MAX_PART:
            raise too_big(f"{name} inflates to {info.file_size} bytes", f"{name} 解压后为 {info.file_size} 字节")
        try:
            with self.zip.open(info) as f:
                out = f.read(MAX_PART + 1)
        except self._errors as e:
            raise damaged(f"{name}: {detail(e)}", f"{name}：{detail(e)}") from None
        if len(out) > MAX_PART:  # the header lied about the size
            raise too_big(f"{name} inflates beyond {MAX_PART} bytes", f"{name} 解压后超过 {MAX_PART} 字节")
        self._read_total += len(out)
        if self._read_total > MAX_TOTAL:
            raise too_big(f"its parts inflate beyond {MAX_TOTAL} bytes", f"各部分解压后超过 {MAX_TOTAL} 字节")
        return out

    def xml(self, name: str) -> Element:
        """The parsed part; entities are not expanded and nothing is fetched (hostile XML stays inert)."""
        from lxml import etree

        data = self.read(name)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)
        try:
            root = etree.fromstring(data, parser)
        except (etree.XMLSyntaxError, ValueError) as e:
            raise damaged(f"{name} is not well-formed XML ({detail(e)})", f"{name} 不是格式正确的 XML（{detail(e)}）") from None
        if root is None:
            raise damaged(f"{name} is empty", f"{name} 为空")
        return root

    def rels(self, part: str) -> list[tuple[str, str]]:
        """(type, target part name) of a part's relationships ("" = the package's)."""
        folder, base = posixpath.split(part)
        name = posixpath.join(folder, "_rels", base + ".rels") if part else "_rels/.rels"
        if not self.has(name):
            return []
        out = []
        for rel in self.xml(name).iter(f"{{{REL_NS}}}Relationship"):
            target, kind = rel.get("Target") or "", rel.get("Type") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out.append((kind, target))
        return out

    def related(self, rels: list[tuple[str, str]], kind: str, fallback: str) -> Optional[str]:
        """The part a relationship of type ``…/kind`` names, else ``fallback``; None when neither is there."""
        name = next((t for k, t in rels if k.endswith("/" + kind)), None)
        name = name if name and self.has(name) else fallback
        return name if self.has(name) else None


def main_part(pkg: Package) -> str:
    """The main document part's name; a package without one is damaged Word or not Word at all."""
    main = next((t for k, t in pkg.rels("") if k.endswith("/officeDocument")), None)
    if main is None or not pkg.has(main):
        main = "word/document.xml" if pkg.has("word/document.xml") else None
    if main is None:
        if any(n.lower().startswith("word/") for n in pkg.infos):
            raise damaged("it has no main document part (word/document.xml)", "缺少正文部分（word/document.xml）")
        raise not_word(*not_word_kind(pkg))
    return main


def not_word_kind(pkg: Package) -> tuple[str, str]:
    """What else the archive is, when it says (for the advice)."""
    names = pkg.infos
    if any(n.startswith("xl/") for n in names):
        return "an Excel workbook, .xlsx", "Excel 工作簿 .xlsx"
    if any(n.startswith("ppt/") for n in names):
        return "a PowerPoint presentation, .pptx", "PowerPoint 演示文稿 .pptx"
    if pkg.has("mimetype"):
        mime = pkg.read("mimetype")[:100].decode("ascii", "replace")
        if "opendocument.text" in mime:
            return "an OpenDocument text, .odt", "OpenDocument 文本 .odt"
        return mime.strip(), mime.strip()
    return "", ""
