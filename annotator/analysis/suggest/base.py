"""The reader of one document: shared helpers and the lead (who interviews whom)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.analysis.person_names import source_kind
from annotator.analysis.speakers import (
    FUNCTION_WORDS,
    ROLE_NOUNS,
    TITLES,
    Person,
    SpeakerMatcher,
    is_source_phrase,
    looks_like_name,
    name_key,
    name_words,
    word_spans,
)
from annotator.analysis.suggest.patterns import (
    INTERVIEW,
    LEAD_HELD,
    LEAD_IN,
    LEAD_OF,
    LEAD_REACH,
    LEAD_WITH,
    ROLE_INTERVIEWEE,
    ROLE_INTERVIEWER,
    RULE_LEAD,
    looks_like_affiliation,
)
from annotator.text import search_fold

_LEAD_LINES = 8  # non-empty lines: how far the lead (who interviews whom) may reach


def _is_outlet(phrase: str) -> bool:
    """The phrase names an outlet or a group (هفته‌نامه آلمانی اشپیگل، گروه خبری «…»)."""
    words = name_words(phrase)[:4]
    return any(source_kind(words[i:]) in ("outlet", "organization") for i in range(len(words)))


@dataclass
class Found:
    label: str
    start: int
    end: int
    rule: str
    attrs: dict[str, str | Person]


@dataclass
class Turn:
    person: Person | None
    role: str
    start: int
    end: int
    rule: str
    questions: int = 0
    paragraphs: int = 0


class LeadReader:
    """One pass over one document's text, gathering what the rules find."""

    def __init__(self, text: str, matcher: SpeakerMatcher) -> None:
        self.text = text
        self.folded = search_fold(text)
        self.matcher = matcher
        self.found: list[Found] = []
        self.roles: dict[str, str] = {}  # folded name -> role from the lead
        self.interviewer: Person | None = None
        self.interviewee: Person | None = None
        self.aliases: dict[str, list[str]] = {}  # folded name -> other names the text uses
        self.outlets: set[str] = set()  # folded names of the outlets its datelines name
        self.lines: list[tuple[int, int]] = []
        start = 0
        for piece in text.split("\n"):
            self.lines.append((start, start + len(piece)))
            start += len(piece) + 1

    # -- helpers -------------------------------------------------------------------------

    def _trim(self, start: int, end: int, strip: str = " \t\u200c\u200d") -> tuple[int, int]:
        text = self.text
        while start < end and (text[start].isspace() or text[start] in strip):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in strip):
            end -= 1
        return start, end

    def _words(self, start: int, end: int) -> list[tuple[int, int]]:
        return word_spans(self.folded, start, end)

    def _add_person(self, name: str, *, role: str = "", affiliation: str = "",
                    kind: str = "person") -> Person:
        person = self.matcher.add(Person("", name, role=role, affiliation=affiliation,
                                         kind=kind))
        if role:
            self.roles.setdefault(name_key(person.name), role)
        return person

    def _mention(self, start: int, end: int, person: Person, rule: str) -> None:
        start, end = self._trim(start, end, " \t\u200c\u200d«»\"")
        if start < end:
            self.found.append(Found("Speaker", start, end, rule, {"speaker": person}))

    def _role_of(self, person: Person | None) -> str:
        if person is None:
            return ""
        if person.role in (ROLE_INTERVIEWER, ROLE_INTERVIEWEE):
            return person.role
        return self.roles.get(name_key(person.name), "")

    # -- the lead: who interviews whom ---------------------------------------------------

    def read_lead(self) -> None:
        """Who interviews whom, from the lead: its first few paragraphs."""
        lead = [(s, e) for s, e in self.lines if self._trim(s, e)[0] < e][:_LEAD_LINES]
        for line_start, line_end in lead:
            line = self.folded[line_start:line_end]
            # The patterns backtrack over long lines; a lead line names the conversation early.
            found = INTERVIEW.search(line, 0, LEAD_REACH)
            if found is None:
                continue
            line = line[:found.end() + LEAD_REACH]
            for pattern in (LEAD_WITH, LEAD_HELD, LEAD_OF, LEAD_IN):
                match = pattern.search(line)
                if match is None:
                    continue
                # In every pattern group "a" interviews group "b"; LEAD_IN names b first;
                # but a person's interview "with" an outlet (مصاحبه X با هفته‌نامه Y) is the
                # outlet's.
                roles = (ROLE_INTERVIEWER, ROLE_INTERVIEWEE)
                if _is_outlet(match.group("b")) and not _is_outlet(match.group("a")):
                    roles = (ROLE_INTERVIEWEE, ROLE_INTERVIEWER)
                a = self._party(line_start + match.start("a"), line_start + match.end("a"),
                                roles[0], last=pattern is not LEAD_IN)
                b = self._party(line_start + match.start("b"), line_start + match.end("b"),
                                roles[1], last=pattern is LEAD_IN)
                if roles[0] == ROLE_INTERVIEWEE:
                    a, b = b, a
                if a is not None and self.interviewer is None:
                    self.interviewer = a
                if b is not None and self.interviewee is None:
                    self.interviewee = b
                break

    def _party(self, start: int, end: int, role: str, *, last: bool) -> Person | None:
        """The person a lead's party phrase names: ``«name» description``, ``title name،
        description،`` or ``name description``. Parts headed by a function word (``به گزارش
        ایلنا``) are skipped; of the rest, the ``last`` (or first) part not headed by a role
        noun is the name (the party before ``با`` ends nearest to it)."""
        segments = [seg for seg in self._segments(start, end)
                    if self._first_word(*seg) not in FUNCTION_WORDS]
        named = [i for i, seg in enumerate(segments)
                 if self._first_word(*seg) not in ROLE_NOUNS or self.text[seg[0]] == "«"]
        if not named:
            return None
        chosen = named[-1] if last else named[0]
        seg_start, seg_end = segments[chosen]
        text = self.text
        quoted = text.find("«", seg_start, seg_end)
        if quoted >= 0 and (quoted == seg_start or is_source_phrase(text[seg_start:quoted])):
            close = text.find("»", quoted, seg_end)  # گروه خبری «راسیا سودنیا»: the name
            if close < 0:
                return None
            seg_start = quoted
            name_span = self._trim(quoted + 1, close)
        else:
            words = self._words(self._skip_titles(seg_start, seg_end), seg_end)
            taken = 0
            while (taken < min(len(words), 3)
                   and self._fold(words[taken]) not in FUNCTION_WORDS
                   and (taken == 0 or self._fold(words[taken]) not in ROLE_NOUNS)):
                taken += 1
            if taken == 0:
                return None
            name_span = (words[0][0], words[taken - 1][1])
        name_start = self._skip_titles(*name_span)
        name = text[name_start:name_span[1]].strip()
        if name_words(name)[:1] in (("خبرنگار",), ("خبرنگاران",)):
            return None  # unnamed reporters: the interviewer is no one in particular
        if not looks_like_name(name) or not (
                text[seg_start] == "«" or self.matcher.resolve_name(name) is not None
                or is_source_phrase(name) or name_start > name_span[0]
                or name_key(name) in self.outlets):
            return None  # a party needs evidence: «quoted», known, a title, a given name
        described = [self._trim(name_span[1], seg_end, " \t\u200c«»،")] + [
            seg for seg in segments[chosen + 1:chosen + 2]
            if self._first_word(*seg) in ROLE_NOUNS]
        affiliation = "، ".join(text[a:b] for a, b in described if a < b)
        if not looks_like_affiliation(affiliation):
            affiliation = ""
        person = self.matcher.resolve_name(name)
        if person is None:
            kind = "outlet" if name_key(name) in self.outlets or _is_outlet(name) else "person"
            person = self._add_person(name, role=role, affiliation=affiliation, kind=kind)
        else:
            self.roles.setdefault(name_key(person.name), role)
            self.matcher.describe(person, affiliation)
        self._mention(name_start, name_span[1], person, RULE_LEAD)
        return person

    def _skip_titles(self, start: int, end: int) -> int:
        """Where the name in ``[start, end)`` begins after titles (آقای دکتر …); ``start``
        when the words are all titles."""
        words = self._words(start, end)
        for size in range(len(words) - 1, 0, -1):
            if tuple(self._fold(w) for w in words[:size]) in TITLES:
                return self._skip_titles(words[size][0], end)
        return start

    def _fold(self, span: tuple[int, int]) -> str:
        return self.folded[span[0]:span[1]]

    def _first_word(self, start: int, end: int) -> str:
        words = self._words(start, end)
        return self._fold(words[0]) if words else ""

    def _segments(self, start: int, end: int) -> list[tuple[int, int]]:
        """The comma-separated parts of ``[start, end)``, trimmed, without empty ones."""
        out = []
        for piece in re.finditer(r"[^،,]+", self.text[start:end]):
            a, b = self._trim(start + piece.start(), start + piece.end())
            if a < b:
                out.append((a, b))
        return out
