"""What HTML elements mean to the reader: which end a line, hold no text, hold raw text, or are never report text."""

from __future__ import annotations

import re

BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu ol p pre section summary table tbody td "
    "tfoot th thead tr ul legend option".split()
)
VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr basefont bgsound frame".split())
RAW = frozenset("script style title textarea xmp iframe noembed noframes noscript plaintext".split())
# Left out with everything in them: page furniture that is never report text.
SILENT = frozenset("head nav select button object embed svg math canvas template audio video map applet datalist".split())
BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)
CENTER_STYLE = re.compile(r"text-align\s*:\s*center", re.I)
