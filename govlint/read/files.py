"""Bytes from the file system and standard input, bounded.

Every byte govlint reads from outside (reports, configuration files, rule
packs, cache entries) comes through here, so that three promises hold in one
place: only regular files are read (a named pipe, a device or a socket is
refused at once, without blocking on it), at most ``limit + 1`` bytes are
ever read whatever the file claims its size is, and every failure carries the
operating system's reason in English and Chinese.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

# A named pipe opened for reading blocks until a writer appears; O_NONBLOCK
# returns at once, and for regular files it changes nothing.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 20


class ReadFailure(Exception):
    """A path could not be read; ``reason_en`` / ``reason_zh`` say why."""

    def __init__(self, reason_en: str, reason_zh: str) -> None:
        super().__init__(reason_en)
        self.reason_en = reason_en
        self.reason_zh = reason_zh


def size_text(n: int) -> str:
    """``5,000 bytes``, ``12,345,678 bytes (11.8 MiB)``: exact, and readable when large."""
    if n < 1024 * 1024:
        return f"{n:,} bytes"
    return f"{n:,} bytes ({n / (1024 * 1024):.1f} MiB)"


def too_large(size: int, limit: int, exact: bool = True) -> ReadFailure:
    """The reason for a file over the size limit (``exact``: its size is known; else only that it is larger)."""
    if exact:
        return ReadFailure(
            f"the file is {size_text(size)}, larger than the limit of {size_text(limit)} for one report (--max-size)",
            f"文件大小为 {size_text(size)}，超过单份报告 {size_text(limit)} 的上限（可用 --max-size 调整）",
        )
    return ReadFailure(
        f"the input is larger than the limit of {size_text(limit)} for one report (--max-size); reading stopped there",
        f"输入超过单份报告 {size_text(limit)} 的上限（可用 --max-size 调整），已停止读取",
    )


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)", "命名管道（FIFO）"),
    (stat.S_ISCHR, "a character device", "字符设备"),
    (stat.S_ISBLK, "a block device", "块设备"),
    (stat.S_ISSOCK, "a socket", "套接字"),
    (stat.S_ISDIR, "a folder", "文件夹"),
)


def _not_regular(mode: int) -> ReadFailure:
    en, zh = next(((e, z) for test, e, z in _KINDS if test(mode)), ("a special file", "特殊文件"))
    hint_en, hint_zh = "", ""
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        hint_en, hint_zh = " (to lint what a program writes, pipe it into 'govlint -')", "（如需检查其他程序的输出，请用管道传给 govlint -）"
    return ReadFailure(
        f"not a regular file: this is {en}, which govlint does not read{hint_en}",
        f"不是普通文件：这是{zh}，govlint 不读取此类文件{hint_zh}",
    )


def os_reason(exc: OSError) -> ReadFailure:
    """The operating system's reason, in both languages (the English text is the system's own)."""
    en = exc.strerror or str(exc)
    zh = {
        errno.ENOENT: "文件或目录不存在",
        errno.EACCES: "没有读取权限",
        errno.EPERM: "操作不被允许",
        errno.EISDIR: "这是一个文件夹",
        errno.ENOTDIR: "路径中有一部分不是文件夹",
        errno.ELOOP: "符号链接层数过多（可能是循环链接）",
        errno.ENAMETOOLONG: "文件名过长",
        errno.EIO: "输入输出错误",
        errno.ENXIO: "设备或地址不存在（可能是套接字）",
    }.get(exc.errno or 0, en)
    if zh != en:
        zh = f"{zh}（{en}）"
    return ReadFailure(en, zh)


def read_path(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of a regular file, at most ``limit``; raises ReadFailure."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as e:
        raise os_reason(e) from None
    try:
        st = os.fstat(fd)  # of what was opened: no window between a check and the open
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(st.st_mode)
        if st.st_size > limit:
            raise too_large(st.st_size, limit)
        return _read_fd(fd, limit)
    except OSError as e:
        raise os_reason(e) from None
    finally:
        os.close(fd)


def _read_fd(fd: int, limit: int) -> bytes:
    parts: list[bytes] = []
    got = 0
    while got <= limit:
        chunk = os.read(fd, min(_CHUNK, limit + 1 - got))
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    if got > limit:
        raise too_large(limit, limit, exact=False)  # the file grew, or its size is not told (/proc)
    return b"".join(parts)


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """At most ``limit`` bytes of a stream (standard input); raises ReadFailure."""
    parts: list[bytes] = []
    got = 0
    try:
        while got <= limit:
            chunk = stream.read(min(_CHUNK, limit + 1 - got))
            if not chunk:
                break
            parts.append(chunk)
            got += len(chunk)
    except OSError as e:
        raise os_reason(e) from None
    if got > limit:
        raise too_large(limit, limit, exact=False)
    return b"".join(parts)


def read_text_file(path: str | os.PathLike, limit: int = 1 << 20) -> str:
    """A small UTF-8 text file (configuration, rule pack); raises ReadFailure."""
    data = read_path(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ReadFailure(f"not UTF-8 text (byte {e.start})", f"不是 UTF-8 文本（第 {e.start} 个字节）") from None
