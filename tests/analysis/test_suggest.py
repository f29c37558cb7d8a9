"""The suggestion engine on the sample and on texts it has not seen."""

from __future__ import annotations

import statistics
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.analysis.speakers import name_key
from annotator.analysis.suggest import (
    RULE_LEAD,
    RULE_NAME_PREFIX,
    RULE_PROPAGATE,
    RULE_QUESTION_ANSWER,
    RULE_REPORTED,
    RULES,
    NewSpeaker,
    Suggestion,
    propagate,
    suggest,
)
from annotator.domain.model import Span, Speaker
from annotator.text import canonicalize


def speaker_name(suggestion: Suggestion, registry: dict[str, str] | None = None) -> str:
    value = suggestion.attrs.get("speaker", "")
    if isinstance(value, NewSpeaker):
        return value.name
    return (registry or {}).get(value, "")


def assert_exact(text: str, suggestions: list[Suggestion]) -> None:
    for s in suggestions:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text
        assert s.rule in RULES


def by_label(suggestions: list[Suggestion], label: str) -> list[Suggestion]:
    return [s for s in suggestions if s.label == label]


def test_sample_lead_turns_and_claims(sample_text: str) -> None:
    text = canonicalize(sample_text, "letters").text
    suggestions = suggest("doc", text)
    assert_exact(text, suggestions)
    turns = by_label(suggestions, "Turn")
    assert [(speaker_name(t), t.attrs["role"]) for t in turns] == [
        ("جان میلر", "interviewer"), ("کاظم جلالی", "interviewee")]
    assert all(t.rule == RULE_QUESTION_ANSWER for t in turns)
    assert not turns[-1].text.endswith("فرمایید.")  # the site's footer is no one's turn
    claims = by_label(suggestions, "Claim")
    assert {speaker_name(c) for c in claims} == {"کاظم جلالی"}
    # وی resolves to the last named speaker
    after_pronoun = next(c for c in claims
                         if text[text.rfind("\n", 0, c.start) + 1:c.start] == "وی توضیح داد ")
    assert speaker_name(after_pronoun) == "کاظم جلالی"
    lead = [s for s in suggestions if s.rule == RULE_LEAD]
    assert {s.text for s in lead} == {"جان میلر", "کاظم جلالی"}
    proposed = {v.name: v for s in suggestions for v in s.attrs.values()
                if isinstance(v, NewSpeaker)}
    assert proposed["کاظم جلالی"].role == "interviewee"
    assert proposed["کاظم جلالی"].affiliation == "سفیر جمهوری اسلامی ایران در روسیه"
    assert proposed["جان میلر"].role == "interviewer"


def test_name_prefixed_dialogue_with_emoji_zwnj_and_letter_variants() -> None:
    # Not canonicalized: ي and ك stay in the text, and offsets must still be exact.
    text = ("🎙️ گفت‌وگوی اختصاصی\n"
            "\u200cرضا کريمي: خانم احمدی، بازار را چطور می‌بینید؟\n"
            "👩‍🏫 مریم احمدی: بازار راکد است.\n"
            "قیمت‌ها اما پایین نمی‌آید.\n"
            "کریمی: چرا؟\n"
            "\u200c\u200cاحمدي: چون درآمدها کم شده است.\n")
    suggestions = suggest("d", text)
    assert_exact(text, suggestions)
    turns = by_label(suggestions, "Turn")
    assert [(name_key(speaker_name(t)), t.attrs.get("role"), t.text) for t in turns] == [
        ("رضا کریمی", "interviewer", "خانم احمدی، بازار را چطور می‌بینید؟"),
        ("مریم احمدی", "interviewee", "بازار راکد است.\nقیمت‌ها اما پایین نمی‌آید."),
        ("رضا کریمی", "interviewer", "چرا؟"),
        ("مریم احمدی", "interviewee", "چون درآمدها کم شده است."),
    ]
    mentions = [(s.text, name_key(speaker_name(s))) for s in by_label(suggestions, "Speaker")]
    assert mentions == [("رضا کريمي", "رضا کریمی"), ("مریم احمدی", "مریم احمدی"),
                        ("کریمی", "رضا کریمی"), ("احمدي", "مریم احمدی")]
    assert all(s.rule == RULE_NAME_PREFIX for s in suggestions)
    # One proposed person per folded name, however it was written.
    assert len({name_key(speaker_name(t)) for t in turns}) == 2


def test_registered_speakers_are_referred_to_by_id() -> None:
    registry = [Speaker("id-k", "رضا کریمی"), Speaker("id-a", "مریم احمدی",
                                                      role="interviewee")]
    text = "کریمی: سؤال شما چیست؟\nاحمدی: پاسخ من روشن است.\n"
    turns = by_label(suggest("d", text, speakers=registry), "Turn")
    assert [t.attrs["speaker"] for t in turns] == ["id-k", "id-a"]
    assert [t.attrs["role"] for t in turns] == ["interviewer", "interviewee"]


def test_lead_naming_both_parties_and_question_answer_markers() -> None:
    text = ("خبرگزاری مهر، سارا نوری، خبرنگار مهر، با مهندس علي رضايي، مدیر عامل شرکت آب، "
            "گفت‌وگو کرد.\n"
            "س: کم‌آبی تهران تا کی ادامه دارد؟\n"
            "ج: دست‌کم تا پاییز.\n"
            "س: راه حل چیست؟\n"
            "ج: صرفه‌جویی.\n")
    suggestions = suggest("d", text)
    assert_exact(text, suggestions)
    turns = by_label(suggestions, "Turn")
    assert [(speaker_name(t), t.attrs["role"]) for t in turns] == [
        ("سارا نوری", "interviewer"), ("علي رضايي", "interviewee")] * 2
    lead = [s.text for s in suggestions if s.rule == RULE_LEAD]
    assert lead == ["سارا نوری", "علي رضايي"]  # the title مهندس is not part of the name
    new = next(v for t in turns for v in t.attrs.values() if isinstance(v, NewSpeaker)
               and v.role == "interviewee")
    assert new.affiliation == "مدیر عامل شرکت آب"


def test_question_answer_alternation_after_an_opener() -> None:
    text = ("«لیلا کاظمی» پژوهشگر با «حمید مرادی» نویسنده به گفت‌وگو نشست.\n"
            "مشروح این گفت‌وگو را در ادامه می‌خوانید:\n"
            "کتاب تازه شما درباره چیست؟\n"
            "درباره کودکی من در کرمان است.\n"
            "ادامه پاسخ در بند دوم.\n"
            "چرا حالا؟\n"
            "چون وقتش رسیده بود.\n"
            "انتهای پیام\n")
    turns = by_label(suggest("d", text), "Turn")
    assert [(speaker_name(t), t.attrs["role"], t.text) for t in turns] == [
        ("لیلا کاظمی", "interviewer", "کتاب تازه شما درباره چیست؟"),
        ("حمید مرادی", "interviewee", "درباره کودکی من در کرمان است.\nادامه پاسخ در بند دوم."),
        ("لیلا کاظمی", "interviewer", "چرا حالا؟"),
        ("حمید مرادی", "interviewee", "چون وقتش رسیده بود."),
    ]


def test_reported_speech_verbs_quotes_and_pronouns() -> None:
    text = ("وزیر نیرو، علی اکبري، روز شنبه گفت: «ذخایر سدها کم است.»\n"
            "وی افزود که مصرف باید کاهش یابد.\n"
            "اکبری تاكيد كرد نرخ آب تغییر نمی‌کند و خاطرنشان کرد تعرفه‌ها ثابت می‌ماند.\n"
            "او اظهار داشت: برنامه‌ای برای جیره‌بندی نداریم.\n"
            "به گفته وی، بارش‌ها امسال کمتر بوده است.\n"
            "این دو به گفت‌وگو نشستند و گفت‌وگو ادامه یافت.\n")
    suggestions = suggest("d", text)
    assert_exact(text, suggestions)
    claims = by_label(suggestions, "Claim")
    assert [(c.text, speaker_name(c), c.attrs["quote"]) for c in claims] == [
        ("ذخایر سدها کم است", "علی اکبري", "direct"),
        ("مصرف باید کاهش یابد", "علی اکبري", "indirect"),
        ("نرخ آب تغییر نمی‌کند", "علی اکبري", "indirect"),
        ("تعرفه‌ها ثابت می‌ماند", "علی اکبري", "indirect"),
        ("برنامه‌ای برای جیره‌بندی نداریم", "علی اکبري", "direct"),
        ("بارش‌ها امسال کمتر بوده است", "علی اکبري", "indirect"),
    ]
    assert all(c.rule != RULE_REPORTED or c.attrs["speaker"] for c in claims)


def test_crlf_input_keeps_offsets_exact_after_canonicalizing() -> None:
    raw = "رضا کريمي: سلام؟\r\nمريم احمدي: سلام.\r\nکریمی: خوبید؟\r\nاحمدی: بله.\r\n"
    text = canonicalize(raw, "letters").text
    suggestions = suggest("d", text)
    assert_exact(text, suggestions)
    assert [t.text for t in by_label(suggestions, "Turn")] == ["سلام؟", "سلام.", "خوبید؟",
                                                                "بله."]


def test_existing_spans_and_rejections_are_never_proposed_again(sample_text: str) -> None:
    text = canonicalize(sample_text, "letters").text
    first = suggest("doc", text)
    turn = by_label(first, "Turn")[0]
    claim = by_label(first, "Claim")[0]
    existing = [Span("s1", "doc", turn.start + 5, turn.start + 9, "Turn")]
    again = suggest("doc", text, existing=existing, rejected={claim.key})
    assert turn.key not in {s.key for s in again}
    assert claim.key not in {s.key for s in again}
    assert len(again) == len(first) - 2
    deleted = [Span("s1", "doc", turn.start, turn.end, "Turn", deleted=True)]
    assert turn.key in {s.key for s in suggest("doc", text, existing=deleted)}


def test_keys_are_stable_and_survive_registering_the_speaker(sample_text: str) -> None:
    text = canonicalize(sample_text, "letters").text
    before = suggest("doc", text)
    assert [s.key for s in before] == [s.key for s in suggest("doc", text)]
    registry = [Speaker("id-j", "کاظم جلالی"), Speaker("id-m", "جان میلر")]
    after = suggest("doc", text, speakers=registry)
    assert [s.key for s in after] == [s.key for s in before]
    assert {s.attrs["speaker"] for s in after} <= {"id-j", "id-m"}
    assert len({s.key for s in before}) == len(before)
    assert suggest("other", text)[0].key != before[0].key


def test_propagation_marks_other_occurrences_of_the_folded_text() -> None:
    text = "احمدي گفت. احمدی آمد. احمدی‌نژاد رفت. «احمدی» ماند.\nاحمدی"
    source = Span("s", "d", 0, 5, "Speaker", {"speaker": "id-a"})
    registry = [Speaker("id-a", "مریم احمدی")]
    found = propagate("d", text, source, speakers=registry)
    assert_exact(text, found)
    assert [s.start for s in found] == [11, 39, 52]  # not inside احمدی‌نژاد
    assert all(s.rule == RULE_PROPAGATE and s.attrs == {"speaker": "id-a"} for s in found)
    marked = [Span("x", "d", 11, 16, "Speaker")]
    assert [s.start for s in propagate("d", text, source, existing=marked)] == [39, 52]
    elsewhere = propagate("other", "سخن احمدی", source, source_text="احمدي")
    assert [(s.doc_id, s.start) for s in elsewhere] == [("other", 4)]


def test_schema_without_a_label_gets_no_suggestions_of_it(sample_text: str) -> None:
    from annotator.domain.schema import Attribute, LabelSchema, Layer

    schema = LabelSchema("mine", (Layer("Claim", "#000000", "", (
        Attribute("speaker", "speaker"),)),))
    suggestions = suggest("doc", canonicalize(sample_text, "letters").text, schema=schema)
    assert suggestions and {s.label for s in suggestions} == {"Claim"}
    assert all(set(s.attrs) == {"speaker"} for s in suggestions)


def test_fast_on_a_typical_interview(sample_text: str) -> None:
    text = canonicalize(sample_text, "letters").text
    times = []
    for _ in range(9):
        began = time.perf_counter()
        suggest("doc", text)
        times.append(time.perf_counter() - began)
    assert statistics.median(times) < 0.1
    long_text = (text + "\n") * 20
    began = time.perf_counter()
    suggest("doc", long_text.replace("\n", " "))
    assert time.perf_counter() - began < 2.0  # one 60 000-character line stays linear


PIECES = ["رضا کريمي", "مریم احمدی", ": ", "گفت", " تأکید کرد ", "وی ", "«", "»", "؟", ".",
          "\n", "\u200c", "😀", "👩‍🏫", " با ", " به گفت‌وگو نشست", "، ", "آقای ", "جلالی",
          "به این شرح است:", "ك", "ي", " ", "متن"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_every_suggestion_covers_its_text_exactly(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert_exact(text, suggest("d", text))


def test_headings_with_a_colon_are_not_speakers() -> None:
    text = ("متن گفت‌وگو:\n"
            "منبع: ایسنا\n"
            "کد خبر: ۱۲۳\n"
            "سارا: این یک سؤال است؟\n")
    assert by_label(suggest("d", text), "Turn") == []


def test_reported_speech_inside_a_turn_is_not_a_claim() -> None:
    text = ("رضا: نظر شما چیست؟\n"
            "مینا: وزیر گفت قیمت‌ها ثابت می‌ماند.\n")
    suggestions = suggest("d", text)
    assert [s.label for s in suggestions].count("Turn") == 2
    assert by_label(suggestions, "Claim") == []


def test_unnamed_interviewer_and_a_titled_interviewee() -> None:
    text = ("خبرنگار: آقای وزیر، برنامه شما برای تورم چیست؟\n"
            "دکتر احمد وحیدی: ما برنامه‌ای جامع داریم.\n"
            "خبرنگار: جزئیات آن کی اعلام می‌شود؟\n"
            "وحیدی: هفته آینده.\n")
    suggestions = suggest("d", text)
    turns = by_label(suggestions, "Turn")
    assert [(speaker_name(t), t.attrs["role"]) for t in turns] == [
        ("", "interviewer"), ("احمد وحیدی", "interviewee")] * 2
    assert [s.text for s in by_label(suggestions, "Speaker")] == ["احمد وحیدی", "وحیدی"]


def test_a_description_as_speaker_is_found_again_by_this_description() -> None:
    text = ("نماینده تهران در مجلس گفت: بودجه امسال کافی نیست.\n"
            "وی با اشاره به کسری بودجه تصریح کرد: باید مالیات‌ها را اصلاح کرد.\n"
            "این نماینده مجلس افزود که دولت باید پاسخگو باشد.\n")
    claims = by_label(suggest("d", text), "Claim")
    assert [(c.text, speaker_name(c)) for c in claims] == [
        ("بودجه امسال کافی نیست", "نماینده تهران در مجلس"),
        ("باید مالیات‌ها را اصلاح کرد", "نماینده تهران در مجلس"),
        ("دولت باید پاسخگو باشد", "نماینده تهران در مجلس"),
    ]


def test_view_verbs_need_the_object_marker() -> None:
    text = "سارا رحیمی کتاب خواند.\nرحیمی این طرح را اقدامی شجاعانه خواند.\n"
    suggestions = suggest("d", text)
    assert [(s.label, s.text) for s in suggestions] == [
        ("Speaker", "رحیمی"), ("Claim", "این طرح را اقدامی شجاعانه")]


def test_bullets_before_questions_and_answers_stay_outside_the_turns() -> None:
    text = ("«نیما» با «الهه» گفت‌وگو کرد.\n"
            "متن گفت‌وگو به شرح زیر است:\n"
            "■ چرا رفتید؟\n"
            "● چون باید می‌رفتم.\n")
    turns = by_label(suggest("d", text), "Turn")
    assert [(t.text, speaker_name(t)) for t in turns] == [("چرا رفتید؟", "نیما"),
                                                          ("چون باید می‌رفتم.", "الهه")]


def test_headline_quotes_and_subjects_followed_by_adverbials() -> None:
    text = ("علی لاریجانی: ما به دنبال جنگ نیستیم\n"
            "رئیس‌جمهور آمریکا روز دوشنبه در کاخ سفید گفت که تعرفه‌ها افزایش می‌یابد.\n"
            "او در ادامه گفت: «چین باید مذاکره کند.»\n"
            "بسیاری از کارشناسان گفتند بازار آسیب می‌بیند.\n"
            "لاریجانی افزود: مذاکره فعلا در دستور کار نیست.\n"
            "مریم حسینی گفت: بازار آرام است.\n")
    suggestions = suggest("d", text)
    assert_exact(text, suggestions)
    claims = by_label(suggestions, "Claim")
    assert [(c.text, speaker_name(c), c.rule) for c in claims] == [
        ("ما به دنبال جنگ نیستیم", "علی لاریجانی", "colon-quote"),
        ("تعرفه‌ها افزایش می‌یابد", "رئیس‌جمهور آمریکا", "reported-speech"),
        ("چین باید مذاکره کند", "رئیس‌جمهور آمریکا", "reported-speech"),
        ("مذاکره فعلا در دستور کار نیست", "علی لاریجانی", "reported-speech"),
        ("بازار آرام است", "مریم حسینی", "reported-speech"),
    ]
