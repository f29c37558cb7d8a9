"""Interviews without speaker labels: alternating questions and answers after the lead.

The dialogue starts after an opener, which ends with a colon or a full stop (``… به شرح زیر
است:``, ``… را می‌خوانید.``, ``مشروح گفت‌وگو در ادامه آمده است.``), or at a paragraph split
into questions and answers by a repeated stray marker. A question paragraph ends in ``؟``,
starts with a dash when the text marks its questions so, or is short and addressed to the
interviewee (``کمی از خودتان بگویید``); the rest are answers. The interviewee is the person
the lead names last, the interviewer the byline of a first-person lead (``… گفت‌وگو کردم``) or
no one (an unnamed reporter).
"""

from __future__ import annotations

import itertools
import re

from annotator.analysis.speakers import Person
from annotator.analysis.suggest.base import Turn
from annotator.analysis.suggest.dialogue import DialogueReader
from annotator.analysis.suggest.patterns import (
    BULLETS,
    INTERVIEW,
    OPENER,
    ROLE_INTERVIEWEE,
    ROLE_INTERVIEWER,
    RULE_QUESTION_ANSWER,
    SPEECH_VERB,
)

_FULL_STOP_OPENER = re.compile(
    r"(?:می\s?خوانید|می\s?خوانیم|آمده\s?است|می\s?آید|به\s?شرح\s?زیر\s?است|به\s?این\s?شرح\s?است"
    r"|گفت\s?و\s?گو\s?(?:یی|ای)?\s?(?:کردیم|کردم|کرده\s?ایم|انجام\s?دادیم|داشتیم))"
    r"\s*[.:：]?\s*$")
_ADDRESSED = re.compile(
    r"(?<!\w)(?:شما|تو|بگو|بگویید|بده|بدهید|بفرمایید|بکنید|کنید|بگویید)(?!\w)"
    r"|\w{2,}(?:ید|یدی)(?!\w)|\w+ت(?=\s?(?:را|هم|چیست|چه))")
_STAGE = re.compile(r"^\s*[(\[][^()\[\]]{1,40}[)\]]\s*$")  # (خنده)
_DASH = "-–—"
_SHORT_QUESTION = 20  # words: an addressed paragraph this short is a question
_ATTRIBUTION_END = re.compile(SPEECH_VERB.pattern + r"\s*[:：]\s*$")
_FIRST_PERSON_LEAD = re.compile(r"(?:کردم|دادم|داشتم|نشستم)\s*[.:：]?\s*$")


class QuestionAnswerReader(DialogueReader):
    """Turns of an interview whose questions and answers carry no labels."""

    def _question_answer_turns(self) -> list[Turn]:
        opener = self._opener()
        start_line = opener + 1 if opener is not None else self._marked_line()
        if start_line is None:
            return []
        interviewee = self.interviewee or self._named_in_lead(start_line)
        interviewer = self.interviewer
        if interviewer is None and opener is not None and _FIRST_PERSON_LEAD.search(
                self.folded, *self.lines[opener]):
            interviewer = self._byline(start_line)
        dashed = self._dashed_questions(start_line)
        turns: list[Turn] = []
        for index in range(start_line, len(self.lines)):
            line_start, line_end = self.lines[index]
            if self._is_footer(line_start, line_end) or self._is_signature(line_start, line_end):
                break
            start, end = self._trim(line_start, line_end)
            if start >= end:
                continue
            if _STAGE.match(self.folded[start:end]):
                turns.append(Turn(None, "", start, start, ""))  # keeps the turns apart
                continue
            if turns and turns[-1].role == ROLE_INTERVIEWER and self._pull_quote(index):
                continue  # a pull-quote subheading between a question and its answer
            pieces = self._pieces(start, end, dashed)
            if not turns and opener is not None and self.folded[self.lines[opener][1] - 1] in ":：":
                pieces = [(p[0], p[1], True) for p in pieces]  # an interview opens with a question
            for piece_start, piece_end, asks in pieces:
                role = ROLE_INTERVIEWER if asks else ROLE_INTERVIEWEE
                if turns and turns[-1].role == role and turns[-1].start < turns[-1].end:
                    turns[-1].end = piece_end
                    continue
                person = interviewer if asks else interviewee
                turns.append(Turn(person, role, piece_start, piece_end, RULE_QUESTION_ANSWER))
        turns = [t for t in turns if t.start < t.end]
        asked = any(self.folded[t.start:t.end].rstrip(" »").endswith(("؟", "?")) for t in turns)
        if not any(t.role == ROLE_INTERVIEWER for t in turns) or not any(
                t.role == ROLE_INTERVIEWEE for t in turns) or not (asked or dashed or (
                    opener is not None and self.folded[self.lines[opener][1] - 1] in ":：")):
            return []
        return turns

    def _pull_quote(self, index: int) -> bool:
        """A short line without a closing stop, followed by a paragraph."""
        start, end = self._trim(*self.lines[index])
        following = next((self._trim(s, e) for s, e in self.lines[index + 1:]
                          if self._trim(s, e)[0] < e), None)
        return (following is not None and self.folded[end - 1] not in ".!؟?»…:"
                and len(self._words(start, end)) <= _PULL_QUOTE_WORDS)

    def _opener(self) -> int | None:
        """The line that ends the lead and announces the interview: the last such line of the
        first few (a title may announce it too)."""
        found = None
        for index, (start, end) in enumerate(self.lines[:_OPENER_REACH]):
            # An opener ends its line: only the line's last sentence is searched, which keeps
            # the patterns (anchored at the end) linear on a very long paragraph.
            line = self.folded[max(start, end - _OPENER_TAIL):end]
            announces = OPENER.search(line) or (_FULL_STOP_OPENER.search(line) and (
                INTERVIEW.search(line) or "خوان" in line))
            if announces and not _ATTRIBUTION_END.search(line):  # not X در گفت‌وگو با … گفت:
                found = index
        return found

    def _marked_line(self) -> int | None:
        """A paragraph holding several questions and answers split by a stray marker."""
        for index, (start, end) in enumerate(self.lines):
            if self._marker(start, end) is not None:
                return index
        return None

    def _marker(self, start: int, end: int) -> str | None:
        """A one-character token, not Persian, standing three or more times in the line."""
        counts: dict[str, int] = {}
        for word_start, word_end in self._words(start, end):
            word = self.text[word_start:word_end]
            if len(word) == 1 and not "\u0600" <= word <= "\u06ff" and not word.isdigit():
                counts[word] = counts.get(word, 0) + 1
        marked = [w for w, n in counts.items() if n >= 3]
        return marked[0] if len(marked) == 1 and "؟" in self.folded[start:end] else None

    def _pieces(self, start: int, end: int, dashed: bool) -> list[tuple[int, int, bool]]:
        """The question and answer parts of one paragraph: (start, end, is a question)."""
        marker = self._marker(start, end)
        if marker is None:
            body = self._trim(start, end, BULLETS)
            return [(*body, self._asks(start, end, dashed))]
        out: list[tuple[int, int, bool]] = []
        positions = [i for i in range(start, end) if self.text[i] == marker] + [end]
        for piece_start, piece_end in itertools.pairwise(positions):
            piece = self._trim(piece_start + 1, piece_end)
            mark = self._question_end(*piece)
            if mark > piece[0]:
                out.append((piece[0], mark, True))
            answer = self._trim(mark, piece[1])
            if answer[0] < answer[1]:
                out.append((*answer, False))
        return out

    def _question_end(self, start: int, end: int) -> int:
        """The end of the leading sentences of ``[start, end)`` that end in ؟."""
        position, done = start, start
        while True:
            mark = min((m for m in (self.text.find("؟", position, end),
                                    self.text.find("?", position, end)) if m >= 0),
                       default=-1)
            if mark < 0:
                return done
            stop = re.search(r"[.!]", self.text[position:mark])
            if stop is not None:
                return done
            done = position = mark + 1

    def _asks(self, start: int, end: int, dashed: bool) -> bool:
        text = self.folded[start:end].rstrip(" »\"")
        if text.endswith(("؟", "?")):
            return True
        if dashed:
            return text.lstrip()[:1] in _DASH
        return (len(self._words(start, end)) <= _SHORT_QUESTION
                and _ADDRESSED.search(text) is not None and not text.endswith((".", "!")))

    def _dashed_questions(self, start_line: int) -> bool:
        """The text marks its questions with a dash: some paragraphs start with one."""
        starts = [self.folded[s:e].lstrip()[:1] for s, e in self.lines[start_line:]
                  if self._trim(s, e)[0] < e]
        dashed = sum(1 for c in starts if c and c in _DASH)
        return 0 < dashed < len(starts)

    def _byline(self, start_line: int) -> Person | None:
        """The person of a ``NAME:`` byline opening a lead paragraph."""
        for start, end in self.lines[:start_line]:
            prefix = self._prefix(start, end)
            if prefix is not None:
                person = self.matcher.resolve_name(self.text[prefix[0]:prefix[1]])
                if person is not None:
                    return person
        return None


_PULL_QUOTE_WORDS = 40
_OPENER_TAIL = 300  # code points
_OPENER_REACH = 12  # lines: how far into the text an opener may stand
