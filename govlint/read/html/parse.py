"""Parsing with limits: the decoded page as an lxml tree (lxml imported only here, when a page is read)."""

from __future__ import annotations

from ..document import Unreadable
from .limits import MAX_CELLS, MAX_ELEMENTS, too_deep, too_many_cells, too_many_elements


def parse(text: str):  # noqa: ANN201 - an lxml element, or None for a page without elements
    """The page's root element, or None; ``Unreadable`` where the parser fails or the page is too big to be a report."""
    from lxml import etree

    data = text.encode("utf-8", "replace")
    root = None
    for huge in (False, True):
        parser = etree.HTMLParser(encoding="utf-8", remove_comments=False, remove_pis=False, no_network=True,
                                  recover=True, huge_tree=huge)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError:
            return None  # "Document is empty"
        except (etree.LxmlError, ValueError) as e:
            raise Unreadable(
                f"the HTML parser failed on this page ({e}); save the page again from a browser, or lint the report's "
                ".docx or PDF instead",
                f"HTML 解析器无法读取此网页（{e}）；请用浏览器重新保存网页，或改为检查报告的 .docx 或 PDF 文件",
            ) from None
        deep = any("depth" in (err.message or "").lower() for err in parser.error_log)
        if not deep:
            break
    else:
        raise too_deep()
    if root is None:
        return None
    # Counted by libxml2 itself, before any Python-level work on the tree.
    if root.xpath("count(//*)") > MAX_ELEMENTS:
        raise too_many_elements()
    if root.xpath("count(//td|//th)") > MAX_CELLS:
        raise too_many_cells()
    return root
