"""``govlint rules``, ``rule CODE``, ``config --show`` and ``plugins``: what govlint knows and how it is set up."""

from __future__ import annotations

from .. import plugins
from ..console import EXIT_ERROR, EXIT_OK, Console, Parser, say
from ..i18n import choose_lang, t
from ..rule import FAMILIES
from .common import add_config_arguments, add_selection_arguments, settings_or_say


def config_command(argv: list[str], lang: str, console: Console) -> int:
    p = Parser(prog="govlint config", lang=lang, description=t("help.config", lang))
    p.add_argument("--show", action="store_true", help=p.text(
        "print the effective configuration (the default action)", "显示生效的配置（默认动作）"))
    p.add_argument("paths", nargs="*", metavar=p.text("PATH", "路径"), help=p.text(
        "resolve the configuration as for linting these paths", "按检查这些路径时的方式确定配置"))
    add_selection_arguments(p)
    ns = p.parse_args(argv)
    settings = settings_or_say(ns, lang)
    if settings is None:
        return EXIT_ERROR
    console.out(settings.show(choose_lang(ns.lang, settings["lang"])))
    return EXIT_OK


def rules_command(argv: list[str], lang: str, console: Console) -> int:
    p = Parser(prog="govlint rules", lang=lang, description=t("help.rules", lang))
    p.add_argument("--markdown", action="store_true", help=p.text(
        "print the rule reference (docs/rules.md)", "输出规则参考文档（docs/rules.md）"))
    add_config_arguments(p)
    ns = p.parse_args(argv)
    if ns.markdown:
        from ..report.ruledocs import render_markdown

        console.out(render_markdown([r for r in plugins.rules() if r.code.startswith("GL")]))
        return EXIT_OK
    settings = settings_or_say(ns, lang)
    if settings is None:
        return EXIT_ERROR
    lang = choose_lang(ns.lang, settings["lang"])
    selection = settings.selection()
    family = None
    on, off = ("启用", "停用") if lang == "zh" else ("on", "off")
    heads = ("代码", "名称", "级别", "状态", "说明") if lang == "zh" else ("code", "name", "severity", "enabled", "summary")
    lines = [f"{heads[0]:<7} {heads[1]:<34} {heads[2]:<8} {heads[3]:<7} {heads[4]}\n"]
    for r in sorted(settings.rules, key=lambda r: (not r.code.startswith("GL"), r.family if not r.code.startswith("GL") else "", r.code)):
        fam = r.family if lang == "en" or not r.code.startswith("GL") else FAMILIES.get(r.code[:3], (r.family, r.family))[1]
        if fam != family:
            family = fam
            lines.append(f"\n[{family}]\n")
        sev = selection.severity(r.code, r.severity)
        enabled = on if selection.enabled(r.code) else off
        lines.append(f"{r.code:<7} {r.name:<34} {sev:<8} {enabled:<7} {r.summary.get(lang, '')}\n")
    console.out("".join(lines))
    return EXIT_OK


def rule_command(argv: list[str], lang: str, console: Console) -> int:
    p = Parser(prog="govlint rule", lang=lang, description=t("help.rule", lang))
    p.add_argument("code", metavar=p.text("CODE", "代码"), help=p.text("a rule's code or name", "规则代码或名称"))
    add_config_arguments(p)
    ns = p.parse_args(argv)
    settings = settings_or_say(ns, lang)
    if settings is None:
        return EXIT_ERROR
    lang = choose_lang(ns.lang, settings["lang"])
    for r in settings.rules:
        if r.code == ns.code.upper() or r.name == ns.code:
            out = [f"{r.code} {r.name} [{r.severity}]\n\n{r.summary.get(lang, '')}\n\n{r.explanation.get(lang, '')}\n"]
            if r.basis:
                out.append(f"\n{'依据' if lang == 'zh' else 'Basis'}: {r.basis.get(lang, '')}\n")
            previous = getattr(r, "example_previous", "")
            if previous:
                other = getattr(r, "example_context", "") == "other-issuer"
                which = ("另一机关的报告" if other else "上年报告") if lang == "zh" else ("Another issuer's report" if other else "Last year's report")
                out.append(f"\n{which}:\n{previous}\n")
            if r.example_bad:
                out.append(f"\n{'错误示例' if lang == 'zh' else 'Bad'}:\n{r.example_bad}\n")
            if r.example_good:
                out.append(f"\n{'正确示例' if lang == 'zh' else 'Good'}:\n{r.example_good}\n")
            console.out("".join(out))
            return EXIT_OK
    say(f"govlint: {t('error.unknown_rule', lang, code=ns.code)}")
    return EXIT_ERROR


def plugins_command(argv: list[str], lang: str, console: Console) -> int:
    p = Parser(prog="govlint plugins", lang=lang, description=t("help.plugins", lang))
    p.add_argument("--all", action="store_true", help=p.text("include govlint's built-in plugins", "同时列出 govlint 自带的插件"))
    ns = p.parse_args(argv)
    shown = [i for i in plugins.infos() if ns.all or not i.builtin]
    if not shown:
        console.out(t("plugins.none", lang) + "\n")
    for info in shown:
        origin = "built-in" if info.builtin else f"{info.distribution or '?'} {info.version or ''}".strip()
        adds = "; ".join(f"{k}: {', '.join(v)}" for k, v in sorted(info.adds.items())) or "nothing"
        status = f"FAILED: {info.error}" if info.error else "ok"
        console.out(f"{info.name}  [{origin}]  {info.module}\n    adds {adds}\n    status {status}\n")
    return EXIT_ERROR if any(i.error for i in plugins.infos()) else EXIT_OK
