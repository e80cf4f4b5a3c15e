"""Every hook govlint calls, one documented spec each.

A plugin is a module (or object) with functions marked ``@hookimpl`` whose
names are the hook names below. govlint's own readers, rules and formatters
are registered through exactly these hooks; a third-party package does the
same and announces its module under the ``govlint`` entry-point group::

    [project.entry-points.govlint]
    myrules = "govlint_myrules.plugin"

Each hook returns a list; govlint concatenates the lists of all plugins.
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("govlint")
hookimpl = pluggy.HookimplMarker("govlint")


@hookspec
def govlint_readers() -> list:
    """Return reader objects that turn input bytes into a token stream.

    A reader has ``name`` (str), ``priority`` (int, higher is asked first),
    ``can_read(path: str, head: bytes) -> bool`` and
    ``read(path: str, data: bytes) -> govlint.read.base.ReadResult``. It raises
    ``govlint.read.encoding.DecodeError`` when the bytes are not a report it
    can read; govlint turns that into a GL001 diagnostic.
    """


@hookspec
def govlint_rules() -> list:
    """Return rule objects (instances of ``govlint.rule.Rule`` subclasses).

    A rule has metadata (code, name, severity, summary, explanation, examples)
    and a ``check(report, context)`` method that reads the document model and
    yields diagnostics. Rules never parse text themselves. Codes are public:
    a plugin must use its own prefix (not ``GL``).
    """


@hookspec
def govlint_cross_rules() -> list:
    """Return rules that compare reports (instances of ``govlint.rule.ReportsRule`` subclasses).

    Such a rule sees summaries, never whole reports: each report's issuer,
    year, edition, the cells the rule names in ``summary_cells`` and the
    fingerprints of each section's prose (``govlint.cross.summary.Summary``),
    so memory stays flat over thousands of reports. ``check_reports(run,
    context)`` runs once, when every report of the run is read (the output
    waits for it); ``run.pairs`` holds this year's and last year's report of
    each issuer (found by issuer and year, or named with ``--previous`` and
    the configuration's ``previous`` table), ``run.summaries`` every report.
    A finding (``ReportsRule.finding``) belongs to the report whose path it
    names and may point into another (a related location in last year's
    report). The rules are selected, ignored and listed like the others.
    """


@hookspec
def govlint_formatters() -> list:
    """Return output formatter objects.

    A formatter has ``name`` (the value of ``--format``), ``description`` and
    ``render(results, options) -> str`` where ``results`` is a list of
    ``govlint.api.FileResult`` in output order. A formatter may instead (or
    also) have ``stream(results, options, write)``: ``results`` is then an
    iterator, consumed as files finish, and output goes to ``write(str)``. In
    a batch run this keeps memory flat; govlint prefers it when present.
    """


@hookspec
def govlint_rule_packs() -> list:
    """Return paths (``pathlib.Path`` or ``importlib.resources`` traversables) of
    declarative rule packs (YAML) the plugin ships. Their rules are loaded like
    the built-in packs and can be selected and ignored by code.
    """


@hookspec
def govlint_config_options() -> list:
    """Return ``govlint.config.ConfigOption`` objects: configuration keys the plugin
    adds (name, kind, help, default). Users set them in ``[tool.govlint]``;
    rules read them from ``context.options``. Names should carry the plugin's
    prefix (``example-max-length``) so they cannot collide with govlint's keys.
    """
