"""The document model: what govlint understood of one report.

Plain dataclasses and queries over them. Nothing here imports the rest of
govlint, so rules, formatters and third-party plugins can depend on the
model without pulling in the parser.

Positions: a ``Span`` is a pair of character offsets into the decoded text
of the original file; ``Source.region`` turns it into 1-based line and
column numbers of that same file. Normalised text never leaks into a
position.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Optional, Union

Number = Union[int, float]


@dataclass(frozen=True)
class Span:
    """Half-open character range ``[start, end)`` in the decoded original text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.end < self.start:
            object.__setattr__(self, "end", self.start)

    def cover(self, other: Span) -> Span:
        return Span(min(self.start, other.start), max(self.end, other.end))


@dataclass(frozen=True)
class Region:
    """1-based, inclusive start and end positions (columns count characters)."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


_EOL = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Place:
    """Where something is in the original file, in terms a person can find there.

    All numbers are 1-based. A reader fills what its format has: ``line`` and
    ``col`` for HTML and Markdown source; ``paragraph`` (body paragraphs,
    counted as Word shows them) or ``table``/``row``/``column`` (the grid,
    merges resolved) for .docx; ``page`` (and ``table``/``row``/``column``
    for a ruled table) for PDF.
    """

    line: Optional[int] = None
    col: Optional[int] = None
    page: Optional[int] = None
    paragraph: Optional[int] = None
    table: Optional[int] = None
    row: Optional[int] = None
    column: Optional[int] = None

    @property
    def textual(self) -> bool:
        """A line and column of the original file (HTML, Markdown): shown like a text file's."""
        return self.line is not None

    def describe(self, lang: str = "zh") -> str:
        """``第3页 表2 第6行 第4列`` / ``page 3, table 2, row 6, column 4``; "" when nothing is known."""
        zh = lang != "en"
        parts: list[str] = []
        if self.line is not None:
            parts.append(f"第{self.line}行" + (f"第{self.col}列" if self.col else "") if zh else f"line {self.line}" + (f", column {self.col}" if self.col else ""))
            return "".join(parts) if zh else ", ".join(parts)
        if self.page is not None:
            parts.append(f"第{self.page}页" if zh else f"page {self.page}")
        if self.table is not None:
            parts.append(f"表{self.table}" if zh else f"table {self.table}")
            if self.row is not None:
                parts.append(f"第{self.row}行" if zh else f"row {self.row}")
            if self.column is not None:
                parts.append(f"第{self.column}列" if zh else f"column {self.column}")
        elif self.paragraph is not None:
            parts.append(f"第{self.paragraph}段" if zh else f"paragraph {self.paragraph}")
        return " ".join(parts) if zh else ", ".join(parts)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Origin:
    """Where each piece of govlint's reading of a structured file (.docx, HTML, PDF, Markdown) came from.

    ``starts``/``ends`` are spans in ``Source.text`` (govlint's reading, one
    paragraph or table cell each, in order); ``places`` are the matching
    places in the original file.
    """

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)

    def add(self, start: int, end: int, place: Place) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.places.append(place)

    def at(self, offset: int) -> Optional[Place]:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return self.places[0] if self.places else None
        if offset > self.ends[i] and i + 1 < len(self.places):
            return self.places[i + 1]  # between two pieces: the next one is what follows
        return self.places[i]



@dataclass
class Source:
    """The decoded text of one input and how it was read."""

    path: str
    text: str
    encoding: str
    layout: str = "unknown"  # how the text is laid out (pipe, flattened, …); "grid" where the file gives the cells
    bom: bool = False
    byte_size: int = 0
    format: str = "text"  # the kind of file: text, docx, html, pdf, markdown
    # Structured formats: where each piece of ``text`` is in the original, and (HTML, Markdown)
    # the decoded original itself, whose lines and columns the places name.
    origin: Optional[Origin] = field(default=None, repr=False, compare=False)
    original: Optional[str] = field(default=None, repr=False, compare=False)
    _line_starts: Optional[list[int]] = field(default=None, repr=False, compare=False)
    _original_lines: Optional[list[str]] = field(default=None, repr=False, compare=False)

    def original_line(self, n: int) -> str:
        """Line ``n`` (1-based, with its line end) of the original source of an HTML or Markdown file."""
        if self._original_lines is None:
            # Lines end as the readers count them (LF, CRLF, CR), as for a text file.
            text = self.original or ""
            ends = [m.end() for m in _EOL.finditer(text)]
            self._original_lines = [text[a:b] for a, b in zip([0] + ends, ends + [len(text)])]
        return self._original_lines[n - 1] if 0 < n <= len(self._original_lines) else ""

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in _EOL.finditer(self.text)]
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        starts = self.line_starts
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def place(self, span: Span) -> Optional[Place]:
        """The place in the original file of a span of a structured file's reading (None for text files)."""
        return self.origin.at(span.start) if self.origin is not None else None

    def region(self, span: Span) -> Region:
        if self.origin is not None:
            p = self.origin.at(span.start)
            if p is not None and p.line is not None:
                col = p.col or 1
                return Region(p.line, col, p.line, col)
        # position() twice, inlined: every finding and related location comes through here.
        starts = self.line_starts
        n = len(self.text)
        a = max(0, min(span.start, n))
        b = max(0, min(max(span.start, span.end - 1), n))
        la = bisect.bisect_right(starts, a) - 1
        if la + 1 == len(starts) or b < starts[la + 1]:
            lb = la  # on the same line (almost always)
        else:
            lb = bisect.bisect_right(starts, b) - 1
        return Region(la + 1, a - starts[la] + 1, lb + 1, b - starts[lb] + 1)

    def line_of(self, offset: int) -> int:
        return self.position(offset)[0]

    def line_start(self, offset: int) -> int:
        """The offset where the line holding ``offset`` begins."""
        starts = self.line_starts
        return starts[bisect.bisect_right(starts, max(0, min(offset, len(self.text)))) - 1]

    @property
    def blank(self) -> bool:
        """Nothing but white space (an empty file, or a structured file with no text in it)."""
        return not self.text.strip()

    def snippet(self, span: Span, limit: int = 60) -> str:
        s = self.text[span.start : span.end]
        s = " ".join(s.split())
        return s if len(s) <= limit else s[: limit - 1] + "…"

    @property
    def line_count(self) -> int:
        return len(self.line_starts) if self.text else 0


@dataclass(frozen=True)
class Evidence:
    """Why govlint believes something: which source said it, and where."""

    source: str  # e.g. "title", "statistics-period", "overview-opening", "table-edition"
    value: Any
    span: Optional[Span] = None
    text: str = ""
    at: Optional[Span] = None  # the value itself as written inside ``span`` (the 2021 of 统计期限为2021年…)


@dataclass
class Title:
    text: str
    span: Span
    issuer: Optional[str]
    year: Optional[int]
    quoted: bool = False  # found inside 《…》 in a sentence, not as a title line


@dataclass
class Heading:
    """A top-level numbered heading as written (一、… ), whichever section it is."""

    number: str  # the numeral as written: 一, 二 …
    ordinal: int  # 1 for 一
    mark: str  # the punctuation after the numeral as written: 、 , ， . …
    text: str  # heading wording after the numeral, as written
    span: Span
    section_key: Optional[str] = None  # which of the six, when it is one of them
    inline: bool = False  # found inside a running line (flattened layout)


@dataclass
class SubHeading:
    number: str
    text: str
    span: Span


@dataclass
class Section:
    """One of the six required sections, as found."""

    key: str  # overview, proactive, requests, review, problems, other
    number: str  # template number: 一 … 六
    heading: Heading
    body: Span  # from after the heading to the next top-level section
    subsections: list[SubHeading] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    @property
    def has_content(self) -> bool:
        return bool(self.paragraphs or self.tables or self.subsections)


@dataclass
class Cell:
    row: str  # template row key
    column: str  # template column key
    raw: str  # text as written ("" for a blank)
    value: Optional[Number]  # None for blank or non-numeric
    kind: str  # number, blank, dash, text, negative, fraction, money
    span: Optional[Span]  # None when the blank was dropped from the text
    certain: bool = True
    unit: str = ""


@dataclass
class Table:
    """A statistics table aligned to the template of its edition."""

    id: str  # "2.1", "2.5", "2.6", "2.8", "2.9", "3", "4"
    name: str
    edition: Optional[str]
    section: str  # template section number the table belongs to: 二 三 四
    span: Span
    status: str = "read"  # read | resolved | ambiguous | unreadable
    reason: str = ""  # why it is ambiguous or unreadable (English)
    reason_zh: str = ""
    how: str = ""  # how the cells were placed (for inspect)
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    rows: list[str] = field(default_factory=list)  # template row keys, template order
    columns: list[str] = field(default_factory=list)
    row_labels: dict[str, str] = field(default_factory=dict)  # the template's wording, by key
    column_labels: dict[str, str] = field(default_factory=dict)
    row_labels_en: dict[str, str] = field(default_factory=dict)  # the same in English messages
    column_labels_en: dict[str, str] = field(default_factory=dict)
    row_spans: dict[str, Span] = field(default_factory=dict)  # where each row's label is
    missing_rows: list[str] = field(default_factory=list)
    edition_evidence: list[str] = field(default_factory=list)
    skipped_checks: list[str] = field(default_factory=list)  # rule codes not judged
    # Where the evidence is: the row that gave the edition away, the row that could not be read.
    edition_at: Optional[Span] = None
    edition_note: dict[str, str] = field(default_factory=dict)  # evidence that is not wording (row counts), by language
    failed_at: Optional[Span] = None
    # How messages name the table, by language (from the template): 表三（…） / 表三.
    title: dict[str, str] = field(default_factory=dict)
    short: dict[str, str] = field(default_factory=dict)

    @property
    def readable(self) -> bool:
        return self.status in ("read", "resolved")

    def cell(self, row: str, column: str) -> Optional[Cell]:
        return self.cells.get((row, column))

    def value(self, row: str, column: str) -> Optional[Number]:
        c = self.cells.get((row, column))
        return None if c is None else c.value

    def row_label(self, row: str, lang: str = "zh") -> str:
        """A row's name in messages; "" for the one unlabeled row of a single-row table."""
        if lang == "en":
            return self.row_labels_en.get(row) or self.row_labels.get(row, row)
        return self.row_labels.get(row, row)

    def column_label(self, column: str, lang: str = "zh") -> str:
        if lang == "en":
            return self.column_labels_en.get(column) or self.column_labels.get(column, column)
        return self.column_labels.get(column, column)

    def row_values(self, row: str) -> list[Optional[Number]]:
        return [self.value(row, c) for c in self.columns]


# What a block of prose is part of, besides the six sections (``Block.section``).
OPENING = "opening"  # before the first of the six section headings


@dataclass(frozen=True)
class Block:
    """A run of prose as the reader gave it: a paragraph, a section heading or a sub-heading."""

    text: str
    span: Span
    kind: str  # paragraph, heading, subheading
    section: Optional[str]  # the key of the section it belongs to; OPENING; None: neither


@dataclass(frozen=True)
class Sentence:
    """A sentence of a block: up to 。；！？ (and their ASCII forms) or the block's end."""

    text: str
    span: Span
    block: int  # index into Report.blocks
    kind: str  # the block's kind
    section: Optional[str]

    def at(self, start: int, end: int) -> Span:
        """The span in the file of ``text[start:end]``."""
        return Span(self.span.start + start, self.span.start + end)


@dataclass(frozen=True)
class StatedNumber:
    """A number the prose states, with the words around it in its sentence (15 of 共受理申请15件)."""

    value: int
    digits: str  # as written, without separators
    unit: str  # the measure word after it (件, 人次, 个 …), "" when none
    span: Span  # the digits
    sentence: int  # index into Report.sentences
    before: str  # the sentence's text before the number (at most CONTEXT characters)
    after: str  # the text after the digits, the unit included (at most CONTEXT characters)


@dataclass(frozen=True)
class Contact:
    """A contact detail as written: phone, fax, hotline (12345), email or address."""

    kind: str
    text: str
    span: Span
    context: str  # the sentence around it (what it is offered for: 如有疑问…, 畅通…渠道)


@dataclass
class Chrome:
    """Page furniture or export debris found in the text (page numbers, 打印 关闭 …)."""

    kind: str  # page-number, page-chrome, bookmark, pipe-run
    text: str
    span: Span


@dataclass
class Report:
    source: Source
    title: Optional[Title] = None
    issuer: Optional[str] = None
    year: Optional[int] = None
    year_evidence: list[Evidence] = field(default_factory=list)
    edition: Optional[str] = None
    edition_evidence: list[Evidence] = field(default_factory=list)
    date: Optional[Evidence] = None  # publication or signature date (value: "YYYY-MM-DD")
    date_evidence: list[Evidence] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)  # every top-level heading, in order
    sections: list[Section] = field(default_factory=list)  # the six, as found, in text order
    tables: list[Table] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)  # all prose, in order
    metadata: dict[str, Evidence] = field(default_factory=dict)  # page metadata lines
    chrome: list[Chrome] = field(default_factory=list)
    preamble: Optional[Span] = None  # text before the first section
    issuer_kind: Optional[str] = None  # government | department, from the issuer's name; None: cannot tell
    # Prose, computed once by the parser for every rule: blocks in text order, their sentences, the
    # numbers they state, the contact details of the whole text.
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    numbers: list[StatedNumber] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.source.path

    def section(self, key: str) -> Optional[Section]:
        for s in self.sections:
            if s.key == key:
                return s
        return None

    def table(self, table_id: str) -> Optional[Table]:
        for t in self.tables:
            if t.id == table_id:
                return t
        return None

    def text(self, span: Span) -> str:
        return self.source.text[span.start : span.end]

    def sentences_in(self, *sections: Optional[str], kinds: tuple[str, ...] = ("paragraph", "heading", "subheading")) -> list[Sentence]:
        """The sentences of the given sections (keys, or OPENING) in text order; no keys: every sentence."""
        return [s for s in self.sentences if (not sections or s.section in sections) and s.kind in kinds]

    def numbers_in(self, *sections: Optional[str], unit: Optional[str] = None) -> list[StatedNumber]:
        """The numbers stated in the paragraphs of the given sections (no keys: all), with ``unit`` if given."""
        out = []
        for n in self.numbers:
            s = self.sentences[n.sentence]
            if (not sections or s.section in sections) and (unit is None or n.unit == unit):
                out.append(n)
        return out

    def passage(self, section: Optional[str] = None) -> tuple[str, int]:
        """The text of a section from its heading to its end (None: the whole report) and where it starts."""
        if section is None:
            return self.source.text, 0
        s = self.section(section)
        if s is None:
            return "", 0
        return self.source.text[s.heading.span.start : s.body.end], s.heading.span.start


@dataclass(frozen=True)
class Related:
    """A related location of a diagnostic (e.g. a cell that was added up).

    ``path``: another file (last year's report, another issuer's) whose
    region or place the diagnostic's ``related_regions``/``related_places``
    give; its ``span`` is then None. None: the diagnostic's own file.
    """

    span: Optional[Span]
    message: str = ""
    path: Optional[str] = None


@dataclass
class Diagnostic:
    code: str
    name: str
    severity: str  # error | warning | note
    message: dict[str, str]  # language -> text ("zh", "en")
    path: str
    span: Optional[Span] = None
    region: Optional[Region] = None
    related: list[Related] = field(default_factory=list)
    related_regions: list[Region] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    place: Optional[Place] = None  # structured formats: where in the original (page, table/row/cell, paragraph)
    related_places: list[Optional[Place]] = field(default_factory=list)
    logical: str = ""  # the table cell a finding is about, by name: 表三/（一）予以公开/自然人
    # What the finding is about, in words that survive edits elsewhere in the file (the cell's name, or
    # the section and the normalised text of its line): what fingerprints and baselines match on.
    anchor: str = ""

    def text(self, lang: str = "zh") -> str:
        return self.message.get(lang) or self.message.get("en") or next(iter(self.message.values()), "")

    @property
    def sort_key(self) -> tuple:
        r = self.region
        # A .docx or PDF finding has a place but no line: the order of the reading decides.
        at = self.span.start if self.span is not None else -1
        return (self.path, r.start_line if r else 0, r.start_column if r else 0, at, self.code)


def anchor_of_data(d: Diagnostic) -> str:
    """The anchor of a finding without a place in the reading (one across reports): its data's plain
    values, the measured ones (found, expected, share) left out so that a changed figure is the same finding."""
    plain = sorted((k, v) for k, v in d.data.items() if isinstance(v, (str, int, float)) and k not in ("found", "expected", "share"))
    return "|".join(f"{k}={v}" for k, v in plain)
