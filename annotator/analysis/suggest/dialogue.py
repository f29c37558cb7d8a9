"""Dialogue with speaker labels: ``NAME: words`` at a line's start or inside a paragraph.

A text is a dialogue only where labels that belong to persons (or to the outlet or an unnamed
side that asks) alternate: a headline ``NAME: words``, an outlet or dateline label
(``خبرگزاری X:``), a single ``X:`` heading or metadata never switch a text into dialogue. A
turn runs from its label to the next label, over the lines between, and ends at a footer or a
signature. A label that opens the lead (``نشریه: …`` before ``… می‌خوانید:``) is no turn.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from annotator.analysis.person_names import is_given_name, source_kind
from annotator.analysis.speakers import ROLE_NOUNS, Person, looks_like_name, name_key, name_words
from annotator.analysis.suggest.base import Turn
from annotator.analysis.suggest.patterns import (
    ANSWER_MARKERS,
    FOOTER,
    INTERVIEW,
    NAME_PREFIX,
    NOT_SPEAKERS,
    QUESTION_MARKERS,
    ROLE_INTERVIEWEE,
    ROLE_INTERVIEWER,
    RULE_NAME_PREFIX,
    SPEECH_VERB,
    VIEW_VERB,
)
from annotator.analysis.suggest.subjects import SubjectReader
from annotator.text import search_fold

# A label inside a paragraph: after a sentence end, a short name and a colon.
_INLINE_LABEL = re.compile(r"(?<=[.؟?!»):]\s)\s*(?P<name>[^\s:.،؟?!«»]{2,20}(?:\s[^\s:.،؟?!«»]"
                           r"{2,20}){0,2})\s?[:：]")
# The end of a lead inside the first labelled paragraph: … می‌خوانید:
_LEAD_OPENER = re.compile(r"(?:می\s?خوانید|به\s?شرح\s?زیر|در\s?ادامه|به\s?این\s?شرح)[^:\n]*[:：]")
_SIGNATURE = re.compile(r"^\W*$|^[@#]|^[A-Za-z0-9_.@ ]+$")  # no Persian letter at all


_JUNK = "🎙️👩‍🏫■□●•▪◾◼►▶*-–—\u200d\ufe0f"  # bullets and emoji before a label


_LABEL_STOPS = frozenset(search_fold(w) for w in ("با", "در", "خطاب", "به", "درباره"))


@dataclass
class _Label:
    line: int
    name_start: int
    name_end: int
    body_start: int
    inline: bool
    person: Person | None
    role: str
    mention: bool


class DialogueReader(SubjectReader):
    """Turns of a labelled dialogue (this class) or of questions and answers (a subclass)."""

    def read_dialogue(self) -> list[Turn]:
        turns = self._prefixed_turns()
        if not turns:
            turns = self._question_answer_turns()
        return turns

    def _question_answer_turns(self) -> list[Turn]:
        return []

    def _is_footer(self, start: int, end: int) -> bool:
        return FOOTER.search(self.folded[start:end].strip()) is not None

    def _is_signature(self, start: int, end: int) -> bool:
        line = self.folded[start:end].strip()
        return bool(line) and _SIGNATURE.search(line) is not None

    def _prefix(self, line_start: int, line_end: int) -> tuple[int, int, int] | None:
        """(name start, name end, text start) of a ``name:`` line, if it has one. In
        ``NAME، DESCRIPTION: …`` the name ends at the comma."""
        match = NAME_PREFIX.match(self.folded, line_start, line_end)
        if match is None:
            return None
        name_start, name_end = self._trim(match.start("name"), match.end("name"))
        name_start = self._skip_titles(name_start, name_end)
        comma = self.folded.find("،", name_start, name_end)
        if comma > name_start and len(self.folded[name_start:comma].split()) <= 3:
            name_end = self._trim(name_start, comma)[1]
        if not self._label_name(name_start, name_end):
            return None
        return name_start, name_end, match.end()

    def _label_name(self, start: int, end: int) -> bool:
        """``[start, end)`` may be a speaker label's name: no verb, digit or quote in it."""
        name = self.folded[start:end]
        return not (len(name.split()) > 6 or SPEECH_VERB.search(name) or VIEW_VERB.search(name)
                    or INTERVIEW.search(name)
                    or name_key(name) in NOT_SPEAKERS or any(c.isdigit() for c in name)
                    or "«" in name or "»" in name)

    def _labels(self) -> list[_Label]:
        """Every label in the text, in order: at a line's start, or inside a paragraph when
        the same label stands at least twice."""
        at_start: list[tuple[int, int, int, int]] = []  # line, name start, name end, body
        inline: list[tuple[int, int, int, int]] = []
        for index, (start, end) in enumerate(self.lines):
            prefix = self._prefix(start, end)
            if prefix is not None:
                at_start.append((index, *prefix))
            for match in _INLINE_LABEL.finditer(self.folded, start, end):
                if (prefix is None or match.start("name") >= prefix[2]) \
                        and self._label_name(match.start("name"), match.end("name")):
                    inline.append((index, match.start("name"), match.end("name"), match.end()))
        counts: dict[str, int] = {}
        for _index, start, end, _body in at_start + inline:
            key = name_key(self.text[start:end])
            counts[key] = counts.get(key, 0) + 1
        chosen = at_start + [f for f in inline if counts[name_key(self.text[f[1]:f[2]])] >= 2]
        labels = []
        for index, start, end, body in sorted(chosen, key=lambda f: f[1]):
            repeated = counts[name_key(self.text[start:end])] >= 2
            described = self._trim(end, body, " \t\u200c،,:：")
            speaker = self._prefix_speaker(start, end, repeated=repeated,
                                           description=self.text[described[0]:described[1]])
            if speaker is not None:
                within = start > self._trim(*self.lines[index], " \t\u200c" + _JUNK)[0]
                labels.append(_Label(index, start, end, body, within, *speaker))
        return labels

    def _prefixed_turns(self) -> list[Turn]:
        checkpoint = self.matcher.size()
        turns = self._labelled_turns()
        if not turns:
            self.matcher.forget_after(checkpoint)  # the labels were no dialogue's speakers
        return turns

    def _labelled_turns(self) -> list[Turn]:
        labels = self._labels()
        answered = [label for label in labels
                    if label.person is None and label.role == ROLE_INTERVIEWEE]
        lead_person = self._named_in_lead(labels[0].line) if answered else None
        for label in answered:
            label.person = lead_person  # ج: is the lead's person
        sides = {name_key(label.person.name) if label.person else label.role
                 for label in labels}
        changes = sum(1 for a, b in itertools.pairwise(labels)
                      if (a.person, a.role) != (b.person, b.role))
        # Only the asking side labelled (نشریه: question؟ answer): its labels must recur,
        # and most of its turns hold a question with an answer after it.
        single_asker = (len(sides) == 1 and len(labels) >= 2
                        and labels[0].role != ROLE_INTERVIEWEE
                        and 2 * sum(self._asked_and_answered(position, labels)
                                    for position in range(len(labels))) >= len(labels))
        if not labels or ((len(sides) < 2 or changes == 0) and not single_asker):
            return []
        turns: list[Turn] = []
        for position, label in enumerate(labels):
            end = self._turn_end(label, labels[position + 1] if position + 1 < len(labels)
                                 else None)
            start, end = self._trim(label.body_start, end)
            if start >= end:
                continue
            if _LEAD_OPENER.search(self.folded, start, end):
                turns.clear()  # a dateline label before the lead: the dialogue starts later
                continue
            if label.mention and label.person is not None:
                self._mention(label.name_start, label.name_end, label.person, RULE_NAME_PREFIX)
            turn = Turn(label.person, label.role, start, end, RULE_NAME_PREFIX)
            self._count_paragraph(turn, start, end)
            turns.extend(self._split_answer(turn) if single_asker else [turn])
        self._infer_roles(turns)
        return turns

    def _asked_and_answered(self, position: int, labels: list[_Label]) -> bool:
        """The text after label ``position`` holds a question mark with words after it."""
        label = labels[position]
        end = self._turn_end(label, labels[position + 1] if position + 1 < len(labels) else None)
        mark = max(self.folded.rfind("؟", label.body_start, end),
                   self.folded.rfind("?", label.body_start, end))
        return mark >= 0 and bool(self._words(mark + 1, end))

    def _turn_end(self, label: _Label, following: _Label | None) -> int:
        """Where a turn ends: at the next label, a footer or a signature line."""
        if following is not None and following.line == label.line:
            return following.name_start
        end = self.lines[label.line][1]
        last = following.line if following is not None else len(self.lines)
        for index in range(label.line + 1, last):
            line_start, line_end = self.lines[index]
            if self._is_footer(line_start, line_end) or self._is_signature(line_start, line_end):
                break
            if self._trim(line_start, line_end)[0] < line_end:
                end = line_end
        if following is not None and following.inline:
            end = max(end, self._trim(self.lines[following.line][0], following.name_start)[1])
        return end

    def _split_answer(self, turn: Turn) -> list[Turn]:
        """``LABEL: question؟ answer`` when only the asking side has labels: the answer after
        the question is the other side's turn."""
        folded = self.folded
        mark = folded.find("؟", turn.start, turn.end)
        if mark < 0:
            mark = folded.find("?", turn.start, turn.end)
        answer = self._trim(mark + 1, turn.end, " \t-–—") if mark >= 0 else (turn.end, turn.end)
        if mark < 0 or len(self._words(*answer)) < 1:
            return [turn]
        asked = Turn(turn.person, ROLE_INTERVIEWER, turn.start, mark + 1, turn.rule, 1, 1)
        vocative = self._vocative(turn.start, mark)
        if vocative is not None and self.interviewee is None:
            self.interviewee = vocative
        person = vocative or self.interviewee
        return [asked, Turn(person, ROLE_INTERVIEWEE, answer[0], answer[1], turn.rule, 0, 1)]

    def _vocative(self, start: int, end: int) -> Person | None:
        """The person a question addresses by name at its start (``آقای X، …``)."""
        comma = self.folded.find("،", start, min(end, start + 40))
        if comma < 0:
            return None
        words = name_words(self.text[start:comma])
        if not words or len(words) > 3:
            return None
        return self.matcher.resolve_name(self.text[start:comma])

    def _prefix_speaker(self, start: int, end: int, *, repeated: bool, description: str = ""
                        ) -> tuple[Person | None, str, bool] | None:
        """(person, role, whether the name is a mention) for a label; None: not a speaker.
        A ``description`` after the name (``حیدری، مجری برنامه:``) makes it an alias."""
        written = self.text[start:end]
        key = name_key(written)
        described = bool(name_words(description)) and name_words(description)[0] in ROLE_NOUNS
        known = self.matcher.resolve(written)
        if known is None and described and looks_like_name(written):
            known = self._add_person(written)
        if known is not None:
            if described:
                self.matcher.describe(known, description)
                self.aliases.setdefault(name_key(known.name), []).append(description)
            return known, self._role_of(known), True
        if key in QUESTION_MARKERS:
            return self.interviewer, ROLE_INTERVIEWER, False
        if key in ANSWER_MARKERS:
            return self.interviewee, ROLE_INTERVIEWEE, False
        outlet = self.matcher.resolve_affiliation_word(written)
        if outlet is not None:
            return outlet, self._role_of(outlet), False
        words = name_words(written)
        cut = next((i for i, w in enumerate(words) if i and w in _LABEL_STOPS), 0)
        if cut:  # مسئول با خنده: a stage direction; X خطاب به Y: an addressee
            cut_end = self._words(start, end)[cut - 1][1]
            return self._prefix_speaker(start, cut_end, repeated=repeated)
        kind = source_kind(words)
        role_headed = bool(words) and words[0] in ROLE_NOUNS and len(words) <= 6
        if not (looks_like_name(written) or role_headed) or kind in ("outlet", "organization"):
            return None
        if kind != "person" and words[0] not in ROLE_NOUNS and not repeated \
                and not is_given_name(words[0]):
            return None  # a heading or a one-off label is not a speaker
        person = self._add_person(written, kind="person" if kind == "person" else "role")
        self.matcher.describe(person, written)
        return person, self._role_of(person), True

    def _named_in_lead(self, start_line: int) -> Person | None:
        """The person the lead names last (with evidence, or by a known name)."""
        found: Person | None = None
        for start, end in self.lines[:start_line]:
            line = self.folded[start:end]
            if re.match(r"\s*\S+(?:\s\S+)?\s[:：]", line):
                continue  # مترجم : NAME, a metadata line
            words = self._words(start, end)
            for index in range(len(words)):
                named = self._person_at(words, index, register=False)
                if named is not None:
                    found = named[0]
                    continue
                known = self.matcher.resolve_name(self.text[words[index][0]:words[index][1]])
                if known is not None and known.kind == "person":
                    found = known
        return found

    def _count_paragraph(self, turn: Turn, start: int, end: int) -> None:
        turn.paragraphs += 1
        if self.text[start:end].rstrip("»«\" ").endswith(("؟", "?")):
            turn.questions += 1

    def _infer_roles(self, turns: list[Turn]) -> None:
        """Who asks (most turns end in ؟) interviews; needs two sides to tell them apart (an
        unnamed ``س:``/``خبرنگار:`` side counts)."""
        people: dict[str, list[Turn]] = {}
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
                    turn.role = ROLE_INTERVIEWER if asked >= 0.5 else ROLE_INTERVIEWEE
