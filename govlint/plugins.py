"""The plugin manager: built-ins and installed plugins through the same door.

This is the one piece of process-wide state govlint keeps: plugins are
discovered once per process. A plugin that fails to import, implements a
hook govlint does not know, or raises inside a hook is isolated: it is
recorded as a failure (reported as GL900, exit code 2) and everything else
still runs.
"""

from __future__ import annotations

import importlib
import traceback
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Optional

import pluggy

from . import hookspecs

GROUP = "govlint"

# Built-in plugins, registered exactly as a third-party plugin would be.
BUILTIN = (
    "govlint.read.text",
    "govlint.read.formats",
    "govlint.checks.input",
    "govlint.checks.structure",
    "govlint.checks.tables",
    "govlint.checks.content",
    "govlint.checks.dates",
    "govlint.checks.hygiene",
    "govlint.checks.cross",
    "govlint.checks.internal",
    "govlint.report.text",
    "govlint.report.sarif",
    "govlint.report.jsonfmt",
    "govlint.report.github",
    "govlint.report.html",
)


@dataclass
class PluginInfo:
    """One plugin: where it came from, what it adds, or why it failed."""

    name: str
    module: str
    builtin: bool
    distribution: Optional[str] = None
    version: Optional[str] = None
    error: Optional[str] = None
    traceback: Optional[str] = None
    adds: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class PluginSet:
    manager: pluggy.PluginManager
    infos: list[PluginInfo]
    rules: list
    readers: list
    formatters: dict
    rule_packs: list  # paths of declarative packs shipped by plugins
    config_options: list  # ConfigOption objects plugins add
    # The rule set these plugins make without a configuration (ruleset.default), kept with
    # them so that a new plugin set (tests, a re-scan) never sees another's rules.
    default_rules: Any = None

    @property
    def failures(self) -> list[PluginInfo]:
        return [p for p in self.infos if p.error]


def _entry_points() -> list:
    from .installed import entry_points

    return entry_points(GROUP)


def _fail(info: PluginInfo, what: str, exc: BaseException) -> None:
    info.error = f"{what}: {type(exc).__name__}: {exc}"
    info.traceback = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def build(extra: Iterable[Any] = (), entry_points: bool = True) -> PluginSet:
    """Register built-ins, installed plugins and ``extra`` plugin objects (tests)."""
    pm = pluggy.PluginManager(GROUP)
    pm.add_hookspecs(hookspecs)
    infos: list[PluginInfo] = []
    candidates: list[tuple[PluginInfo, Any]] = []
    for name in BUILTIN:
        candidates.append((PluginInfo(name, name, True), lambda name=name: importlib.import_module(name)))
    if entry_points:
        for ep in _entry_points():
            dist = getattr(ep, "dist", None)
            info = PluginInfo(
                ep.name,
                ep.value,
                False,
                distribution=getattr(dist, "name", None) if dist else None,
                version=getattr(dist, "version", None) if dist else None,
            )
            candidates.append((info, ep.load))
    for obj in extra:
        name = getattr(obj, "__name__", type(obj).__name__)
        candidates.append((PluginInfo(name, name, False), lambda obj=obj: obj))
    for info, load in candidates:
        infos.append(info)
        try:
            plugin = load()
        except Exception as exc:  # a broken plugin must not stop govlint
            _fail(info, "failed to import", exc)
            continue
        try:
            pm.register(plugin, name=info.name)
            pm.check_pending()
        except Exception as exc:
            if pm.is_registered(plugin):
                pm.unregister(plugin)
            _fail(info, "is not a valid govlint plugin", exc)
    rules: list = []
    readers: list = []
    formatters: dict = {}
    packs: list = []
    options: list = []
    codes: dict[str, str] = {}
    for info in infos:
        if info.error:
            continue
        plugin = pm.get_plugin(info.name)
        if plugin is None:
            continue
        hooks = (
            ("govlint_rules", rules),
            ("govlint_cross_rules", rules),
            ("govlint_readers", readers),
            ("govlint_formatters", None),
            ("govlint_rule_packs", packs),
            ("govlint_config_options", options),
        )
        for hook, sink in hooks:
            impl = getattr(plugin, hook, None)
            if impl is None:
                continue
            try:
                got = list(impl() or [])
            except Exception as exc:
                _fail(info, f"raised in {hook}", exc)
                break
            if hook in ("govlint_rules", "govlint_cross_rules"):
                for r in got:
                    problem = _rule_problem(r, info, codes, across=hook == "govlint_cross_rules")
                    if problem:
                        info.error = problem
                        continue
                    codes[r.code] = info.name
                    rules.append(r)
                    info.adds.setdefault("rules", []).append(r.code)
            elif hook == "govlint_formatters":
                for f in got:
                    formatters[f.name] = f
                    info.adds.setdefault("formatters", []).append(f.name)
            else:
                sink.extend(got)  # type: ignore[union-attr]
                key = {"govlint_readers": "readers", "govlint_rule_packs": "rule packs"}.get(hook, "config options")
                info.adds.setdefault(key, []).extend(getattr(x, "name", str(x)) for x in got)
    rules.sort(key=lambda r: r.code)
    readers.sort(key=lambda r: -getattr(r, "priority", 0))
    return PluginSet(pm, infos, rules, readers, formatters, packs, options)


def _rule_problem(rule: Any, info: PluginInfo, codes: dict[str, str], across: bool = False) -> Optional[str]:
    code = getattr(rule, "code", None)
    if not isinstance(code, str) or not code:
        return f"rule {rule!r} has no code"
    if not info.builtin and code.upper().startswith("GL"):
        return f"rule {code}: the GL prefix is reserved for govlint's own rules; use the plugin's own prefix"
    if code in codes:
        return f"rule {code} is already defined by {codes[code]}"
    for attr in ("name", "severity", "check"):
        if not hasattr(rule, attr):
            return f"rule {code} has no {attr}"
    if rule.severity not in ("error", "warning", "note"):
        return f"rule {code}: severity must be error, warning or note, not {rule.severity!r}"
    if across and (getattr(rule, "scope", None) != "reports" or not callable(getattr(rule, "check_reports", None))):
        return f"rule {code} from govlint_cross_rules must have scope \"reports\" and a check_reports method (see govlint.rule.ReportsRule)"
    if not across and getattr(rule, "scope", "report") == "reports":
        return f"rule {code} compares reports: return it from govlint_cross_rules, not govlint_rules"
    return None


@lru_cache(maxsize=1)
def default() -> PluginSet:
    return build()


def plugin_manager() -> pluggy.PluginManager:
    return default().manager


def readers() -> list:
    return default().readers


def rules() -> list:
    return default().rules


def formatters() -> dict:
    return default().formatters


def config_options() -> list:
    return default().config_options


def failures() -> list[PluginInfo]:
    return default().failures


def infos() -> list[PluginInfo]:
    return default().infos
