from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.domain.errors import InputError
from annotator.text.decode import decode_bytes
from annotator.text.normalize import canonicalize

SAMPLE = Path(__file__).parents[2] / "resources" / "samples" / "interview-fa.txt"
PERSIAN = SAMPLE.read_text(encoding="utf-8")


def test_bom_crlf_and_plain_utf8_give_one_canonical_text() -> None:
    text = "سلام دنیا!\nکتاب‌ها را علي خواند. ۱۲۳ 😀\n"
    crlf = text.replace("\n", "\r\n")
    files = [
        text.encode("utf-8"),
        crlf.encode("utf-8"),
        codecs.BOM_UTF8 + text.encode("utf-8"),
        codecs.BOM_UTF16_LE + crlf.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + text.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + crlf.encode("utf-32-be"),
    ]
    canonical = {canonicalize(decode_bytes(data, "x.txt").text, "letters").text for data in files}
    assert canonical == {text.replace("علي", "علی")}
    assert decode_bytes(files[2], "x.txt").text == text  # the mark is not part of the text


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + b"hello world", "utf-8-sig"),
        (codecs.BOM_UTF16_LE + "hello".encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + "hello".encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + "hello".encode("utf-32-le"), "utf-32-le"),
        (b"hello", "utf-8"),
    ],
)
def test_encoding_is_reported(data: bytes, encoding: str) -> None:
    assert decode_bytes(data, "x.txt").encoding == encoding


def test_cp1256_persian_is_recognised() -> None:
    # Windows-1256 has Arabic yeh but not Persian yeh or digits: write them as it would.
    windows = PERSIAN.translate(str.maketrans("ی۰۱۲۳۴۵۶۷۸۹", "ي0123456789"))
    lines = [line for line in windows.splitlines() if _encodable(line, "cp1256")]
    text = "\r\n".join(lines)
    assert len(text) > len(PERSIAN) // 2
    decoded = decode_bytes(text.encode("cp1256"), "x.txt")
    assert decoded == type(decoded)(text, "cp1256")


def test_short_cp1256_persian_is_recognised() -> None:
    text = "سلام، حال شما چطور است؟ من خوبم."
    assert decode_bytes(text.encode("cp1256"), "x.txt").text == text


def test_utf16_without_bom_is_recognised() -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        decoded = decode_bytes(PERSIAN.encode(encoding), "x.txt")
        assert (decoded.text, decoded.encoding) == (PERSIAN, encoding)


def test_utf16_without_bom_that_is_also_valid_utf8_is_recognised() -> None:
    # Every byte of this UTF-16 text is below 0x80, so it is valid UTF-8 full of NULs.
    text = "است از اسلام است تا سال 20 است"
    data = text.encode("utf-16-le")
    data.decode("utf-8")
    assert decode_bytes(data, "x.txt").text == text


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(200, 256)) * 8,
        "Voilà, l'été est très agréable à Montréal; où êtes-vous allés?".encode("latin-1"),
        "Bonjour à tous, ça va très bien.\nÀ bientôt, chère amie; déjà Noël.".encode("latin-1"),
        "Привет, как дела? Всё хорошо, спасибо большое.".encode("cp1251"),
    ],
    ids=["all-bytes", "png", "french-1", "french-2", "russian-cp1251"],
)
def test_other_encodings_and_binaries_are_refused(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "in.txt")
    assert caught.value.path == "in.txt"


def test_unknown_encoding_message_is_one_plain_sentence() -> None:
    with pytest.raises(InputError, match=r"cannot tell the text encoding.*save it as UTF-8"):
        decode_bytes(b"\xff\x00\xfe" * 30, "in.txt")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b" "])
def test_empty_files_are_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="the file is empty"):
        decode_bytes(data, "in.txt")


def test_nul_bytes_are_refused_naming_the_line() -> None:
    with pytest.raises(InputError, match="NUL") as caught:
        decode_bytes(b"one\r\ntwo\nthr\x00ee", "in.txt")
    assert caught.value.line == 3
    assert str(caught.value).startswith("in.txt:3: ")


def test_bom_with_invalid_body_is_refused() -> None:
    with pytest.raises(InputError, match="UTF-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8a", "in.txt")
    with pytest.raises(InputError, match="UTF-8"):
        decode_bytes(codecs.BOM_UTF8 + b"\xff", "in.txt")


def _honest(data: bytes, encoding: str, text: str) -> bool:
    """True when the text is what the bytes really say under a marked or UTF-8 encoding."""
    if encoding == "utf-8":
        return data.decode("utf-8") == text
    bom = {
        "utf-8-sig": codecs.BOM_UTF8,
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
    }.get(encoding)
    return bom is not None and data.startswith(bom) and data[len(bom) :].decode(encoding) == text


@settings(max_examples=400)
@given(st.binary(max_size=300))
def test_random_bytes_are_refused_or_really_text(data: bytes) -> None:
    try:
        decoded = decode_bytes(data, "in.txt")
    except InputError:
        return
    assert _honest(data, decoded.encoding, decoded.text)


@settings(max_examples=200)
@given(st.lists(st.integers(0x80, 0xFF), min_size=8, max_size=200), st.data())
def test_high_bytes_with_some_spaces_are_not_taken_for_persian(
    high: list[int], data: st.DataObject
) -> None:
    # Random Windows-1256 letters, even spaced like words, rarely pass; they must never pass
    # unless they are mostly Arabic letters, which is what the check promises.
    spaced = bytearray()
    for byte in high:
        spaced.append(byte)
        if data.draw(st.integers(0, 5)) == 0:
            spaced.append(0x20)
    try:
        decoded = decode_bytes(bytes(spaced), "in.txt")
    except InputError:
        return
    if decoded.encoding == "cp1256":
        letters = [c for c in decoded.text if c.isalpha()]
        arabic = [c for c in letters if "\u0600" <= c <= "\u06ff"]
        assert len(arabic) * 2 >= len(letters)
