"""Effective settings: defaults, then the configuration file, then the command line.

Every value remembers where it came from, for ``govlint config --show``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from . import ruleset
from .config import KEYS, RULE_OPTIONS, Config, ConfigError, check_codes, discover, value
from .config import load as load_config
from .discovery import SUPPORTED
from .select import Selection

DEFAULTS: dict[str, Any] = {
    "select": ["ALL"],
    "extend-select": [],
    "ignore": [],
    "per-file-ignores": {},
    "severity": {},
    "fail-level": "note",
    "lang": None,
    "include": list(SUPPORTED),
    "exclude": [],
    "max-size": 16 * 1024 * 1024,
    "timeout": 10.0,
    "rule-packs": [],
}


@dataclass
class Settings:
    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    config: Config = field(default_factory=Config)
    rules: list = field(default_factory=list)  # every rule that exists: built-in, plugins, packs
    rule_set: ruleset.RuleSet = field(default_factory=ruleset.RuleSet)

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)

    def selection(self) -> Selection:
        return Selection(
            select=list(self.values["select"]) + list(self.values["extend-select"]),
            ignore=list(self.values["ignore"]),
            severities=dict(self.values["severity"]),
            per_file_ignores=dict(self.values["per-file-ignores"]),
            base=self.config.base,
        )

    def rule_options(self) -> dict[str, Any]:
        """Options rules read: govlint's own (year, issuer-kind …) and every key a plugin added."""
        return {k: v for k, v in self.values.items() if k in RULE_OPTIONS or k not in KEYS}

    def show(self, lang: str = "en") -> str:
        """Every key, its value and where it came from (the file, "command line", "default")."""
        zh = lang == "zh"
        names = {"default": "默认", "command line": "命令行"} if zh else {}
        head = f"# 配置文件：{self.config.path or '（无）'}" if zh else f"# configuration file: {self.config.path or '(none)'}"
        lines = [head]
        for k in sorted(KEYS):
            v = self.values.get(k)
            shown = ("（未设置）" if zh else "(not set)") if v is None else _toml(v)
            source = self.sources.get(k, "default")
            lines.append(f"{k:<20} = {shown:<40} # {names.get(source, source)}")
        return "\n".join(lines) + "\n"


def _toml(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return f'"{v}"'
    if isinstance(v, list):
        return "[" + ", ".join(_toml(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f'"{k}" = {_toml(x)}' for k, x in v.items()) + " }"
    return str(v)


def resolve(config: Config, cli: dict[str, Any], known_codes: set[str], extra: Optional[dict] = None) -> Settings:
    """Merge defaults, ``config`` and the command line (``cli``: key -> value or None).

    Command-line values are checked as a file's are, with the flag named in the message.
    """
    s = Settings(config=config)
    for k, v in DEFAULTS.items():
        s.values[k] = v
        s.sources[k] = "default"
    where = str(config.path) if config.path else ""
    for k, v in config.values.items():
        s.values[k] = v
        s.sources[k] = where
    for k, v in cli.items():
        if v is None or v == []:
            continue
        if k not in KEYS and k not in (extra or {}):
            raise ConfigError(f"unknown setting {k}", f"未知的设置 {k}")
        s.values[k] = value(k, v, "--" + k, known_codes, extra)
        s.sources[k] = "command line"
    return s


def load(
    start: Optional[Path] = None,
    config_file: Optional[Path] = None,
    isolated: bool = False,
    overrides: Optional[dict[str, Any]] = None,
) -> Settings:
    """The settings and the rule set, as for linting files under ``start`` (default: the current folder).

    The configuration is ``config_file``, else the nearest one at or above
    ``start``, else none (``isolated``: none at all). ``overrides`` are the
    command line's values (key -> value; None: not given). The CLI and the
    Python API both come here, so both see the same rules and reject the
    same mistakes (ConfigError).
    """
    extra = ruleset.plugin_options()
    if isolated:
        cfg = Config()
    elif config_file is not None:
        cfg = load_config(Path(config_file), None, extra)
    else:
        cfg = discover(Path(start) if start is not None else Path.cwd(), None, extra)
    rules = ruleset.build(cfg)
    check_codes(cfg, rules.codes)
    settings = resolve(cfg, overrides or {}, rules.codes, extra)
    settings.rules = list(rules.rules)
    settings.rule_set = rules
    return settings


def fail_rank(level: Optional[str]) -> int:
    return {"error": 3, "warning": 2, "note": 1}.get(level or "note", 1)
