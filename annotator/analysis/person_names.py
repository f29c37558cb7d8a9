"""What a phrase that names a source is: a person, a description, a group or an outlet.

Evidence for a person is lexical, as in Persian news: a common given name (``محمد``,
``مریم``, compounds such as ``محمدرضا`` and ``سیدمحمد``), a title before the name, or a role
description beside it. Descriptions are headed by a role noun (``سخنگوی``, ``سفیر``);
anonymous and collective sources by ``منبع``/``منابع``/``یک مقام`` or a plural noun; groups
and outlets by nouns such as ``سازمان``, ``وزارت``, ``خبرگزاری``. Every word is compared
folded (``search_fold``); ZWNJ is a space, so ``کریم‌پور`` is the two words ``کریم پور``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from annotator.text import search_fold


def _folded(words: str) -> frozenset[str]:
    """The folded words, each also without the space its ZWNJ folds to (رسانه‌ها is written
    رسانهها too)."""
    folded = [search_fold(w) for w in words.split()]
    return frozenset(folded + [w.replace(" ", "") for w in folded])


GIVEN_NAMES = _folded(
    "محمد علی حسن حسین رضا مهدی احمد محمود مصطفی مرتضی مجتبی مجتبا جواد کاظم جعفر صادق باقر "
    "هادی ابراهیم اسماعیل اسحاق یعقوب یوسف موسی عیسی داوود داود سلیمان یحیی ابوالفضل عباس "
    "قاسم هاشم ناصر منصور منوچهر سعید مسعود مجید حمید وحید فرید فرهاد فرشاد "
    "بهروز بهرام بیژن کامران کیوان پرویز هوشنگ جمشید داریوش کوروش سیروس اکبر اصغر "
    "غلامرضا غلامحسین غلامعلی عبدالله عبدالرضا عبدالرحیم حبیب ایوب یونس "
    "امیر امین آرش بابک پیمان پویا سامان سینا شهرام کاوه کیانوش مازیار میلاد "
    "نیما پژمان رامین رسول سجاد سهیل شاهین عماد عرفان فرزاد فریدون "
    "مهران مهرداد محسن محمدرضا محمدعلی محمدحسین محمدباقر محمدجواد محمدمهدی "
    "محمدحسن امیرحسین امیرعلی علیرضا علی‌اکبر علی‌اصغر حمیدرضا احمدرضا "
    "اسدالله روح‌الله ذبیح‌الله حجت اصغر اسفندیار افشین اردشیر بهزاد بهمن "
    "خسرو رحیم رحمان رستم ساسان سیاوش شهریار صمد ضیا طاهر "
    "عطاالله فتح‌الله کریم لطف‌الله مسیح مقداد منیر ناصرالدین "
    "نصرالله هومن یاسر یاسین وحیدرضا دونالد باراک جرج جو ولادیمیر امانوئل "
    "ابوبکر مریم زهرا فاطمه زینب معصومه مرجان مهناز "
    "مینا شیوا بهاره شبنم ترانه نسیم پگاه مهشید فرشته نسرین نرگس لیلا سارا سمیرا شیرین "
    "پروین پریسا طاهره اعظم فرزانه فریبا "
    "آزاده آزیتا نازنین نیلوفر هانیه ژاله شهلا شهناز سیمین گلناز گلشیفته "
    "ساناز کتایون منیژه مهسا مهتاب ملیحه معصومه")
# A given name written joined to a prefix: سیدمحمد، میرحسین، امیرعلی.
_NAME_PREFIXES = tuple(search_fold(p) for p in ("سید", "میر", "محمد", "امیر", "علی", "ابو"))

# Nouns heading an anonymous or collective source (یک منبع آگاه، منابع، برخی رسانه‌ها).
SOURCE_NOUNS = _folded(
    "منبع منابع مقام مقامات مسئول مسئولان مسؤولان کارشناسان کارشناس تحلیلگران ناظران "
    "شاهدان بازیکنان مقامات رسانه‌ها رسانه‌های گزارش‌ها گزارش‌های وکلای وکلا فعالان "
    "نمایندگان اعضای اعضا ساکنان کاربران شهروندان دیپلمات دیپلمات‌ها دیپلمات‌های "
    "سخنگویان پژوهشگران محققان دانشمندان")
# Nouns heading a group or institution that may speak (بیانیه، اطلاعیه).
ORGANIZATION_NOUNS = _folded(
    "سازمان وزارت وزارتخانه دولت شرکت کمیسیون مجلس ارتش سپاه پلیس دیوان شورای شورا "
    "بانک دفتر ستاد اتحادیه کاخ پنتاگون کرملین دادگاه قوه نهاد اداره باشگاه حزب جبهه "
    "گروه جنبش فدراسیون کنفدراسیون دانشگاه آژانس اتاق هیئت هیات کنگره سنا پارلمان")
OUTLET_NOUNS = _folded(
    "خبرگزاری شبکه روزنامه هفته‌نامه ماهنامه مجله سایت پایگاه رادیو تلویزیون "
    "خبرنگار خبرنگاران")
# Indefinite or quantifying words before a source noun (یک منبع، برخی رسانه‌ها).
SOURCE_DETERMINERS = _folded("یک برخی بعضی چند شماری تعدادی این آن")
# Surname pieces written apart (ZWNJ folds to a space): کریم‌پور، حسن‌زاده، رضانژاد.
SURNAME_SUFFIXES = _folded("پور زاده نژاد نیا فر راد منش وند کیا آبادی")


@functools.lru_cache(maxsize=8192)
def is_given_name(word: str) -> bool:
    """``word`` (folded) is a given name, or one joined to a prefix (سیدمحمد)."""
    if word in GIVEN_NAMES:
        return True
    for prefix in _NAME_PREFIXES:
        if word.startswith(prefix) and word[len(prefix):] in GIVEN_NAMES:
            return True
    return False


def source_kind(words: Sequence[str]) -> str:
    """``person`` when ``words`` (folded, titles removed) start with a given name;
    ``organization``, ``outlet`` or ``descriptive`` by their head noun; ``""`` otherwise."""
    if not words:
        return ""
    head = words[1] if words[0] in SOURCE_DETERMINERS and len(words) > 1 else words[0]
    if is_given_name(words[0]) and len(words) >= 2:
        return "person"
    if head in OUTLET_NOUNS:
        return "outlet"
    if head in ORGANIZATION_NOUNS:
        return "organization"
    if head in SOURCE_NOUNS or (len(words) > 1 and " ".join(words[:2]) in SOURCE_NOUNS):
        return "descriptive"
    return ""
