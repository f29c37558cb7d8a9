"""Dialogue: name-prefixed lines, or questions and answers after an opener."""

from __future__ import annotations

from annotator.analysis.speakers import Person, looks_like_name, name_key
from annotator.analysis.suggest.base import Turn
from annotator.analysis.suggest.patterns import (
    ANSWER_MARKERS,
    BULLETS,
    FOOTER,
    INTERVIEW,
    NAME_PREFIX,
    NOT_SPEAKERS,
    OPENER,
    QUESTION_MARKERS,
    ROLE_INTERVIEWEE,
    ROLE_INTERVIEWER,
    RULE_NAME_PREFIX,
    RULE_QUESTION_ANSWER,
    SPEECH_VERB,
    VIEW_VERB,
)
from annotator.analysis.suggest.subjects import SubjectReader


class DialogueReader(SubjectReader):

    def read_dialogue(self) -> list[Turn]:
        turns = self._prefixed_turns()
        if not turns:
            turns = self._question_answer_turns()
        return turns

    def _is_footer(self, start: int, end: int) -> bool:
        return FOOTER.search(self.folded[start:end].strip()) is not None

    def _prefix(self, line_start: int, line_end: int) -> tuple[int, int, int] | None:
        """(name start, name end, text start) of a ``name:`` line, if it has one."""
        match = NAME_PREFIX.match(self.folded, line_start, line_end)
        if match is None:
            return None
        name_start, name_end = self._trim(match.start("name"), match.end("name"))
        name_start = self._skip_titles(name_start, name_end)
        name = self.folded[name_start:name_end]
        if (len(name.split()) > 6 or SPEECH_VERB.search(name) or VIEW_VERB.search(name)
                or INTERVIEW.search(name)
                or name_key(name) in NOT_SPEAKERS or any(c.isdigit() for c in name)
                or "«" in name or "»" in name):
            return None
        return name_start, name_end, match.end()

    def _prefixed_turns(self) -> list[Turn]:
        candidates = [(i, p) for i, (s, e) in enumerate(self.lines)
                      if (p := self._prefix(s, e)) is not None]
        if len(candidates) < 2:
            return []
        turns: list[Turn] = []
        by_line = dict(candidates)
        current: Turn | None = None
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
                current = Turn(person, role, body_start, body_end, RULE_NAME_PREFIX)
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
        if key in QUESTION_MARKERS:
            return self.interviewer, ROLE_INTERVIEWER, False
        if key in ANSWER_MARKERS:
            return self.interviewee, ROLE_INTERVIEWEE, False
        person = self.matcher.resolve_name(written)
        if person is None:
            outlet = self.matcher.resolve_affiliation_word(written)
            if outlet is not None:
                return outlet, self._role_of(outlet), False
            if not looks_like_name(written):
                return None
            person = self._add_person(written)
        return person, self._role_of(person), True

    def _count_paragraph(self, turn: Turn, start: int, end: int) -> None:
        turn.paragraphs += 1
        if self.text[start:end].rstrip().endswith(("؟", "?")):
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

    def _question_answer_turns(self) -> list[Turn]:
        opener = next((i for i, (s, e) in enumerate(self.lines)
                       if OPENER.search(self.folded[s:e])), None)
        if opener is None:
            return []
        turns: list[Turn] = []
        for line_start, line_end in self.lines[opener + 1:]:
            if self._is_footer(line_start, line_end):
                break
            start, end = self._trim(line_start, line_end, BULLETS)
            if start >= end:
                continue
            asks = self.text[start:end].endswith(("؟", "?"))
            role = ROLE_INTERVIEWER if asks else ROLE_INTERVIEWEE
            if turns and turns[-1].role == role:
                turns[-1].end = end
                continue
            person = self.interviewer if asks else self.interviewee
            turns.append(Turn(person, role, start, end, RULE_QUESTION_ANSWER))
        if not any(t.role == ROLE_INTERVIEWER for t in turns):
            return []
        return turns

