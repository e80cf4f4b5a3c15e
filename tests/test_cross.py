"""Across reports (GL601–GL604): pairing, carry-over, repetition, copying; on real reports and made ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govlint
from govlint import api
from govlint.cli import main
from govlint.cross.issuer import same_issuer
from govlint.cross.pairing import pair
from govlint.cross.summary import Summary, summarise
from govlint.identities import arithmetic_value

from .conftest import CORPUS, needs_shared

H23 = CORPUS / "hongze-2023-district-pdftotext.txt"
H24 = CORPUS / "hongze-2024-district-pdftotext.txt"
H23_PDF = CORPUS / "pdf" / "hongze-2023-district.pdf"
HUAIAN = CORPUS / "huaian-2024-city-pdftotext.txt"
GL6 = govlint.Selection(select=["GL6"])


def _codes(results, path) -> list[tuple[str, int]]:
    return [(d.code, d.region.start_line if d.region else 0) for r in results if r.path == str(path) for d in r.diagnostics]


def _lint(*paths, **kw) -> list:
    return list(govlint.lint_paths([str(p) for p in paths], selection=kw.pop("selection", GL6), **kw))


# ------------------------------------------------------------------ issuers and pairing


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("淮安市洪泽区人民政府", "洪泽区人民政府", True),  # a full name and a short one
        ("洪泽区政府", "洪泽区人民政府", True),
        ("白银市", "白银市人民政府", True),  # a title names the place: its government's report
        ("江苏省淮安市人民政府", "淮安市人民政府", True),
        ("某市卫生健康委员会", "某市卫生健康委", True),
        ("洪泽区人民政府", "洪泽区人民政府办公室", False),  # a government and its office report apart
        ("淮安市人民政府", "淮安市洪泽区人民政府", False),  # a city and one of its districts
        ("福州市鼓楼区人民政府", "南京市鼓楼区人民政府", False),
        ("某县交通运输局", "某县人民政府", False),
        ("某县某某镇人民政府", "某县人民政府", False),
        (None, "某县人民政府", False),
    ],
)
def test_same_issuer(a, b, same):
    assert same_issuer(a, b) is same and same_issuer(b, a) is same


def _summary(path: str, issuer: str, year: int, fmt: str = "text") -> Summary:
    from govlint.cross.issuer import key_text

    return Summary(path=path, format=fmt, issuer=issuer, issuer_key=key_text(issuer), year=year)


def test_pairing_never_guesses():
    a = _summary("a/2024.txt", "淮安市洪泽区人民政府", 2024)
    b = _summary("b/2023.pdf", "洪泽区人民政府", 2023, "pdf")
    pairs, why = pair([a, b])
    assert [(p.this.path, p.previous.path, p.how) for p in pairs] == [("a/2024.txt", "b/2023.pdf", "issuer and year")]
    assert "no report of 洪泽区人民政府 for 2022" in why["b/2023.pdf"]
    # Two candidates: the one in the same format is taken when it is the only one ...
    c = _summary("c/2023.txt", "洪泽区人民政府", 2023)
    pairs, _ = pair([a, b, c])
    assert [p.previous.path for p in pairs if p.this is a] == ["c/2023.txt"]
    # ... else none is.
    d = _summary("d/2023.txt", "洪泽区政府", 2023)
    pairs, why = pair([a, b, c, d])
    assert not [p for p in pairs if p.this is a] and "could be last year's" in why["a/2024.txt"]
    # Named pairs are taken as given; a year that is not one less is not a pair.
    pairs, _ = pair([a, c], named={"c/2023.txt": "a/2024.txt"})
    assert [(p.this.path, p.how) for p in pairs] == [("a/2024.txt", "issuer and year"), ("c/2023.txt", "named")]
    e = _summary("e/2022.txt", "洪泽区人民政府", 2022)
    assert pair([a, e])[0] == []


# ------------------------------------------------------------------ the real pair


@needs_shared
@pytest.mark.parametrize("previous", [H23, H23_PDF], ids=["text", "pdf"])
def test_the_real_pair_is_consistent(previous):
    # Hongze 2023 -> 2024: 结转 0 -> 0 and 规范性文件 5 + 3 - 0 = 8 hold, and the two years are written anew.
    results = _lint(previous, H24)
    assert _codes(results, H24) == [] and _codes(results, previous) == []


def _alter_carry_over(text: str) -> str:
    """Hongze 2024 with 2 applications carried over from 2023 (自然人 and 总计) and 2 carried on to 2025,
    so that 2024's own balance (1 + 2 = 3 + 4) still holds."""
    lines = text.split("\n")
    for label in ("二、上年结转政府信息公开申请数量", "四、结转下年度继续办理"):
        at = lines.index(label)
        for k in (1, 7):  # 自然人, 总计: every other line holds a value
            assert lines[at + 2 * k] == "0"
            lines[at + 2 * k] = "2"
    return "\n".join(lines)


@needs_shared
@pytest.mark.parametrize("previous", [H23, H23_PDF], ids=["text", "pdf"])
def test_a_carry_over_that_does_not_match_last_year(tmp_path, previous):
    altered = tmp_path / "hongze-2024.txt"
    altered.write_text(_alter_carry_over(H24.read_text(encoding="utf-8")), encoding="utf-8")
    assert not [d for d in api.lint_path(str(altered)).diagnostics if d.code in ("GL212", "GL210")]  # 2024 agrees with itself
    results = _lint(previous, altered)
    found = [d for r in results if r.path == str(altered) for d in r.diagnostics]
    assert [(d.code, d.data["column"], d.data["found"], d.data["expected"]) for d in found] == [
        ("GL601", "natural", 2, 0),
        ("GL601", "total", 2, 0),
    ]
    natural = found[0]
    assert natural.region.start_line == 130  # the 自然人 cell of 二、上年结转 in the altered file
    assert natural.related[0].path == str(previous)
    where = natural.related_regions[0] if previous.suffix == ".txt" else natural.related_places[0]
    assert where is not None
    assert str(previous) in natural.text("en") and "carried 0 over" in natural.text("en")


@needs_shared
def test_previous_names_last_years_report(tmp_path, capsys):
    altered = tmp_path / "2024.txt"
    altered.write_text(_alter_carry_over(H24.read_text(encoding="utf-8")), encoding="utf-8")
    code = main(["--isolated", "--no-cache", "--select", "GL6", "--format", "json", str(altered), "--previous", str(H23)])
    out = json.loads(capsys.readouterr().out)
    assert code == 1 and [f["path"] for f in out["files"]] == [str(altered)]  # last year's has no result of its own
    (natural, total) = out["files"][0]["diagnostics"]
    assert natural["code"] == "GL601" and natural["related"][0]["path"] == str(H23)
    assert main(["--isolated", "--no-cache", "--lang", "en", "--previous", str(H23), str(H24), str(HUAIAN)]) == 2
    assert "--previous names last year's report of one report" in capsys.readouterr().err


@needs_shared
def test_sarif_points_into_last_years_report(tmp_path, capsys):
    altered = tmp_path / "2024.txt"
    altered.write_text(_alter_carry_over(H24.read_text(encoding="utf-8")), encoding="utf-8")
    main(["--isolated", "--no-cache", "--select", "GL601", "--format", "sarif", "--sarif-root", "/", str(altered), str(H23)])
    result = json.loads(capsys.readouterr().out)["runs"][0]["results"][0]
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in result["relatedLocations"]]
    assert uris == [str(H23).lstrip("/")]


# ------------------------------------------------------------------ repetition and copying


def _section_text(report, key: str) -> str:
    s = report.section(key)
    return report.source.text[s.body.start : s.body.end]


def _replace_section(text: str, key: str, body: str) -> str:
    rep = api.parse_bytes(text.encode("utf-8"), "x.txt")
    s = rep.section(key)
    return text[: s.body.start] + body + text[s.body.end :]


def _moved_on(text: str) -> str:
    return text.replace("2024", "2025").replace("2023", "2024").replace("2022", "2023")


@needs_shared
def test_sections_copied_from_last_year(tmp_path):
    last = api.parse_path(str(H23))
    text = H24.read_text(encoding="utf-8")
    for key in ("overview", "problems"):
        text = _replace_section(text, key, _moved_on(_section_text(last, key)))
    copied = tmp_path / "hongze-2024.txt"
    copied.write_text(text, encoding="utf-8")
    results = _lint(H23, copied)
    found = [d for r in results if r.path == str(copied) for d in r.diagnostics]
    assert sorted(d.data["section"] for d in found) == ["overview", "problems"] and {d.code for d in found} == {"GL603"}
    for d in found:
        assert d.data["share"] > 0.9 and str(H23) in d.text("en") and "%" in d.text("en") and "“" in d.text("en")
    # The threshold is an option.
    assert _codes(_lint(H23, copied, options={"repeat-threshold": 1.0}), copied) == []


@needs_shared
def test_a_section_copied_from_another_issuer(tmp_path):
    hongze = api.parse_path(str(H24))
    text = _replace_section(HUAIAN.read_text(encoding="utf-8"), "problems", _section_text(hongze, "problems"))
    copied = tmp_path / "huaian-2024.txt"
    copied.write_text(text, encoding="utf-8")
    results = _lint(H24, copied)
    both = {r.path: [(d.code, d.data["section"], d.data["other"]) for d in r.diagnostics] for r in results}
    assert both == {str(H24): [("GL604", "problems", str(copied))], str(copied): [("GL604", "problems", str(H24))]}
    # Two different real reports share nothing that counts.
    assert all(not r.diagnostics for r in _lint(H24, HUAIAN))


def test_a_formula_many_issuers_write_is_not_copying(tmp_path):
    from .test_rule_docs import BASE

    formula = "\n".join(
        [
            "五、存在的主要问题及改进情况",
            "按照上级关于政府信息公开工作的统一部署，本单位严格执行政府信息公开工作年度报告制度。",
            "本单位将继续按照上级关于政府信息公开工作的统一部署，认真做好各项政府信息公开工作。",
        ]
    )
    paths = []
    for i, place in enumerate(["某县", "某区", "某旗"]):
        text = BASE.replace("某县", place)
        a = text.index("五、存在的主要问题及改进情况")
        b = text.index("六、其他需要报告的事项")
        p = tmp_path / f"r{i}.txt"
        p.write_text(text[:a] + formula + "\n" + text[b:], encoding="utf-8")
        paths.append(p)
    assert all(not r.diagnostics for r in _lint(*paths))  # three issuers write it: a formula
    assert all(r.diagnostics for r in _lint(*paths[:2]))  # two issuers alone: copied


# ------------------------------------------------------------------ summaries, cache, plugins


def test_a_summary_survives_the_cache_format():
    from .test_rule_docs import BASE

    rep = api.parse_bytes(BASE.encode("utf-8"), "r.txt")
    s = summarise(rep, (("3", "carried", "total"), ("2.1", "normative", "in_force")), arithmetic_value)
    back = Summary.from_json(json.loads(json.dumps(s.as_json())))
    assert back == s and back.cell("2.1", "normative", "in_force").value == 20
    assert s.sections["overview"].hashes and len(s.sections["overview"].quotes[0]) <= 24
    with pytest.raises((KeyError, TypeError, ValueError)):
        Summary.from_json({**s.as_json(), "sections": {"overview": [1, [1, 2], [3], ["x"], None, None, ""]}})


@needs_shared
def test_a_warm_run_still_pairs(tmp_path, capsys):
    altered = tmp_path / "2024.txt"
    altered.write_text(_alter_carry_over(H24.read_text(encoding="utf-8")), encoding="utf-8")
    cache = tmp_path / "cache"
    args = ["--isolated", "--cache-dir", str(cache), "--select", "GL6", "--format", "json", str(altered), str(H23)]
    main(["--isolated", "--cache-dir", str(cache), str(altered), str(H23)])  # cached without summaries
    capsys.readouterr()
    for _ in range(2):  # the first run makes the summaries, the second reads them from the cache
        main(args)
        out = json.loads(capsys.readouterr().out)
        assert [d["code"] for f in out["files"] for d in f["diagnostics"]] == ["GL601", "GL601"]


def test_a_third_party_rule_across_reports(fresh_plugins, tmp_path):
    import types

    from govlint import plugins
    from govlint.hookspecs import hookimpl
    from govlint.rule import ReportsRule

    from .test_rule_docs import BASE

    class SameYear(ReportsRule):
        code = "XR101"
        name = "two-reports-one-issuer"
        severity = "note"
        summary = {"zh": "同一机关同一年度有两份报告", "en": "Two reports of one issuer for one year"}

        def check_reports(self, run, context):
            seen = {}
            for s in run.summaries:
                if (s.issuer_key, s.year) in seen:
                    yield self.finding(s.path, s.sections.get("overview"), "重复", "a second report", other=seen[(s.issuer_key, s.year)])
                seen.setdefault((s.issuer_key, s.year), s.path)

    class Broken(SameYear):
        code = "XR102"

        def check_reports(self, run, context):
            raise RuntimeError("boom")

    mod = types.ModuleType("govlint_xr")
    mod.govlint_cross_rules = hookimpl(lambda: [SameYear(), Broken()])
    fresh_plugins.setattr(plugins, "default", lambda: plugins.build(extra=[mod], entry_points=False))
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(BASE, encoding="utf-8")
    b.write_text(BASE, encoding="utf-8")
    results = list(govlint.lint_paths([str(a), str(b)], selection=govlint.Selection(select=["XR"])))
    assert [(r.path, [d.code for d in r.diagnostics]) for r in results] == [(str(a), []), (str(b), ["XR101"]), ("<reports>", ["GL900"])]
    assert "XR102" in results[-1].diagnostics[0].text("en") and results[-1].internal_errors


def test_a_rule_across_reports_must_come_from_its_hook(fresh_plugins):
    import types

    from govlint import plugins
    from govlint.hookspecs import hookimpl
    from govlint.rule import ReportsRule

    class Misplaced(ReportsRule):
        code = "XR201"
        name = "misplaced"

    mod = types.ModuleType("govlint_misplaced")
    mod.govlint_rules = hookimpl(lambda: [Misplaced()])
    ps = plugins.build(extra=[mod], entry_points=False)
    (info,) = [i for i in ps.infos if i.name == "govlint_misplaced"]
    assert "govlint_cross_rules" in (info.error or "") and "XR201" not in {r.code for r in ps.rules}


def test_one_report_is_not_compared(tmp_path):
    from .test_rule_docs import BASE

    p = tmp_path / "only.txt"
    p.write_text(BASE, encoding="utf-8")
    (res,) = list(govlint.lint_paths([str(p)]))
    assert res.summary is None and not res.summarised and res.report is not None  # streamed as before


@needs_shared
def test_inspect_shows_the_pairing(capsys):
    assert main(["inspect", "--pairs", "--json", str(H23), str(H24), str(HUAIAN)]) == 0
    rows = {Path(r["path"]).name: r for r in json.loads(capsys.readouterr().out)}
    assert rows[H24.name]["previous"] == str(H23) and rows[H24.name]["how"] == "issuer and year"
    assert rows[HUAIAN.name]["previous"] is None and "no report of 淮安市人民政府 for 2023" in rows[HUAIAN.name]["why_none"]
    assert main(["inspect", "--pairs", str(H24), "--previous", str(HUAIAN)]) == 0
    assert f"<- {HUAIAN} (named)" in capsys.readouterr().out  # as the user says, whoever it is


@needs_shared
def test_the_configuration_names_last_years_report(tmp_path, capsys):
    import shutil

    shutil.copy(H23, tmp_path / "last.txt")
    (tmp_path / "this.txt").write_text(_alter_carry_over(H24.read_text(encoding="utf-8")), encoding="utf-8")
    (tmp_path / ".govlint.toml").write_text('select = ["GL6"]\n[previous]\n"this.txt" = "last.txt"\n', encoding="utf-8")
    assert main(["--no-cache", "--format", "json", str(tmp_path / "this.txt")]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [f["path"] for f in out["files"]] == [str(tmp_path / "this.txt")]  # last.txt read, not reported
    assert [d["code"] for d in out["files"][0]["diagnostics"]] == ["GL601", "GL601"]
    settings = govlint.load_settings(tmp_path)
    results = list(govlint.lint_paths([str(tmp_path / "this.txt")], settings=settings))
    assert [(r.path, [d.code for d in r.diagnostics]) for r in results] == [(str(tmp_path / "this.txt"), ["GL601", "GL601"])]
    (tmp_path / ".govlint.toml").write_text('[previous]\n"this.txt" = 3\n', encoding="utf-8")
    assert main(["--no-cache", "--lang", "en", str(tmp_path / "this.txt")]) == 2
    assert "key 'previous' must be a table" in capsys.readouterr().err
    assert main(["--no-cache", "--lang", "zh", str(tmp_path / "this.txt")]) == 2
    assert "配置项“previous” 应为“报告” = “上年报告”（路径）的表" in capsys.readouterr().err


def test_the_templates_items_and_formulas_are_not_repetition(tmp_path):
    # The same item headings and fee formula every year, the content new: not GL603 (section 六 is not
    # compared at all; an item heading run into its paragraph is the template's, not the report's).
    from .test_rule_docs import BASE

    def report(year: int, five: str, six: str) -> str:
        text = BASE.replace("2022年", f"{year}年")
        a = text.index("五、存在的主要问题及改进情况")
        return text[:a] + "五、存在的主要问题及改进情况\n" + five + "\n六、其他需要报告的事项\n" + six + "\n某县人民政府办公室\n" + f"{year + 1}年3月10日\n"

    six = "（一）信息处理费收取情况。本年度未收取信息处理费。\n（二）人大代表建议和政协提案办理结果公开情况。{}"
    last = report(
        2021,
        "（一）存在的主要问题。政策解读形式比较单一，图解和视频解读数量偏少。\n（二）改进措施。下一步将推行多元解读，每季度组织一次解读质量抽查。",
        six.format("共承办县人大代表建议86件、县政协提案112件，均按期办结，复文已在门户网站公开。"),
    )
    this = report(
        2022,
        "（一）存在的主要问题。依申请公开答复文书说理不够充分，个别答复救济途径告知不完整，部分乡镇政务公开专栏更新不及时。\n"
        "（二）改进措施。将制定答复文书范本，对疑难申请实行合法性审核，每半年评查一次，并把评查结果纳入年度考核。",
        six.format("建议提案复文已全部在门户网站公开。"),
    )
    a, b = tmp_path / "2021.txt", tmp_path / "2022.txt"
    a.write_text(last, encoding="utf-8")
    b.write_text(this, encoding="utf-8")
    repetition = govlint.Selection(select=["GL603", "GL604"])
    assert all(not r.diagnostics for r in _lint(a, b, selection=repetition))
    # Two counties with the same items in 六 (only two issuers in the run): not GL604 either.
    c = tmp_path / "other.txt"
    c.write_text(this.replace("某县", "某区"), encoding="utf-8")
    assert [(r.path, [d.data["section"] for d in r.diagnostics]) for r in _lint(b, c, selection=repetition)] == [
        (str(b), ["problems"]), (str(c), ["problems"])  # 五 is the same text: that is copying
    ]
