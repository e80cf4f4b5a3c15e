"""Text that is safe to print: file names that are not UTF-8, control characters in reports.

Report text reaches the output inside messages (a heading, a sentence). A
report is untrusted: an escape sequence in it must not move a terminal's
cursor, recolour it or rewrite the line before, and a right-to-left
override must not make a finding read as something else. File names come
from the operating system as bytes; one that is not UTF-8 must still give
valid UTF-8 output.
"""

from __future__ import annotations

_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
# Characters that reorder or hide text on screen: bidirectional controls,
# line and paragraph separators, and invisible formatting marks.
_INVISIBLE = [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF]
_TABLE = {c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" for c in _CONTROLS + _INVISIBLE}
_TABLE[0x09] = "\\t"
_TABLE[0x0A] = "\\n"
_TABLE[0x0D] = "\\r"


def escape(text: str) -> str:
    """``text`` with control and invisible characters written as visible escapes."""
    if text.isprintable():
        return text  # the usual case, at C speed
    return _surrogates(text).translate(_TABLE)


def display_path(path: str) -> str:
    """A file name as valid, printable text: undecodable bytes as ``\\xNN``, controls escaped."""
    if path.isprintable():
        return path
    return _surrogates(path).translate(_TABLE)


def name_bytes(text: str) -> bytes:
    """The bytes a name stands for: UTF-8, with the undecodable bytes Python kept as lone surrogates."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def _surrogates(text: str) -> str:
    """Lone surrogates (undecodable bytes of a file name) as ``\\xNN``."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return name_bytes(text).decode("utf-8", "backslashreplace")
