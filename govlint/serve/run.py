"""Serving the application with waitress: threads, so that requests are served at the same time."""

from __future__ import annotations

import sys
from typing import Optional

from ..settings import Settings
from .app import DEFAULT_LIMIT, App


def make_server(host: str = "127.0.0.1", port: int = 8000, settings: Optional[Settings] = None, limit: int = DEFAULT_LIMIT, lang: str = "zh", threads: int = 4):
    """A waitress server for the app (``port`` 0: any free port; ``server.effective_port`` says which)."""
    from waitress import create_server

    # The body limit a second time, in the server: it stops reading a body past it. A body up to the
    # limit stays in memory (waitress would put one over 512 KB in a temporary file).
    body = limit + 1024 * 1024
    return create_server(
        App(settings, limit, lang), host=host, port=port, threads=threads, max_request_body_size=body, inbuf_overflow=body,
        ident="govlint",
    )


def serve(host: str, port: int, settings: Optional[Settings], limit: int, lang: str) -> int:
    server = make_server(host, port, settings, limit, lang)
    shown = f"[{host}]" if ":" in host else host
    print(f"govlint serve: open http://{shown}:{server.effective_port}/ (Ctrl+C to stop)", file=sys.stderr, flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0
