"""Reported speech in the narration: attribution verbs, views, "according to"."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.analysis.speakers import (
    FUNCTION_WORDS,
    PRONOUNS,
    ROLE_NOUNS,
    Person,
    looks_like_name,
    name_words,
)
from annotator.analysis.suggest.base import Found
from annotator.analysis.suggest.dialogue import DialogueReader
from annotator.analysis.suggest.patterns import (
    ACCORDING_TO,
    CLAUSE_BREAK,
    CLAUSE_REACH,
    RULE_ACCORDING_TO,
    RULE_COLON_QUOTE,
    RULE_REPORTED,
    RULE_REPORTED_VIEW,
    SENTENCE_END,
    SPEECH_VERB,
    VIEW_VERB,
)


class ReportedReader(DialogueReader):

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
             SPEECH_VERB.finditer(folded, line_start, line_end)]
            + [(m.start(), m.end(), "view") for m in
               VIEW_VERB.finditer(folded, line_start, line_end)])
        covered_until = line_start
        previous: Person | None = None
        quoted = self._colon_quote(line_start, line_end)
        if quoted is not None:
            last, covered_until = quoted
        for according in ACCORDING_TO.finditer(folded, line_start, line_end):
            last = self._according_to(according.end(), line_end, last) or last
        for index, (verb_start, verb_end, kind) in enumerate(verbs):
            if verb_start < covered_until:
                continue
            clause_start = max(line_start, verb_start - CLAUSE_REACH)
            for br in CLAUSE_BREAK.finditer(folded, clause_start, verb_start):
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
            self.found.append(Found("Claim", content[0], content[1], rule,
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
        self.found.append(Found("Claim", content[0], content[1], RULE_COLON_QUOTE,
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
        sentence_start = max(line_start, clause_start - CLAUSE_REACH)
        for end in SENTENCE_END.finditer(self.folded, sentence_start, clause_start):
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
            sentence_end = SENTENCE_END.search(folded, start, line_end)
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
        sentence_end = SENTENCE_END.search(self.folded, comma, line_end)
        content = self._trim(comma + 1, sentence_end.start() if sentence_end else line_end,
                             " \t\u200c\u200d.،؛:!")
        if len(self._words(*content)) >= 2:
            self.found.append(Found("Claim", content[0], content[1], RULE_ACCORDING_TO,
                                     {"speaker": person, "quote": "indirect"}))
        return person

