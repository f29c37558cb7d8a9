"""Who a phrase names: the subject at the start of a clause, a label, the people of a text.

A subject is read from the left, as Persian news writes it: a pronoun (the last *person*), a
name the text already gave (name, surname, alias or a description linked to it), a new name
with given-name or title evidence and an optional role description (``رضا کریمی سخنگوی
وزارت امور خارجه``), a role description alone (``سخنگوی وزارت خارجه``), an anonymous or
collective source (``یک منبع آگاه``) or a group or outlet. Anything else names no one.
"""

from __future__ import annotations

from annotator.analysis.person_names import (
    SOURCE_DETERMINERS,
    SURNAME_SUFFIXES,
    is_given_name,
    source_kind,
)
from annotator.analysis.speakers import (
    DEMONSTRATIVES,
    FUNCTION_WORDS,
    PRONOUNS,
    ROLE_NOUNS,
    TITLES,
    Person,
    name_key,
    surname,
)
from annotator.analysis.suggest.base import LeadReader
from annotator.analysis.suggest.patterns import DATELINE
from annotator.text import search_fold

Words = list[tuple[int, int]]

# After در, these start an adverbial (در گفت‌وگو با …), not a place in a description.
_EVENT_NOUNS = frozenset(search_fold(w) for w in (
    "گفت", "گفتگو", "گفتگوی", "مصاحبه", "پاسخ", "نشست", "جلسه", "دیدار", "جمع", "حاشیه",
    "ادامه", "برنامه", "واکنش", "تماس", "اطلاعیه", "بیانیه", "اولین", "نخستین", "سخنرانی",
    "همایش", "مراسم", "جریان", "خصوص", "مورد", "باره", "حالی", "صفحه", "یادداشت", "پیامی",
    "این", "آن", "همین", "شامگاه", "بخش", "پایان", "آغاز", "سفر", "آخرین", "دومین",
    "سخنان", "سخنانی", "گزارشی", "مطلبی", "توییتی", "پستی", "نامه‌ای", "بیانیه‌ای",
))
# Words that end a description or a name however they are written.
_STOPS = FUNCTION_WORDS | PRONOUNS | frozenset(search_fold(w) for w in (
    "خطاب", "بدون", "ضمن", "طی", "پس", "هنگام", "ضمنا", "همچنین", "نیز", "امروز", "روز",
    "بنابر", "بنا", "ابتدا", "سپس", "اخیرا", "پیشتر", "قبلا", "بیشتر", "شدیدا",
))
_EVENT_PREFIXES = tuple(search_fold(w) for w in ("گفتگو", "مصاحبه", "گفت و گو"))
_TITLE_STARTS = frozenset(title[0] for title in TITLES)
# Adjectives that follow a name without being part of it.
_ADJECTIVES = frozenset(search_fold(w) for w in (
    "ایرانی", "آمریکایی", "اروپایی", "روسی", "چینی", "خارجی", "داخلی", "یکی", "عربی",
    "انگلیسی", "فرانسوی", "آلمانی", "اسرائیلی", "قطری", "عراقی", "افغانی", "ترکی",
))
_PLURAL_ENDINGS = frozenset(search_fold(w) for w in ("ها", "های", "هایی", "هایش", "شان"))
_JOINERS = frozenset(search_fold(w) for w in ("بن", "ابن", "آل", "بنت"))
_PLURAL_PRONOUNS = frozenset(search_fold(w) for w in ("آنها", "آنان"))
_MAX_DESCRIPTION = 12  # words


class SubjectReader(LeadReader):
    """Names in a text, read as a Persian news text writes them."""

    last_person: Person | None = None  # the antecedent of وی / او
    last_group: Person | None = None  # the antecedent of آنها
    _last_surname: str | None = None

    def read_people(self) -> None:
        """Register everyone the text names with given-name or title evidence, with the role
        description beside the name, so that a later surname or description finds them."""
        for line_start, line_end in self.lines:
            start = self._trim(line_start, line_end)[0]
            dateline = DATELINE.match(self.folded, start, line_end)
            if dateline is not None and self.folded.startswith("به", start):
                named = self._words(start, dateline.end())
                if len(named) > 2:  # به گزارش [خبرنگار …] ایسنا، : the outlet is the last word
                    self.outlets.add(self._fold(named[-1]))
        words = self._words(0, len(self.text))
        index = 0
        while index < len(words):
            found = self._person_at(words, index, register=True)
            index = found[1] if found else index + 1

    def _gap(self, words: Words, index: int) -> str:
        """The text between word ``index - 1`` and word ``index``."""
        return self.folded[words[index - 1][1]:words[index][0]]

    def _after_titles(self, words: Words, index: int) -> tuple[int, bool]:
        """The first word after titles from ``index``, and whether there were titles."""
        start = index
        moved = index < len(words) and self._fold(words[index]) in _TITLE_STARTS
        while moved:
            moved = False
            for size in (3, 2, 1):
                if index + size <= len(words) and tuple(
                        self._fold(w) for w in words[index:index + size]) in TITLES:
                    index += size
                    moved = True
                    break
        return index, index > start

    def _name_end(self, words: Words, index: int, titled: bool) -> int:
        """The end (word index) of a name starting at ``index``: given names, a surname with
        its written-apart suffix (``کریم پور``), Arabic joiners (``بن``, ``آل``); ``index``
        when no name starts there."""
        end = index
        while end < len(words) and end - index < 3 and is_given_name(self._fold(words[end])):
            if end > index and self._gap(words, end).strip():
                break
            end += 1
        if end == index and not titled:
            return index
        limit = min(len(words), index + 6)
        surname = 0
        given = end
        while end < limit and not self._gap(words, end).strip() and surname < 2:
            word = self._fold(words[end])
            if (word in _STOPS or word in ROLE_NOUNS or source_kind([word])
                    or any(c.isdigit() for c in word) or self._plural(words, end)):
                break
            end += 1
            while end < limit and self.text[words[end - 1][1]:words[end][0]] == "\u200c":
                end += 1  # گل‌محمدی: parts joined by a ZWNJ are one surname
            if word in _JOINERS:
                continue
            surname += 1
            if end < limit and self._fold(words[end]) in SURNAME_SUFFIXES \
                    and not self._gap(words, end).strip():
                end += 1
            if end < limit and self._fold(words[end]) in _JOINERS:
                continue
            if end < limit and self._second_surname(word, words, end):
                continue  # هاشمی رفسنجانی، بهادری جهرمی
            break
        if surname == 0 and given - index >= 2:
            return given  # سعید مجید: the last given name is the surname
        if surname == 0 or (end - index < 2 and not titled):
            return index
        return end

    def _plural(self, words: Words, index: int) -> bool:
        """Word ``index`` is a noun with a plural ending joined by ZWNJ (پیام‌ها)."""
        following = index + 1
        return (following < len(words) and self.text[words[index][1]:words[following][0]]
                == "\u200c" and self._fold(words[following]) in _PLURAL_ENDINGS)

    def _second_surname(self, surname: str, words: Words, end: int) -> bool:
        """A surname of two words, both ending in ی (the second a place: بهادری جهرمی)."""
        following = self._fold(words[end])
        return (surname.endswith("ی") and following.endswith("ی") and len(following) > 3
                and not self._gap(words, end).strip() and following not in _STOPS
                and following not in _ADJECTIVES and following not in ROLE_NOUNS
                and not source_kind([following]))

    def _description_end(self, words: Words, index: int, *, through_names: bool = False
                         ) -> int:
        """The end (word index) of a role description starting at ``index``; a group's
        description may hold a person's name (``دولت امانوئل ماکرون``)."""
        end = index + 1
        while end < len(words) and end - index < _MAX_DESCRIPTION:
            if any(c in self._gap(words, end) for c in "،,:؛.«»()\"!؟?"):
                break
            word = self._fold(words[end])
            if word == "بین" and end + 1 < len(words) \
                    and self._fold(words[end + 1]).startswith("الملل"):
                end += 2  # بین‌الملل folds to two words
                continue
            if word == "و" or word == "در":
                follower = self._fold(words[end + 1]) if end + 1 < len(words) else ""
                if not follower or follower in _STOPS or (word == "در" and (
                        follower in _EVENT_NOUNS or follower in FUNCTION_WORDS)):
                    break
                end += 1
                continue
            if word in _STOPS or (is_given_name(word) and not through_names) \
                    or word.startswith(_EVENT_PREFIXES) \
                    or any(c.isdigit() for c in word):
                break
            end += 1
        return end

    def _person_at(self, words: Words, index: int, *, register: bool
                   ) -> tuple[Person, int] | None:
        """A person named (with evidence) at word ``index``: (person, end word index)."""
        start, titled = self._after_titles(words, index)
        end = self._name_end(words, start, titled)
        if end == start:
            return None
        name = self.text[words[start][0]:words[end - 1][1]]
        if register and end - start < 2:
            return None  # خانم احمدی: a surname alone is registered when used as a subject
        described = self._description_after(words, end)
        affiliation = ""
        if described is not None:
            affiliation = self.text[words[described[0]][0]:words[described[1] - 1][1]]
        known = self.matcher.resolve_name(name)
        if known is None or name_key(known.name) != name_key(name):
            if not register and known is not None:
                return known, end
            known = self._add_person(name, affiliation=affiliation)
        elif affiliation:
            self.matcher.describe(known, affiliation)
        if affiliation:
            self.aliases.setdefault(name_key(known.name), []).append(affiliation)
        return known, (described[1] if described else end)

    def _description_after(self, words: Words, end: int) -> tuple[int, int] | None:
        """A role description right after a name, or after its comma: (start, end) words."""
        if end >= len(words) or self._fold(words[end]) not in ROLE_NOUNS:
            return None
        if self._gap(words, end).strip(" »\"") not in ("", "،", ","):
            return None
        return end, self._description_end(words, end)

    def subject_at(self, start: int, end: int) -> tuple[Person, int] | None:
        """Who the clause ``[start, end)`` names at its start, and where the naming ends (a
        code point). ``None`` when its start names no one."""
        words = self._words(start, min(end, start + 400))
        if not words:
            return None
        first = self._fold(words[0])
        if first in PRONOUNS:
            return (self.last_person, words[0][1]) if self.last_person else None
        if first in _PLURAL_PRONOUNS or (first == "آن" and len(words) > 1
                                         and self._fold(words[1]) == "ها"):
            return (self.last_group, words[0][1]) if self.last_group else None
        index, titled = self._after_titles(words, 0)
        if index >= len(words):
            return None
        found = (self._known_at(words, index) or self._anaphor_at(words, index)
                 or self._new_at(words, index, titled))
        if found is None:
            return None
        person, stop = found
        self._remember(person)
        return person, words[stop - 1][1]

    def _remember(self, person: Person) -> None:
        if person.kind in ("person", "role"):
            if person is not self.last_person:
                self._last_surname = surname(person.name) or None
            self.last_person = person
        else:
            self.last_group = person

    def _known_at(self, words: Words, index: int) -> tuple[Person, int] | None:
        """The longest phrase at ``index`` that names someone already known."""
        limit = min(len(words), index + 8)
        # A description is found by its head and at least one more word (سخنگوی alone
        # would name any spokesman), or after a demonstrative (این سفیر).
        shortest = index + (2 if self._fold(words[index]) in ROLE_NOUNS else 1)
        for end in range(limit, shortest - 1, -1):
            if end < len(words) and self._gap(words, end).strip() == "" \
                    and self._fold(words[end]) in SURNAME_SUFFIXES:
                continue  # کریم alone is not کریم‌پور
            folded = [self._fold(w) for w in words[index:end]]
            key = " ".join(folded)
            person = (self.matcher.resolve_key(key)
                      or self.matcher.resolve_description_words(folded) or self._recent(key))
            if person is not None:
                self._mention(words[index][0], words[end - 1][1], person, "reported-speech")
                described = self._description_after(words, end)
                if described is not None:
                    affiliation = self.text[words[described[0]][0]:words[described[1] - 1][1]]
                    self.matcher.describe(person, affiliation)
                    self.aliases.setdefault(name_key(person.name), []).append(affiliation)
                    end = described[1]
                return person, end
        return None

    def _anaphor_at(self, words: Words, index: int) -> tuple[Person, int] | None:
        """``این دیپلمات``, ``این مقام``: a demonstrative and a role noun point back to the
        last person."""
        if index + 1 >= len(words) or self._fold(words[index]) not in DEMONSTRATIVES:
            return None
        if self._fold(words[index + 1]) not in ROLE_NOUNS or self.last_person is None:
            return None
        return self.last_person, index + 2

    def _recent(self, key: str) -> Person | None:
        """The last person named, when ``key`` (folded) is their surname: of two کریمی the
        text means the one it just named."""
        last = self.last_person
        if last is not None and key == self._last_surname:
            return last
        return None

    def _new_at(self, words: Words, index: int, titled: bool) -> tuple[Person, int] | None:
        """A source not known yet: a name with evidence, a description, a group."""
        named = self._person_at(words, index, register=False)
        if named is not None:
            person, end = named
            self._mention(words[index][0], words[end - 1][1], person, "reported-speech")
            return person, end
        if titled:
            return None
        head = [self._fold(w) for w in words[index:index + 3]]
        kind = source_kind(head)
        if head[0] in ROLE_NOUNS and not kind:
            kind = "role"
        elif not kind and len(head) > 1 and head[0] in SOURCE_DETERMINERS \
                and head[1] in ROLE_NOUNS:
            kind = "descriptive"  # یک سخنگوی شرکت: an unnamed spokesman
        if not kind or kind == "person":
            return None
        end = self._description_end(words, index, through_names=kind == "organization")
        name = self.text[words[index][0]:words[end - 1][1]]
        if kind == "role" and end < len(words) and self._gap(words, end).strip() in ("", "،"):
            named = self._person_at(words, end, register=False)
            if named is not None:  # وزیر نیرو، علی اکبری، …: the description is an alias
                self.matcher.describe(named[0], name)
                self.aliases.setdefault(name_key(named[0].name), []).append(name)
                self._mention(words[end][0], words[named[1] - 1][1], named[0],
                              "reported-speech")
                return named
        known = self.matcher.resolve(name)
        if known is not None:
            return known, end
        person = self._add_person(name, kind=kind)
        self.matcher.describe(person, name)
        self._mention(words[index][0], words[end - 1][1], person, "reported-speech")
        return person, end

