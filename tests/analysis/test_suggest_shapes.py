"""The suggestion rules on the shapes of real Persian news and interviews (invented texts)."""

from __future__ import annotations

import time

from annotator.analysis.suggest import (
    RULES,
    SPEECH_VERBS,
    NewSpeaker,
    Suggestion,
    suggest,
)


def named(suggestion: Suggestion) -> str:
    value = suggestion.attrs.get("speaker", "")
    return value.name if isinstance(value, NewSpeaker) else ""


def check(text: str) -> list[Suggestion]:
    suggestions = suggest("d", text)
    for s in suggestions:
        assert text[s.start:s.end] == s.text and s.rule in RULES
    return suggestions


def claims(text: str) -> list[tuple[str, str]]:
    return [(s.text, named(s)) for s in check(text) if s.label == "Claim"]


def turns(text: str) -> list[tuple[str, str]]:
    return [(s.text, named(s)) for s in check(text) if s.label == "Turn"]


def proposed(text: str) -> set[str]:
    return {v.name for s in check(text) for v in s.attrs.values() if isinstance(v, NewSpeaker)}


# -- dialogue only where it is dialogue ---------------------------------------------------

def test_headlines_datelines_and_a_single_heading_do_not_make_a_dialogue() -> None:
    text = ("خبرگزاری پارس‌نما:\n"
            "نوری: بازار مسکن به ثبات رسیده است\n"
            "نوری: بازار مسکن به ثبات رسیده است\n"
            "به گزارش پارس‌نما، کامران نوری معاون وزیر راه روز سه‌شنبه گفت: قیمت مسکن "
            "امسال افزایش نمی‌یابد.\n"
            "منبع: پارس‌نما\n")
    assert turns(text) == []
    assert claims(text) == [
        ("بازار مسکن به ثبات رسیده است", "کامران نوری"),
        ("بازار مسکن به ثبات رسیده است", "کامران نوری"),
        ("قیمت مسکن امسال افزایش نمی‌یابد", "کامران نوری"),
    ]


def test_labels_of_persons_that_alternate_end_at_a_signature_and_narration_keeps_claims(
        ) -> None:
    text = ("شیوا رستمی در گفت‌وگو با ما گفت: «کتاب تازه‌ام پاییز منتشر می‌شود.»\n"
            "مجری: خانم رستمی، موضوع کتاب چیست؟ 🎙️\n"
            "رستمي: درباره مهاجرت است.\n"
            "و درباره خانواده‌ها.\n"
            "مجری: چرا این موضوع؟\n"
            "رستمي: چون تجربه خودم بود.\n"
            "@radio_example\n"
            "این متن ادامه ندارد.\n")
    found = turns(text)
    assert [t for t, _ in found] == [
        "خانم رستمی، موضوع کتاب چیست؟ 🎙️", "درباره مهاجرت است.\nو درباره خانواده‌ها.",
        "چرا این موضوع؟", "چون تجربه خودم بود."]
    assert {s for _, s in found} == {"", "شیوا رستمی"}
    assert claims(text) == [("کتاب تازه‌ام پاییز منتشر می‌شود", "شیوا رستمی")]


def test_a_label_inside_a_paragraph_and_a_dateline_label_before_the_lead() -> None:
    text = ("ندا: این گفت‌وگو با حجت‌الاسلام مهدی توکلی است که در ادامه می‌خوانید: "
            "ندا: آقای توکلی، از کی سخنرانی می‌کنید؟ از نوجوانی سخنرانی کرده‌ام. "
            "ندا: چرا؟ - چون علاقه داشتم.\n")
    assert turns(text) == [("آقای توکلی، از کی سخنرانی می‌کنید؟", "ندا"),
                           ("از نوجوانی سخنرانی کرده‌ام.", "مهدی توکلی"),
                           ("چرا؟", "ندا"), ("چون علاقه داشتم.", "مهدی توکلی")]


def test_a_label_with_a_description_and_a_stage_direction() -> None:
    text = ("صالحی، مجری برنامه: «سلام، سؤال اول را می‌پرسم.»\n"
            "نامزد شماره دو: «بفرمایید.»\n"
            "مجری: «برنامه شما چیست؟»\n"
            "نامزد شماره دو با لبخند: «برنامه ما روشن است.»\n")
    assert turns(text) == [("«سلام، سؤال اول را می‌پرسم.»", "صالحی"),
                           ("«بفرمایید.»", "نامزد شماره دو"),
                           ("«برنامه شما چیست؟»", "صالحی"),
                           ("«برنامه ما روشن است.»", "نامزد شماره دو")]


# -- interviews without speaker labels ----------------------------------------------------

def test_questions_and_answers_after_an_opener_ending_with_a_full_stop() -> None:
    text = ("بهرام کاظمی متولد ۱۳۵۰ در شیراز است و رمان تازه‌ای نوشته است. به همین مناسبت "
            "با او گفت‌وگویی انجام دادیم که می‌خوانید.\n"
            "- رمان تازه شما درباره چیست؟\n"
            "درباره شهری است که دیگر نیست.\n"
            "(خنده)\n"
            "- کمی از شخصیت اصلی بگویید\n"
            "او معلمی است که به شهرش برمی‌گردد.\n"
            "و همه‌چیز را تغییر یافته می‌بیند.\n")
    assert turns(text) == [
        ("رمان تازه شما درباره چیست؟", ""),
        ("درباره شهری است که دیگر نیست.", "بهرام کاظمی"),
        ("کمی از شخصیت اصلی بگویید", ""),
        ("او معلمی است که به شهرش برمی‌گردد.\nو همه‌چیز را تغییر یافته می‌بیند.",
         "بهرام کاظمی")]


def test_short_addressed_questions_a_pull_quote_and_a_first_person_lead() -> None:
    text = ("پریسا نوری: رمان «باران» نخستین اثر امیرعلی صادقی است. با صادقی درباره "
            "این رمان گفت‌وگو کردم:\n"
            "آقای صادقی، رمان شما با یک نامه شروع می‌شود و با نامه‌ای دیگر تمام می‌شود.\n"
            "نامه‌ها برای من مهم بودند\n"
            "می‌خواستم نشان دهم نامه‌ها چه می‌کنند.\n"
            "چرا نامه؟\n"
            "چون نامه صدای آدم است.\n")
    assert turns(text) == [
        ("آقای صادقی، رمان شما با یک نامه شروع می‌شود و با نامه‌ای دیگر تمام می‌شود.",
         "پریسا نوری"),
        ("می‌خواستم نشان دهم نامه‌ها چه می‌کنند.", "امیرعلی صادقی"),
        ("چرا نامه؟", "پریسا نوری"),
        ("چون نامه صدای آدم است.", "امیرعلی صادقی")]


def test_questions_and_answers_in_one_paragraph_split_by_a_stray_marker() -> None:
    text = ("Õ چند سال دارید؟ سی سال دارم. Õ کارتان چیست؟ نقاشی؟ نقاشم، بله. "
            "Õ خسته نمی‌شوید؟ نه.\n")
    assert turns(text) == [("چند سال دارید؟", ""), ("سی سال دارم.", ""),
                           ("کارتان چیست؟ نقاشی؟", ""), ("نقاشم، بله.", ""),
                           ("خسته نمی‌شوید؟", ""), ("نه.", "")]


def test_an_attribution_ending_with_a_colon_is_no_opener_and_answer_labels_find_the_lead(
        ) -> None:
    report = ("کامران نوری معاون وزیر راه در گفت‌وگو با ایسنا درباره مسکن اظهار داشت:\n"
              "قیمت مسکن امسال ثابت می‌ماند.\n"
              "وی افزود: وام مسکن افزایش می‌یابد.\n")
    assert turns(report) == []
    assert claims(report) == [("قیمت مسکن امسال ثابت می‌ماند", "کامران نوری"),
                              ("وام مسکن افزایش می‌یابد", "کامران نوری")]
    interview = ("متن کامل گفت‌وگو با رضا صادقی به شرح زیر است:\n"
                 "س: چرا خواننده شدید؟\n"
                 "ج: از کودکی آواز می‌خواندم.\n")
    assert turns(interview) == [("چرا خواننده شدید؟", ""),
                                ("از کودکی آواز می‌خواندم.", "رضا صادقی")]


def test_a_report_with_an_opener_but_no_questions_is_no_interview() -> None:
    text = ("نظر چند استاد را در زیر می‌خوانید.\n"
            "استاد دانشگاه تهران\n"
            "عضو هیئت علمی دانشگاه تهران گفت: پژوهش باید به صنعت برسد.\n")
    assert turns(text) == []
    assert claims(text) == [("پژوهش باید به صنعت برسد", "عضو هیئت علمی دانشگاه تهران")]


# -- who said it -------------------------------------------------------------------------

def test_subjects_separated_from_the_verb_and_role_descriptions_as_aliases() -> None:
    text = ("به گزارش ایرنا، ناصر کريمي سخنگوی وزارت نیرو با بیان اینکه «ذخایر سدها کم "
            "است»، گفت: مصرف باید کم شود.\n"
            "سخنگوی وزارت نیرو با اشاره به تابستان گرم، افزود: برق قطع نمی‌شود.\n"
            "وی همچنین از آغاز طرح صرفه‌جویی خبر داد.\n"
            "کریمی بارش‌های امسال را کمتر از سال گذشته عنوان کرد.\n")
    assert claims(text) == [
        ("ذخایر سدها کم است", "ناصر کريمي"), ("مصرف باید کم شود", "ناصر کريمي"),
        ("برق قطع نمی‌شود", "ناصر کريمي"), ("آغاز طرح صرفه‌جویی", "ناصر کريمي"),
        ("بارش‌های امسال را کمتر از سال گذشته", "ناصر کريمي")]
    speakers = {v for s in check(text) for v in s.attrs.values() if isinstance(v, NewSpeaker)}
    assert len(speakers) == 1
    (karimi,) = speakers
    assert "سخنگوی وزارت نیرو" in karimi.aliases and karimi.kind == "person"


def test_a_description_named_later_in_the_report_is_the_one_person() -> None:
    text = ("سفیر ایران در ژاپن از امضای قرارداد تازه خبر داد.\n"
            "رضا حیدری گفت: قرارداد هفته آینده اجرا می‌شود.\n"
            "این دیپلمات افزود: همکاری‌ها گسترش می‌یابد.\n")
    assert claims(text) == [("امضای قرارداد تازه", "رضا حیدری"),
                            ("قرارداد هفته آینده اجرا می‌شود", "رضا حیدری"),
                            ("همکاری‌ها گسترش می‌یابد", "رضا حیدری")]


def test_a_description_of_another_office_is_not_merged_into_the_named_person() -> None:
    text = ("مهدی گل‌محمدی، رئیس سازمان بنادر، گفت: بندرها آماده‌اند.\n"
            "رئیس سازمان بنادر افزود: صادرات بیشتر می‌شود.\n"
            "این در حالی است که وزیر اقتصاد پیشتر گفته بود بودجه کافی نیست.\n"
            "در مقابل، وزیر اقتصاد کارشناسان را عامل تأخیر دانست.\n")
    assert claims(text) == [("بندرها آماده‌اند", "مهدی گل‌محمدی"),
                            ("صادرات بیشتر می‌شود", "مهدی گل‌محمدی"),
                            ("بودجه کافی نیست", "وزیر اقتصاد"),
                            ("کارشناسان را عامل تأخیر", "وزیر اقتصاد")]


def test_pronouns_find_the_last_person_never_an_outlet_and_anonymous_sources() -> None:
    text = ("مریم صادقی، وزیر بهداشت، گفت که واکسن کافی است.\n"
            "به گزارش خبرگزاری سلامت، او تأکید کرد: «نگرانی وجود ندارد.»\n"
            "یک منبع آگاه اما گفت که توزیع با تأخیر انجام می‌شود.\n"
            "به گفته این منبع، انبارها خالی است.\n")
    assert claims(text) == [("واکسن کافی است", "مریم صادقی"),
                            ("نگرانی وجود ندارد", "مریم صادقی"),
                            ("توزیع با تأخیر انجام می‌شود", "یک منبع آگاه"),
                            ("انبارها خالی است", "یک منبع آگاه")]
    kinds = {v.name: v.kind for s in check(text) for v in s.attrs.values()
             if isinstance(v, NewSpeaker)}
    assert kinds == {"مریم صادقی": "person", "یک منبع آگاه": "descriptive"}


def test_groups_speak_as_groups_and_function_words_are_never_speakers() -> None:
    text = ("سازمان هواشناسی اعلام کرد که باران فردا می‌بارد.\n"
            "این در حالی است که گفت: هیچ.\n"
            "بسیاری گفتند بازار آرام است.\n"
            "بر اساس بیانیه سازمان هواشناسی، دما کاهش می‌یابد.\n")
    assert claims(text) == [("باران فردا می‌بارد", "سازمان هواشناسی"),
                            ("دما کاهش می‌یابد", "سازمان هواشناسی")]
    kinds = {v.name: v.kind for s in check(text) for v in s.attrs.values()
             if isinstance(v, NewSpeaker)}
    assert kinds == {"سازمان هواشناسی": "organization"}


def test_time_adverbials_unnamed_spokesmen_and_two_word_surnames() -> None:
    text = ("روز پنجشنبه سرتیپ «کاوه رستمی» سخنگوی ارتش در بیانیه‌ای اعلام کرد که رزمایش "
            "آغاز شده است.\n"
            "یک سخنگوی شرکت ملی نفت گفت که صادرات ادامه دارد.\n"
            "صبح امروز محمود هاشمی شیرازی گفت: جلسه برگزار شد.\n")
    assert claims(text) == [("رزمایش آغاز شده است", "کاوه رستمی"),
                            ("صادرات ادامه دارد", "یک سخنگوی شرکت ملی نفت"),
                            ("جلسه برگزار شد", "محمود هاشمی شیرازی")]


def test_relayed_reports_name_the_innermost_source_and_outlets_speak_as_outlets() -> None:
    text = ("شبکه نمونه به نقل از منابع آگاه گزارش داد سعید منصور پیام‌ها را منتقل کرده است.\n"
            "به گفته این منابع، پاسخ هفته آینده می‌رسد.\n"
            "روزنامه آفتاب نوشت که مذاکرات ادامه دارد.\n")
    assert claims(text) == [("سعید منصور پیام‌ها را منتقل کرده است", "منابع آگاه"),
                            ("پاسخ هفته آینده می‌رسد", "منابع آگاه"),
                            ("مذاکرات ادامه دارد", "روزنامه آفتاب")]
    kinds = {v.name: v.kind for s in check(text) for v in s.attrs.values()
             if isinstance(v, NewSpeaker)}
    assert kinds["روزنامه آفتاب"] == "outlet" and kinds["منابع آگاه"] == "descriptive"
    assert "سعید منصور پیام‌ها" not in kinds


def test_speech_in_a_relative_clause_of_a_view_is_no_claim() -> None:
    text = ("مهدی نوری این نگرانی را ناشی از بیانیه‌هایی دانست که اعلام کرده‌اند "
            "قیمت‌ها بالا می‌رود.\n")
    assert claims(text) == [("این نگرانی را ناشی از بیانیه‌هایی", "مهدی نوری")]


# -- verbs and shapes ---------------------------------------------------------------------

def test_verbs_written_with_a_space_a_zwnj_or_joined() -> None:
    for verb in ("خاطر نشان کرد", "خاطر\u200cنشان کرد", "خاطرنشان کرد", "اظهارداشت",
                 "اظهار\u200cداشت", "یادآور شد"):
        text = f"علی موسوی روز شنبه {verb}: کار تمام شده است.\n"
        assert claims(text) == [("کار تمام شده است", "علی موسوی")], verb
    assert "خاطر نشان کرد" in SPEECH_VERBS


def test_a_claim_ends_at_the_next_attribution_and_at_narration() -> None:
    text = ("فرشاد قاسمی اظهار داشت: طرح آماده است. اجرای آن زمان می‌برد.  قاسمی تصریح کرد: "
            "بودجه کافی است. وی گفت که مجلس موافق است. گفتنی است این طرح سال گذشته ارائه "
            "شده بود.\n")
    assert claims(text) == [("طرح آماده است. اجرای آن زمان می‌برد", "فرشاد قاسمی"),
                            ("بودجه کافی است", "فرشاد قاسمی"),
                            ("مجلس موافق است", "فرشاد قاسمی")]


def test_quote_posts_bullet_posts_and_a_first_person_continuation() -> None:
    text = ("جواد رحیمی درباره بازار ارز:\n"
            "«نرخ ارز پایین می‌آید»\n"
            "«صادرات بیشتر می‌شود»\n"
            "\n"
            "حضور لیلا کاظمی وزیر فرهنگ در نمایشگاه کتاب\n"
            "🔹 امسال ناشران بیشتری آمدند و ما خوشحالیم.\n"
            "🔹 سال آینده نمایشگاه را بزرگ‌تر برگزار می‌کنیم.\n"
            "\n"
            "سارا نوری معتقد است:\n"
            "کتاب‌خوانی کم شده است.\n"
            "\n"
            "محسن باقری به خبرنگاران گفت: تیم ما آماده است.\n"
            "ما برای قهرمانی تمرین کردیم و نتیجه می‌گیریم.\n")
    assert claims(text) == [
        ("نرخ ارز پایین می‌آید", "جواد رحیمی"), ("صادرات بیشتر می‌شود", "جواد رحیمی"),
        ("امسال ناشران بیشتری آمدند و ما خوشحالیم", "لیلا کاظمی"),
        ("سال آینده نمایشگاه را بزرگ‌تر برگزار می‌کنیم", "لیلا کاظمی"),
        ("کتاب‌خوانی کم شده است", "سارا نوری"),
        ("تیم ما آماده است", "محسن باقری"),
        ("ما برای قهرمانی تمرین کردیم و نتیجه می‌گیریم", "محسن باقری")]


def test_topics_requests_and_words_without_evidence_are_no_claims() -> None:
    text = ("علی نوری درباره بودجه سخن گفت.\n"
            "کتاب جدید گفت که تمام شد.\n"
            "گفته شد که جلسه لغو شده است.\n")
    assert claims(text) == []
    assert proposed(text) <= {"علی نوری"}


def test_letter_variants_emoji_and_zwnj_keep_offsets_exact() -> None:
    text = ("📣 به گزارش خبرگزاري نمونه، علي‌اكبر يزداني سخنگوي دولت گفت: «تصميم‌ها "
            "گرفته شد 👍.» وي افزود: جلسه بعدي يكشنبه است.\n")
    assert claims(text) == [("تصميم‌ها گرفته شد 👍", "علي‌اكبر يزداني"),
                            ("جلسه بعدي يكشنبه است", "علي‌اكبر يزداني")]


# -- speed ---------------------------------------------------------------------------------

def _report(paragraphs: int) -> str:
    given = ("علی", "مریم", "رضا", "زهرا", "حسن", "سارا")
    surnames = ("کریمی", "نوری", "صادقی", "رحیمی", "باقری", "قاسمی", "حیدری")
    lines = []
    for i in range(paragraphs):
        name = f"{given[i % 6]} {surnames[i % 7]}"
        lines.append(f"{name} سخنگوی ستاد شماره {i % 5} روز شنبه گفت: «طرح {i} آماده است.» "
                     f"وی با بیان اینکه بودجه کافی است، افزود: اجرا آغاز می‌شود.")
    return "\n".join(lines)


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        suggest("d", text)
        best = min(best, time.perf_counter() - start)
    return best


def test_suggestion_time_grows_linearly_with_the_text() -> None:
    small, large = _report(80), _report(800)
    assert len(large) > 9 * len(small)
    one_paragraph = (large.replace("\n", " "), small.replace("\n", " "))
    assert _seconds(one_paragraph[0]) < 30 * _seconds(one_paragraph[1]) + 0.05
    # Linear growth is 10×; a quadratic step would be about 100×. Best of two, and a wide
    # margin, so that a busy machine does not fail it.
    assert _seconds(large) < 30 * _seconds(small) + 0.05
