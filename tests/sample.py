"""The project's own sample report as neutral blocks, for building .docx, HTML, Markdown and PDF files.

The prose is ``examples/good-2021.txt`` (written by this project); the
tables are laid out the way the national template lays them out in Word,
merges included: the caption rows across the whole of section 二's one
table, ``申请人情况`` and ``法人或其他组织`` across, ``三、本年度办理结果``
and the group labels down, ``自然人``/``总计`` over two header rows.

Blocks:
  ("title", text) ("h1", numeral, words) ("h2", text) ("p", text) ("sign", text)
  ("table", rows): rows of ``C`` cells; a merge is given once, at its
  top-left corner, and the positions it covers have no cell (as in HTML).

The identities of every table hold. ``change`` replaces cells:
``{("3", "new", "total"): "106"}`` makes 本年新收's 总计 wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@dataclass
class C:
    text: str
    rowspan: int = 1
    colspan: int = 1


VALUES: dict[str, dict[str, list[str]]] = {
    "2.1": {"rules": ["0", "0", "0"], "normative": ["12", "5", "68"]},
    "2.5": {"licensing": ["8936"]},
    "2.6": {"penalties": ["2417"], "coercion": ["163"]},
    "2.8": {"fees": ["1265.38"]},
    "3": {
        "new": ["86", "9", "1", "2", "4", "3", "105"],
        "carried": ["5", "1", "0", "0", "0", "0", "6"],
        "open": ["38", "4", "1", "1", "2", "1", "47"],
        "partial": ["6", "1", "0", "0", "0", "1", "8"],
        "withheld_1": ["0"] * 7,
        "withheld_2": ["0"] * 7,
        "withheld_3": ["1", "0", "0", "0", "0", "0", "1"],
        "withheld_4": ["2", "1", "0", "0", "0", "0", "3"],
        "withheld_5": ["1", "0", "0", "0", "0", "0", "1"],
        "withheld_6": ["2", "0", "0", "0", "0", "0", "2"],
        "withheld_7": ["1", "0", "0", "0", "0", "0", "1"],
        "withheld_8": ["3", "0", "0", "0", "0", "0", "3"],
        "unavailable_1": ["17", "2", "0", "1", "1", "0", "21"],
        "unavailable_2": ["4", "0", "0", "0", "0", "1", "5"],
        "unavailable_3": ["2", "0", "0", "0", "0", "0", "2"],
        "not_processed_1": ["3", "0", "0", "0", "0", "0", "3"],
        "not_processed_2": ["2", "0", "0", "0", "1", "0", "3"],
        "not_processed_3": ["1", "0", "0", "0", "0", "0", "1"],
        "not_processed_4": ["0"] * 7,
        "not_processed_5": ["1", "0", "0", "0", "0", "0", "1"],
        "other_handling_1": ["2", "1", "0", "0", "0", "0", "3"],
        "other_handling_2": ["0"] * 7,
        "other_handling_3": ["1", "0", "0", "0", "0", "0", "1"],
        "results_total": ["87", "9", "1", "2", "4", "3", "106"],
        "carry_next": ["4", "1", "0", "0", "0", "0", "5"],
    },
    "4": {"counts": ["2", "1", "0", "1", "4", "1", "0", "1", "0", "2", "1", "0", "0", "1", "2"]},
}

COLUMNS = {
    "2.1": ["made", "repealed", "in_force"],
    "2.5": ["decisions"],
    "2.6": ["decisions"],
    "2.8": ["amount"],
    "3": ["natural", "business", "research", "public_interest", "legal", "other", "total"],
    "4": [f"{a}_{b}" for a in ("review", "direct", "after") for b in ("upheld", "corrected", "other", "pending", "total")],
}

_GROUPS_3 = [
    ("（三）不予公开", [f"withheld_{i}" for i in range(1, 9)], [
        "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
        "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]),
    ("（四）无法提供", [f"unavailable_{i}" for i in range(1, 4)], [
        "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]),
    ("（五）不予处理", [f"not_processed_{i}" for i in range(1, 6)], [
        "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息"]),
    ("（六）其他处理", [f"other_handling_{i}" for i in range(1, 4)], [
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]),
]


def values(change: Optional[dict] = None) -> dict[str, dict[str, list[str]]]:
    out = {t: {r: list(v) for r, v in rows.items()} for t, rows in VALUES.items()}
    for (tid, row, col), raw in (change or {}).items():
        out[tid][row][COLUMNS[tid].index(col)] = raw
    return out


def _section2(v: dict) -> list[list[C]]:
    rows: list[list[C]] = [
        [C("第二十条第（一）项", colspan=4)],
        [C("信息内容"), C("本年制发件数"), C("本年废止件数"), C("现行有效件数")],
        [C("规章")] + [C(x) for x in v["2.1"]["rules"]],
        [C("行政规范性文件")] + [C(x) for x in v["2.1"]["normative"]],
    ]
    for cap, tid, head, items in (
        ("第二十条第（五）项", "2.5", "本年处理决定数量", [("行政许可", "licensing")]),
        ("第二十条第（六）项", "2.6", "本年处理决定数量", [("行政处罚", "penalties"), ("行政强制", "coercion")]),
        ("第二十条第（八）项", "2.8", "本年收费金额（单位：万元）", [("行政事业性收费", "fees")]),
    ):
        rows.append([C(cap, colspan=4)])
        rows.append([C("信息内容"), C(head, colspan=3)])
        for label, key in items:
            rows.append([C(label), C(v[tid][key][0], colspan=3)])
    return rows


def _table3(v: dict) -> list[list[C]]:
    t = v["3"]
    rows: list[list[C]] = [
        [C("本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和", rowspan=3, colspan=3), C("申请人情况", colspan=7)],
        [C("自然人", rowspan=2), C("法人或其他组织", colspan=5), C("总计", rowspan=2)],
        [C(h) for h in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
        [C("一、本年新收政府信息公开申请数量", colspan=3)] + [C(x) for x in t["new"]],
        [C("二、上年结转政府信息公开申请数量", colspan=3)] + [C(x) for x in t["carried"]],
    ]
    block = 2 + sum(len(keys) for _, keys, _ in _GROUPS_3) + 1
    rows.append([C("三、本年度办理结果", rowspan=block), C("（一）予以公开", colspan=2)] + [C(x) for x in t["open"]])
    rows.append([C("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", colspan=2)] + [C(x) for x in t["partial"]])
    for group, keys, labels in _GROUPS_3:
        for i, (key, label) in enumerate(zip(keys, labels)):
            head = [C(group, rowspan=len(keys))] if i == 0 else []
            rows.append(head + [C(label)] + [C(x) for x in t[key]])
    rows.append([C("（七）总计", colspan=2)] + [C(x) for x in t["results_total"]])
    rows.append([C("四、结转下年度继续办理", colspan=3)] + [C(x) for x in t["carry_next"]])
    return rows


def _table4(v: dict) -> list[list[C]]:
    leaf = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        [C("行政复议", colspan=5), C("行政诉讼", colspan=10)],
        [C(h, rowspan=2) for h in leaf] + [C("未经复议直接起诉", colspan=5), C("复议后起诉", colspan=5)],
        [C(h) for h in leaf * 2],
        [C(x) for x in v["4"]["counts"]],
    ]


def _prose() -> dict[str, list[str]]:
    """The paragraphs of examples/good-2021.txt by section (numeral), "" for the front matter."""
    out: dict[str, list[str]] = {"": []}
    current = ""
    for line in (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or "|" in line:
            continue
        if len(line) > 2 and line[0] in "一二三四五六" and line[1] == "、" and len(line) < 30:
            current = line[0]
            out[current] = []
            continue
        out[current].append(line)
    return out


SECTIONS = [
    ("一", "总体情况"),
    ("二", "主动公开政府信息情况"),
    ("三", "收到和处理政府信息公开申请情况"),
    ("四", "政府信息公开行政复议、行政诉讼情况"),
    ("五", "存在的主要问题及改进情况"),
    ("六", "其他需要报告的事项"),
]


def blocks(change: Optional[dict] = None) -> list[tuple]:
    """The sample report (2021 edition, reporting year 2022) as neutral blocks."""
    v = values(change)
    prose = _prose()
    front = prose[""]
    out: list[tuple] = [("title", front[0])] + [("p", p) for p in front[1:]]
    tables = {"二": [_section2(v)], "三": [_table3(v)], "四": [_table4(v)]}
    for number, words in SECTIONS:
        out.append(("h1", number, words))
        paras = prose.get(number, [])
        if number in tables:
            paras = [p for p in paras if p.endswith("。") or len(p) > 40]
        sign = paras[-2:] if number == "六" else []
        for p in paras[: len(paras) - len(sign)]:
            out.append(("h2", p) if p.startswith("（") and len(p) < 20 else ("p", p))
        for t in tables.get(number, []):
            out.append(("table", t))
        for p in sign:
            out.append(("sign", p))
    return out


def grid(rows: list[list[C]]) -> list[list[Optional[C]]]:
    """The table as a full grid: each position holds its cell, or None where a merge covers it."""
    taken: set[tuple[int, int]] = set()
    width = sum(c.colspan for c in rows[0])
    out: list[list[Optional[C]]] = []
    for r, row in enumerate(rows):
        line: list[Optional[C]] = [None] * width
        col = 0
        for cell in row:
            while (r, col) in taken:
                col += 1
            line[col] = cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, col + dc))
            col += cell.colspan
        out.append(line)
    return out


def printed(blocks_: list[tuple], with_title: bool = True) -> list[str]:
    """The paragraphs of the sample as printed, in order (headings with their numerals), without the tables."""
    out: list[str] = []
    for b in blocks_:
        if b[0] == "title" and not with_title:
            continue
        if b[0] == "h1":
            out.append(f"{b[1]}、{b[2]}")
        elif b[0] != "table":
            out.append(b[1])
    return out


def plain_text(change: Optional[dict] = None) -> str:
    """The sample as a text file (one cell per line), for comparing readings across formats."""
    lines: list[str] = []
    for b in blocks(change):
        if b[0] == "h1":
            lines.append(f"{b[1]}、{b[2]}")
        elif b[0] == "table":
            for row in b[1]:
                lines.append(" | ".join(c.text for c in row) + " |")
        else:
            lines.append(b[1])
    return "\n".join(lines) + "\n"


def document(change: Optional[dict] = None, fmt: str = "docx"):
    """The sample as the ``Document`` an ideal reader would give (places as a .docx reader gives them)."""
    from govlint.read.document import Document, Grid, GridCell, Paragraph, Place

    doc = Document(format=fmt)
    para = table = 0
    for b in blocks(change):
        if b[0] == "table":
            table += 1
            cells = []
            for r, line in enumerate(grid(b[1])):
                for c, cell in enumerate(line):
                    if cell is not None:
                        cells.append(GridCell(cell.text, r, c, Place(table=table, row=r + 1, column=c + 1), cell.rowspan, cell.colspan))
            doc.blocks.append(Grid(cells, Place(table=table)))
            continue
        para += 1
        text = f"{b[1]}、{b[2]}" if b[0] == "h1" else b[1]
        doc.blocks.append(Paragraph(text, Place(paragraph=para), style={"title": "title", "h1": "heading1", "h2": "heading2"}.get(b[0], "")))
    return doc
