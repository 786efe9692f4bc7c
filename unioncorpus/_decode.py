"""Decoding the bytes of a text file: which encoding, and whether the result is Chinese writing at all.

UTF-8 and a BOM are certain; everything else is a guess, and a guess is only taken when the text it gives
reads as Chinese. A file in another language or code page (Latin-1, Shift-JIS, Korean) is reported as not
Chinese, naming the reading that fits, rather than being turned into plausible-looking CJK noise.
"""

from __future__ import annotations

import codecs
import re

from .errors import ReadError

__all__ = ["decode_bytes"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Files that are not text at all, whatever their name says.
_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is a Word/Excel/WPS file (an OLE compound file), not plain text"),
    (b"%PDF", "is a PDF, not plain text; name it .pdf"),
    (b"PK\x03\x04", "is a zip package (.docx, .xlsx or .zip), not plain text; give it its real extension"),
    (b"\x89PNG", "is a PNG image, not text"),
    (b"\xff\xd8\xff", "is a JPEG image, not text"),
    (b"GIF8", "is a GIF image, not text"),
    (b"{\\rtf", "is an RTF file; name it .rtf or save it as .docx"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_PUNCT = re.compile(r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_PRIVATE = re.compile(r"[\ue000-\uf8ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_LETTER = re.compile(r"[^\W\d_]")
# Readable names of the encodings a guess may land on, for the message.
_NAMES = {"shift_jis": "Shift-JIS", "cp932": "Shift-JIS (cp932)", "euc_jp": "EUC-JP", "cp949": "Korean (cp949)",
          "euc_kr": "Korean (EUC-KR)", "latin_1": "Latin-1", "cp1252": "Western European (Windows-1252)",
          "big5": "Big5", "big5hkscs": "Big5-HKSCS", "gb18030": "GB18030"}  # fmt: skip


def _controls_ok(text: str) -> bool:
    """A few control characters (a BEL pasted into a title) do not make a text binary; many do."""
    return len(_CONTROL.findall(text)) <= max(8, len(text) // 50)


def _is_chinese(text: str) -> bool:
    """Whether the letters of ``text`` are mostly Chinese characters (not kana, not hangul, not Latin); a
    text with no letters at all is Chinese when it has Chinese punctuation ("，。")."""
    cjk = len(_CJK.findall(text))
    letters = len(_LETTER.findall(text))
    if cjk == 0:
        return letters == 0 and _CJK_PUNCT.search(text) is not None
    kana, hangul = len(_KANA.findall(text)), len(_HANGUL.findall(text))
    return kana <= cjk // 20 and hangul <= cjk // 20 and cjk >= 0.3 * letters


def _simplified(text: str) -> bool:
    """Whether the Chinese characters are mostly GB2312 ones: real modern Chinese is ~99% GB2312, bytes
    that only happen to decode as GB18030 (Latin-1, Shift-JIS, noise) are mostly outside it."""
    cjk = _CJK.findall(text)
    common = 0
    for ch in cjk:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= 0.9 * len(cjk)


def _traditional(text: str) -> bool:
    """Whether the Chinese characters are traditional ones of GBK (港澳教職員協會): nearly all are simplified
    standard characters once OpenCC converts them, as bytes that only happen to decode as GB18030 are not."""
    from .logical import _t2s

    cjk = _CJK.findall(text)
    if not cjk:
        return False
    return _simplified(_t2s()("".join(cjk)))


def _korean(data: bytes, gb: str) -> str | None:
    """The Korean reading of bytes that also decode as GB18030, when that is what they are. EUC-KR puts its
    hangul syllables where GB2312 has its commonest Chinese characters, so Korean decodes as GB18030 into
    plausible-looking characters; but those read as nonsense: the hundred most frequent Chinese characters
    (charset-normalizer's table) make about a fifth of any Chinese text and under a fiftieth of this, while
    the same bytes read as cp949 hold Korean's commonest syllables."""
    from charset_normalizer.constant import FREQUENCIES

    han = _CJK.findall(gb)
    if len(han) < 40:
        return None
    frequent = frozenset(FREQUENCIES["Chinese"])
    if sum(ch in frequent for ch in han) >= 0.05 * len(han):
        return None
    korean = _strict(data, "cp949")
    if korean is None:
        return None
    hangul = _HANGUL.findall(korean)
    if len(hangul) < 0.5 * len(_LETTER.findall(korean)):
        return None
    # and the hangul reads as Korean: its commonest syllables (이, 의, 다 …) are there, as they are not in
    # Chinese bytes read as cp949 (a roster of rare names)
    common = frozenset(FREQUENCIES["Korean"])
    return korean if sum(ch in common for ch in hangul) >= 0.1 * len(hangul) else None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _wide(data: bytes) -> tuple[str, str] | None:
    """UTF-32 or UTF-16 without a BOM, told by its NUL bytes (UTF-32 has one in every 4-byte unit)."""
    nul = data.count(0)
    if len(data) % 4 == 0 and nul >= len(data) // 4:
        for name in ("utf-32-le", "utf-32-be"):
            text = _strict(data, name)
            # a text file's characters are Chinese or plain ASCII, not runs of rare supplementary ones
            # (four bytes 00 01 02 03 repeated also read as UTF-32)
            if text is not None and _controls_ok(text) and (_CJK.search(text) or text.isascii()):
                return text, name
    if len(data) % 2 == 0:
        for name in ("utf-16-le", "utf-16-be"):
            text = _strict(data, name)
            if text is not None and _controls_ok(text) and _CJK.search(text):
                return text, name
    return None


def _not_chinese(source: str, text: str, encoding: str) -> ReadError:
    what = (
        "Japanese"
        if _KANA.search(text)
        else "Korean"
        if _HANGUL.search(text)
        else "without Chinese characters"
        if not _CJK.search(text)
        else "mostly in another script"
    )
    name = _NAMES.get(codecs.lookup(encoding).name.replace("-", "_"), encoding)
    return ReadError(
        source,
        "not_chinese",
        f"is not Chinese text: it is neither UTF-8 nor GB18030, and its best reading ({name}) is {what}; "
        "if it is a plan, pass --encoding",
    )


def _guess(data: bytes, source: str) -> tuple[str, str]:
    """The legacy code pages, once UTF-8 has failed: GB18030, Big5, then charset-normalizer's best."""
    text = _strict(data, "gb18030")
    # a reading with private-use characters is a wrong one (Big5 bytes read as GB18030 give them)
    if (
        text is not None
        and len(_PRIVATE.findall(text)) <= max(1, len(text) // 500)
        and _controls_ok(text)
        and (_simplified(text) or _traditional(text))
        and _is_chinese(text)
    ):
        korean = _korean(data, text)
        if korean is not None:
            raise _not_chinese(source, korean, "cp949")
        return text, "gb18030"
    big5 = _strict(data, "big5")
    if big5 is not None and _controls_ok(big5) and _is_chinese(big5) and not _simplified(big5):
        return big5, "big5"
    japanese = _strict(data, "cp932")
    if japanese is not None and _controls_ok(japanese) and len(_KANA.findall(japanese)) >= 3:
        raise _not_chinese(source, japanese, "cp932")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding and best.chaos < 0.2:
        guess = str(best)
        if _controls_ok(guess) and _is_chinese(guess):
            return guess, best.encoding
        if _controls_ok(guess) and not _CJK.search(guess) and guess.strip():
            raise _not_chinese(source, guess, best.encoding)
    latin = data.decode("cp1252", errors="replace")
    western = re.search(r"[a-zA-Z]{3}", latin) and re.search(r"[\u00c0-\u00ff]", latin)
    if western and _controls_ok(latin) and not _CJK.search(latin) and latin.count("\ufffd") <= 3:
        raise _not_chinese(source, latin, "cp1252")
    raise _undecodable(data, source)


def _undecodable(data: bytes, source: str) -> ReadError:
    text = data.decode("utf-8", errors="replace")
    if not _controls_ok(text) or text.count("\ufffd") > len(text) // 4:
        return ReadError(source, "binary", "the file is binary (control bytes), not text")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        at = e.start
    return ReadError(
        source,
        "undecodable",
        f"neither UTF-8 (fails at byte {at}) nor GB18030 nor any detected encoding gives readable Chinese "
        "text; pass --encoding",
    )


def decode_bytes(data: bytes, *, source: str = "<bytes>", encoding: str | None = None) -> tuple[str, str]:
    """Decode the bytes of a text file, returning ``(text, encoding_used)``.

    Order: the ``encoding`` given; a BOM; UTF-32/UTF-16 without a BOM (told by NUL bytes); UTF-8; then
    guesses (GB18030, Big5, charset-normalizer) that are only taken when they read as Chinese.

    Raises:
        ReadError: ``empty``, ``binary``, ``undecodable`` or ``not_chinese`` input, naming ``source`` and
            the failing byte or the reading that fits.

    >>> decode_bytes("工会".encode("gb18030"))
    ('工会', 'gb18030')
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise ReadError(source, "undecodable", f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as e:
            raise ReadError(
                source, "undecodable", f"{encoding} decode failed at byte {e.start}; try another --encoding"
            ) from None
    if not data.strip(b" \t\r\n\x00"):
        raise ReadError(source, "empty", "the file is empty")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as e:
                raise ReadError(
                    source, "undecodable", f"{name} (from its BOM) decode failed at byte {e.start}"
                ) from None
    for magic, detail in _MAGIC:
        if data.startswith(magic):
            raise ReadError(source, "binary", f"the file {detail}")
    if data.count(0) > max(8, len(data) // 100):
        wide = _wide(data)
        if wide is not None:
            return wide
        raise ReadError(source, "binary", "the file is binary (it contains NUL bytes), not text")
    text = _strict(data, "utf-8")
    if text is not None:
        if not _controls_ok(text):
            raise ReadError(source, "binary", "the file is binary (control bytes), not text")
        if not text.isascii() and not _CJK.search(text):
            # a short GB text can also be valid UTF-8 ("学校" reads as "ѧУ"): the Chinese reading wins
            gb = _strict(data, "gb18030")
            if gb is not None and _CJK.search(gb) and _simplified(gb) and _is_chinese(gb):
                return gb, "gb18030"
        return text, "utf-8"
    try:
        return _guess(data, source)
    except ReadError as e:
        if e.reason not in ("undecodable", "binary"):
            raise
        # Mostly UTF-8 with a few broken bytes: keep the text, mark the damage.
        text = data.decode("utf-8", errors="replace")
        if text.count("\ufffd") <= max(3, len(text) // 2000) and _CJK.search(text) and _controls_ok(text):
            return text, "utf-8 (with replaced bytes)"
        raise
