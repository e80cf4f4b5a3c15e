"""Build real .docx files from the project's sample blocks (``tests.sample.blocks()``) with python-docx.

The tables carry real Word merges (python-docx ``cell.merge()`` writes
``w:gridSpan``/``w:vMerge``) exactly as the sample's ``C`` cells say. The
keyword switches add the quirks real files have; every switch leaves the
PRINTED document equal to the sample, so a reader must read every variant
the same way:

- ``numbering``: the section headings (and the ``（一）`` subheadings) are
  Word list paragraphs (``chineseCounting``, ``%1、`` / ``（%2）``); their
  text lacks the number.
- ``bold_headings``: headings are plain paragraphs in bold runs.
- ``heading_styles``: the title in ``Title``, headings in ``Heading 1``/``Heading 2``.
- ``tracked_change``: a ``w:del`` (text that must not be read) and a
  ``w:ins`` in a paragraph, and in the 本年新收/总计 cell (deleted ``106``,
  inserted ``105``: reading the deletion breaks the total).
- ``two_paragraph_cell``: the header ``本年制发件数`` as two paragraphs.
- ``bookmarks``: a ``_GoBack`` bookmark splitting a paragraph's runs.
- ``comment``: a comment anchored in a paragraph (its text is not the body's).

Also used by the PDF tests, which print these files with LibreOffice: keep
``build_docx`` importable and its signature stable.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Optional, Sequence, Union

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CJK_FONT = "宋体"
DELETED_PROSE = "此段已删除不应读出"  # the paragraph's tracked deletion
DELETED_CELL = "106"  # the 本年新收/总计 cell's tracked deletion (the right value is 105)


def new_document():
    """An empty A4 document with a CJK font on Normal (so LibreOffice prints Chinese in a CJK face)."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(26)
    section.top_margin = section.bottom_margin = Mm(30)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(12)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), CJK_FONT)
    return doc


def docx_bytes(doc, path: Optional[Union[str, Path]] = None) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    data = buf.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def xml(fragment: str):
    """A WordprocessingML element from its markup (``w:`` prefix declared)."""
    from docx.oxml import parse_xml

    head, rest = fragment.split(">", 1) if not fragment.startswith("<?") else ("", fragment)
    if head.endswith("/"):
        return parse_xml(f'{head[:-1]} xmlns:w="{W}"/>{rest}')
    return parse_xml(f'{head} xmlns:w="{W}">{rest}')


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run_xml(text: str, bold: bool = False) -> str:
    b = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{b}<w:t xml:space="preserve">{_esc(text)}</w:t></w:r>'


_change_id = [100]


def tracked(deleted: str, inserted: str) -> list:
    """A ``w:del`` of ``deleted`` and a ``w:ins`` of ``inserted``, as Word writes them with Track Changes on."""
    _change_id[0] += 2
    i = _change_id[0]
    stamp = 'w:author="审核人" w:date="2023-03-01T09:00:00Z"'
    out = []
    if deleted:
        out.append(xml(f'<w:del w:id="{i}" {stamp}><w:r><w:delText xml:space="preserve">{_esc(deleted)}</w:delText></w:r></w:del>'))
    if inserted:
        out.append(xml(f'<w:ins w:id="{i + 1}" {stamp}>{run_xml(inserted)}</w:ins>'))
    return out


def add_numbering(doc, levels: Sequence[tuple], restart_overrides: Optional[dict] = None) -> int:
    """A list definition in numbering.xml; ``levels`` are (numFmt, lvlText[, start[, lvlRestart]]). Returns its numId.

    ``w:suff nothing``: no tab after the number, so the printed line reads
    ``一、总体情况`` exactly like a typed heading.
    """
    from docx.oxml.ns import qn

    numbering = doc.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    aid, nid = max(abstract_ids, default=0) + 1, max(num_ids, default=0) + 1
    lvls = ""
    for i, spec in enumerate(levels):
        fmt, text = spec[0], spec[1]
        start = spec[2] if len(spec) > 2 else 1
        restart = f'<w:lvlRestart w:val="{spec[3]}"/>' if len(spec) > 3 and spec[3] is not None else ""
        lvls += (f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{restart}'
                 f'<w:suff w:val="nothing"/><w:lvlText w:val="{_esc(text)}"/><w:lvlJc w:val="left"/>'
                 f'<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>')
    abstract = xml(f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:  # the schema wants every abstractNum before the first num
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for lvl, start in (restart_overrides or {}).items()
    )
    numbering.append(xml(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'))
    return nid


def restart_list(doc, num_id: int, level: int = 0, start: int = 1) -> int:
    """A new list instance of ``num_id``'s definition that restarts ``level`` at ``start`` (w:startOverride)."""
    from docx.oxml.ns import qn

    numbering = doc.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    aid = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    nid = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
    numbering.append(xml(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>'
                         f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'))
    return nid


def number_paragraph(paragraph, num_id: int, ilvl: int = 0) -> None:
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = num_id


def _strip_h2_number(text: str) -> tuple[str, bool]:
    """``（一）主动公开`` → ``主动公开`` when the number is one the list will print."""
    if text.startswith("（") and "）" in text[:6]:
        return text[text.index("）") + 1 :], True
    return text, False


def _set_cell(cell, text: str, split: Optional[tuple[str, str]] = None, change: Optional[tuple[str, str]] = None) -> None:
    p = cell.paragraphs[0]
    if change is not None:
        for el in tracked(*change):
            p._p.append(el)
    elif split is not None:
        p.add_run(split[0])
        cell.add_paragraph(split[1])
    elif text:
        p.add_run(text)


def add_table(doc, rows: list, *, two_paragraph_cell: bool = False, tracked_change: bool = False):
    """A Word table of the sample's ``C`` rows, merged with python-docx's ``cell.merge()``."""
    from tests.sample import grid

    full = grid(rows)
    table = doc.add_table(rows=len(full), cols=len(full[0]))
    table.style = "Table Grid"
    # The cells of the unmerged grid, taken once (table.cell() rescans the whole table on every call). Merges
    # never overlap, so each corner's w:tc is still in the table when its merge comes.
    width = len(full[0])
    plain = table._cells
    for r, line in enumerate(full):
        for c, cell in enumerate(line):
            if cell is None:
                continue
            target = plain[r * width + c]
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(plain[(r + cell.rowspan - 1) * width + c + cell.colspan - 1])
            split = ("本年制发", "件数") if two_paragraph_cell and cell.text == "本年制发件数" else None
            last = c == max(i for i, x in enumerate(line) if x is not None)
            change = None
            if tracked_change and last and line[0] is not None and line[0].text.startswith("一、本年新收"):
                change = (DELETED_CELL, cell.text)
            _set_cell(target, cell.text, split, change)
    return table


def build_docx(
    blocks: list,
    path: Optional[Union[str, Path]] = None,
    *,
    numbering: bool = False,
    bold_headings: bool = False,
    heading_styles: bool = False,
    tracked_change: bool = False,
    two_paragraph_cell: bool = False,
    bookmarks: bool = True,
    comment: bool = False,
) -> bytes:
    """The .docx of ``blocks`` (``tests.sample.blocks()``); also written to ``path`` when given."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = new_document()
    num_id = add_numbering(doc, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")]) if numbering else 0
    prose = 0
    for block in blocks:
        kind = block[0]
        if kind == "title":
            if heading_styles:
                p = doc.add_paragraph(block[1], style="Title")
            else:
                p = doc.add_paragraph()
                run = p.add_run(block[1])
                run.bold = True
                run.font.size = Pt(22)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind in ("h1", "h2"):
            text = f"{block[1]}、{block[2]}" if kind == "h1" else block[1]
            level = 0 if kind == "h1" else 1
            numbered = False
            if numbering:
                if kind == "h1":
                    text, numbered = block[2], True
                else:
                    text, numbered = _strip_h2_number(text)
            p = doc.add_paragraph(style=("Heading 1" if kind == "h1" else "Heading 2") if heading_styles else None)
            run = p.add_run(text)
            if bold_headings:
                run.bold = True
            if numbered:
                number_paragraph(p, num_id, level)
        elif kind == "p":
            prose += 1
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(24)
            text = block[1]
            cut = len(text) // 2
            if prose == 1 and bookmarks:
                p.add_run(text[:cut])
                p._p.append(xml('<w:bookmarkStart w:id="900" w:name="_GoBack"/>'))
                p._p.append(xml('<w:bookmarkEnd w:id="900"/>'))
                p.add_run(text[cut:])
            elif prose == 2 and tracked_change:
                p.add_run(text[:cut])
                for el in tracked(DELETED_PROSE, text[cut:]):
                    p._p.append(el)
            elif prose == 3 and comment:
                a, b = text[:cut], text[cut:]
                p.add_run(a[:10])
                anchored = p.add_run(a[10:])
                p.add_run(b)
                doc.add_comment(anchored, text="批注：这句话请再核实。", author="审核人", initials="SH")
            else:
                p.add_run(text)
        elif kind == "sign":
            p = doc.add_paragraph(block[1])
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind == "table":
            add_table(doc, block[1], two_paragraph_cell=two_paragraph_cell, tracked_change=tracked_change)
        else:
            raise ValueError(f"unknown block kind {kind!r}")
    return docx_bytes(doc, path)


# ------------------------------------------------------------------ hand-written packages

_NS_DECLS = (
    f'xmlns:w="{W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)

_PART_TYPES = {
    "styles": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "numbering": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "header": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "footer": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    "footnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    "comments": "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
}
_ROOTS = {"styles": "styles", "numbering": "numbering", "header": "hdr", "footer": "ftr", "footnotes": "footnotes",
          "comments": "comments"}


def make_package(body: str, *, styles: str = "", numbering: str = "", header: str = "", footer: str = "",
                 footnotes: str = "", comments: str = "", extra: Optional[dict] = None) -> bytes:
    """A minimal .docx written by hand: ``body`` is the markup inside ``w:body``; the other parts their root's content.

    For the quirks python-docx cannot write (fields, text boxes, moves,
    content controls, gridBefore, deleted paragraph marks ...).
    """
    import zipfile

    parts = {"styles": styles, "numbering": numbering, "header": header, "footer": footer,
             "footnotes": footnotes, "comments": comments}
    overrides = ['<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                 'wordprocessingml.document.main+xml"/>']
    rels = []
    files = {}
    for i, (kind, content) in enumerate(parts.items(), start=1):
        if not content:
            continue
        name = f"{kind}{'1' if kind in ('header', 'footer') else ''}.xml"
        overrides.append(f'<Override PartName="/word/{name}" ContentType="{_PART_TYPES[kind]}"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    f'relationships/{kind}" Target="{name}"/>')
        files[f"word/{name}"] = f'<?xml version="1.0" encoding="UTF-8"?><w:{_ROOTS[kind]} {_NS_DECLS}>{content}</w:{_ROOTS[kind]}>'
    files["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>"
    )
    files["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    files["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>"
    )
    files["word/document.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_NS_DECLS}><w:body>{body}</w:body></w:document>'
    files.update(extra or {})
    order = ["[Content_Types].xml", "_rels/.rels"] + [n for n in files if n not in ("[Content_Types].xml", "_rels/.rels")]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in order:
            content = files[name]
            z.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
    return buf.getvalue()


def p(*runs: str, ppr: str = "") -> str:
    """A paragraph of runs (plain strings become runs; markup starting with ``<`` is kept)."""
    body = "".join(r if r.startswith("<") else run_xml(r) for r in runs)
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{body}</w:p>"


def tc(*paragraphs: str, tcpr: str = "") -> str:
    content = "".join(paragraphs) or "<w:p/>"
    return f"<w:tc>{f'<w:tcPr>{tcpr}</w:tcPr>' if tcpr else ''}{content}</w:tc>"


def tr(*cells: str, trpr: str = "") -> str:
    return f"<w:tr>{f'<w:trPr>{trpr}</w:trPr>' if trpr else ''}{''.join(cells)}</w:tr>"


def tbl(*rows: str, cols: int = 0) -> str:
    grid = "<w:tblGrid>" + '<w:gridCol w:w="1000"/>' * cols + "</w:tblGrid>" if cols else ""
    return f"<w:tbl><w:tblPr/>{grid}{''.join(rows)}</w:tbl>"
