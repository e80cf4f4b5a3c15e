"""Text hygiene rules (GL5xx): doubled words and export debris."""

from __future__ import annotations

import re
from typing import Iterable

from ..hookspecs import hookimpl
from ..model import Diagnostic, Report, Span
from ..rule import Context, Rule

# Reduplication that is meant. Users extend it with the `repeated-word-allow`
# option (a list of phrases, e.g. ["研究研究"]).
ALLOWED = frozenset(
    """
    的的确确 常常 天天 人人 一一 多多 个个 事事 处处 时时 刻刻 层层 步步 家家 户户 点点 滴滴 条条 件件 样样 渐渐 慢慢
    紧紧 牢牢 深深 默默 实实在在 扎扎实实 切切实实 认认真真 明明白白 清清楚楚 踏踏实实 稳稳 好好 大大 小小 细细
    频频 屡屡 久久 往往 纷纷 项项 级级 环环 节节 方方面面 源源 年年 月月 日日 次次 村村 镇镇 户户 人人 等等
    不了了之 和和美美 一对对 是是非非 实事求是是 家家户户 一件件 一项项 一条条 一个个 一次次 一步步 高高
    """.split()
)

# Function words whose doubling is usually a slip ("的的", "在在") unless the first ends a word or
# the second begins one (可以以书面形式 is 可以 + 以, 成为为民 is 成为 + 为民).
_DOUBLED_CHAR = re.compile(r"([的地和与及在是对为将被并于按向从把也都就以由其之])\1")
# For each of them: characters that make a word with it before it (可|以 …) and after it (以|及 …).
# A doubling with a word on either side is two words, not a slip.
_BOUND_BEFORE = {
    "的": "目端有别", "地": "当各土场基本外实就特属驻阵异两内用盆山耕林绿境领", "和": "平总缓调温柔中协祥共饱",
    "与": "参给赋", "及": "以涉波顾普危提来", "在": "现存正所实自内外潜好", "是": "于就还但只可凡总正即或若要倒硬老真也都",
    "对": "面针相绝核比应反校配一", "为": "成作认行因以视称更较极尤最分列变改转评定广", "将": "即必终势",
    "被": "棉", "并": "合兼吞", "于": "由对关属基位处用终至等便善在归限鉴勇敢乐易急过忠高低多少大小趋适始源出",
    "向": "面导方走转意倾动去双单定指一流", "从": "服遵听顺跟自无", "把": "一", "都": "首大全", "就": "成造迁也早",
    "以": "可予加给得难足借用据所何藉赖无施", "由": "理自缘经事因来", "其": "尤极与及何", "之": "总反加随为",
}
_BOUND_AFTER = {
    "的": "确", "地": "方区域址点位图产震理质税面铁下表段带", "和": "谐平解睦美好", "与": "会其否",
    "及": "时早格其", "在": "于职线场岗建内外", "是": "否非", "对": "口象接照比待外标话策应于此方",
    "为": "民了此主人何止期", "将": "来近军领", "被": "告动子", "并": "且非列行重存联网发购入未不",
    "于": "是此今", "按": "照时期需规程月季年", "向": "来导往", "从": "事而严业来中前此", "把": "关握手",
    "都": "市", "就": "业是此近地医餐绪", "以": "及上下来后前便免为往内外致此期", "由": "于此来",
    "其": "中他余实次后间它", "之": "一后前间外内中下上际类所",
}
# A year followed by a doubled 年 that is not a word beginning with 年 ("2020年年湖州市" is a slip;
# 2022年年初, 2021年年报, 2022年年均增长 are a year and a word).
_YEAR_YEAR = re.compile(r"\d{4}\s*年年(?![初底末中内度终报均鉴检会薪限龄级份代头前后间来化审票货息轻])")
# A word of two to four characters written twice in a row ("工作工作").
_DOUBLED_WORD = re.compile(r"([\u4e00-\u9fff]{2,4})\1")
# Doubled list or sentence punctuation ("，，", "。。"); a run of one mark is one slip, one finding.
_DOUBLED_MARK = re.compile(r"([，。、；：])\1+")
_SHOWN = 8  # characters of context each side of a finding, and the longest run quoted whole


def _allowed(text: str, a: int, b: int, allow: Iterable[str]) -> bool:
    """Is text[a:b] part of an allowed phrase?"""
    for phrase in allow:
        i = text.find(phrase, max(0, a - len(phrase) + 1), b + len(phrase) - 1)
        while i != -1 and i < b:
            if i <= a and i + len(phrase) >= b:
                return True
            i = text.find(phrase, i + 1, b + len(phrase) - 1)
    return False


def _two_words(text: str, a: int, b: int) -> bool:
    """Is the doubled character text[a:b] the end of one word and the start of the next?"""
    ch = text[a]
    before = text[a - 1] if a > 0 else ""
    after = text[b] if b < len(text) else ""
    return bool(before and before in _BOUND_BEFORE.get(ch, "")) or bool(after and after in _BOUND_AFTER.get(ch, ""))


class RepeatedWord(Rule):
    precision = "medium"
    code = "GL501"
    name = "repeated-word"
    severity = "warning"
    summary = {"zh": "字词意外重复（如“2020年年”“的的”）", "en": "An accidental doubled character or word (2020年年, 的的)"}
    explanation = {
        "zh": "检查正文中意外重复的字词：年份后的“年年”（不含年初、年底等）、重复的虚词（“的的”“在在”）、"
        "重复的词（“工作工作”）和重复的标点（“，，”；同一标点连续出现多次只报告一处，并给出次数）。"
        "常见的叠词（常常、天天、人人、一一、多多、层层、扎扎实实……）不报告；可在配置 repeated-word-allow 中加入本单位常用的叠词。",
        "en": "Finds doubled words in the prose: 年年 after a year (not 年初, 年底 …), doubled function words "
        "(的的, 在在), a word written twice (工作工作) and doubled punctuation (，，; a run of one mark is "
        "one finding, with its count). Intended reduplication "
        "(常常, 天天, 人人, 一一, 多多, 层层, 扎扎实实 …) is not reported; add your own with the "
        "repeated-word-allow option.",
    }
    example_bad = "制订《2020年年湖州市政务公开工作考评操作细则》"
    example_good = "制订《2020年湖州市政务公开工作考评操作细则》"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        allow = ALLOWED | frozenset(context.options.get("repeated-word-allow", ()))
        seen: set[int] = set()
        by_word: dict[str, list[str]] = {}

        def _containing(word: str) -> list[str]:
            # Only a phrase that contains the doubled text can cover it: the phrases worth
            # looking for, once per distinct word (a run of ，，，… is thousands of findings).
            found = by_word.get(word)
            if found is None:
                found = by_word[word] = [p for p in allow if word in p]
            return found

        for block in report.blocks:  # paragraphs, headings and sub-headings, in text order
            para, span = block.text, block.span
            if len(set(para)) == len(para):
                continue  # every pattern needs some character twice (most headings: none)
            for pattern in (_YEAR_YEAR, _DOUBLED_CHAR, _DOUBLED_WORD, _DOUBLED_MARK):
                for m in pattern.finditer(para):
                    a, b = m.span()
                    if pattern is _YEAR_YEAR:
                        a = para.index("年", a)
                    if span.start + a in seen or (pattern is not _YEAR_YEAR and _allowed(para, a, b, _containing(para[a:b]))):
                        continue
                    if pattern is _DOUBLED_CHAR and _two_words(para, a, b):
                        continue
                    seen.add(span.start + a)
                    word = para[a:b]
                    data = {"word": word}
                    if len(word) > _SHOWN:  # a long run of one mark: quoted by its count, not in full
                        shown = f"{para[max(0, a - _SHOWN) : a]}{word[:3]}…{para[b : b + _SHOWN]}"
                        what_zh = f"“{word[0]}”连续出现 {len(word)} 次，疑似重复"
                        what_en = f"“{word[0]}” {len(word)} times in a row looks like an accidental repetition"
                        data = {"word": word[0], "count": len(word)}
                    else:
                        shown = para[max(0, a - _SHOWN) : b + _SHOWN]
                        what_zh, what_en = f"“{word}”疑似重复", f"“{word}” looks like an accidental repetition"
                    context_text = " ".join(shown.split())
                    yield self.diagnostic(
                        report,
                        Span(span.start + a, span.start + b),
                        f"{what_zh}（“…{context_text}…”）",
                        f"{what_en} (“…{context_text}…”)",
                        **data,
                    )


_DEBRIS_ZH = {
    "page-chrome": ("网页残留内容", "web-page furniture"),
    "bookmark": ("文字处理软件的书签标记", "a word-processor bookmark"),
}


class ExportDebris(Rule):
    code = "GL502"
    name = "export-debris"
    severity = "warning"
    summary = {
        "zh": "正文中残留网页或文字处理软件的内容（当前位置、打印 关闭、浏览次数、[bookmark: _GoBack]……）",
        "en": "Web-page or word-processor debris left in the text (当前位置, 打印 关闭, 浏览次数, [bookmark: _GoBack] …)",
    }
    explanation = {
        "zh": "从网页复制或由 Word 导出时，常把导航栏（当前位置：首页 > …）、页面按钮（打印 关闭、分享到、"
        "微信 微博）、访问计数（浏览次数）或隐藏书签（[bookmark: _GoBack]）带进报告正文。应删除。"
        "PDF 页码和抓取时产生的竖线不算。",
        "en": "Copying from a web page or exporting from Word brings navigation (当前位置：首页 > …), page buttons "
        "(打印 关闭, 分享到, 微信 微博), view counters (浏览次数) or hidden bookmarks ([bookmark: _GoBack]) into "
        "the report. Remove them. PDF page numbers and pipe runs left by scraping are not reported.",
    }
    example_bad = "[bookmark: _GoBack]（四）强化监督保障……"
    example_good = "（四）强化监督保障……"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        for c in report.chrome:
            if c.kind not in _DEBRIS_ZH:
                continue
            zh, en = _DEBRIS_ZH[c.kind]
            shown = " ".join(c.text.split())
            yield self.diagnostic(
                report,
                c.span,
                f"正文中有{zh}：“{shown}”，应删除",
                f"{en} left in the text: “{shown}”; remove it",
                debris=shown,
            )


@hookimpl
def govlint_rules() -> list:
    return [RepeatedWord(), ExportDebris()]
