"""The WSGI application of ``govlint serve``.

``GET /`` is the upload page; ``POST /lint`` (multipart, field ``file``,
repeatable) answers the HTML report of the files, compared across years
when several are one issuer's. Uploads are read into memory and never
written anywhere: the request's stream goes to ``BytesIO`` objects that
end with the request. An upload over the limit (all files together) is
refused with 413 before it is read, or as soon as it passes the limit.
"""

from __future__ import annotations

import html
import io
from typing import Optional

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound, RequestEntityTooLarge
from werkzeug.formparser import parse_form_data
from werkzeug.wrappers import Request, Response

from .. import api
from ..report.html import HtmlFormatter
from ..settings import Settings

DEFAULT_LIMIT = 32 * 1024 * 1024

_PAGE = {
    "zh": ("govlint：检查政府信息公开工作年度报告", "选择一个或多个报告文件（.docx、.pdf、网页、.txt、.md），同一机关相邻两年的报告会相互比对。",
           "检查", "文件总大小不超过 {mb} MB。文件只在检查时读入内存，不会保存。"),
    "en": ("govlint: check annual reports", "Choose one or more report files (.docx, .pdf, web pages, .txt, .md); "
           "one issuer's reports for consecutive years are compared.", "Check",
           "Up to {mb} MB in all. The files are read into memory for the check and never stored."),
}
_STYLE = (
    "body{font:15px/1.6 system-ui,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;max-width:720px;margin:40px auto;"
    "padding:0 20px;color:#1d232b}h1{font-size:22px}form{border:2px dashed #c9ced6;padding:24px;border-radius:8px}"
    "button{font-size:16px;padding:6px 18px;margin-top:12px}.note{color:#5b6470;font-size:13px}"
)


def _page(title: str, body: str, lang: str) -> str:
    tag = "en" if lang == "en" else "zh-CN"
    return (
        f'<!DOCTYPE html><html lang="{tag}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, '
        f'initial-scale=1"><title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>{body}</body></html>'
    )


def _memory_stream(total_content_length, content_type, filename, content_length=None):
    """Where Werkzeug puts an uploaded file: memory, never a temporary file on disk."""
    return io.BytesIO()


class App:
    def __init__(self, settings: Optional[Settings] = None, limit: int = DEFAULT_LIMIT, lang: str = "zh") -> None:
        self.settings = settings
        self.limit = limit
        self.lang = "en" if lang == "en" else "zh"

    def __call__(self, environ, start_response):
        request = Request(environ)
        request.max_content_length = self.limit
        try:
            response = self.dispatch(request)
        except RequestEntityTooLarge:
            response = self.too_large()
        except HTTPException as e:
            response = e.get_response(environ)
        return response(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        if request.path == "/":
            if request.method not in ("GET", "HEAD"):
                raise MethodNotAllowed(["GET", "HEAD"])
            return self.form()
        if request.path == "/lint":
            if request.method != "POST":
                raise MethodNotAllowed(["POST"])
            return self.lint(request)
        raise NotFound()

    def form(self) -> Response:
        title, intro, button, note = _PAGE[self.lang]
        mb = self.limit // (1024 * 1024)
        body = (
            f"<h1>{html.escape(title)}</h1><p>{html.escape(intro)}</p>"
            '<form method="post" action="/lint" enctype="multipart/form-data">'
            '<input type="file" name="file" id="file" multiple required>'
            f'<br><button type="submit">{html.escape(button)}</button></form>'
            f'<p class="note">{html.escape(note.format(mb=mb))}</p>'
        )
        return Response(_page(title, body, self.lang), content_type="text/html; charset=utf-8")

    def too_large(self) -> Response:
        mb = self.limit // (1024 * 1024)
        text = (
            f"上传的文件太大：总大小不能超过 {mb} MB。请分批上传。"
            if self.lang == "zh"
            else f"The upload is too large: at most {mb} MB in all. Send fewer files at a time."
        )
        body = f'<h1>413</h1><p>{html.escape(text)}</p><p><a href="/">←</a></p>'
        return Response(_page("413", body, self.lang), status=413, content_type="text/html; charset=utf-8")

    def lint(self, request: Request) -> Response:
        if request.content_length is not None and request.content_length > self.limit:
            raise RequestEntityTooLarge()
        _, form, files = parse_form_data(
            request.environ, stream_factory=_memory_stream, max_content_length=self.limit, silent=False
        )
        items: list[tuple[str, bytes]] = []
        seen: dict[str, int] = {}
        for upload in files.getlist("file"):
            name = (upload.filename or "upload").replace("\\", "/").rsplit("/", 1)[-1] or "upload"
            seen[name] = seen.get(name, 0) + 1
            if seen[name] > 1:  # two files of one name are two reports
                name = f"{seen[name]}-{name}"
            items.append((name, upload.stream.read()))
            upload.close()
        if not items:
            return Response(_page("400", "<h1>400</h1><p>no file</p>", self.lang), status=400, content_type="text/html; charset=utf-8")
        max_bytes = self.settings["max-size"] if self.settings is not None else api.DEFAULT_MAX_BYTES
        results = api.lint_many(items, settings=self.settings, max_bytes=max_bytes)
        rules = self.settings.rules if self.settings is not None else []
        page = HtmlFormatter().render(results, {"lang": self.lang, "rules": rules})
        return Response(page, content_type="text/html; charset=utf-8")
