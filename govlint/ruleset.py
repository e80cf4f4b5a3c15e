"""The rule set: every rule that exists for one configuration, and the checks of what names it.

The command line and the Python API both get their rules here: govlint's
own, those of installed plugins, the packs plugins ship and the packs a
configuration names (``rule-packs``). Whatever selects from the set
(``select``, ``ignore``, severities, per-file ignores) or configures its
rules (``year``, a plugin's option) is checked against it the same way on
both paths, so a typo is an error wherever it was made, never a rule that
silently does not run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional, Sequence

from . import plugins
from .config import RULE_OPTIONS, Config, ConfigError, ConfigOption, unknown_code, validate
from .rule import Rule
from .select import Selection


@dataclass(frozen=True)
class RuleSet:
    """Rules by code, and the rule options they accept (govlint's own and plugins')."""

    rules: tuple[Rule, ...] = ()
    plugin_options: Mapping[str, ConfigOption] = field(default_factory=dict)

    @property
    def codes(self) -> set[str]:
        return {r.code for r in self.rules}

    def check_selection(self, selection: Selection, where: str = "selection") -> None:
        """Every code or prefix ``selection`` names must match a rule of the set (else ConfigError)."""
        known = self.codes
        named = [
            ("select", selection.select, False),
            ("ignore", selection.ignore, False),
            ("severities", list(selection.severities), True),
        ]
        named += [(f"per_file_ignores['{g}']", c, False) for g, c in selection.per_file_ignores.items()]
        for attr, codes, exact in named:
            for code in codes:
                c = str(code).strip().upper()
                ok = c in known if exact else c == "ALL" or any(k.startswith(c) for k in known)
                if not ok:
                    raise ConfigError(unknown_code(f"{where}.{attr}", str(code), known), unknown_code(f"{where}.{attr}", str(code), known, "zh"))
        for code, level in selection.severities.items():
            if level not in ("error", "warning", "note"):
                raise ConfigError(f"{where}.severities: {code} = {level!r} is not one of error, warning, note")

    def check_options(self, options: Optional[Mapping[str, Any]], where: str = "options") -> dict[str, Any]:
        """Rule options checked as a configuration file's keys are; returns them normalised.

        ``lang`` is accepted too: it is how the API says which language a
        rule that writes text (none built in) should prefer.
        """
        if not options:
            return {}
        opts = dict(options)
        lang = opts.pop("lang", None)
        allowed = [*RULE_OPTIONS, *self.plugin_options]
        out = validate(opts, where, self.codes, dict(self.plugin_options), allowed=allowed)
        if lang is not None:
            out["lang"] = validate({"lang": lang}, where, allowed=["lang"])["lang"]
        return out


def build(config: Optional[Config] = None, extra_rules: Iterable[Rule] = ()) -> RuleSet:
    """The rule set for ``config``: built-ins, plugins, plugins' packs, the configuration's packs.

    Raises ConfigError for a pack that cannot be loaded (the message names it).
    """
    ps = plugins.default()
    config = config or Config()
    packs: list = []
    if config.get("rule-packs") or ps.rule_packs:  # the pack reader (and YAML) only where there are packs
        from .checks.declarative import PackError, load_packs

        try:
            packs = load_packs(config.get("rule-packs", []), config.base, ps.rule_packs)
        except PackError as e:
            raise ConfigError(f"rule pack: {e}", f"规则包：{e}") from None
    rules = sorted([*ps.rules, *packs, *extra_rules], key=lambda r: r.code)
    return RuleSet(tuple(rules), plugin_options())


def given(rules: Sequence[Rule]) -> RuleSet:
    """The set of exactly ``rules`` (the API's ``rules=`` argument), with the options plugins add."""
    return RuleSet(tuple(rules), plugin_options())


def plugin_options() -> dict[str, ConfigOption]:
    """The configuration keys installed plugins add, by name."""
    return {o.name: o for o in plugins.default().config_options}


def default() -> RuleSet:
    """The rule set without a configuration (the API's default), made once per plugin set."""
    ps = plugins.default()
    if ps.default_rules is None:
        ps.default_rules = build()
    return ps.default_rules
