"""Explainable suggestions of speakers, turns and claims in Persian interviews and news.

Every suggestion names the rule that made it (``RULES`` says what each rule looks for) and
carries a stable ``key`` by which a rejection is remembered. Nothing here touches the project
file: ``annotator.analysis.review`` reads and stores. Every offset is a Unicode code point
index into the document's canonical text, end exclusive; ``text[start:end] == suggestion.text``.
Matching is done on ``search_fold(text)``, which keeps the length, so Arabic letter variants
(ي ك), ZWNJ and case never move an offset.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from annotator.analysis.speakers import (
    FUNCTION_WORDS,
    PRONOUNS,
    ROLE_NOUNS,
    TITLES,
    Person,
    SpeakerMatcher,
    looks_like_name,
    name_key,
    name_words,
    word_spans,
)
from annotator.domain.model import Span, Speaker
from annotator.domain.schema import LabelSchema, interview_schema
from annotator.text import find_all, search_fold

RULE_NAME_PREFIX = "name-prefix"
RULE_QUESTION_ANSWER = "question-answer"
RULE_LEAD = "lead-introduction"
RULE_REPORTED = "reported-speech"
RULE_REPORTED_VIEW = "reported-view"
RULE_ACCORDING_TO = "according-to"
RULE_COLON_QUOTE = "colon-quote"
RULE_PROPAGATE = "propagate"

RULES: dict[str, str] = {
    RULE_NAME_PREFIX: "a line starting with a name and a colon (رضا کریمی: …) is a Turn of that "
                      "speaker, and the name a Speaker mention",
    RULE_QUESTION_ANSWER: "after an interview opener (… به این شرح است:), a paragraph ending in "
                          "؟ is the interviewer's Turn, what follows it the interviewee's",
    RULE_LEAD: "a lead naming both parties («A» … با «B» … به گفت‌وگو نشست) makes A the "
               "interviewer and B the interviewee; the names are Speaker mentions",
    RULE_REPORTED: "an attribution verb (گفت، افزود، تأکید کرد …) after a speaker makes what "
                   "follows it, to the end of the sentence (after a colon: of the paragraph; "
                   "in « »: the quote), a Claim of that speaker",
    RULE_REPORTED_VIEW: "SPEAKER X را Y دانست/خواند makes 'X را Y' a Claim of the speaker",
    RULE_ACCORDING_TO: "به گفته SPEAKER، … makes the rest of the sentence a Claim of the speaker",
    RULE_COLON_QUOTE: "outside a dialogue, NAME: words (a headline quote) makes the words a "
                      "direct Claim of NAME",
    RULE_PROPAGATE: "the same label and attributes on another occurrence of the same text",
}

# Attribution verbs, as written in canonical spelling; matched folded, with or without the
# space or ZWNJ between parts, in the third person singular or plural, simple past or perfect.
SPEECH_VERBS: tuple[str, ...] = (
    "گفت", "افزود", "تأکید کرد", "تاکید کرد", "اعلام کرد", "توضیح داد", "اظهار داشت",
    "اظهار کرد", "تصریح کرد", "ادامه داد", "خاطرنشان کرد", "خاطرنشان ساخت", "بیان کرد",
    "بیان داشت", "عنوان کرد", "یادآور شد", "یادآوری کرد", "مدعی شد", "هشدار داد", "اذعان کرد",
    "خبر داد", "ابراز داشت", "تشریح کرد", "اضافه کرد", "متذکر شد", "اظهار امیدواری کرد",
    "پاسخ داد",
)
PRESENT_SPEECH_VERBS: tuple[str, ...] = ("می‌گوید", "می‌گویند", "معتقد است")
# Verbs whose content comes before them: SPEAKER X را Y دانست.
VIEW_VERBS: tuple[str, ...] = ("دانست", "خواند", "توصیف کرد", "ارزیابی کرد")

_ROLE_INTERVIEWER = "interviewer"
_ROLE_INTERVIEWEE = "interviewee"


@dataclass(frozen=True)
class NewSpeaker:
    """A person the text names who is not in the registry; accepting registers them."""

    name: str
    role: str = ""
    affiliation: str = ""


AttrValue = str | NewSpeaker


@dataclass(frozen=True)
class Suggestion:
    """A proposed span ``[start, end)`` (code points of the canonical text).

    ``attrs`` maps attribute names to values; a speaker-valued attribute holds a registry id
    or a ``NewSpeaker``. ``rule`` is a key of ``RULES``; ``key`` identifies the suggestion
    across runs (document, label, bounds, rule, attributes with speakers by folded name).
    """

    doc_id: str
    label: str
    start: int
    end: int
    text: str
    attrs: Mapping[str, AttrValue] = field(default_factory=dict, hash=False)
    rule: str = ""
    key: str = ""


def suggestion_key(doc_id: str, label: str, start: int, end: int, rule: str,
                   attrs: Mapping[str, str]) -> str:
    """A stable identity; ``attrs`` hold speakers as ``person:<folded name>``, not ids, so a
    suggestion keeps its key when its proposed speaker is registered."""
    payload = json.dumps([doc_id, label, start, end, rule, sorted(attrs.items())],
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


# -- patterns (over folded text: ZWNJ is a space, ي ك are ی ک, digits are ASCII) -------------

def _phrase(text: str) -> str:
    return r"\s?".join(re.escape(w) for w in search_fold(text).split())


_TENSE_TAIL = r"(?:ند)?(?:ه\s?(?:است|اند|بود|بودند))?"
_BOUNDARY_BEFORE = r"(?<!\w)"
_BOUNDARY_AFTER = r"(?!\w)(?!\s?و\s?گو)"  # گفت followed by وگو is گفت‌وگو, a conversation
_SPEECH_VERB = re.compile(
    _BOUNDARY_BEFORE + "(?:"
    + "|".join(sorted((_phrase(v) + _TENSE_TAIL for v in SPEECH_VERBS), key=len, reverse=True)
               + [_phrase(v) for v in PRESENT_SPEECH_VERBS])
    + ")" + _BOUNDARY_AFTER)
_VIEW_VERB = re.compile(
    _BOUNDARY_BEFORE + "(?:" + "|".join(_phrase(v) + r"(?:ند)?" for v in VIEW_VERBS) + ")"
    + _BOUNDARY_AFTER)
_CLAUSE_BREAK = re.compile(r"[،؛:.!?؟,;]")
_SENTENCE_END = re.compile(r"[.!?؟]+(?=[\s»\"”]|$)")
_INTERVIEW_WORD = r"(?:گفت\s?و\s?گو|گفتگو|مصاحبه)"
_INTERVIEW = re.compile(_INTERVIEW_WORD)
_ACCORDING_TO = re.compile(r"(?<!\w)به\s?گفته\s+")
_BULLETS = " \t\u200c\u200d■□●•▪◾◼►▶*-–—"  # stripped from the edges of a paragraph
_CLAUSE_REACH = 300  # code points: how far before a verb its subject may start
_LEAD_REACH = 400  # code points: how far into a line a lead's interview word may be
_OPENER = re.compile(r"(?:" + _INTERVIEW_WORD + r"|شرح|خوانید|پرسش|سوال|سؤال).*[:：]\s*$")
# «A» … با «B» … به گفت‌وگو نشست / گفت‌وگو کرد
_LEAD_WITH = re.compile(
    r"(?P<a>[^:؛.]+?)،?\s+با\s+(?P<b>[^:؛.]+?)،?\s+(?:به\s+)?" + _INTERVIEW_WORD
    + r"\s?(?:نشست|کرد|کرده|انجام\s?داد|داشت|پرداخت)")
# A … گفت‌وگویی با B … انجام داد
_LEAD_HELD = re.compile(
    r"(?P<a>[^،:؛.]+?)\s+" + _INTERVIEW_WORD + r"\s?(?:یی|ای|ی)?\s+با\s+(?P<b>[^:؛.]+?)،?\s+"
    r"(?:انجام|ترتیب|داشت)")
# گفت‌وگوی «A» با «B»
_LEAD_OF = re.compile(
    _INTERVIEW_WORD + r"\s?(?:یی|ای|ی)?\s+(?P<a>[^،:؛.]+?)\s+با\s+(?P<b>[^،:؛.]+)")
# B در گفت‌وگو با A (B is interviewed by A)
_LEAD_IN = re.compile(r"(?P<b>[^،:؛.]+?)\s+در\s+" + _INTERVIEW_WORD + r"\s?(?:یی|ای|ی)?\s+با\s+"
                      r"(?P<a>[^،:؛.]+?)(?=\s+(?:گفت|افزود|اظهار|تاکید|تأکید|اعلام|توضیح)|[،:.]|$)")
_FOOTER = re.compile(
    r"انتهای\s?پیام|ارسال\s?(?:فرمایید|کنید|نمایید)|کد\s?خبر|کلیه\s?حقوق|کپی\s?برداری"
    r"|^(?:منبع|برچسب|برچسب\s?ها|تگ\s?ها|لینک\s?کوتاه)\s*[:：]"
    r"|^\S+@\S+\.\S+$|^https?://\S+$")
_NAME_PREFIX = re.compile(r"(?P<junk>[^\w«]*)(?P<name>[^:：\n]{1,48}?)\s*[:：]")
# Prefixes that label metadata, not a speaker.
_NOT_SPEAKERS = frozenset(search_fold(w) for w in (
    "منبع", "تاریخ", "کد خبر", "عکس", "لینک", "نویسنده", "مترجم", "ترجمه", "گزارش", "خبرگزاری",
    "تهیه", "توضیح", "نکته", "یادداشت", "موضوع", "عنوان", "تیتر", "لید", "متن", "ساعت", "زمان",
    "مکان", "برچسب", "برچسب ها", "کلیدواژه", "دسته", "بخش", "صفحه", "note", "source",
))
_QUESTION_MARKERS = frozenset(search_fold(w) for w in (
    "س", "سوال", "سؤال", "پرسش", "خبرنگار", "مجری"))
_ANSWER_MARKERS = frozenset(search_fold(w) for w in ("ج", "جواب", "پاسخ"))


@dataclass
class _Found:
    label: str
    start: int
    end: int
    rule: str
    attrs: dict[str, str | Person]


@dataclass
class _Turn:
    person: Person | None
    role: str
    start: int
    end: int
    rule: str
    questions: int = 0
    paragraphs: int = 0


class _Reader:
    """One pass over one document's text, gathering what the rules find."""

    def __init__(self, text: str, matcher: SpeakerMatcher) -> None:
        self.text = text
        self.folded = search_fold(text)
        self.matcher = matcher
        self.found: list[_Found] = []
        self.roles: dict[str, str] = {}  # folded name -> role from the lead
        self.interviewer: Person | None = None
        self.interviewee: Person | None = None
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

    def _add_person(self, name: str, *, role: str = "", affiliation: str = "") -> Person:
        person = self.matcher.add(Person("", name, role=role, affiliation=affiliation))
        if role:
            self.roles.setdefault(name_key(person.name), role)
        return person

    def _mention(self, start: int, end: int, person: Person, rule: str) -> None:
        start, end = self._trim(start, end, " \t\u200c\u200d«»\"")
        if start < end:
            self.found.append(_Found("Speaker", start, end, rule, {"speaker": person}))

    def _role_of(self, person: Person | None) -> str:
        if person is None:
            return ""
        if person.role in (_ROLE_INTERVIEWER, _ROLE_INTERVIEWEE):
            return person.role
        return self.roles.get(name_key(person.name), "")

    # -- the lead: who interviews whom ---------------------------------------------------

    def read_lead(self) -> None:
        for line_start, line_end in self.lines:
            line = self.folded[line_start:line_end]
            # The patterns backtrack over long lines; a lead line names the conversation early.
            found = _INTERVIEW.search(line, 0, _LEAD_REACH)
            if found is None:
                continue
            line = line[:found.end() + _LEAD_REACH]
            for pattern in (_LEAD_WITH, _LEAD_HELD, _LEAD_OF, _LEAD_IN):
                match = pattern.search(line)
                if match is None:
                    continue
                # In every pattern group "a" interviews group "b"; _LEAD_IN names b first.
                a = self._party(line_start + match.start("a"), line_start + match.end("a"),
                                _ROLE_INTERVIEWER, last=pattern is not _LEAD_IN)
                b = self._party(line_start + match.start("b"), line_start + match.end("b"),
                                _ROLE_INTERVIEWEE, last=pattern is _LEAD_IN)
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
        if text[seg_start] == "«":
            close = text.find("»", seg_start, seg_end)
            if close < 0:
                return None
            name_span = self._trim(seg_start + 1, close)
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
        if not looks_like_name(name):
            return None
        described = [self._trim(name_span[1], seg_end, " \t\u200c«»،")] + [
            seg for seg in segments[chosen + 1:chosen + 2]
            if self._first_word(*seg) in ROLE_NOUNS]
        affiliation = "، ".join(text[a:b] for a, b in described if a < b)
        if not looks_like_affiliation(affiliation):
            affiliation = ""
        person = self.matcher.resolve_name(name)
        if person is None or name_key(person.name) != name_key(name):
            person = self._add_person(name, role=role, affiliation=affiliation)
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

    # -- dialogue: name-prefixed lines, or questions and answers after an opener ---------

    def read_dialogue(self) -> list[_Turn]:
        turns = self._prefixed_turns()
        if not turns:
            turns = self._question_answer_turns()
        return turns

    def _is_footer(self, start: int, end: int) -> bool:
        return _FOOTER.search(self.folded[start:end].strip()) is not None

    def _prefix(self, line_start: int, line_end: int) -> tuple[int, int, int] | None:
        """(name start, name end, text start) of a ``name:`` line, if it has one."""
        match = _NAME_PREFIX.match(self.folded, line_start, line_end)
        if match is None:
            return None
        name_start, name_end = self._trim(match.start("name"), match.end("name"))
        name_start = self._skip_titles(name_start, name_end)
        name = self.folded[name_start:name_end]
        if (len(name.split()) > 6 or _SPEECH_VERB.search(name) or _VIEW_VERB.search(name)
                or _INTERVIEW.search(name)
                or name_key(name) in _NOT_SPEAKERS or any(c.isdigit() for c in name)
                or "«" in name or "»" in name):
            return None
        return name_start, name_end, match.end()

    def _prefixed_turns(self) -> list[_Turn]:
        candidates = [(i, p) for i, (s, e) in enumerate(self.lines)
                      if (p := self._prefix(s, e)) is not None]
        if len(candidates) < 2:
            return []
        turns: list[_Turn] = []
        by_line = dict(candidates)
        current: _Turn | None = None
        for index, (line_start, line_end) in enumerate(self.lines):
            if self._is_footer(line_start, line_end):
                break
            prefix = by_line.get(index)
            person_role = self._prefix_speaker(prefix) if prefix else None
            if prefix is not None and person_role is not None:
                person, role, mention = person_role
                if person is not None and mention:
                    self._mention(prefix[0], prefix[1], person, RULE_NAME_PREFIX)
                body_start, body_end = self._trim(prefix[2], line_end)
                current = _Turn(person, role, body_start, body_end, RULE_NAME_PREFIX)
                turns.append(current)
                self._count_paragraph(current, body_start, body_end)
            elif current is not None:
                body_start, body_end = self._trim(line_start, line_end)
                if body_start < body_end:
                    if current.start >= current.end:
                        current.start = body_start
                    current.end = body_end
                    self._count_paragraph(current, body_start, body_end)
        turns = [t for t in turns if t.start < t.end]
        self._infer_roles(turns)
        return turns

    def _prefix_speaker(self, prefix: tuple[int, int, int]
                        ) -> tuple[Person | None, str, bool] | None:
        """(person, role, whether the name is a mention) for a prefix; None: not a speaker."""
        written = self.text[prefix[0]:prefix[1]]
        key = name_key(written)
        if key in _QUESTION_MARKERS:
            return self.interviewer, _ROLE_INTERVIEWER, False
        if key in _ANSWER_MARKERS:
            return self.interviewee, _ROLE_INTERVIEWEE, False
        person = self.matcher.resolve_name(written)
        if person is None:
            outlet = self.matcher.resolve_affiliation_word(written)
            if outlet is not None:
                return outlet, self._role_of(outlet), False
            if not looks_like_name(written):
                return None
            person = self._add_person(written)
        return person, self._role_of(person), True

    def _count_paragraph(self, turn: _Turn, start: int, end: int) -> None:
        turn.paragraphs += 1
        if self.text[start:end].rstrip().endswith(("؟", "?")):
            turn.questions += 1

    def _infer_roles(self, turns: list[_Turn]) -> None:
        """Who asks (most turns end in ؟) interviews; needs two sides to tell them apart (an
        unnamed ``س:``/``خبرنگار:`` side counts)."""
        people: dict[str, list[_Turn]] = {}
        for turn in turns:
            if turn.person is not None:
                people.setdefault(name_key(turn.person.name), []).append(turn)
        unnamed_sides = {t.role for t in turns if t.person is None and t.role}
        if len(people) + len(unnamed_sides) < 2:
            return
        for own in people.values():
            asked = sum(1 for t in own if t.questions) / len(own)
            for turn in own:
                if not turn.role:
                    turn.role = _ROLE_INTERVIEWER if asked >= 0.5 else _ROLE_INTERVIEWEE

    def _question_answer_turns(self) -> list[_Turn]:
        opener = next((i for i, (s, e) in enumerate(self.lines)
                       if _OPENER.search(self.folded[s:e])), None)
        if opener is None:
            return []
        turns: list[_Turn] = []
        for line_start, line_end in self.lines[opener + 1:]:
            if self._is_footer(line_start, line_end):
                break
            start, end = self._trim(line_start, line_end, _BULLETS)
            if start >= end:
                continue
            asks = self.text[start:end].endswith(("؟", "?"))
            role = _ROLE_INTERVIEWER if asks else _ROLE_INTERVIEWEE
            if turns and turns[-1].role == role:
                turns[-1].end = end
                continue
            person = self.interviewer if asks else self.interviewee
            turns.append(_Turn(person, role, start, end, RULE_QUESTION_ANSWER))
        if not any(t.role == _ROLE_INTERVIEWER for t in turns):
            return []
        return turns

    # -- reported speech -----------------------------------------------------------------

    def read_reported_speech(self, skip: Sequence[tuple[int, int]]) -> None:
        """Claims after attribution verbs in the narration: lines that overlap ``skip`` (the
        turns) are left alone, as an interviewee's own words are not reported speech."""
        last: Person | None = None
        for line_start, line_end in self.lines:
            if any(s < line_end and line_start < e for s, e in skip):
                continue
            last = self._read_line(line_start, line_end, last)

    def _read_line(self, line_start: int, line_end: int, last: Person | None) -> Person | None:
        folded = self.folded
        verbs = sorted(
            [(m.start(), m.end(), "speech") for m in
             _SPEECH_VERB.finditer(folded, line_start, line_end)]
            + [(m.start(), m.end(), "view") for m in
               _VIEW_VERB.finditer(folded, line_start, line_end)])
        covered_until = line_start
        previous: Person | None = None
        quoted = self._colon_quote(line_start, line_end)
        if quoted is not None:
            last, covered_until = quoted
        for according in _ACCORDING_TO.finditer(folded, line_start, line_end):
            last = self._according_to(according.end(), line_end, last) or last
        for index, (verb_start, verb_end, kind) in enumerate(verbs):
            if verb_start < covered_until:
                continue
            clause_start = max(line_start, verb_start - _CLAUSE_REACH)
            for br in _CLAUSE_BREAK.finditer(folded, clause_start, verb_start):
                clause_start = br.end()
            clause_start = max(clause_start, covered_until)
            words = self._words(clause_start, verb_start)
            elided = bool(words) and folded[words[-1][0]:words[-1][1]] == "و"
            if kind == "view" and (elided or " را " not in folded[clause_start:verb_start]):
                continue  # only "X را Y دانست" states a view; "کتاب خواند" reads a book
            if elided:
                person, subject_end = previous or last, verb_start
            else:
                # Before a view verb the clause holds the view itself, so it may run long.
                person, subject_end = self._subject(words, last, short=kind != "view")
                if person is None:
                    person = self._appositive_subject(line_start, clause_start)
            if person is None:
                continue
            previous = last = person
            if kind == "view":
                content = self._trim(subject_end, verb_start)
                quote = "indirect"
                rule = RULE_REPORTED_VIEW
            else:
                found = self._content_after(verb_end, line_end, verbs[index + 1:])
                if found is None:
                    continue
                content, quote = found
                rule = RULE_REPORTED
            if len(self._words(*content)) < 2:
                continue
            self.found.append(_Found("Claim", content[0], content[1], rule,
                                     {"speaker": person, "quote": quote}))
            covered_until = max(covered_until, content[1])
        return last

    def _colon_quote(self, line_start: int, line_end: int) -> tuple[Person, int] | None:
        """``NAME: words`` outside a dialogue (a headline quote): a direct Claim of NAME, when
        NAME is known or has at least two words. Returns the person and where the claim ends."""
        prefix = self._prefix(line_start, line_end)
        if prefix is None:
            return None
        written = self.text[prefix[0]:prefix[1]]
        person = self.matcher.resolve_name(written)
        if person is None:
            if len(name_words(written)) < 2 or not looks_like_name(written):
                return None
            person = self._add_person(written)
        content = self._trim(prefix[2], line_end, " \t\u200c\u200d.،؛:!«»")
        if len(self._words(*content)) < 2:
            return None
        self._mention(prefix[0], prefix[1], person, RULE_COLON_QUOTE)
        self.found.append(_Found("Claim", content[0], content[1], RULE_COLON_QUOTE,
                                 {"speaker": person, "quote": "direct"}))
        return person, content[1]

    def _subject(self, words: list[tuple[int, int]], last: Person | None, *,
                 short: bool = True) -> tuple[Person | None, int]:
        """The speaker named at the start of a clause, and where the naming ends. A name not
        yet known is proposed only when little follows it in the clause (``short``)."""
        folded = self.folded
        if not words:
            return None, 0
        if folded[words[0][0]:words[0][1]] in PRONOUNS:
            return last, words[0][1]
        name_start = self._skip_titles(words[0][0], words[-1][1])
        first = next(i for i, word in enumerate(words) if word[0] == name_start)
        limit = min(len(words), first + 6)
        for resolve in (self.matcher.resolve_name, self.matcher.resolve_description):
            for end in range(limit, first, -1):
                mention = self.text[words[first][0]:words[end - 1][1]]
                person = resolve(mention)
                if person is not None:
                    self._mention(words[first][0], words[end - 1][1], person, RULE_REPORTED)
                    return person, words[end - 1][1]
        taken = first
        while (taken < limit and taken - first < 3
               and folded[words[taken][0]:words[taken][1]] not in FUNCTION_WORDS):
            taken += 1
        rest = len(words) - taken
        # What follows a new name in its clause must read as an adverbial (روز دوشنبه در …).
        if taken == first or (short and rest and (
                self._fold(words[taken]) not in FUNCTION_WORDS or rest > 8)):
            return None, 0
        name = self.text[words[first][0]:words[taken - 1][1]]
        if not looks_like_name(name):
            return None, 0
        person = self._add_person(name)
        if self._fold(words[first]) in ROLE_NOUNS:
            # A description as a name (نماینده تهران): the rest of the clause describes it too.
            self.matcher.describe(person, self.text[words[first][0]:words[-1][1]])
        self._mention(words[first][0], words[taken - 1][1], person, RULE_REPORTED)
        return person, words[taken - 1][1]

    def _appositive_subject(self, line_start: int, clause_start: int) -> Person | None:
        """The speaker of ``NAME، DESCRIPTION، … گفت`` when the clause before the verb names no
        one: the nearest earlier comma-separated part that names someone, and is followed by a
        part headed by a role noun (its description, kept as the affiliation)."""
        sentence_start = max(line_start, clause_start - _CLAUSE_REACH)
        for end in _SENTENCE_END.finditer(self.folded, sentence_start, clause_start):
            sentence_start = end.end()
        segments = self._segments(sentence_start, clause_start)
        for index in range(len(segments) - 1, -1, -1):
            words = self._words(*segments[index])
            if not words or self._fold(words[0]) in FUNCTION_WORDS:
                continue
            written = self.text[segments[index][0]:segments[index][1]]
            person = self.matcher.resolve(written)
            beside = [segments[i] for i in (index + 1, index - 1) if 0 <= i < len(segments)
                      and self._first_word(*segments[i]) in ROLE_NOUNS]
            if (person is None and beside and self._fold(words[0]) not in ROLE_NOUNS
                    and looks_like_name(written)):
                affiliation = self.text[beside[0][0]:beside[0][1]]
                person = self._add_person(written, affiliation=affiliation)
            if person is not None:
                self._mention(words[0][0], words[-1][1], person, RULE_REPORTED)
                return person
        return None

    def _content_after(self, position: int, line_end: int,
                       later_verbs: Sequence[tuple[int, int, str]]
                       ) -> tuple[tuple[int, int], str] | None:
        """What an attribution verb ending at ``position`` introduces, and how it quotes."""
        folded, text = self.folded, self.text
        start, _ = self._trim(position, line_end)
        colon = start < line_end and folded[start] in ":："
        if colon:
            start, _ = self._trim(start + 1, line_end)
        if folded.startswith("که", start) and folded[start + 2:start + 3] in (" ", ""):
            start, _ = self._trim(start + 2, line_end)
        if start >= line_end:
            return None
        if text[start] == "«":
            close = text.find("»", start + 1, line_end)
            if close > start + 1:
                return self._trim(start + 1, close, " \t\u200c\u200d.،؛:!"), "direct"
        if colon:
            end = line_end
        else:
            sentence_end = _SENTENCE_END.search(folded, start, line_end)
            end = sentence_end.start() if sentence_end else line_end
        for verb_start, _verb_end, _kind in later_verbs:
            if start < verb_start < end:
                words = self._words(start, verb_start)
                if words and folded[words[-1][0]:words[-1][1]] == "و":
                    end = words[-1][0]
                    break
        content = self._trim(start, end, " \t\u200c\u200d.،؛:!")
        return content, "direct" if colon else "indirect"

    def _according_to(self, position: int, line_end: int, last: Person | None
                      ) -> Person | None:
        comma = self.folded.find("،", position, line_end)
        if comma < 0:
            return None
        person, _ = self._subject(self._words(position, comma), last)
        if person is None:
            return None
        sentence_end = _SENTENCE_END.search(self.folded, comma, line_end)
        content = self._trim(comma + 1, sentence_end.start() if sentence_end else line_end,
                             " \t\u200c\u200d.،؛:!")
        if len(self._words(*content)) >= 2:
            self.found.append(_Found("Claim", content[0], content[1], RULE_ACCORDING_TO,
                                     {"speaker": person, "quote": "indirect"}))
        return person


def looks_like_affiliation(text: str) -> bool:
    """A short description (a few words, no sentence) fit to keep as an affiliation."""
    return 0 < len(name_words(text)) <= 12 and not _SPEECH_VERB.search(search_fold(text))


# -- the public entry points ------------------------------------------------------------

def people_of(speakers: Iterable[Speaker]) -> list[Person]:
    """Registry entries as the matcher sees them."""
    return [Person(s.id, s.name, s.aliases, s.role, s.affiliation)
            for s in speakers if not s.deleted]


def suggest(doc_id: str, text: str, *, speakers: Iterable[Speaker] = (),
            existing: Iterable[Span] = (), rejected: Collection[str] = (),
            schema: LabelSchema | None = None) -> list[Suggestion]:
    """Suggestions for one document's canonical ``text``, ordered by position.

    ``speakers`` is the registry; ``existing`` the document's spans (a suggestion of the same
    label overlapping a live span is dropped), ``rejected`` the keys of rejected suggestions.
    Only labels and attributes of ``schema`` (default: the interview schema) are proposed.
    """
    schema = schema or interview_schema()
    reader = _Reader(text, SpeakerMatcher(people_of(speakers)))
    reader.read_lead()
    turns = reader.read_dialogue()
    for turn in turns:
        attrs: dict[str, str | Person] = {}
        if turn.person is not None:
            attrs["speaker"] = turn.person
        if turn.role:
            attrs["role"] = turn.role
        reader.found.append(_Found("Turn", turn.start, turn.end, turn.rule, attrs))
    reader.read_reported_speech([(t.start, t.end) for t in turns])
    roles = reader.roles
    return _finish(doc_id, text, reader.found, roles, existing, rejected, schema)


def _finish(doc_id: str, text: str, found: Iterable[_Found], roles: Mapping[str, str],
            existing: Iterable[Span], rejected: Collection[str],
            schema: LabelSchema) -> list[Suggestion]:
    taken: dict[str, list[tuple[int, int]]] = {}
    for span in existing:
        if not span.deleted:
            taken.setdefault(span.label, []).append((span.start, span.end))
    out: list[Suggestion] = []
    for item in sorted(found, key=lambda f: (f.start, f.end, f.label)):
        layer = schema.layer(item.label)
        if layer is None or item.start >= item.end:
            continue
        spans = taken.setdefault(item.label, [])
        if any(s < item.end and item.start < e for s, e in spans):
            continue
        attrs: dict[str, AttrValue] = {}
        keyed: dict[str, str] = {}
        for name, value in item.attrs.items():
            attribute = layer.attribute(name)
            if attribute is None:
                continue
            if isinstance(value, Person):
                if attribute.kind != "speaker":
                    continue
                attrs[name] = value.id or NewSpeaker(
                    value.name, roles.get(name_key(value.name), value.role), value.affiliation)
                keyed[name] = "person:" + name_key(value.name)
            elif attribute.kind != "choice" or value in attribute.values:
                attrs[name] = keyed[name] = value
        key = suggestion_key(doc_id, item.label, item.start, item.end, item.rule, keyed)
        if key in rejected:
            continue
        spans.append((item.start, item.end))
        out.append(Suggestion(doc_id, item.label, item.start, item.end,
                              text[item.start:item.end], attrs, item.rule, key))
    return out


def propagate(doc_id: str, text: str, source: Span, *, speakers: Iterable[Speaker] = (),
              existing: Iterable[Span] = (), rejected: Collection[str] = (),
              schema: LabelSchema | None = None, source_text: str | None = None
              ) -> list[Suggestion]:
    """The label and attributes of ``source`` on every other whole-word occurrence, in
    ``text``, of the folded text it covers (``source_text``, when it is from another document).
    """
    schema = schema or interview_schema()
    wanted = source_text if source_text is not None else text[source.start:source.end]
    names = {s.id: s.name for s in speakers}
    speaker_attributes = schema.speaker_attributes(source.label)
    found: list[_Found] = []
    for start, end in find_all(text, wanted):
        if (doc_id == source.doc_id and (start, end) == (source.start, source.end)) \
                or not _whole_words(text, start, end):
            continue
        attrs: dict[str, str | Person] = {}
        for name, value in source.attrs.items():
            if name in speaker_attributes and value in names:
                attrs[name] = Person(value, names[value])
            else:
                attrs[name] = value
        found.append(_Found(source.label, start, end, RULE_PROPAGATE, attrs))
    existing = [*existing, source] if doc_id == source.doc_id else list(existing)
    return _finish(doc_id, text, found, {}, existing, rejected, schema)


def _whole_words(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "\u200c\u200d") and \
        not (after.isalnum() or after in "\u200c\u200d")
