"""Configuration files: discovery and validation.

Looked for from a directory upward: ``.govlint.toml``, ``.govlint.yaml``
(or ``.yml``), then ``[tool.govlint]`` in ``pyproject.toml``. The first file
found wins. YAML is read with the safe loader only.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11
    import tomli as tomllib

KNOWN_KEYS = {
    "select": list,
    "ignore": list,
    "lang": str,
    "max-size": int,
    # Facts govlint infers that a user may know better (rule options).
    "year": int,  # the reporting year
    "issuer-kind": str,  # "government" (31 March) or "department" (31 January)
    "contact-required": list,  # any of "phone", "email", "address": all listed must be present
    "repeated-word-allow": list,  # doubled words that are intended (GL501)
}
RULE_OPTIONS = ("year", "issuer-kind", "contact-required", "repeated-word-allow")


class ConfigError(Exception):
    """A configuration file is wrong; the message names the file and the key."""


@dataclass
class Config:
    path: Optional[Path] = None
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def rule_options(self) -> dict[str, Any]:
        return {k: self.values[k] for k in RULE_OPTIONS if k in self.values}


def _read(path: Path) -> Optional[dict]:
    try:
        if path.name == "pyproject.toml":
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            return data.get("tool", {}).get("govlint")
        if path.suffix == ".toml":
            return tomllib.loads(path.read_text(encoding="utf-8"))
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        return loaded if loaded is not None else {}
    except (tomllib.TOMLDecodeError, yaml.YAMLError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: not valid {'TOML' if path.suffix == '.toml' else 'YAML'}: {e}") from None


def validate(data: Any, path: Path) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the govlint configuration must be a table of keys")
    out: dict[str, Any] = {}
    for k, v in data.items():
        if k not in KNOWN_KEYS:
            raise ConfigError(f"{path}: unknown key '{k}' (known: {', '.join(sorted(KNOWN_KEYS))})")
        want = KNOWN_KEYS[k]
        if want is list and isinstance(v, str):
            v = [v]
        if not isinstance(v, want) or (want is list and not all(isinstance(x, str) for x in v)):
            raise ConfigError(f"{path}: key '{k}' must be {'a list of codes' if want is list else want.__name__}")
        if k == "lang" and v not in ("zh", "en"):
            raise ConfigError(f"{path}: key 'lang' must be 'zh' or 'en', not '{v}'")
        if k == "issuer-kind" and v not in ("government", "department"):
            raise ConfigError(f"{path}: key 'issuer-kind' must be 'government' or 'department', not '{v}'")
        if k == "contact-required" and not set(v) <= {"phone", "email", "address"}:
            raise ConfigError(f"{path}: key 'contact-required' takes 'phone', 'email' and 'address', not {v}")
        if k == "year" and not 2008 <= v <= 2100:
            raise ConfigError(f"{path}: key 'year' must be a reporting year such as 2022, not {v}")
        out[k] = v
    return out


def load(path: Path) -> Config:
    data = _read(path)
    if data is None:
        raise ConfigError(f"{path}: no [tool.govlint] table")
    return Config(path, validate(data, path))


def discover(start: Path) -> Config:
    """The nearest configuration at or above ``start`` (a directory)."""
    d = start.resolve()
    if d.is_file():
        d = d.parent
    for folder in (d, *d.parents):
        for name in (".govlint.toml", ".govlint.yaml", ".govlint.yml", "pyproject.toml"):
            p = folder / name
            if p.is_file():
                data = _read(p)
                if data is None:  # a pyproject.toml without [tool.govlint]
                    continue
                return Config(p, validate(data, p))
    return Config()
