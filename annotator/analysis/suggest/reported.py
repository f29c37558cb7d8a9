"""Reported speech in the narration: attribution verbs, views, "according to", quote posts.

Each attribution is read in its sentence: the speaker is the subject at the sentence's start
(after a dateline ``به گزارش X،`` and links such as ``همچنین``), whatever stands between it and
the verb (``با بیان اینکه …``، ``در گفت‌وگو با …``، ``با اشاره به …``). Work is linear in the
text: each line is scanned once for verbs, sentences and quotes, and each verb looks back only
to its sentence's start.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.analysis.speakers import (
    FUNCTION_WORDS,
    Person,
    SpeakerMatcher,
    name_key,
    name_words,
)
from annotator.analysis.suggest.base import Found
from annotator.analysis.suggest.patterns import (
    ACCORDING_TO,
    ANNOUNCE_VERB,
    DATELINE,
    END_OF_TEXT,
    LEADING_LINKS,
    RELAYED,
    RULE_ACCORDING_TO,
    RULE_ANNOUNCED,
    RULE_BULLETS,
    RULE_COLON_QUOTE,
    RULE_CONTINUED,
    RULE_REPORTED,
    RULE_REPORTED_VIEW,
    RULE_WITH_SAYING,
    SPEECH_VERB,
    VIEW_VERB,
    WITH_SAYING,
)
from annotator.analysis.suggest.qa import QuestionAnswerReader
from annotator.text import search_fold

_CONTENT_STRIP = " \t\u200c\u200d.،؛:!"
_SENTENCE_END = re.compile(r"[.!?؟]+»?(?=[\s\"”]|$)")
_FIRST_PERSON = re.compile(
    r"(?<!\w)(?:من|ما|خودم|خودمان|ام|ایم)(?!\w)|(?<!\w)ن?می\s?\w+?(?:م|یم)(?!\w)"
    r"|(?<!\w)\w{2,}[تد]یم(?!\w)")  # کردیم، داشتیم، گذاشتیم: past, first person plural
_NARRATION = re.compile(r"\s*(?:گفتنی|لازم\s?به\s?ذکر|به\s?گزارش|یادآور\s?می\s?شود|شایان\s?ذکر)")
_WORD_REACH = 80  # code points: how far a check for a word or two looks
_QUOTE_LINES = 20  # lines: how long a quote post after NAME: may run
_BULLET_MARKS = "•●▪■◾◽▫□►▶-–—*🔹🔸🔻🔺✅⭕"
_RELATIVE = re.compile(r"(?<!\w)که\s+(?:\S+\s+){0,2}$")  # که اعلام کرده‌اند
_TOPIC = re.compile(r"(?<!\w)(?:سخن|حرف)\s?$")
_HEADLINE_WORDS = 30  # a headline quote NAME: words is no longer than this
_CLAUSE_LIMIT = 600  # code points: how far back from a verb its sentence may start


@dataclass
class _Line:
    """One paragraph: where its sentences start and which spans are inside « »."""

    start: int
    end: int
    sentences: list[int]
    quotes: list[tuple[int, int]]

    def sentence_start(self, position: int) -> int:
        return self.sentences[bisect.bisect_right(self.sentences, position) - 1]

    def quoted(self, position: int) -> bool:
        index = bisect.bisect_right(self.quotes, (position, 1 << 62)) - 1
        return index >= 0 and self.quotes[index][0] < position < self.quotes[index][1]


def _role_words(description: str) -> tuple[str, ...]:
    """The head and content words of a role description (no function or generic words)."""
    words = name_words(description)
    return words[:1] + tuple(w for w in words[1:]
                             if w not in FUNCTION_WORDS and w not in _GENERIC_WORDS)


_GENERIC_WORDS = frozenset(search_fold(w) for w in (
    "کشور", "کشورمان", "ایران", "جمهوری", "اسلامی", "ملی", "کل", "امور", "سازمان"))


class ReportedReader(QuestionAnswerReader):
    """Claims in the narration around (or instead of) a dialogue."""

    def __init__(self, text: str, matcher: SpeakerMatcher) -> None:
        super().__init__(text, matcher)
        self.consumed: set[int] = set()  # lines read as the words of a quote heading

    def merge_roles(self) -> None:
        """In a report (or a post of a feed, between signatures) that names one person as a
        source, the role descriptions it uses as subjects (``سخنگوی وزارت خارجه``) are that
        person: aliases, not a second speaker."""
        starts = [s for s, _e in self.lines]
        section, sections = 0, []
        for start, end in self.lines:
            if self._is_signature(start, end) or self._is_footer(start, end):
                section += 1
            sections.append(section)
        by_section: dict[int, list[Found]] = {}
        for found in self.found:
            line = bisect.bisect_right(starts, found.start) - 1
            by_section.setdefault(sections[line], []).append(found)
        for found_here in by_section.values():
            self._merge_roles_into_one(found_here)

    def _merge_roles_into_one(self, found_here: list[Found]) -> None:
        people = [f.attrs.get("speaker") for f in found_here if f.label == "Claim"]
        named = {name_key(p.name): p for p in people if isinstance(p, Person)
                 and p.kind == "person" and len(name_words(p.name)) >= 2}
        if len(named) != 1:
            return
        (target,) = named.values()
        known = [*self.aliases.get(name_key(target.name), ()), target.affiliation]
        described = [_role_words(d) for d in known if _role_words(d)]
        merged: dict[int, bool] = {}
        for found in found_here:
            person = found.attrs.get("speaker")
            if not isinstance(person, Person) or person.kind != "role":
                continue
            if id(person) not in merged:
                words = _role_words(person.name)
                # وزیر اقتصاد is not the رئیس‌جمهور the text named: a description joins the
                # person only beside one of theirs with the same head or a shared word.
                merged[id(person)] = not described or any(
                    words[0] == d[0] or set(words) & set(d) for d in described)
                if merged[id(person)]:
                    described.append(words)
                    self.aliases.setdefault(name_key(target.name), []).append(person.name)
            if merged[id(person)]:
                found.attrs["speaker"] = target

    def read_reported_speech(self, skip: Sequence[tuple[int, int]]) -> None:
        """Claims after attribution verbs in the narration: lines that overlap ``skip`` (the
        turns) are left alone, as an interviewee's own words are not reported speech."""
        open_quote: tuple[Person, int] | None = None  # a direct claim running to its line end
        turns = sorted(skip)
        furthest = list(itertools.accumulate((e for _s, e in turns), max))
        starts = [s for s, _e in turns]
        for index, (line_start, line_end) in enumerate(self.lines):
            if END_OF_TEXT.search(self.folded, line_start, line_end):
                break
            before = bisect.bisect_left(starts, line_end)  # turns starting before the line ends
            if before and furthest[before - 1] > line_start:
                open_quote = None
                continue
            if index in self.consumed or self._trim(line_start, line_end)[0] >= line_end:
                continue
            open_quote = self._read_line(index, self._line(line_start, line_end), open_quote)

    def _line(self, start: int, end: int) -> _Line:
        folded = self.folded
        quotes: list[tuple[int, int]] = []
        sentences = [start]
        depth, opened = 0, start
        for position in range(start, end):
            char = folded[position]
            if char == "«":
                if depth == 0:
                    opened = position
                depth += 1
            elif char == "»" and depth:
                depth -= 1
                if depth == 0:
                    quotes.append((opened, position + 1))
        if depth:
            quotes.append((opened, end))
        line = _Line(start, end, sentences, quotes)
        for match in _SENTENCE_END.finditer(folded, start, end):
            if not line.quoted(match.end()):  # «… است.» وی …: the quote closes the sentence
                sentences.append(match.end())
        return line

    def _read_line(self, index: int, line: _Line, open_quote: tuple[Person, int] | None
                   ) -> tuple[Person, int] | None:
        folded = self.folded
        covered = line.start
        if self._colon_quote(index, line.start, line.end) is not None:
            return None
        for according in ACCORDING_TO.finditer(folded, line.start, line.end):
            covered = max(covered, self._according_to(according.end(), line))
        verbs = sorted(
            [(m.start(), m.end(), "speech") for m in SPEECH_VERB.finditer(folded, line.start,
                                                                           line.end)]
            + [(m.start(), m.end(), "view") for m in VIEW_VERB.finditer(folded, line.start,
                                                                         line.end)])
        running: Found | None = None  # the last claim, to end where the next attribution starts
        result: tuple[Person, int] | None = None
        found_any = False
        for verb_start, verb_end, kind in verbs:
            if line.quoted(verb_start):
                continue
            sentence = max(line.sentence_start(verb_start), verb_start - _CLAUSE_LIMIT)
            if verb_start < covered and (running is None or sentence <= running.start):
                joined = self._coordinated(running, verb_start, verb_end, line)
                if joined is not None:
                    running = joined
                    covered = max(covered, joined.end)
                continue
            if re.search(r"(?<!\w)به\s?$", folded[max(line.start, verb_start - 4):verb_start]):
                continue  # به گفته: "according to", handled above
            if _TOPIC.search(folded, max(line.start, verb_start - 6), verb_start):
                continue  # درباره X سخن گفت: a topic, not a claim
            if running is not None and running.start > sentence and _RELATIVE.search(
                    folded, running.end, verb_start):
                continue  # … بیانیه‌هایی دانست که اعلام کرده‌اند: a relative clause
            claim = self._attribution(line, sentence, verb_start, verb_end, kind)
            if claim is None:
                continue
            found_any = True
            if running is not None and running.start < sentence < running.end:
                running.start, running.end = self._trim(running.start, sentence, _CONTENT_STRIP)
                if not self._two_words(running.start, running.end):
                    running.label = ""  # nothing left of it: not proposed
            running = claim
            covered = claim.end if claim.rule == RULE_REPORTED else verb_end
            person = claim.attrs["speaker"]
            result = None
            if isinstance(person, Person) and claim.attrs.get("quote") == "direct" \
                    and claim.end >= self._trim(line.start, line.end, _CONTENT_STRIP)[1]:
                result = person, claim.end
        if not found_any and open_quote is not None and not verbs:
            return self._continued(line, open_quote[0])
        return result

    def _attribution(self, line: _Line, sentence: int, verb_start: int, verb_end: int,
                     kind: str) -> Found | None:
        """The Claim of the verb at ``[verb_start, verb_end)``, with its speaker."""
        folded = self.folded
        clause = sentence
        dateline = DATELINE.match(folded, clause, verb_start)
        if dateline is not None:
            clause = dateline.end()
        links = LEADING_LINKS.match(folded, clause, verb_start)
        if links is not None:
            clause = links.end()
        reach = verb_start
        if kind == "view":
            marker = re.search(r"(?<!\w)را(?!\w)", folded[clause:verb_start])
            if marker is None:
                return None  # only "X را Y دانست" states a view; "کتاب خواند" reads a book
            before = self._words(clause, clause + marker.start())
            if before:  # the object has at least one word: سرمربی استقلال داوری را …
                reach = before[-1][0]
        subject = self.subject_at(clause, reach)
        comma = clause
        for _ in range(2):  # در همین نشست، NAME گفت: a leading adverbial before the subject
            if subject is not None:
                break
            comma = folded.find("،", comma, reach) + 1
            if comma <= 0:
                break
            subject = self.subject_at(self._trim(comma, reach)[0], reach)
        if subject is None:
            return None
        person, subject_end = subject
        relayed = RELAYED.search(folded, subject_end, verb_start)
        if relayed is not None:
            inner = self.subject_at(relayed.end(), verb_start)
            if inner is not None:
                person, subject_end = inner[0], inner[1]
        subject_end = self._with_saying(person, subject_end, verb_start)
        if kind == "view":
            return self._view(person, subject_end, verb_start)
        announced = ANNOUNCE_VERB.match(folded, verb_start)
        if announced is not None:
            claim = self._announced(person, subject_end, verb_start)
            if claim is not None:
                return claim
        found = self._content_after(verb_end, line)
        if found is None:
            after = self._trim(verb_end, line.end)
            if after[0] < after[1] and self.folded[after[0]] in ":：" \
                    and after[0] + 1 == after[1]:  # NAME معتقد است: and the words below
                index = next(i for i, (s, e) in enumerate(self.lines) if s == line.start)
                claims = [self._claim(s, e, RULE_REPORTED, person, "direct")
                          for s, e in self._quoted_lines(index)]
                return next((c for c in reversed(claims) if c is not None), None)
            return None
        (start, end), quote = found
        return self._claim(start, end, RULE_REPORTED, person, quote)

    def _coordinated(self, running: Found | None, verb_start: int, verb_end: int,
                     line: _Line) -> Found | None:
        """``X گفت A و افزود B``: a verb after و inside the running claim starts a new claim
        of the same speaker, and the running claim ends before the و."""
        if running is None or not running.start < verb_start < running.end:
            return None
        words = self._words(max(running.start, verb_start - _WORD_REACH), verb_start)
        if not words or self._fold(words[-1]) != "و":
            return None
        person = running.attrs["speaker"]
        found = self._content_after(verb_end, line)
        if not isinstance(person, Person) or found is None:
            return None
        (start, end), quote = found
        previous = self._trim(running.start, words[-1][0], _CONTENT_STRIP)
        if not self._two_words(*previous):
            return None
        claim = self._claim(start, end, RULE_REPORTED, person, quote)
        if claim is not None:
            running.start, running.end = previous
        return claim

    def _two_words(self, start: int, end: int) -> bool:
        """``[start, end)`` holds two words or more (looking only at its beginning, so that
        a claim running to the end of a long paragraph costs nothing to check)."""
        return len(self._words(start, min(end, start + _WORD_REACH))) >= 2

    def _claim(self, start: int, end: int, rule: str, person: Person, quote: str
               ) -> Found | None:
        start, end = self._trim(start, end, _CONTENT_STRIP)
        if not self._two_words(start, end):
            return None
        found = Found("Claim", start, end, rule, {"speaker": person, "quote": quote})
        self.found.append(found)
        return found

    def _with_saying(self, person: Person, start: int, end: int) -> int:
        """``با بیان اینکه X، … گفت``: X is a Claim of its own. Returns where the rest of the
        clause starts (``start`` without such a phrase)."""
        match = WITH_SAYING.search(self.folded, start, end)
        if match is None:
            return start
        begin = match.end()
        if self.folded.startswith("«", begin):
            close = self.folded.find("»", begin, end)
            if close > begin:
                self._claim(begin + 1, close, RULE_WITH_SAYING, person, "direct")
                comma = self.folded.find("،", close, end)
                return comma + 1 if comma >= 0 else close + 1
        comma = self.folded.find("،", begin, end)
        self._claim(begin, comma if comma > 0 else end, RULE_WITH_SAYING, person, "indirect")
        return comma + 1 if comma > 0 else end

    def _view(self, person: Person, start: int, verb_start: int) -> Found | None:
        """``X را Y دانست``: the span ``X را Y``."""
        links = LEADING_LINKS.match(self.folded, self._trim(start, verb_start)[0], verb_start)
        start = links.end() if links is not None else start  # … اما این طرح را …
        if re.search(r"(?<!\w)را(?!\w)", self.folded[start:verb_start]) is None:
            return None
        return self._claim(start, verb_start, RULE_REPORTED_VIEW, person, "indirect")

    def _announced(self, person: Person, start: int, verb_start: int) -> Found | None:
        """``از X خبر داد``: the span X."""
        match = re.search(r"(?<!\w)از\s", self.folded[start:verb_start])
        if match is None:
            return None
        return self._claim(start + match.end(), verb_start, RULE_ANNOUNCED, person, "indirect")

    def _content_after(self, position: int, line: _Line
                       ) -> tuple[tuple[int, int], str] | None:
        """What an attribution verb ending at ``position`` introduces, and how it quotes:
        after a colon the rest of the line, in « » the quote, else the rest of the sentence."""
        folded, text = self.folded, self.text
        start, _ = self._trim(position, line.end)
        colon = start < line.end and folded[start] in ":："
        if colon or (start < line.end and folded[start] in "،,"):
            start, _ = self._trim(start + 1, line.end)
        if folded.startswith("که", start) and folded[start + 2:start + 3] in (" ", ""):
            start, _ = self._trim(start + 2, line.end)
        if start >= line.end:
            return None
        if text[start] == "«":
            close = text.find("»", start + 1, line.end)
            return (start + 1, close if close > start else line.end), "direct"
        if colon:
            return (start, line.end), "direct"
        index = bisect.bisect_right(line.sentences, start)
        end = line.sentences[index] if index < len(line.sentences) else line.end
        return (start, end), "indirect"

    def _according_to(self, position: int, line: _Line) -> int:
        """``به گفته X، Y`` and ``بر اساس بیانیه X، Y``: Y is a Claim of X. Returns where
        the claim ends (``position`` when there is none)."""
        comma = self.folded.find("،", position, line.end)
        if comma < 0:
            return position
        subject = self.subject_at(position, comma)
        if subject is None:
            return position
        index = bisect.bisect_right(line.sentences, comma)
        end = line.sentences[index] if index < len(line.sentences) else line.end
        claim = self._claim(comma + 1, end, RULE_ACCORDING_TO, subject[0], "indirect")
        return claim.end if claim is not None else position

    def _continued(self, line: _Line, person: Person) -> tuple[Person, int] | None:
        """A paragraph in the first person right after a direct quote that ran to the end of
        its paragraph continues that quote."""
        if _FIRST_PERSON.search(self.folded, line.start, line.end) is None \
                or _NARRATION.match(self.folded, line.start):
            return None
        claim = self._claim(line.start, line.end, RULE_CONTINUED, person, "direct")
        return (person, claim.end) if claim is not None else None

    def _colon_quote(self, index: int, line_start: int, line_end: int
                     ) -> tuple[Person, int] | None:
        """``NAME: words`` outside a dialogue (a headline quote, ``NAME درباره X:``): a direct
        Claim of NAME; with nothing after the colon, the next line is the words."""
        prefix = self._prefix(line_start, line_end)
        if prefix is None:
            return None
        subject = self.subject_at(prefix[0], prefix[1])
        if subject is None or subject[0].kind == "outlet":
            return None  # خبرگزاری X: is a dateline, not a quote
        person, _ = subject
        content = self._trim(prefix[2], line_end, _CONTENT_STRIP + "«»")
        if content[0] >= content[1]:
            for start, end in self._quoted_lines(index):
                self._claim(start, end, RULE_COLON_QUOTE, person, "direct")
            return person, line_end
        if len(self._words(content[0], min(content[1], content[0] + 40 * _HEADLINE_WORDS))) \
                > _HEADLINE_WORDS:
            return None  # a byline (NAME: the lead …), not a headline quote
        self._claim(content[0], content[1], RULE_COLON_QUOTE, person, "direct")
        return person, content[1]

    def _quoted_lines(self, index: int) -> list[tuple[int, int]]:
        """The words after a colon that ends line ``index``: the next line, or the run of
        lines that each open with a quote mark or a bullet (a quote post)."""
        out: list[tuple[int, int]] = []
        for following in range(index + 1, min(len(self.lines), index + 1 + _QUOTE_LINES)):
            start, end = self._trim(*self.lines[following])
            if start >= end:
                if out:
                    break
                continue
            if self._prefix(*self.lines[following]) is not None:
                break
            marked = self._bulleted(start) or self.folded[start] in "«\"“"
            if out and not marked:
                break
            self.consumed.add(following)
            out.append(self._trim(start, end, _CONTENT_STRIP + "«»\"“”" + _BULLET_MARKS))
            if not marked:
                break
        return out

    def _bulleted(self, position: int) -> bool:
        """The line starting at ``position`` opens with a bullet or an emoji."""
        char = self.text[position]
        return char in _BULLET_MARKS or unicodedata.category(char) == "So"

    def read_bullet_posts(self) -> None:
        """A post whose title names one person, and whose bullets speak in the first person
        with no attribution verb, is that person's words: each bullet is a Claim."""
        index = 0
        while index < len(self.lines):
            run = self._bullet_run(index)
            if len(run) < 2:
                index += 1
                continue
            person = self._post_author(index)
            first_person = sum(1 for s, e in run if _FIRST_PERSON.search(self.folded, s, e))
            if person is not None and 2 * first_person >= len(run):
                for start, end in run:
                    body = self._trim(start, end, _CONTENT_STRIP + _BULLET_MARKS + "\ufe0f")
                    while body[0] < body[1] and self._bulleted(body[0]):
                        body = self._trim(body[0] + 1, body[1], _CONTENT_STRIP)
                    self._claim(body[0], body[1], RULE_BULLETS, person, "direct")
            index += max(1, len(run))

    def _bullet_run(self, index: int) -> list[tuple[int, int]]:
        run: list[tuple[int, int]] = []
        for line in range(index, len(self.lines)):
            start, end = self._trim(*self.lines[line])
            if start >= end or not self._bulleted(start) \
                    or SPEECH_VERB.search(self.folded, start, end):
                break
            self.consumed.add(line)
            run.append((start, end))
        if len(run) < 2:
            self.consumed.difference_update(range(index, index + len(run)))
        return run

    def _post_author(self, index: int) -> Person | None:
        """The one person named in the (up to three) lines before line ``index``."""
        named: dict[str, Person] = {}
        for line in range(max(0, index - 3), index):
            words = self._words(*self.lines[line])
            for position in range(len(words)):
                found = self._person_at(words, position, register=False)
                if found is not None:
                    named[name_key(found[0].name)] = found[0]
        return next(iter(named.values())) if len(named) == 1 else None
