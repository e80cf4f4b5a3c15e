"""What the user is told, in English and Chinese, when a PDF cannot be read, and what to do instead."""

from __future__ import annotations

from ..document import Unreadable

SCAN = (
    "the PDF has no text layer (it is a scan): run OCR on it first (for example "
    "`ocrmypdf -l chi_sim report.pdf report-ocr.pdf`, or save it as text from an OCR tool) and lint the result",
    "该 PDF 没有文字层（是扫描件）：请先进行文字识别（OCR，例如 "
    "`ocrmypdf -l chi_sim 报告.pdf 报告-ocr.pdf`，或用 OCR 工具另存为文本），再检查识别结果",
)
ENCRYPTED = (
    "the PDF is encrypted and needs a password to open: remove the password "
    "(or print it to a new PDF) and lint that",
    "该 PDF 已加密，需要密码才能打开：请去除密码（或打印/另存为新的 PDF）后再检查",
)
NO_UNICODE = (
    "the PDF's text layer cannot be decoded (its fonts carry no Unicode mapping): export the PDF again "
    "from the original document, or run OCR on it, and lint the result",
    "该 PDF 的文字层无法解码（字体缺少 Unicode 映射）：请从原文档重新导出 PDF，或进行文字识别（OCR）后再检查",
)
CUT_SHORT = (
    "it is cut short: the end of the file (%%EOF) is missing, as after an interrupted download",
    "文件不完整：缺少文件结尾（%%EOF），可能是下载中断",
)


def damaged(detail: str, detail_zh: str = "") -> Unreadable:
    """A file the library could not parse; ``detail`` says what was wrong, as well as is known."""
    detail = detail.strip().replace("\n", " ")[:120] or "unknown error"
    return Unreadable(
        f"the PDF is damaged and cannot be read ({detail}): export it again from the original "
        "document (or save the original as .docx) and lint that",
        f"该 PDF 文件已损坏，无法读取（{detail_zh or detail}）：请从原文档重新导出 PDF（或将原文档另存为 .docx）后再检查",
    )


def too_big(what_en: str, what_zh: str) -> Unreadable:
    """A file past one of the bounds in ``limits``; ``what`` says which."""
    return Unreadable(
        f"the PDF is too large to be one report ({what_en}): lint the report's own pages "
        "(split or export them again) or save the original as .docx",
        f"该 PDF 过大，不像一份年度报告（{what_zh}）：请只检查报告本身的页面（拆分或重新导出），或将原文档另存为 .docx",
    )


def missing_library(error: ImportError) -> Unreadable:
    return Unreadable(
        f"reading PDF needs the pdfplumber package ({error}): install it, or lint a text export",
        f"读取 PDF 需要 pdfplumber 软件包（{error}）：请安装它，或检查文本导出件",
    )
