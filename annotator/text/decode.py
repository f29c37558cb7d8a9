"""Turn the bytes of a text file into a string, or refuse with one plain sentence.

Order: byte-order mark, strict UTF-8, then UTF-16 without a mark or Windows-1256 only when the
result is recognisably text; never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from annotator.domain.errors import InputError

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian mark starts with the UTF-16 one.
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)

_UNKNOWN = (
    "cannot tell the text encoding: it is not UTF-8, and not recognisably UTF-16 or "
    "Windows-1256; save it as UTF-8"
)
_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x85]")
_C0_BUT_WHITESPACE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")  # not tabs, not line breaks
# Every byte but those controls: deleting them from UTF-8 leaves the controls to count. In UTF-8
# a byte below 0x80 is always that ASCII character, so the count is the decoded text's.
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b >= 0x80 or not _CONTROLS.match(chr(b)))

# A text must be at least this long before a guessed encoding is believed.
_MIN_LETTERS = 8
_MIN_SPACES = 2

# Characters a real Persian or Latin-script text is made of; random code units rarely are.
_PLAUSIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII printable
    (0x00A0, 0x024F),  # Latin-1 supplement, Latin extended A and B
    (0x0600, 0x06FF),  # Arabic
    (0x0750, 0x077F),  # Arabic supplement
    (0x200B, 0x200F),  # zero-width joiners, direction marks
    (0x2010, 0x2027),  # dashes, quotes, ellipsis
    (0x2030, 0x205E),  # per mille, primes, guillemets
    (0x20A0, 0x20C0),  # currency signs
    (0xFB50, 0xFDFF),  # Arabic presentation forms A
    (0xFE70, 0xFEFC),  # Arabic presentation forms B
)
_PERSIAN_EXTRA = frozenset("\u200c\u200d\u200e\u200f«»\u00a0…–—‘’“”×÷")


@dataclass(frozen=True)
class DecodedText:
    """The decoded string and the name of the codec that produced it."""

    text: str
    encoding: str


def decode_bytes(data: bytes, path: str) -> DecodedText:
    """Decode a text file's bytes; raise ``InputError`` (naming ``path``) if it is not text.

    Refuses empty or whitespace-only input, text containing NUL characters (naming the line)
    and bytes whose encoding cannot be told with confidence.
    """
    if not data:
        raise InputError("the file is empty", path=path)
    decoded = _decode(data, path)
    if not decoded.text.strip():
        raise InputError("the file is empty", path=path)
    nul = decoded.text.find("\x00")
    if nul >= 0:
        line = len(_LINE_BREAK.findall(decoded.text, 0, nul)) + 1
        raise InputError("contains NUL bytes; it looks like a binary file", path=path, line=line)
    return decoded


def _decode(data: bytes, path: str) -> DecodedText:
    for bom, encoding, name in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError:
                raise InputError(
                    f"starts with a {name} byte-order mark but is not valid {name}", path=path
                ) from None
    utf8: str | None
    bad_line: int | None = None
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8 = None
        # After lines of good UTF-8 text, the line of the first byte that is not UTF-8.
        before = data[:error.start]
        if b"\n" in before and not _C0_BUT_WHITESPACE.search(before.decode("utf-8")):
            bad_line = before.count(b"\n") + 1
    if utf8 is not None and b"\x00" not in data and not _too_many_controls(
            len(data.translate(None, _NOT_CONTROL_BYTES)), len(utf8)):
        return DecodedText(utf8, "utf-8")  # the controls counted in bytes: a regex is 5x slower
    # UTF-8 with NULs may be UTF-16 text made of code units below 0x80 in every byte; one
    # full of controls may be UTF-16 Persian (U+0620-U+064A is 20-4A 06 in little-endian).
    utf16 = _guess_utf16(data)
    if utf16 is not None:
        return utf16
    if utf8 is not None and not _mostly_controls(utf8):
        return DecodedText(utf8, "utf-8")
    cp1256 = _guess_cp1256(data)
    if cp1256 is not None:
        return cp1256
    raise InputError(_UNKNOWN, path=path, line=bad_line)


def _mostly_controls(text: str) -> bool:
    """Whether a quarter or more of the characters (and at least two) are controls other
    than tabs and line breaks: not a text, whatever else it may be."""
    return _too_many_controls(len(_CONTROLS.findall(text)), len(text))


def _too_many_controls(controls: int, length: int) -> bool:
    return controls >= 2 and controls * 4 >= length


def _is_plausible(char: str) -> bool:
    if char in "\t\n\r":
        return True
    code = ord(char)
    if code > 0xFFFF:
        return 0x1F300 <= code <= 0x1FAFF  # emoji
    for low, high in _PLAUSIBLE_RANGES:
        if low <= code <= high:
            return unicodedata.category(char) != "Cn"
    return False


def _looks_like_words(text: str) -> bool:
    """Enough letters, of enough variety, parted by spaces, as prose is."""
    letters = [c for c in text if c.isalpha()]
    spaces = sum(1 for c in text if c in " \n\t")
    return (
        len(letters) >= _MIN_LETTERS
        and len(set(letters)) >= 3
        and spaces >= _MIN_SPACES
        # Prose has a space at least every 20 letters.
        and spaces * 20 >= len(letters)
        and len(letters) * 2 >= len(text) - spaces
    )


def _looks_like_letters(text: str) -> bool:
    """Enough letters, of enough variety, and little else: a text without spaces."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= _MIN_LETTERS and len(set(letters)) >= 3 and \
        len(letters) * 4 >= len(text) * 3


def _guess_utf16(data: bytes) -> DecodedText | None:
    """UTF-16 without a mark, when exactly one byte order gives plausible characters that
    read as prose parted by spaces or, without spaces, as nearly all letters."""
    if len(data) % 2:
        return None
    found: list[DecodedText] = []
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if all(_is_plausible(c) for c in text) and (
                _looks_like_words(text) or _looks_like_letters(text)):
            found.append(DecodedText(text, encoding))
    # Both byte orders plausible cannot be told apart, so neither is believed.
    return found[0] if len(found) == 1 else None


def _is_persian(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff" or char in _PERSIAN_EXTRA


def _guess_cp1256(data: bytes) -> DecodedText | None:
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    if _C0_BUT_WHITESPACE.search(text):
        return None
    foreign = [c for c in text if ord(c) > 0x7F]
    persian = sum(1 for c in foreign if _is_persian(c))
    arabic_letters = sum(1 for c in foreign if "\u0620" <= c <= "\u06d5" and c.isalpha())
    letters = sum(1 for c in text if c.isalpha())
    if (
        arabic_letters >= _MIN_LETTERS
        # Nearly every non-ASCII character is Persian script or its punctuation.
        and persian * 20 >= len(foreign) * 19
        # Most letters are Arabic-script ones: a Latin text with a few accents is not Persian.
        and arabic_letters * 2 >= letters
        and _looks_like_words(text)
    ):
        return DecodedText(text, "cp1256")
    return None
