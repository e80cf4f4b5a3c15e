"""The national template as data: sections, tables, rows, columns, identities.

Loaded once from ``templates/template.yaml`` inside the package. Everything
else asks this module "what rows does table 三 of the 2021 edition have"
instead of spelling template wording out itself.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Optional

from . import compiled
from .normalize import key as label_key

NUMERALS = "一二三四五六七八九十"


def numeral_value(s: str) -> int:
    """一 -> 1 … 十 -> 10, 十一 -> 11; 0 when not a Chinese numeral."""
    if not s:
        return 0
    if s == "十":
        return 10
    if len(s) == 1:
        return NUMERALS.find(s) + 1
    if s[0] == "十":
        return 10 + numeral_value(s[1:])
    if len(s) == 2 and s[1] == "十":
        return numeral_value(s[0]) * 10
    if len(s) == 3 and s[1] == "十":
        return numeral_value(s[0]) * 10 + numeral_value(s[2])
    return 0


@dataclass(frozen=True)
class SectionSpec:
    number: str
    key: str
    title: str
    keywords: tuple[str, ...]
    variants: tuple[str, ...] = ()
    en: str = ""  # the section's name in English messages

    @property
    def ordinal(self) -> int:
        return numeral_value(self.number)

    def display(self, lang: str = "zh") -> str:
        """How messages name the section: 第二部分“主动公开政府信息情况”, section 2 (proactive disclosure)."""
        if lang == "en":
            return f"section {self.ordinal} ({self.en})" if self.en else f"section {self.ordinal}"
        return f"第{self.number}部分“{self.title}”"

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str
    kind: str = "count"  # count | delta | money
    header: str = ""
    aliases: tuple[str, ...] = ()
    en: str = ""  # the label in English messages
    header_en: str = ""

    def display(self, lang: str = "zh") -> str:
        """The column's name: its header and label where a header spans it (行政复议·结果维持)."""
        if lang == "en" and self.en:
            return f"{self.header_en} · {self.en}" if self.header_en else self.en
        return f"{self.header}·{self.label}" if self.header else self.label


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str
    group: str = ""
    aliases: tuple[str, ...] = ()
    en: str = ""

    def display(self, lang: str = "zh") -> str:
        return self.en if lang == "en" and self.en else self.label


@dataclass(frozen=True)
class GroupSpec:
    key: str
    label: str
    en: str = ""


@dataclass(frozen=True)
class IdentitySpec:
    rule: str
    name: str
    per: str  # "row": holds in every row, over columns; "column": in every column, over rows
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    at: str = ""  # the row or column key of the cell a finding points at
    en: str = ""  # the identity's name in English messages

    def display(self, lang: str = "zh") -> str:
        return self.en if lang == "en" and self.en else self.name

    def expand(self, keys: list[str]) -> tuple[list[str], list[str]]:
        """Resolve the key patterns (``withheld_*``) against actual keys."""
        lhs, rhs = _expand(self.lhs, self.rhs, tuple(keys))
        return list(lhs), list(rhs)


@lru_cache(maxsize=1024)
def _expand(lhs: tuple[str, ...], rhs: tuple[str, ...], keys: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    # Every table of every report asks the same few questions: answer each once.
    def pick(patterns: tuple[str, ...]) -> tuple[str, ...]:
        out: list[str] = []
        for p in patterns:
            for k in keys:
                if (k == p or fnmatch.fnmatchcase(k, p)) and k not in out:
                    out.append(k)
        return tuple(out)

    return pick(lhs), pick(rhs)


@dataclass(frozen=True)
class TableSpec:
    id: str
    edition: str
    section: str
    name: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    caption: str = ""
    headers: tuple[str, ...] = ()
    groups: tuple[GroupSpec, ...] = ()
    identities: tuple[IdentitySpec, ...] = ()
    title: tuple[tuple[str, str], ...] = ()  # (lang, text): how messages name the table
    short: tuple[tuple[str, str], ...] = ()
    name_en: str = ""

    def display(self, lang: str = "zh", brief: bool = False) -> str:
        names = dict(self.short if brief else self.title)
        return names.get(lang) or names.get("zh", self.name)

    @property
    def row_keys(self) -> list[str]:
        return [r.key for r in self.rows]

    @property
    def column_keys(self) -> list[str]:
        return [c.key for c in self.columns]

    @cached_property
    def column_kinds(self) -> tuple[str, ...]:
        return tuple(c.kind for c in self.columns)

    def row(self, key: str) -> Optional[RowSpec]:
        for r in self.rows:
            if r.key == key:
                return r
        return None

    def column(self, key: str) -> Optional[ColumnSpec]:
        for c in self.columns:
            if c.key == key:
                return c
        return None

    def row_label(self, key: str, lang: str = "zh") -> str:
        r = self.row(key)
        return r.display(lang) if r else key

    def column_label(self, key: str, lang: str = "zh") -> str:
        c = self.column(key)
        return c.display(lang) if c else key


@dataclass(frozen=True)
class Edition:
    name: str
    issued_by: str
    first_year: int
    last_year: Optional[int]
    tables: tuple[TableSpec, ...]

    def table(self, table_id: str) -> Optional[TableSpec]:
        for t in self.tables:
            if t.id == table_id:
                return t
        return None

    display_names: tuple[tuple[str, str], ...] = ()
    requires: tuple[str, ...] = ()  # statements this edition asks of the prose (fee_statement …)

    def display(self, lang: str = "zh") -> str:
        """``2019 年版模板`` / ``the 2019 template``."""
        return dict(self.display_names).get(lang, self.name)

    def covers(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    @property
    def years(self) -> str:
        return f"{self.first_year}–{self.last_year}" if self.last_year else f"{self.first_year}–"


@dataclass(frozen=True)
class VocabEntry:
    """One piece of template wording the lexer can recognise in a table."""

    kind: str  # CAPTION, HEAD, GROUP, LABEL, SECTION
    key: str  # matching key (normalised)
    text: str  # template wording
    refs: tuple[tuple[str, str, str], ...]  # (edition, table id, row/column/group key)


@dataclass(frozen=True)
class TableMarker:
    """Words that start a statistics table when no caption does (see ``table_markers`` in the YAML)."""

    words: str
    key: str  # normalised, as the lexer matches
    table: str = ""  # the one table these words belong to, if they belong to one
    whole_line: bool = False
    followed_by: tuple[str, ...] = ()  # normalised


@dataclass(frozen=True)
class ClaimSpec:
    """Something the prose says of the tables as a whole, and the cells that would contradict it (GL405)."""

    id: str
    says: re.Pattern
    cells: tuple[tuple[str, str, str], ...]
    what: tuple[tuple[str, str], ...]  # (lang, text): what the claim denies
    about: Optional[re.Pattern] = None  # the sentence must also say this
    unless: Optional[re.Pattern] = None  # a sentence that says this is about something narrower

    def display(self, lang: str = "zh") -> str:
        names = dict(self.what)
        return names.get(lang) or names.get("zh", self.id)


@dataclass(frozen=True)
class CountSpec:
    """How the prose states the count of a table cell (GL402), and where the tables hold it."""

    name: tuple[tuple[str, str], ...]  # (lang, text)
    cells: tuple[tuple[str, str, str], ...]  # (table, row, column), summed
    forms: tuple[tuple[re.Pattern, re.Pattern], ...]  # (lead: ends the words before, trail: begins the words after)
    about: Optional[re.Pattern] = None  # the sentence must say this
    implied_in_review: bool = False  # in section 四 the subject (disclosure) goes without saying
    unless: Optional[re.Pattern] = None

    def display(self, lang: str = "zh") -> str:
        names = dict(self.name)
        return names.get(lang) or names.get("zh", "")

    def says(self, before: str, after: str) -> bool:
        return any(lead.search(before) and trail.match(after) for lead, trail in self.forms)


# The words of the count forms' placeholders: a gap of words, and the measure word after the count
# (the look-behind, redundant at the count, keeps a search through white space linear).
_COUNT_WORDS = {"gap": r"[^。；;，,：:\d]{0,16}?", "pieces": r"(?<!\s)\s*件"}
_ABOUT = {"disclosure": r"信息公开|依申请"}


def _count(c: dict) -> CountSpec:
    def fill(p: str) -> str:
        return p.replace("{gap}", _COUNT_WORDS["gap"]).replace("{pieces}", _COUNT_WORDS["pieces"])

    about = c.get("about", "申请")
    return CountSpec(
        name=tuple(sorted((lang, str(t)) for lang, t in c["name"].items())),
        cells=tuple((str(t), str(r), str(col)) for t, r, col in c["cells"]),
        forms=tuple(
            (re.compile(f"(?:{fill(f.get('lead', ''))})\\Z"), re.compile(fill(f.get("trail", "{pieces}")))) for f in c["forms"]
        ),
        about=re.compile(_ABOUT.get(about, about)),
        implied_in_review=about == "disclosure",
        unless=re.compile(c["unless"]) if c.get("unless") else None,
    )


@dataclass
class Template:
    sections: tuple[SectionSpec, ...]
    editions: dict[str, Edition]
    table_markers: tuple[TableMarker, ...]
    caption_header: str = ""
    vocabulary: dict[str, VocabEntry] = field(default_factory=dict)
    claims: tuple[ClaimSpec, ...] = ()
    counts: tuple[CountSpec, ...] = ()

    @property
    def current(self) -> Edition:
        """The edition in force today: the one with no last year (else the newest)."""
        open_ended = [e for e in self.editions.values() if e.last_year is None]
        return max(open_ended or self.editions.values(), key=lambda e: e.first_year)

    def table_spec(self, table_id: str) -> Optional[TableSpec]:
        """The table in the current edition, else in any edition that has it."""
        for e in sorted(self.editions.values(), key=lambda e: e is not self.current):
            t = e.table(table_id)
            if t is not None:
                return t
        return None

    @cached_property
    def captions(self) -> tuple[str, ...]:
        seen: list[str] = []
        for e in self.editions.values():
            for t in e.tables:
                if t.caption and t.caption not in seen:
                    seen.append(t.caption)
        return tuple(seen)

    # Lookups derived from the template, made once (the parser asks them of every report).

    @cached_property
    def section_by_wording(self) -> dict[str, str]:
        """The key form of every section title and variant -> its section key."""
        return {label_key(t): s.key for s in self.sections for t in (s.title,) + s.variants}

    @cached_property
    def section_table(self) -> dict[str, str]:
        """Section key -> the table number its tables carry (二: 2 for 2.1 … 2.9)."""
        out: dict[str, str] = {}
        for s in self.sections:
            ids = [t.id for e in self.editions.values() for t in e.tables if t.section == s.number]
            if ids:
                out[s.key] = ids[0].split(".")[0]
        return out

    @cached_property
    def own_markers(self) -> tuple[str, ...]:
        """Header words that belong to one table alone (申请人情况: table 三)."""
        return tuple(m.key for m in self.table_markers if m.table)

    @cached_property
    def row_or_group(self) -> dict[tuple[str, str], frozenset[str]]:
        """(table id, label key) -> the editions where the wording is a row, for wording that is a group label in others."""
        rows: dict[tuple[str, str], set[str]] = {}
        groups: set[tuple[str, str]] = set()
        for e in self.editions.values():
            for t in e.tables:
                for r in t.rows:
                    for text in (r.label, *r.aliases):
                        rows.setdefault((t.id, label_key(text)), set()).add(e.name)
                groups.update((t.id, label_key(g.label)) for g in t.groups)
        return {k: frozenset(v) for k, v in rows.items() if k in groups}

    def section(self, key_or_number: str) -> Optional[SectionSpec]:
        for s in self.sections:
            if key_or_number in (s.key, s.number):
                return s
        return None

    def edition_for_year(self, year: int) -> Optional[Edition]:
        for e in self.editions.values():
            if e.covers(year):
                return e
        return None

    def table_ids(self, section_number: str, edition: str) -> list[str]:
        return [t.id for t in self.editions[edition].tables if t.section == section_number]

    def table_name(self, table_id: str) -> str:
        for e in self.editions.values():
            t = e.table(table_id)
            if t:
                return t.name
        return table_id


def _tuple(v) -> tuple:
    return tuple(v or ())


def _load(data: dict) -> Template:
    sections = tuple(
        SectionSpec(
            number=s["number"],
            key=s["key"],
            title=s["title"],
            keywords=_tuple(s.get("keywords")),
            variants=_tuple(s.get("variants")),
            en=s.get("en", ""),
        )
        for s in data["sections"]
    )
    names = data.get("table_names") or {}
    edition_names = data.get("edition_names") or {}

    def named(t: dict, which: str, section: str, name: str) -> tuple[tuple[str, str], ...]:
        own = t.get(which) or {}
        pattern = names.get(which) or {}
        out = {lang: str(text) for lang, text in pattern.items()}
        words = {"section": section, "ordinal": numeral_value(section), "name": name, "name_en": t.get("name_en") or name}
        out = {lang: text.format(**words) for lang, text in out.items()}
        out.update({lang: str(text) for lang, text in own.items()})
        return tuple(sorted(out.items()))

    editions: dict[str, Edition] = {}
    for name, e in data["editions"].items():
        tables = []
        for t in e["tables"]:
            tables.append(
                TableSpec(
                    id=str(t["id"]),
                    edition=str(name),
                    section=t["section"],
                    name=t["name"],
                    caption=t.get("caption", ""),
                    columns=tuple(
                        ColumnSpec(
                            key=c["key"],
                            label=c["label"],
                            kind=c.get("kind", "count"),
                            header=c.get("header", ""),
                            aliases=_tuple(c.get("aliases")),
                            en=c.get("en", ""),
                            header_en=c.get("header_en", ""),
                        )
                        for c in t["columns"]
                    ),
                    rows=tuple(
                        RowSpec(
                            key=r["key"],
                            label=r["label"],
                            group=r.get("group", ""),
                            aliases=_tuple(r.get("aliases")),
                            en=r.get("en", ""),
                        )
                        for r in t["rows"]
                    ),
                    headers=_tuple(t.get("headers")),
                    groups=tuple(GroupSpec(g["key"], g["label"], g.get("en", "")) for g in t.get("groups", ())),
                    identities=tuple(
                        IdentitySpec(
                            rule=i["rule"],
                            name=i["name"],
                            per=i["per"],
                            lhs=_tuple(i["lhs"]),
                            rhs=_tuple(i["rhs"]),
                            at=i.get("at", ""),
                            en=i.get("en", ""),
                        )
                        for i in t.get("identities", ())
                    ),
                    name_en=t.get("name_en", ""),
                    title=named(t, "title", t["section"], t["name"]),
                    short=named(t, "short", t["section"], t["name"]),
                )
            )
        editions[str(name)] = Edition(
            name=str(name),
            issued_by=e["issued_by"],
            first_year=int(e["first_year"]),
            last_year=e.get("last_year"),
            tables=tuple(tables),
            requires=_tuple(e.get("requires")),
            display_names=tuple(sorted((lang, str(text).format(year=e["first_year"])) for lang, text in edition_names.items())),
        )
    markers = []
    for m in data.get("table_markers") or ():
        m = {"words": m} if isinstance(m, str) else m
        markers.append(
            TableMarker(
                words=m["words"],
                key=label_key(m["words"]),
                table=str(m.get("table", "")),
                whole_line=bool(m.get("whole_line")),
                followed_by=tuple(label_key(f) for f in m.get("followed_by", ())),
            )
        )
    claims = tuple(
        ClaimSpec(
            id=c["id"],
            says=re.compile(c["says"]),
            cells=tuple((str(t), str(r), str(col)) for t, r, col in c["cells"]),
            what=tuple(sorted((lang, str(text)) for lang, text in c["what"].items())),
            about=re.compile(c["about"]) if c.get("about") else None,
            unless=re.compile(c["unless"]) if c.get("unless") else None,
        )
        for c in data.get("claims") or ()
    )
    tpl = Template(
        sections=sections,
        editions=editions,
        table_markers=tuple(markers),
        caption_header=data.get("caption_header", ""),
        claims=claims,
        counts=tuple(_count(c) for c in data.get("counts") or ()),
    )
    tpl.vocabulary = _vocabulary(tpl)
    return tpl


def _vocabulary(tpl: Template) -> dict[str, VocabEntry]:
    found: dict[str, tuple[str, str, list]] = {}

    def add(kind: str, text: str, ref: tuple[str, str, str]) -> None:
        if not text:
            return
        k = label_key(text)
        if k in found:
            prev_kind, prev_text, refs = found[k]
            if ref not in refs:
                refs.append(ref)
            # A row label that is a group label elsewhere (（六）其他处理) stays a LABEL:
            # the aligner decides per edition.
            if prev_kind != kind and "LABEL" in (prev_kind, kind):
                found[k] = ("LABEL", prev_text, refs)
        else:
            found[k] = (kind, text, [ref])

    for ed in tpl.editions.values():
        for t in ed.tables:
            add("CAPTION", t.caption, (ed.name, t.id, ""))
            for h in t.headers:
                add("HEAD", h, (ed.name, t.id, ""))
            if t.caption:
                add("HEAD", tpl.caption_header, (ed.name, t.id, ""))
            for c in t.columns:
                add("HEAD", c.label, (ed.name, t.id, c.key))
                for a in c.aliases:
                    add("HEAD", a, (ed.name, t.id, c.key))
            for g in t.groups:
                add("GROUP", g.label, (ed.name, t.id, g.key))
            for r in t.rows:
                add("LABEL", r.label, (ed.name, t.id, r.key))
                for a in r.aliases:
                    add("LABEL", a, (ed.name, t.id, r.key))
    return {k: VocabEntry(kind, k, text, tuple(refs)) for k, (kind, text, refs) in found.items()}


@lru_cache(maxsize=1)
def load_template() -> Template:
    """The template shipped with govlint (cached: it is immutable)."""
    raw = resources.files("govlint").joinpath("templates/template.yaml").read_text(encoding="utf-8")
    # The YAML read once and kept as JSON (govlint.compiled): a run does not import or run the YAML parser.
    return _load(compiled.data("template", raw, lambda: _parse_yaml(raw)))


def _parse_yaml(raw: str) -> dict:
    import yaml

    return yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
