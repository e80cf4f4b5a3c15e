"""Configuration files: discovery, validation, and where each setting came from.

Looked for from the linted path's directory upward: ``.govlint.toml``,
``.govlint.yaml`` (or ``.yml``), then ``[tool.govlint]`` in
``pyproject.toml``. The first file found wins; ``--config FILE`` names one,
``--isolated`` ignores them all. YAML is read with the safe loader only.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from .i18n import LocalisedError
from .read.files import ReadFailure, read_text_file

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11
    import tomli as tomllib

SEVERITIES = ("error", "warning", "note")


@dataclass(frozen=True)
class Key:
    name: str
    kind: str  # codes, str, int, globs, table-codes, table-severity, strs
    help: str
    choices: tuple = ()


KEYS = {
    k.name: k
    for k in (
        Key("select", "codes", "rule codes or prefixes to run (default: ALL)"),
        Key("extend-select", "codes", "codes or prefixes added to select"),
        Key("ignore", "codes", "rule codes or prefixes not to run"),
        Key("per-file-ignores", "table-codes", "glob -> codes to ignore in matching files"),
        Key("severity", "table-severity", "code -> error | warning | note"),
        Key("fail-level", "str", "lowest severity that makes the exit code 1", SEVERITIES),
        Key("lang", "str", "message language", ("zh", "en")),
        Key("include", "globs", "files to lint when a directory is given (default: every supported format)"),
        Key("exclude", "globs", "files or folders not to lint when a directory is given"),
        Key("max-size", "int", "largest file read as a report, in bytes"),
        Key("timeout", "seconds", "time limit in seconds for reading one file, and for each rule on it (0: none)"),
        Key("year", "int", "the reporting year (when govlint's inference is wrong)"),
        Key("issuer-kind", "str", "government (31 March) or department (31 January)", ("government", "department")),
        Key("contact-required", "strs", "contact details that must all be given", ("phone", "email", "address")),
        Key("repeated-word-allow", "strs", "doubled words that are intended (GL501)"),
        Key("repeat-threshold", "share", "share of a section's prose repeated from another report that is reported (GL603, GL604; default 0.5)"),
        Key("rule-packs", "strs", "declarative rule packs to load: files, or builtin:NAME"),
        Key("previous", "table-paths", "report -> last year's report of the same issuer (GL601-GL603), paths relative to this file"),
    )
}


@dataclass(frozen=True)
class ConfigOption:
    """A configuration key a plugin adds (see the ``govlint_config_options`` hook).

    ``kind`` is one of "str", "int", "bool", "strs" (a list of strings).
    """

    name: str
    kind: str
    help: str
    default: Any = None
RULE_OPTIONS = ("year", "issuer-kind", "contact-required", "repeated-word-allow", "repeat-threshold")


class ConfigError(LocalisedError, ValueError):
    """A configuration is wrong: a file, a command-line option or an argument of the Python API.

    The message names where (the file and the key, ``--select``, ``select``)
    and what is known. A ``ValueError``, so either may be caught. ``str()``
    is English; ``text("zh")`` the same in Chinese.
    """


@dataclass
class Config:
    path: Optional[Path] = None
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def rule_options(self) -> dict[str, Any]:
        return {k: self.values[k] for k in RULE_OPTIONS if k in self.values}

    @property
    def base(self) -> Path:
        """The folder globs in this configuration are relative to."""
        return self.path.parent if self.path else Path.cwd()


def _read(path: Path) -> Optional[dict]:
    try:
        raw = read_text_file(path)
    except ReadFailure as e:
        raise ConfigError(f"{path}: cannot be read: {e.reason_en}", f"{path}：无法读取：{e.reason_zh}") from None
    try:
        if path.name == "pyproject.toml":
            return tomllib.loads(raw).get("tool", {}).get("govlint")
        if path.suffix == ".toml":
            return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}", f"{path}：不是有效的 TOML：{e}") from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply to be a configuration", f"{path}：嵌套过深，不是配置文件") from None
    import yaml  # only for a YAML configuration: most runs have none

    try:
        loaded = yaml.safe_load(raw)
        return loaded if loaded is not None else {}
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML: {e}", f"{path}：不是有效的 YAML：{e}") from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply to be a configuration", f"{path}：嵌套过深，不是配置文件") from None


def _codes(v: Any, where: str) -> list[str]:
    if isinstance(v, str):
        v = [x for x in v.split(",")]
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise ConfigError(f"{where} must be a list of rule codes or prefixes, such as [\"GL1\", \"GL203\"]", f"{_zh(where)} 应为规则代码或前缀的列表，例如 [\"GL1\", \"GL203\"]")
    return [x.strip().upper() for x in v if x.strip()]


def validate(
    data: Any,
    path: Any,
    known_codes: Optional[set[str]] = None,
    extra: Optional[dict[str, ConfigOption]] = None,
    allowed: Optional[Iterable[str]] = None,
) -> dict[str, Any]:
    """Check every key and value; returns the normalised values.

    ``path`` names where the values came from in messages (a file, or
    ``options`` for the API's rule options); ``extra`` are the options
    installed plugins add; ``allowed`` limits the keys (default: every key).
    """
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the govlint configuration must be a table of keys", f"{path}：govlint 配置应为键值表")
    extra = extra or {}
    names = set(allowed) if allowed is not None else set(KEYS) | set(extra)
    out: dict[str, Any] = {}
    for k, v in data.items():
        if k not in names or (k not in KEYS and k not in extra):
            raise ConfigError(f"{path}: unknown key '{k}' (known: {', '.join(sorted(names))})", f"{path}：未知的配置项“{k}”（可用：{', '.join(sorted(names))}）")
        out[k] = value(k, v, f"{path}: key '{k}'", known_codes, extra)
    return out


def value(
    k: str, v: Any, where: str, known_codes: Optional[set[str]] = None, extra: Optional[dict[str, ConfigOption]] = None
) -> Any:
    """One setting's value, checked and normalised; ``where`` begins every message about it."""
    key = KEYS.get(k)
    if key is None and extra and k in extra:
        return _plugin_value(extra[k], v, where)
    if key is None:
        raise ConfigError(f"unknown setting {k}", f"未知的设置 {k}")
    if key.kind == "codes":
        v = _codes(v, where)
        _known(v, known_codes, where)
    elif key.kind == "table-paths":
        if not isinstance(v, dict) or not all(isinstance(a, str) and isinstance(b, str) and a and b for a, b in v.items()):
            raise ConfigError(f"{where} must be a table of \"report\" = \"last year's report\" (paths)", f"{_zh(where)} 应为“报告” = “上年报告”（路径）的表")
        v = dict(v)
    elif key.kind == "table-codes":
        if not isinstance(v, dict):
            raise ConfigError(f"{where} must be a table of glob = [codes]", f"{_zh(where)} 应为 文件模式 = [规则代码] 的表")
        v = {str(glob): _codes(codes, f"{_zh(where)}, glob '{glob}'") for glob, codes in v.items()}
        for glob, codes in v.items():
            _known(codes, known_codes, f"{_zh(where)}, glob '{glob}'")
    elif key.kind == "table-severity":
        if not isinstance(v, dict) or not all(isinstance(s, str) for s in v.values()):
            raise ConfigError(f"{where} must be a table of CODE = \"error\" | \"warning\" | \"note\"", f"{_zh(where)} 应为 代码 = \"error\" | \"warning\" | \"note\" 的表")
        v = {str(c).upper(): s for c, s in v.items()}
        for c, s in v.items():
            if s not in SEVERITIES:
                raise ConfigError(f"{where}: {c} = '{s}' is not one of error, warning, note", f"{_zh(where)}：{c} = '{s}' 不是 error、warning、note 之一")
        _known(list(v), known_codes, where, exact=True)
    elif key.kind in ("globs", "strs"):
        if isinstance(v, str):
            v = [v]
        if isinstance(v, tuple):
            v = list(v)
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise ConfigError(f"{where} must be a list of strings", f"{_zh(where)} 应为字符串列表")
        if key.choices and not set(v) <= set(key.choices):
            raise ConfigError(f"{where} takes {', '.join(key.choices)}, not {v}", f"{_zh(where)} 的取值为 {', '.join(key.choices)}，而不是 {v}")
    elif key.kind == "str":
        if not isinstance(v, str) or (key.choices and v not in key.choices):
            raise ConfigError(f"{where} must be one of {', '.join(key.choices)}, not {v!r}", f"{_zh(where)} 应为 {', '.join(key.choices)} 之一，而不是 {v!r}")
    elif key.kind == "seconds":
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not 0 <= v <= 86400:
            shown = f"{v:g}" if isinstance(v, (int, float)) and not isinstance(v, bool) else repr(v)
            raise ConfigError(f"{where} must be a number of seconds from 0 (no limit) to 86400, not {shown}", f"{_zh(where)} 应为 0（不限）至 86400 的秒数，而不是 {shown}")
    elif key.kind == "share":
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not 0 < v <= 1:
            raise ConfigError(f"{where} must be a share from 0 to 1 (0.5: half), not {v!r}", f"{_zh(where)} 应为 0 至 1 的比例（0.5 表示一半），而不是 {v!r}")
        v = float(v)
    elif key.kind == "int":
        if not isinstance(v, int) or isinstance(v, bool):
            raise ConfigError(f"{where} must be a whole number, not {v!r}", f"{_zh(where)} 应为整数，而不是 {v!r}")
        if k == "year" and not 2008 <= v <= 2100:
            raise ConfigError(f"{where} must be a reporting year such as 2022, not {v}", f"{_zh(where)} 应为报告年度（如 2022），而不是 {v}")
        if k == "max-size" and v <= 0:
            raise ConfigError(f"{where} must be a positive number of bytes, not {v}", f"{_zh(where)} 应为正的字节数，而不是 {v}")
    return v


def _plugin_value(opt: ConfigOption, v: Any, where: str) -> Any:
    ok = {
        "str": isinstance(v, str),
        "int": isinstance(v, int) and not isinstance(v, bool),
        "bool": isinstance(v, bool),
        "strs": isinstance(v, list) and all(isinstance(x, str) for x in v),
    }.get(opt.kind, True)
    if not ok:
        raise ConfigError(f"{where} must be {opt.kind} ({opt.help})", f"{_zh(where)} 的类型应为 {opt.kind}（{opt.help}）")
    return v


def _zh(where: str) -> str:
    """Where a value was named, in Chinese: ``pyproject.toml: key 'year'`` -> ``pyproject.toml：配置项“year”``."""
    where = re.sub(r": key '([^']+)'", r"：配置项“\1”", where)
    return re.sub(r", glob '([^']+)'", r"，文件模式“\1”", where)


def unknown_code(where: str, code: str, known: Iterable[str], lang: str = "en") -> str:
    """The one wording of an unknown rule code, wherever it was named (file, command line, API)."""
    import difflib

    c = code.upper()
    # a letter for a digit that looks like it (GL2O1, GL2l1) is the likeliest slip, then one
    # character wrong where only one code fits; else difflib's guess
    lookalike = c[:2] + c[2:].translate(str.maketrans("OIL", "011"))
    close = [lookalike] if lookalike in known else []
    close = close or [k for k in sorted(known) if len(k) == len(c) and sum(x != y for x, y in zip(k, c)) == 1]
    close = close or difflib.get_close_matches(c, sorted(known), n=1, cutoff=0.75)
    if lang == "zh":
        hint = f"是否指 {close[0]}？" if len(close) == 1 else ""
        return f"{where}：未知的规则代码或前缀“{code}”（{hint}见 govlint rules）"
    hint = f"did you mean {close[0]}? " if len(close) == 1 else ""
    return f"{where}: unknown rule code or prefix '{code}' ({hint}see 'govlint rules')"


def _known(codes: list[str], known: Optional[set[str]], where: str, exact: bool = False) -> None:
    if known is None:
        return
    for c in codes:
        ok = c in known if exact else (c == "ALL" or any(k.startswith(c) for k in known))
        if not ok:
            raise ConfigError(unknown_code(where, c, known), unknown_code(_zh(where), c, known, "zh"))


def check_codes(config: Config, known: set[str]) -> None:
    """Every code the configuration names must belong to an installed rule."""
    where = str(config.path) if config.path else "configuration"
    for key in ("select", "extend-select", "ignore"):
        _known(config.values.get(key, []), known, f"{_zh(where)}: key '{key}'")
    for glob, codes in config.values.get("per-file-ignores", {}).items():
        _known(codes, known, f"{_zh(where)}: key 'per-file-ignores', glob '{glob}'")
    _known(list(config.values.get("severity", {})), known, f"{_zh(where)}: key 'severity'", exact=True)


def load(path: Path, known_codes: Optional[set[str]] = None, extra: Optional[dict[str, ConfigOption]] = None) -> Config:
    data = _read(path)
    if data is None:
        raise ConfigError(f"{path}: no [tool.govlint] table", f"{path}：没有 [tool.govlint] 表")
    return Config(path, validate(data, path, known_codes, extra))


def discover(
    start: Path, known_codes: Optional[set[str]] = None, extra: Optional[dict[str, ConfigOption]] = None
) -> Config:
    """The nearest configuration at or above ``start``."""
    d = start.resolve()
    if d.is_file():
        d = d.parent
    for folder in (d, *d.parents):
        # Without the dot too: Windows Notepad and Explorer make a name that starts with one hard to type.
        for name in (".govlint.toml", "govlint.toml", ".govlint.yaml", "govlint.yaml", ".govlint.yml", "govlint.yml", "pyproject.toml"):
            p = folder / name
            if p.is_file():
                data = _read(p)
                if data is None:  # a pyproject.toml without [tool.govlint]
                    continue
                return Config(p, validate(data, p, known_codes, extra))
    return Config()
