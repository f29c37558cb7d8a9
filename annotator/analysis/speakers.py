"""Matching what a text calls a person to the speakers of a registry.

Names are compared folded (``search_fold``: ``مريم`` and ``مریم`` are one name, ZWNJ and space
are one separator), with titles (``آقای``, ``خانم``, ``دکتر`` …) and guillemets ignored. A
registry entry answers to its name, its aliases, its surname (the last word of a name of two or
more words) and, through its ``affiliation``, to a description such as ``سفیر ایران`` when the
entry's affiliation is ``سفیر جمهوری اسلامی ایران در روسیه``. Pure functions, no I/O.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.analysis.person_names import SOURCE_DETERMINERS, SURNAME_SUFFIXES, source_kind
from annotator.text import search_fold

# Honorifics and titles written before a name; they are not part of who someone is.
_TITLE_TEXTS = (
    "آقای", "آقا", "خانم", "بانو", "دکتر", "مهندس", "استاد", "جناب", "سرکار", "حاج", "حاجی",
    "حجت‌الاسلام", "حجت‌الاسلام‌والمسلمین", "آیت‌الله", "سردار", "سرلشکر", "سرتیپ", "سرهنگ",
    "امیر", "شهید", "پروفسور", "شیخ", "فیلد مارشال", "Mr", "Mrs", "Ms", "Dr", "Prof",
)

# Words that never belong to a person's name: prepositions, conjunctions, demonstratives.
FUNCTION_WORDS = frozenset(search_fold(w) for w in (
    "در", "از", "به", "با", "که", "را", "و", "یا", "این", "آن", "هم", "نیز", "برای", "تا",
    "بر", "اما", "ولی", "پس", "چون", "اگر", "همچنین", "درباره", "بین", "روز", "امروز",
    "دیروز", "سپس", "ضمن", "همین", "چنین", "باید", "می", "نمی", "هر", "همه", "میتوان",
    "نمیتوان", "توان", "آنچه", "چه", "کسی", "هیچ", "گفتنی", "لازم", "من", "ما", "تو", "شما",
    "بسیاری", "برخی", "بعضی", "اکثر", "گروهی", "عده", "تعدادی", "دیگر", "بعد",
    "قبل", "سال", "ماه", "هفته", "صبح", "عصر", "شب", "امشب", "فردا", "طی", "پیش",
))

# Nouns that head a description of a person (سفیر ایران در روسیه), not a name.
ROLE_NOUNS = frozenset(search_fold(w) for w in (
    "سفیر", "وزیر", "رئیس", "رییس", "معاون", "سخنگو", "سخنگوی", "استاد", "نماینده", "مدیر",
    "دبیر", "دبیرکل", "کارشناس", "تحلیلگر", "اقتصاددان", "عضو", "فرمانده", "مشاور", "نویسنده",
    "کارگردان", "بازیگر", "مجری", "خبرنگار", "مستندساز", "دانشیار", "استادیار", "پژوهشگر",
    "مسئول", "فعال", "مورخ", "شاعر", "پزشک", "وکیل", "قاضی", "دادستان", "سردبیر", "امام",
    "رهبر", "نخست", "رئیس‌جمهور", "رئیس‌جمهوری", "شهردار", "استاندار", "فرماندار", "سرپرست",
    "نایب", "سرمربی", "مربی", "نامزد", "دیپلمات", "کنسول", "سرکنسول", "قائم", "جانشین",
    "بنیانگذار", "موسس", "مؤسس", "دبیرکل", "مدیرعامل", "ریاست", "امام‌جمعه", "کاپیتان",
))

# Demonstratives before a description that points back to someone (این استاد دانشگاه).
DEMONSTRATIVES = frozenset(search_fold(w) for w in ("این", "آن", "همین", "همان"))

# Pronouns that refer back to the last person named.
PRONOUNS = frozenset(search_fold(w) for w in ("وی", "او", "ایشان"))

_WORD = re.compile(r"[^\s\u200c«»\"“”()\[\]،,:؛;.!?؟]+")


def word_spans(folded: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the words of ``folded[start:end]`` (code points of ``folded``), each cut to its
    letters and digits at both ends: emoji, ZWJ and marks around a word are not part of a name,
    and a run with no letter or digit is no word."""
    out = []
    for match in _WORD.finditer(folded, start, len(folded) if end is None else end):
        a, b = match.span()
        while a < b and not folded[a].isalnum():
            a += 1
        while b > a and not folded[b - 1].isalnum():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def _words(text: str) -> list[str]:
    folded = search_fold(text)
    return [folded[a:b] for a, b in word_spans(folded)]


# Each title as its folded words: ZWNJ-joined titles (حجت‌الاسلام) are several words folded.
TITLES = frozenset(tuple(_words(t)) for t in _TITLE_TEXTS)
_LONGEST_TITLE = max(len(t) for t in TITLES)


@functools.lru_cache(maxsize=8192)  # a text names the same few people again and again
def name_words(name: str) -> tuple[str, ...]:
    """The folded words of ``name`` without leading titles, guillemets or punctuation."""
    words = _words(name)
    stripped = True
    while stripped:
        stripped = False
        for size in range(min(_LONGEST_TITLE, len(words)), 0, -1):
            if tuple(words[:size]) in TITLES:
                words = words[size:]
                stripped = True
                break
    return tuple(words)


@functools.lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """One folded string per name: equal keys mean the same name as written."""
    return " ".join(name_words(name))


def surname(name: str) -> str:
    """The folded last word of a name of two or more words; empty for a one-word name."""
    words = name_words(name)
    if len(words) >= 3 and words[-1] in SURNAME_SUFFIXES:
        return " ".join(words[-2:])  # احمدی‌نژاد folds to two words
    return words[-1] if len(words) >= 2 else ""


@dataclass(frozen=True)
class Person:
    """What the matcher knows of one speaker: a registry id (empty for a proposed speaker)."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    role: str = ""
    affiliation: str = ""
    kind: str = "person"  # or "role", "descriptive", "organization", "outlet"


class SpeakerMatcher:
    """Resolve mentions (names, aliases, surnames, descriptions) to people.

    A mention matching two people equally well resolves to no one: a guess that might name the
    wrong person is worse than no suggestion.
    """

    def __init__(self, people: Iterable[Person] = ()) -> None:
        self._people: list[Person] = []
        self._exact: dict[str, list[int]] = {}
        self._surnames: dict[str, list[int]] = {}
        self._descriptions: dict[int, list[tuple[str, ...]]] = {}
        self._by_word: dict[str, set[int]] = {}  # description word -> people it describes
        self._index: dict[int, int] = {}  # id(person) -> its index
        for person in people:
            self.add(person)

    @property
    def people(self) -> Sequence[Person]:
        return self._people

    def add(self, person: Person) -> Person:
        """Add ``person`` unless someone of the same name is known; return who is known."""
        known = self.resolve_name(person.name)
        if known is not None and name_key(known.name) == name_key(person.name):
            return known
        index = len(self._people)
        self._people.append(person)
        self._index[id(person)] = index
        for written in (person.name, *person.aliases):
            key = name_key(written)
            if key:
                self._exact.setdefault(key, []).append(index)
                self._exact.setdefault(_joined(key), []).append(index)
        last = surname(person.name)
        if last:
            self._surnames.setdefault(last, []).append(index)
            self._surnames.setdefault(_joined(last), []).append(index)
        self.describe(person, person.affiliation)
        return person

    def size(self) -> int:
        """How many people are known: a checkpoint for ``forget_after``."""
        return len(self._people)

    def forget_after(self, size: int) -> None:
        """Forget the people added after the checkpoint ``size`` (a tentative reading)."""
        del self._people[size:]
        self._index = {k: i for k, i in self._index.items() if i < size}
        for table in (self._exact, self._surnames):
            for key in list(table):
                table[key] = [i for i in table[key] if i < size]
        self._descriptions = {i: d for i, d in self._descriptions.items() if i < size}
        self._by_word = {w: {i for i in s if i < size} for w, s in self._by_word.items()}

    def describe(self, person: Person, description: str) -> None:
        """Let ``description`` (a role phrase such as an affiliation) also name ``person``."""
        words = name_words(description)
        if words and words[0] in SOURCE_DETERMINERS:
            words = words[1:]  # یک منبع آگاه is found again as این منبع
        index = self._index.get(id(person))
        if index is None or not words:
            return
        self._descriptions.setdefault(index, []).append(words)
        for word in words:
            self._by_word.setdefault(word, set()).add(index)

    def _described_by(self, words: Sequence[str]) -> list[int]:
        """The people one of whose descriptions starts with the first of ``words`` and holds
        the others in order (``سفیر ایران`` in ``سفیر جمهوری اسلامی ایران``; ``دولت`` is
        not in ``سخنگوی دفتر مهاجرت دولت``)."""
        candidates = set.intersection(*(self._by_word.get(w, set()) for w in words))
        return sorted(i for i in candidates
                      if any(d[0] == words[0] and _is_ordered_subset(words, d)
                             for d in self._descriptions[i]))

    def resolve_name(self, mention: str) -> Person | None:
        """The one person whose name or alias is ``mention``, else whose surname it is."""
        return self.resolve_key(name_key(mention))

    def resolve_key(self, key: str) -> Person | None:
        """``resolve_name`` for a mention already folded to its ``name_key``."""
        if not key:
            return None
        for table, wanted in ((self._exact, key), (self._exact, _joined(key)),
                              (self._surnames, key), (self._surnames, _joined(key))):
            found = set(table.get(wanted, ()))
            if len(found) == 1:
                return self._people[found.pop()]
            if len(found) > 1:
                return None
        return None

    def resolve_description(self, mention: str) -> Person | None:
        """The one person whose affiliation holds the words of ``mention`` in order, when the
        mention is headed by a role noun, after an optional demonstrative
        (``سفیر ایران`` and ``این سفیر`` → ``سفیر جمهوری اسلامی ایران در روسیه``)."""
        return self.resolve_description_words(name_words(mention))

    def resolve_description_words(self, words: Sequence[str]) -> Person | None:
        """``resolve_description`` for a mention already split into folded words."""
        if words and words[0] in DEMONSTRATIVES:
            words = words[1:]
        if not words or not (words[0] in ROLE_NOUNS or source_kind(words)):
            return None
        found = self._described_by(words)
        return self._people[found[0]] if len(found) == 1 else None

    def resolve_affiliation_word(self, mention: str) -> Person | None:
        """The one person whose affiliation contains the one-word ``mention`` that is not a
        role noun: an outlet standing for its reporter (``ایلنا`` → ``خبرنگار ایلنا``)."""
        words = name_words(mention)
        if len(words) != 1 or words[0] in ROLE_NOUNS or words[0] in FUNCTION_WORDS:
            return None
        found = sorted(self._by_word.get(words[0], ()))
        return self._people[found[0]] if len(found) == 1 else None

    def resolve(self, mention: str) -> Person | None:
        """By name, alias or surname first, then by description."""
        return self.resolve_name(mention) or self.resolve_description(mention)


def _joined(key: str) -> str:
    """A folded name without its spaces, marked so it never equals a name as written:
    ``احمدی نژاد`` and ``احمدینژاد`` are one name."""
    return "\x00" + key.replace(" ", "")


def _is_ordered_subset(words: Sequence[str], within: Sequence[str]) -> bool:
    if not words or not within:
        return False
    position = 0
    for word in words:
        try:
            position = within.index(word, position) + 1
        except ValueError:
            return False
    return True


def looks_like_name(text: str) -> bool:
    """One to four words, none a function word, pronoun or digit: could be a person's name."""
    words = name_words(text)
    return (0 < len(words) <= 4
            and not any(w in FUNCTION_WORDS or w in PRONOUNS for w in words)
            and not any(c.isdigit() for w in words for c in w))


def is_source_phrase(text: str) -> bool:
    """``text`` reads as a person's name with given-name evidence, a role description
    (``سفیر ایران``), an anonymous or collective source, a group or an outlet."""
    words = name_words(text)
    return bool(words) and (source_kind(words) != "" or words[0] in ROLE_NOUNS)
