"""Why a .docx cannot be read, and what to do about it, in English and Chinese."""

from __future__ import annotations

from ..document import Unreadable


def damaged(detail_en: str, detail_zh: str) -> Unreadable:
    return Unreadable(
        f"the .docx archive is damaged: {detail_en}; open it in Word/WPS and save it again",
        f".docx 文件已损坏：{detail_zh}；请用 Word/WPS 打开后重新保存",
    )


def not_word(what_en: str = "", what_zh: str = "") -> Unreadable:
    return Unreadable(
        "a ZIP archive that is not a Word document (.docx)" + (f" ({what_en})" if what_en else "")
        + ": save the report as .docx and lint that",
        "这是 ZIP 压缩包，不是 Word 文档（.docx）" + (f"（{what_zh}）" if what_zh else "") + "：请将报告另存为 .docx 后再检查",
    )


def too_big(detail_en: str, detail_zh: str) -> Unreadable:
    return Unreadable(
        f"the .docx file is too large to read safely: {detail_en} (a real report is far smaller); "
        "open it in Word/WPS, check its content and save it again",
        f".docx 文件过大，无法安全读取：{detail_zh}（正常的年度报告远小于此）；请用 Word/WPS 打开检查内容后重新保存",
    )


def detail(e: BaseException) -> str:
    """A library's error message, short enough to quote in a reason."""
    text = str(e).strip() or type(e).__name__
    return text[:160]
