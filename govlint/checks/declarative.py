"""Declarative rules: local requirements written in YAML, no Python needed.

A pack is a YAML file::

    pack: hotline-12345
    description: 本省要求在总体情况中报告 12345 热线办理情况
    rules:
      - code: HL101                     # your own prefix; GL is govlint's
        name: missing-12345-hotline
        severity: warning               # error | warning | note (default warning)
        summary: {zh: …, en: …}
        message: {zh: …, en: …}          # may use {match}, {section}, {count}, {limit}
        explanation: {zh: …, en: …}      # optional
        example: {bad: …, good: …}       # optional
        check:
          kind: must-contain             # see KINDS
          pattern: "12345"               # a Python regular expression
          section: overview              # optional: 一 … 六 or overview, proactive, requests,
                                         # review, problems, other

Kinds: ``must-contain`` (the pattern must occur), ``must-not-contain`` (each
occurrence is a finding), ``section-exists`` (a heading or sub-heading must
match), ``number-with-phrase`` (the phrase must appear with a number within
``within`` characters after it), ``count-limit`` (occurrences between ``min``
and ``max``). Errors in a pack name the file, the line and the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml

from ..model import Diagnostic, Report, Span
from ..read.files import ReadFailure, read_text_file
from ..rule import Context, Rule

KINDS = ("must-contain", "must-not-contain", "section-exists", "number-with-phrase", "count-limit")
_CODE = re.compile(r"^[A-Z]{2,8}\d{2,4}$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SECTIONS = {
    "一": "overview", "二": "proactive", "三": "requests", "四": "review", "五": "problems", "六": "other",
}
_NUMBER = re.compile(r"\d")
MAX_PACK_BYTES = 1024 * 1024  # a pack is a page of rules; more is a mistake or an attack


class PackError(Exception):
    """A declarative pack is wrong: ``file:line: key: message``."""


@dataclass
class _Node:
    value: Any
    line: int  # 1-based


class _Refused(Exception):
    """Part of the YAML a pack cannot hold (line, what)."""

    def __init__(self, line: int, what: str) -> None:
        super().__init__(what)
        self.line = line
        self.what = what


_ALIAS = "anchors and aliases (&name, *name) are not allowed in a rule pack"


def _plain(node: yaml.Node, seen: Optional[set[int]] = None) -> _Node:
    """A YAML node as nested _Node values that remember their line.

    A pack has no use for anchors and aliases, and an alias is how a short
    file expands to an exponential one (the "billion laughs"): a node met a
    second time is refused, so the work is linear in the file.
    """
    seen = set() if seen is None else seen
    if id(node) in seen:
        raise _Refused(node.start_mark.line + 1, _ALIAS)
    seen.add(id(node))
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, _Node] = {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                raise _Refused(k.start_mark.line + 1, _ALIAS if id(k) in seen else "a key must be text")
            out[str(k.value)] = _plain(v, seen)
        return _Node(out, line)
    if isinstance(node, yaml.SequenceNode):
        return _Node([_plain(v, seen) for v in node.value], line)
    loader = yaml.SafeLoader("")
    try:
        return _Node(loader.construct_object(node, deep=True), line)
    finally:
        loader.dispose()


@dataclass
class DeclarativeRule(Rule):
    """A rule defined in a YAML pack. Reads the model like every rule."""

    code: str = ""  # type: ignore[misc]
    name: str = ""  # type: ignore[misc]
    severity: str = "warning"  # type: ignore[misc]
    summary: dict = field(default_factory=dict)  # type: ignore[misc]
    explanation: dict = field(default_factory=dict)  # type: ignore[misc]
    message: dict = field(default_factory=dict)
    example_bad: str = ""  # type: ignore[misc]
    example_good: str = ""  # type: ignore[misc]
    kind: str = ""
    pattern: Optional[re.Pattern] = None
    section: Optional[str] = None
    minimum: Optional[int] = None
    maximum: Optional[int] = None
    within: int = 20
    pack: str = ""
    source: str = ""

    def __hash__(self) -> int:
        return hash(self.code)

    @property
    def family(self) -> str:
        return f"pack {self.pack}"

    def _text(self, report: Report) -> tuple[str, int, Optional[Span]]:
        """The text searched, its offset in the report, and the section heading (if any)."""
        text, start = report.passage(self.section)
        s = report.section(self.section) if self.section is not None else None
        return text, start, s.heading.span if s is not None else None

    def _say(self, report: Report, span: Optional[Span], **fmt: Any) -> Diagnostic:
        fmt.setdefault("section", self.section or "")
        zh = _format(self.message.get("zh", ""), fmt)
        en = _format(self.message.get("en", ""), fmt)
        return self.diagnostic(report, span or Span(0, 0), zh, en, pack=self.pack, **{k: v for k, v in fmt.items() if k != "section"})

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        assert self.pattern is not None
        text, base, heading = self._text(report)
        if self.section is not None and heading is None:
            return  # the section itself is missing: GL101's business
        where = heading or (report.title.span if report.title else Span(0, 0))
        if self.kind == "must-contain":
            if not self.pattern.search(text):
                yield self._say(report, where)
        elif self.kind == "must-not-contain":
            for m in self.pattern.finditer(text):
                yield self._say(report, Span(base + m.start(), base + m.end()), match=m.group())
        elif self.kind == "section-exists":
            heads = [h for h in report.headings] + [sub for s in report.sections for sub in s.subsections]
            if not any(self.pattern.search(report.text(h.span)) for h in heads):
                yield self._say(report, where)
        elif self.kind == "number-with-phrase":
            found = list(self.pattern.finditer(text))
            # Absent phrase: not this kind's business (a must-contain rule says it is required).
            if found and not any(_NUMBER.search(_sentence_after(text, m.end(), self.within)) for m in found):
                m = found[0]
                yield self._say(report, Span(base + m.start(), base + m.end()), match=m.group())
        elif self.kind == "count-limit":
            found = list(self.pattern.finditer(text))
            n = len(found)
            if self.maximum is not None and n > self.maximum:
                m = found[self.maximum]
                yield self._say(report, Span(base + m.start(), base + m.end()), count=n, limit=self.maximum, match=m.group())
            elif self.minimum is not None and n < self.minimum:
                yield self._say(report, where, count=n, limit=self.minimum, match="")


def _sentence_after(text: str, pos: int, within: int) -> str:
    """Up to ``within`` characters after ``pos``, not past the end of the sentence."""
    window = text[pos : pos + within]
    m = re.search(r"[。；;！？!?\n]", window)
    return window[: m.start()] if m else window


def _format(template: str, values: dict) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def load_pack(path: Path | Any, display: Optional[str] = None) -> list[DeclarativeRule]:
    """Read and validate one pack; raises PackError naming the file, line and key."""
    name = display or str(path)
    try:
        raw = read_text_file(path, MAX_PACK_BYTES) if isinstance(path, (str, Path)) else path.read_text(encoding="utf-8")
    except ReadFailure as e:
        raise PackError(f"{name}: cannot be read: {e.reason_en}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise PackError(f"{name}: cannot be read: {e}") from None
    try:
        node = yaml.compose(raw, Loader=yaml.SafeLoader)
        doc = None if node is None else _plain(node)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise PackError(f"{name}{line}: not valid YAML: {getattr(e, 'problem', e)}") from None
    except _Refused as e:
        raise PackError(f"{name}:{e.line}: {e.what}") from None
    except RecursionError:
        raise PackError(f"{name}: nested too deeply to be a rule pack") from None
    if doc is None:
        raise PackError(f"{name}:1: the pack is empty")

    def err(n: _Node, key: str, msg: str) -> PackError:
        return PackError(f"{name}:{n.line}: {key}: {msg}")

    if not isinstance(doc.value, dict):
        raise err(doc, "(top)", "a pack is a mapping with 'pack' and 'rules'")
    unknown = set(doc.value) - {"pack", "description", "rules"}
    if unknown:
        k = sorted(unknown)[0]
        raise err(doc.value[k], k, "unknown key (a pack has pack, description, rules)")
    pack_name = _string(doc.value.get("pack"), "pack", err, doc)
    rules_node = doc.value.get("rules")
    if rules_node is None or not isinstance(rules_node.value, list) or not rules_node.value:
        raise err(rules_node or doc, "rules", "a non-empty list of rules is required")
    out: list[DeclarativeRule] = []
    for i, rn in enumerate(rules_node.value):
        out.append(_rule(rn, f"rules[{i}]", pack_name, name, err))
    codes = [r.code for r in out]
    dup = next((c for c in codes if codes.count(c) > 1), None)
    if dup:
        raise err(rules_node, "rules", f"code {dup} is defined twice")
    return out


_RULE_KEYS = {"code", "name", "severity", "summary", "message", "explanation", "example", "check"}
_CHECK_KEYS = {"kind", "pattern", "section", "min", "max", "within"}


def _string(n: Optional[_Node], key: str, err, parent: _Node) -> str:
    if n is None:
        raise err(parent, key, "is required")
    if not isinstance(n.value, str) or not n.value.strip():
        raise err(n, key, "must be a non-empty string")
    return n.value


def _bilingual(n: Optional[_Node], key: str, err, parent: _Node, required: bool = True) -> dict:
    if n is None:
        if required:
            raise err(parent, key, "is required ({zh: …, en: …})")
        return {}
    if not isinstance(n.value, dict) or set(n.value) - {"zh", "en"} or not n.value:
        raise err(n, key, "must be a mapping with zh and en texts")
    out = {}
    for lang in ("zh", "en"):
        if lang not in n.value:
            raise err(n, f"{key}.{lang}", "is required")
        out[lang] = _string(n.value[lang], f"{key}.{lang}", err, n)
    return out


def _known_keys(mapping: dict, allowed: set, where: str, what: str, err) -> None:
    """Refuse the first unknown key of a mapping, naming the keys that are allowed."""
    unknown = set(mapping) - allowed
    if unknown:
        k = sorted(unknown)[0]
        raise err(mapping[k], f"{where}.{k}", f"unknown key ({what} has {', '.join(sorted(allowed))})")


def _rule(rn: _Node, where: str, pack: str, name: str, err) -> DeclarativeRule:
    if not isinstance(rn.value, dict):
        raise err(rn, where, "a rule is a mapping")
    r = rn.value
    _known_keys(r, _RULE_KEYS, where, "a rule", err)
    code = _string(r.get("code"), f"{where}.code", err, rn)
    if not _CODE.match(code):
        raise err(r["code"], f"{where}.code", f"'{code}' must be capital letters then digits, such as HL101")
    if code.startswith("GL"):
        raise err(r["code"], f"{where}.code", "the GL prefix is reserved for govlint's own rules")
    rname = _string(r.get("name"), f"{where}.name", err, rn)
    if not _NAME.match(rname):
        raise err(r["name"], f"{where}.name", f"'{rname}' must be kebab-case, such as missing-12345-hotline")
    severity = "warning"
    if "severity" in r:
        severity = _string(r["severity"], f"{where}.severity", err, rn)
        if severity not in ("error", "warning", "note"):
            raise err(r["severity"], f"{where}.severity", "must be error, warning or note")
    summary = _bilingual(r.get("summary"), f"{where}.summary", err, rn)
    message = _bilingual(r.get("message"), f"{where}.message", err, rn)
    explanation = _bilingual(r.get("explanation"), f"{where}.explanation", err, rn, required=False) or summary
    bad = good = ""
    if "example" in r:
        ex = r["example"]
        if not isinstance(ex.value, dict) or set(ex.value) - {"bad", "good"}:
            raise err(ex, f"{where}.example", "must be a mapping with bad and good")
        bad = _string(ex.value["bad"], f"{where}.example.bad", err, ex) if "bad" in ex.value else ""
        good = _string(ex.value["good"], f"{where}.example.good", err, ex) if "good" in ex.value else ""
    cn = r.get("check")
    if cn is None or not isinstance(cn.value, dict):
        raise err(cn or rn, f"{where}.check", "a mapping with kind and pattern is required")
    c = cn.value
    _known_keys(c, _CHECK_KEYS, f"{where}.check", "a check", err)
    kind = _string(c.get("kind"), f"{where}.check.kind", err, cn)
    if kind not in KINDS:
        raise err(c["kind"], f"{where}.check.kind", f"unknown kind '{kind}' (one of {', '.join(KINDS)})")
    pattern_text = _string(c.get("pattern"), f"{where}.check.pattern", err, cn)
    try:
        pattern = re.compile(pattern_text)
    except re.error as e:
        raise err(c["pattern"], f"{where}.check.pattern", f"not a valid regular expression: {e}") from None
    section = None
    if "section" in c:
        s = _string(c["section"], f"{where}.check.section", err, cn)
        section = _SECTIONS.get(s, s)
        if section not in _SECTIONS.values():
            raise err(c["section"], f"{where}.check.section", f"'{s}' is not one of 一 … 六 or {', '.join(_SECTIONS.values())}")
    ints: dict[str, Optional[int]] = {}
    for k in ("min", "max", "within"):
        if k in c:
            v = c[k].value
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise err(c[k], f"{where}.check.{k}", "must be a whole number, 0 or more")
            ints[k] = v
    if kind == "count-limit" and "min" not in ints and "max" not in ints:
        raise err(cn, f"{where}.check", "count-limit needs min or max")
    return DeclarativeRule(
        code=code,
        name=rname,
        severity=severity,
        summary=summary,
        explanation=explanation,
        message=message,
        example_bad=bad,
        example_good=good,
        kind=kind,
        pattern=pattern,
        section=section,
        minimum=ints.get("min"),
        maximum=ints.get("max"),
        within=ints.get("within") or 20,
        pack=pack,
        source=name,
    )


def builtin_packs() -> dict[str, Any]:
    """The packs shipped with govlint (``rules/`` in the repository), by name."""
    root = resources.files("govlint.rulepacks")
    return {p.name[: -len(".yaml")]: p for p in root.iterdir() if p.name.endswith(".yaml")}


def load_packs(specs: Iterable[str], base: Path, shipped: Iterable[Any] = ()) -> list[DeclarativeRule]:
    """Rules of the packs named in configuration (files, or ``builtin:NAME``) and of plugins."""
    rules: list[DeclarativeRule] = []
    builtin = None
    for spec in specs:
        if spec.startswith("builtin:"):
            builtin = builtin or builtin_packs()
            name = spec.split(":", 1)[1]
            if name not in builtin:
                raise PackError(f"unknown built-in rule pack '{name}' (available: {', '.join(sorted(builtin))})")
            rules.extend(load_pack(builtin[name], f"builtin:{name}"))
        else:
            p = Path(spec)
            if not p.is_absolute():
                p = base / p
            rules.extend(load_pack(p))
    for path in shipped:
        rules.extend(load_pack(path))
    return rules
