"""Suggestions on one long news text dense with reported speech (300,000 characters).

The text is invented: paragraphs in which named officials, role descriptions, pronouns and
anonymous sources say things with every attribution shape the rules read (``گفت:``, « »,
``با بیان اینکه``, ``X را Y دانست``, ``از X خبر داد``, ``به گفته X،``), with ZWNJ, Arabic
ي/ك and emoji. Also measured at a tenth of the size, so that the ratio shows whether the
time grows linearly with the length.
"""

from __future__ import annotations

import random

from annotator.analysis.suggest import suggest
from bench.harness import Context, Result, median

CHARACTERS = 300_000
TARGET_SECONDS = 3.0

_GIVEN = ("علی", "رضا", "مریم", "حسن", "زهرا", "مهدی", "سارا", "جواد", "فاطمه", "کاظم",
          "سعید", "نرگس", "امیرحسین", "محمدرضا", "ليلا")
_SURNAMES = ("کریمی", "احمدی", "رحیمی", "موسوی", "حسینی", "صادقی", "نوری", "کاظمی",
             "جعفری", "رستمی", "قاسمی", "حیدری", "باقری", "يزدانی", "توکلی‌نژاد")
_ROLES = ("سخنگوی وزارت نیرو", "رئیس سازمان برنامه", "سفیر ایران در ژاپن",
          "عضو کمیسیون اقتصادی مجلس", "معاون وزیر راه", "مدیرعامل شرکت آب")
_CONTENT = ("قیمت‌ها تا پایان سال ثابت می‌ماند", "برنامه تازه‌ای برای صادرات آماده شده است",
            "ذخایر سدها از سال گذشته کمتر است 💧", "همکاری با کشورهای همسایه ادامه دارد",
            "بودجه این طرح هنوز تصویب نشده است", "مذاکرات هفته آینده از سر گرفته می‌شود")


def dense_report(characters: int, seed: int = 1) -> str:
    """About ``characters`` code points of invented reported speech, one paragraph a line."""
    pick = random.Random(seed).choice
    paragraphs: list[str] = []
    size = 0
    while size < characters:
        given, surname, role = pick(_GIVEN), pick(_SURNAMES), pick(_ROLES)
        a, b, c = pick(_CONTENT), pick(_CONTENT), pick(_CONTENT)
        paragraph = pick((
            f"{given} {surname} {role} روز دوشنبه در گفت‌وگو با خبرنگاران گفت: {a}. "
            f"{surname} افزود: {b}.",
            f"به گزارش خبرنگار ما، {role} با بیان اینکه {a}، تصریح کرد: «{b}.» "
            f"وی همچنین خاطر نشان کرد {c}.",
            f"{surname} این طرح را اقدامی ضروری دانست و اظهارداشت: {a}.",
            f"{role} از آغاز مرحله تازه‌ای از همکاری‌ها خبر داد. به گفته {role}، {b}.",
            f"یک منبع آگاه گفت که {a}. او تأکید کرد: «{c}.»",
        ))
        paragraphs.append(paragraph)
        size += len(paragraph) + 1
    return "\n".join(paragraphs)


def run(ctx: Context) -> list[Result]:
    full = ctx.size(CHARACTERS, minimum=3_000)
    results = []
    seconds: dict[int, float] = {}
    for characters in (full // 10, full):
        text = dense_report(characters, seed=ctx.seed)
        runs, _ = ctx.compare(lambda t=text: suggest("bench", t))
        seconds[characters] = median(runs)
        found = len(suggest("bench", text))
        ctx.log(f"suggest: {len(text):,} characters, {found:,} suggestions, "
                f"{seconds[characters]:.2f} s")
        results.append(Result(
            f"suggest, {characters:,} characters of reported speech",
            "annotator.analysis.suggest.suggest on one document (rules only)", "s",
            seconds[characters], TARGET_SECONDS * characters / CHARACTERS, "max", runs=runs,
            size=f"{len(text):,} characters, {found:,} suggestions"))
    small, large = sorted(seconds)
    results[-1].notes = (f"{seconds[large] / seconds[small]:.1f}× the time of "
                         f"{large / small:.0f}× less text (linear growth: about 10×)")
    return results
