"""Library exceptions.

Every error raised by unioncorpus subclasses :class:`UnionCorpusError` *and* the matching built-in,
so ``except ValueError`` keeps working for callers that do not know this package.
"""

from __future__ import annotations

import errno

__all__ = [
    "OS_REASONS",
    "READ_REASONS",
    "OptionFileError",
    "OutputError",
    "ReadError",
    "UnionCorpusError",
    "UnknownOptionError",
    "os_reason",
]


class UnionCorpusError(Exception):
    """Base class of every error raised by unioncorpus."""


class ReadError(UnionCorpusError, OSError):
    """A file could not be read as a plan: names the file and the reason.

    Attributes:
        source: the file as given (a file inside a zip: ``archive.zip/member.docx``).
        reason: a short machine-readable reason, one of :data:`READ_REASONS`.
        detail: a sentence for people, saying what to do about it.
    """

    def __init__(self, source: str, reason: str, detail: str) -> None:
        super().__init__(f"{source}: {detail}")
        self.source = source
        self.reason = reason
        self.detail = detail


#: Every ``ReadError.reason``, with what a union office reads (Chinese) and its English meaning. The limits
#: behind ``too_*``, ``zip_bomb`` and ``too_deeply_nested`` are :class:`unioncorpus.Limits`.
READ_REASONS: dict[str, tuple[str, str]] = {
    # the file itself
    "not_found": ("找不到文件（或链接指向不存在的文件）", "no such file, or a link to nothing"),
    "unreadable": (
        "文件或文件夹无法打开（没有权限等）",
        "the file or folder cannot be opened (permission …)",
    ),
    "not_a_file": (
        "不是普通文件（管道、设备等），未读取",
        "a named pipe, device or socket, not a regular file",
    ),
    "symlink_loop": ("符号链接循环指向自身，未读取", "a symbolic link that leads back to itself"),
    "folder_link": ("指向文件夹的链接，未跟随；请直接给出该文件夹", "a link to a folder, not followed"),
    "outside_folder": ("链接指向所给文件夹之外的文件，未读取", "a link to a file outside the folder given"),
    "empty": ("文件是空的，或没有文字", "the file is empty or holds no text"),
    # its content
    "binary": ("不是文本文件（二进制内容）", "not a text file (binary content)"),
    "undecodable": ("文字编码无法识别，请另存为UTF-8或GBK文本", "the encoding cannot be recognised"),
    "not_chinese": (
        "不是中文文本（可能是其他语言或编码），请确认文件",
        "not Chinese text (another language or code page)",
    ),
    "unsupported": ("不支持的文件格式，请转为.docx或.txt", "an unsupported file type"),
    "corrupt_docx": ("Word文件已损坏，请重新保存后提交", "the .docx file is damaged"),
    "corrupt_xlsx": ("Excel文件已损坏，请重新保存后提交", "the .xlsx file is damaged"),
    "corrupt_zip": ("压缩包已损坏", "the zip file is damaged"),
    "encrypted": ("文件有密码保护，无法读取", "protected by a password"),
    "unsafe_name": (
        "压缩包内文件名指向包外（如../），未读取",
        "a zip member whose name leads out of its folder",
    ),
    "needs_converter": (
        "读取此格式需要安装转换程序（LibreOffice或pdftotext），或另存为.docx",
        "needs a converter",
    ),
    "converter_failed": ("转换程序无法转换此文件（可能已损坏或加密）", "the converter failed or timed out"),
    # the limits
    "too_large": ("文件过大", "the file is over the size limit"),
    "too_many_characters": ("文字过多，超出单个文件的上限", "more characters than the limit"),
    "too_many_lines": ("段落或行数过多，超出单个文件的上限", "more lines, paragraphs or rows than the limit"),
    "too_deeply_nested": ("表格、网页元素或压缩包嵌套过深", "tables, page elements or zips nested too deep"),
    "zip_bomb": (
        "压缩比异常（疑似压缩炸弹），未解压",
        "would expand far more than a real document (a zip bomb)",
    ),
    "too_many_files": ("压缩包内文件过多", "more files in one zip than the limit"),
}


class UnknownOptionError(UnionCorpusError, ValueError):
    """An option got a value outside its allowed set."""

    def __init__(self, name: str, value: object, allowed: list[str] | tuple[str, ...]) -> None:
        super().__init__(f"{name}={value!r} is not allowed; choose one of: {', '.join(map(str, allowed))}")
        self.name = name
        self.value = value
        self.allowed = tuple(allowed)


class OutputError(UnionCorpusError, OSError):
    """Results could not be written: names the folder or file and the reason (disk full, read-only, ...).

    Attributes:
        path: the folder or file.
        detail: the reason, in English.
        zh: the reason in Chinese, for a union office (the command line shows it first), or ``None``.
    """

    def __init__(self, path: object, detail: str, *, zh: str | None = None) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = str(path)
        self.detail = detail
        self.zh = zh


#: What a failed file-system call means to a union office (Chinese) and in English, by ``errno``; other
#: errors are shown with the system's own words (:func:`os_reason`).
OS_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘已满", "the disk is full"),
    errno.EDQUOT: ("磁盘配额已用完", "the disk quota is used up"),
    errno.EROFS: ("磁盘或文件夹是只读的", "the file system is read-only"),
    errno.EACCES: ("没有权限", "permission denied"),
    errno.EPERM: ("没有权限", "permission denied"),
    errno.ENOTDIR: ("路径中有一段是文件而不是文件夹", "a part of the path is a file, not a folder"),
    errno.ENOENT: ("找不到文件或文件夹", "no such file or folder"),
    errno.EISDIR: ("这是文件夹，不是文件", "is a folder, not a file"),
}


def os_reason(error: OSError) -> tuple[str, str]:
    """``(Chinese, English)`` for a failed file-system call."""
    system = error.strerror or str(error)
    zh, en = OS_REASONS.get(error.errno or 0, (f"系统错误：{system}", system))
    return zh, en


class OptionFileError(UnionCorpusError, ValueError):
    """An option file (rules TOML, labels CSV, model) is malformed: names the file, the key and what is allowed."""

    def __init__(self, path: object, detail: str, *, key: str | None = None) -> None:
        where = f"{path}: {key}: " if key else f"{path}: "
        super().__init__(where + detail)
        self.path = str(path)
        self.key = key
        self.detail = detail
