"""Attribution verbs, rule names and the regular expressions the readers share.

Patterns run over ``search_fold(text)``: ZWNJ is a space, ي ك are ی ک, digits are ASCII.
"""

from __future__ import annotations

import re

from annotator.analysis.speakers import name_words
from annotator.text import search_fold

RULE_NAME_PREFIX = "name-prefix"
RULE_QUESTION_ANSWER = "question-answer"
RULE_LEAD = "lead-introduction"
RULE_REPORTED = "reported-speech"
RULE_REPORTED_VIEW = "reported-view"
RULE_ACCORDING_TO = "according-to"
RULE_COLON_QUOTE = "colon-quote"
RULE_PROPAGATE = "propagate"
RULE_WITH_SAYING = "with-saying"
RULE_ANNOUNCED = "announced"
RULE_CONTINUED = "continued-quote"
RULE_BULLETS = "post-bullets"

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
    RULE_WITH_SAYING: "SPEAKER با بیان اینکه X، … گفت makes X a Claim of the speaker of the verb",
    RULE_ANNOUNCED: "SPEAKER از X خبر داد makes X a Claim of the speaker",
    RULE_CONTINUED: "a first-person paragraph right after a direct quote that ran to the end "
                    "of its paragraph continues the quote, as a Claim of the same speaker",
    RULE_BULLETS: "a post whose title names one person and whose bullets speak in the first "
                  "person without an attribution verb: each bullet is a direct Claim of them",
}

# Attribution verbs, as written in canonical spelling; matched folded, with or without the
# space or ZWNJ between parts, in the third person singular or plural, simple past or perfect.
SPEECH_VERBS: tuple[str, ...] = (
    "گفت", "افزود", "تأکید کرد", "تاکید کرد", "اعلام کرد", "توضیح داد", "اظهار داشت",
    "اظهار کرد", "تصریح کرد", "ادامه داد", "خاطر نشان کرد", "خاطر نشان ساخت", "بیان کرد",
    "بیان داشت", "عنوان کرد", "عنوان داشت", "یاد آور شد", "یادآوری کرد", "مدعی شد",
    "هشدار داد", "اذعان کرد", "خبر داد", "ابراز داشت", "ابراز کرد", "اضافه کرد", "متذکر شد",
    "اظهار امیدواری کرد", "پاسخ داد", "گزارش داد", "ادعا کرد", "اعلام داشت", "نوشت",
    "پیش بینی کرد", "تأیید کرد", "تایید کرد",
)
PRESENT_SPEECH_VERBS: tuple[str, ...] = (
    "می‌گوید", "می‌گویند", "می‌گفت", "می‌گفتند", "معتقد است", "معتقدند", "خبر می‌دهد",
    "خبر می‌دهند", "اعلام می‌کند", "تأکید می‌کند", "تاکید می‌کند",
)
# Verbs whose content comes before them: SPEAKER X را Y دانست.
VIEW_VERBS: tuple[str, ...] = (
    "دانست", "خواند", "توصیف کرد", "ارزیابی کرد", "عنوان کرد", "قلمداد کرد", "تلقی کرد",
    "می‌دانست", "می‌دانستند", "می‌داند", "می‌دانند",
)
# Verbs whose content is the phrase after از: SPEAKER از X خبر داد.
ANNOUNCE_VERBS: tuple[str, ...] = ("خبر داد", "خبر می‌دهد", "خبر می‌دهند")

ROLE_INTERVIEWER = "interviewer"
ROLE_INTERVIEWEE = "interviewee"


def _phrase(text: str) -> str:
    return r"\s?".join(re.escape(w) for w in search_fold(text).split())


_TENSE_TAIL = r"(?:ند)?(?:ه(?:\s?(?:است|اند|بود|بودند))?)?(?!\s?(?:شد|شده|می\s?شود))"
_BOUNDARY_BEFORE = r"(?<!\w)"
_BOUNDARY_AFTER = r"(?!\w)(?!\s?و\s?گو)"  # گفت followed by وگو is گفت‌وگو, a conversation
SPEECH_VERB = re.compile(
    _BOUNDARY_BEFORE + "(?:"
    + "|".join(sorted((_phrase(v) + _TENSE_TAIL for v in SPEECH_VERBS), key=len, reverse=True)
               + [_phrase(v) for v in PRESENT_SPEECH_VERBS])
    + ")" + _BOUNDARY_AFTER)
VIEW_VERB = re.compile(
    _BOUNDARY_BEFORE + "(?:" + "|".join(sorted(
        (_phrase(v) + r"(?:ند)?(?:ه(?:\s?است)?)?" for v in VIEW_VERBS), key=len, reverse=True))
    + ")" + _BOUNDARY_AFTER)
ANNOUNCE_VERB = re.compile(
    "(?:" + "|".join(_phrase(v) for v in ANNOUNCE_VERBS) + ")")
CLAUSE_BREAK = re.compile(r"[،؛:.!?؟,;]")
SENTENCE_END = re.compile(r"[.!?؟]+(?=[\s»\"”]|$)")
INTERVIEW_WORD = r"(?:گفت\s?و\s?گو|گفتگو|مصاحبه)"
INTERVIEW = re.compile(INTERVIEW_WORD)
ACCORDING_TO = re.compile(
    r"(?<!\w)(?:به\s?گفته|بر\s?اساس\s?(?:بیانیه|اطلاعیه|گزارش|اعلام)(?:\s?(?:ی|رسمی))*)\s+")
# با بیان اینکه X، … گفت: the X is a Claim of its own.
WITH_SAYING = re.compile(
    r"(?<!\w)با\s?(?:بیان|اشاره\s?به|تأکید\s?بر|تاکید\s?بر|یادآوری|ابراز)\s?(?:این\s?که|اینکه)\s*")
RELAYED = re.compile(r"(?<!\w)به\s?نقل\s?از\s+")
DATELINE = re.compile(
    r"(?:به\s?گزارش|به\s?نقل\s?از)[^،,:؛\n]{1,80}[،,:؛]\s*"
    r"|[^\W\d]{2,20}\s?[-–]\s?[^\W\d]{2,20}\s?[-–]\s*")  # تهران - ایرنا -
LEADING_LINKS = re.compile(
    r"(?:(?:و|همچنین|همزمان|سپس|اما|ولی|نیز|هم|در\s?ادامه"
    r"|(?:این\s?)?در\s?حالی\s?(?:است\s?|بود\s?)?که|گفتنی\s?است(?:\s?که)?|در\s?همین\s?حال|از\s?سوی\s?دیگر"
    r"|از\s?طرف\s?دیگر|در\s?عین\s?حال|امروز|دیروز|امشب"
    r"|(?:روز|صبح|عصر|ظهر|شب|شامگاه|بامداد)\s(?:امروز|دیروز|گذشته|[^\s،]+)"
    r"(?:\s?(?:گذشته|امروز|دیروز))?)[\s،]+)+")
END_OF_TEXT = re.compile(r"انتهای\s?پیام")
BULLETS = " \t\u200c\u200d■□●•▪◾◼►▶*-–—"  # stripped from the edges of a paragraph
CLAUSE_REACH = 300  # code points: how far before a verb its subject may start
LEAD_REACH = 400  # code points: how far into a line a lead's interview word may be
OPENER = re.compile(r"(?:" + INTERVIEW_WORD + r"|شرح|خوانید|پرسش|سوال|سؤال).*[:：]\s*$")
# «A» … با «B» … به گفت‌وگو نشست / گفت‌وگو کرد
LEAD_WITH = re.compile(
    r"(?P<a>[^:؛.]+?)،?\s+با\s+(?P<b>[^:؛.]+?)،?\s+(?:به\s+)?" + INTERVIEW_WORD
    + r"\s?(?:نشست|کرد|کرده|انجام\s?داد|داشت|پرداخت)")
# A … گفت‌وگویی با B … انجام داد
LEAD_HELD = re.compile(
    r"(?P<a>[^،:؛.]+?)\s+" + INTERVIEW_WORD + r"\s?(?:یی|ای|ی)?\s+با\s+(?P<b>[^:؛.]+?)،?\s+"
    r"(?:انجام|ترتیب|داشت)")
# گفت‌وگوی «A» با «B»
LEAD_OF = re.compile(
    INTERVIEW_WORD + r"\s?(?:یی|ای|ی)?\s+(?P<a>[^،:؛.]+?)\s+با\s+(?P<b>[^،:؛.]+)")
# B در گفت‌وگو با A (B is interviewed by A)
LEAD_IN = re.compile(r"(?P<b>[^،:؛.]+?)\s+در\s+" + INTERVIEW_WORD + r"\s?(?:یی|ای|ی)?\s+با\s+"
                      r"(?P<a>[^،:؛.]+?)(?=\s+(?:گفت|افزود|اظهار|تاکید|تأکید|اعلام|توضیح)|[،:.]|$)")
FOOTER = re.compile(
    r"انتهای\s?پیام|ارسال\s?(?:فرمایید|کنید|نمایید)|کد\s?خبر|کلیه\s?حقوق|کپی\s?برداری"
    r"|^(?:منبع|برچسب|برچسب\s?ها|تگ\s?ها|لینک\s?کوتاه)\s*[:：]"
    r"|^\S+@\S+\.\S+$|^https?://\S+$")
NAME_PREFIX = re.compile(r"(?P<junk>[^\w«]*)(?P<name>[^:：\n]{1,48}?)\s*[:：]")
# Prefixes that label metadata, not a speaker.
NOT_SPEAKERS = frozenset(search_fold(w) for w in (
    "منبع", "تاریخ", "کد خبر", "عکس", "لینک", "نویسنده", "مترجم", "ترجمه", "گزارش", "خبرگزاری",
    "تهیه", "توضیح", "نکته", "یادداشت", "موضوع", "عنوان", "تیتر", "لید", "متن", "ساعت", "زمان",
    "مکان", "برچسب", "برچسب ها", "کلیدواژه", "دسته", "بخش", "صفحه", "note", "source",
))
QUESTION_MARKERS = frozenset(search_fold(w) for w in (
    "س", "سوال", "سؤال", "پرسش", "خبرنگار", "مجری"))
ANSWER_MARKERS = frozenset(search_fold(w) for w in ("ج", "جواب", "پاسخ"))



def looks_like_affiliation(text: str) -> bool:
    """A short description (a few words, no sentence) fit to keep as an affiliation."""
    return 0 < len(name_words(text)) <= 12 and not SPEECH_VERB.search(search_fold(text))

