"""The bounds a hostile .docx meets before the reader gives up with a reason.

A 20-page report has ~30 parts and a document.xml of well under 2 MB; these
are orders of magnitude above anything real, so only a bomb or a generated
monster reaches them.
"""

from __future__ import annotations

MAX_ENTRIES = 5000  # members of the zip archive
MAX_PART = 64 * 1024 * 1024  # inflated bytes of one XML part
MAX_TOTAL = 128 * 1024 * 1024  # inflated bytes of all parts read
MAX_PARAGRAPHS = 500_000  # w:p elements looked at
MAX_CELLS = 200_000  # w:tc elements looked at
MAX_WIDTH = 1000  # grid columns of one table
MAX_NESTING = 32  # tables inside tables inside ...
MAX_OPEN_FIELDS = 64  # complex fields open at once (w:fldChar begin without end)
