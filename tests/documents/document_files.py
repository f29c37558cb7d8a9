"""Files of each kind made here, with the text put into them known exactly.

Every text is written for these tests (no publisher's sentence): Persian with ZWNJ, Persian and
Latin digits, Latin runs and an emoji. ``PAGES`` imitate the saved page of a Persian news site:
menus, ads, related links, comments and a footer around one article.
"""

from __future__ import annotations

import html
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FONT = ROOT / "resources" / "fonts" / "Vazirmatn-Regular.ttf"
EMOJI_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Vazirmatn has no emoji

TITLE = "وزیر نیرو: طرح انتقال آب تا پایان ۱۴۰۵ کامل می‌شود"
AUTHOR = "مریم احمدی"
DATE = "2026-03-14"
URL = "https://news.example.ir/fa/news/48213"

PARAGRAPHS = (
    "وزیر نیرو روز سه‌شنبه در نشست خبری گفت که طرح انتقال آب به استان‌های مرکزی تا پایان"
    " سال ۱۴۰۵ به بهره‌برداری می‌رسد و دیگر نیازی به جیره‌بندی آب در تابستان نخواهد بود.",
    "به گفته‌ی او، ۳۲ درصد از کار ساخت خط لوله انجام شده و قرارداد تأمین پمپ‌ها با شرکت"
    " Aqua-Tech در ماه آینده امضا می‌شود 😀 تا کار بدون وقفه ادامه پیدا کند.",
    "یکی از نمایندگان مجلس این وعده را «غیرواقعی» خواند و گفت: «ما پیش‌تر هم چنین قول‌هایی"
    " شنیده‌ایم و هر بار زمان پایان کار عقب افتاده است…»",
    "کارشناسان اقتصادی می‌گویند هزینه‌ی کل طرح از 2.5 میلیارد دلار گذشته و بخشی از آن باید"
    " از محل صندوق توسعه‌ی ملی پرداخت شود؛ موضوعی که هنوز به تصویب نرسیده است.",
    "وزیر در پاسخ به پرسش خبرنگاران درباره‌ی مصرف کشاورزی گفت که سهم آب کشاورزی در این"
    " طرح کاهش نمی‌یابد و کشاورزان نگران نباشند.",
)
BODY = "\n".join(PARAGRAPHS)

# Page chrome: none of it may reach the document.
MENU = ("صفحه اصلی", "سیاسی", "اقتصاد و بازار", "ورزشی", "فرهنگی", "بین‌الملل", "ویدئو")
AD = "تبلیغات: خرید اقساطی خودروی صفر با سود ۱۸ درصد، همین امروز ثبت‌نام کنید"
RELATED = ("افزایش قیمت بلیت هواپیما در نوروز اعلام شد",
           "تیم ملی فوتبال برای اردوی آماده‌سازی به ترکیه رفت",
           "بارش برف راه‌های شمالی را بست")
POPULAR = ("رئیس بانک مرکزی از سیاست تازه‌ی ارزی خبر داد",
           "نمایشگاه کتاب تهران با حضور ناشران خارجی آغاز شد")
COMMENT = "کاربر ناشناس: این حرف‌ها را سال‌هاست می‌شنویم، کی عمل می‌شود؟"
FOOTER = "کلیه حقوق این سایت برای خبرگزاری نمونه محفوظ است © ۱۴۰۵"
NEWSLETTER = "برای دریافت خبرنامه نشانی ایمیل خود را وارد کنید"
CHROME = (*MENU, AD, *RELATED, *POPULAR, COMMENT, FOOTER, NEWSLETTER)
assert not [piece for piece in CHROME if piece in BODY or piece in TITLE]


def _head() -> str:
    return (f"<head><meta charset='utf-8'><title>{TITLE} | خبرگزاری نمونه</title>"
            f"<meta property='og:title' content='{TITLE}'>"
            f"<meta name='author' content='{AUTHOR}'>"
            f"<meta property='article:published_time' content='{DATE}T09:30:00+03:30'>"
            f"<link rel='canonical' href='{URL}'>"
            "<script>var adslot = 'top'; window.dataLayer = [];</script>"
            "<style>.menu li { display: inline; }</style></head>")


def _menu() -> str:
    items = "".join(f"<li><a href='/fa/{i}'>{name}</a></li>" for i, name in enumerate(MENU))
    return (f"<header><div class='logo'>خبرگزاری نمونه</div><nav><ul class='menu'>{items}</ul>"
            "</nav></header>")


def _list(title: str, items: tuple[str, ...], css: str) -> str:
    links = "".join(f"<li><a href='/fa/news/{i}'>{item}</a></li>" for i, item in enumerate(items))
    return f"<div class='{css}'><h3>{title}</h3><ul>{links}</ul></div>"


def _footer() -> str:
    return (f"<footer><div class='newsletter'>{NEWSLETTER} <input type='email'></div>"
            f"<p class='copyright'>{FOOTER}</p></footer>")


def _paragraphs() -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in PARAGRAPHS)


def page_semantic() -> str:
    """A page with <article>, <time> and a byline: the layout most news sites use now."""
    return ("<!DOCTYPE html><html lang='fa' dir='rtl'>" + _head() + "<body>" + _menu()
            + f"<div class='ad-banner'>{AD}</div><main><article>"
            f"<h1 class='title'>{TITLE}</h1>"
            f"<div class='byline'>نویسنده: <span class='author'>{AUTHOR}</span> "
            f"<time datetime='{DATE}'>۲۳ اسفند ۱۴۰۴</time></div>"
            + _paragraphs()
            + "<div class='share'>اشتراک‌گذاری: تلگرام | واتس‌اپ | توییتر</div></article>"
            + _list("اخبار مرتبط", RELATED, "related")
            + f"<section class='comments'><h3>نظرات</h3><p>{COMMENT}</p></section></main>"
            + "<aside>" + _list("پربازدیدترین‌ها", POPULAR, "popular") + "</aside>"
            + _footer() + "</body></html>")


def page_divs() -> str:
    """An older layout: tables and divs with class names only, the ad inside the body column."""
    return ("<!DOCTYPE html><html lang='fa' dir='rtl'>" + _head() + "<body>"
            + "<div id='top'>" + _menu() + "</div><table><tr><td class='right-col'>"
            + _list("پربازدیدترین‌ها", POPULAR, "popular") + "</td><td class='main-col'>"
            + f"<div class='news-title'><h2>{TITLE}</h2></div>"
            + f"<div class='news-info'>کد خبر: 48213 | {AUTHOR}</div>"
            + "<div class='news-body'>"
            + "".join(f"<div class='para'>{html.escape(p)}</div>" for p in PARAGRAPHS[:3])
            + f"<div class='inline-ad'>{AD}</div>"
            + "".join(f"<div class='para'>{html.escape(p)}</div>" for p in PARAGRAPHS[3:])
            + "</div>" + _list("اخبار مرتبط", RELATED, "related")
            + f"<div class='comments'>{COMMENT}</div></td></tr></table>"
            + _footer() + "</body></html>")


def page_portal() -> str:
    """A portal page: long link lists on both sides and a related box inside the article."""
    more = tuple(f"{item} ({n})" for n, item in enumerate(RELATED * 3))
    return ("<!DOCTYPE html><html lang='fa' dir='rtl'>" + _head() + "<body>" + _menu()
            + _list("آخرین اخبار", more, "latest") + "<div id='content'>"
            + f"<h1>{TITLE}</h1><p class='lead'><b>{AUTHOR}</b> - {DATE}</p>"
            + "".join(f"<p>{html.escape(p)}</p>" for p in PARAGRAPHS[:2])
            + _list("بیشتر بخوانید", RELATED[:2], "read-more")
            + "".join(f"<p>{html.escape(p)}</p>" for p in PARAGRAPHS[2:])
            + "<p class='tags'>برچسب‌ها: آب، وزارت نیرو، مجلس</p></div>"
            + f"<div class='ad'>{AD}</div>" + _list("پربازدیدترین‌ها", POPULAR, "popular")
            + f"<div class='comments'><p>{COMMENT}</p></div>" + _footer() + "</body></html>")


PAGES = {"semantic": page_semantic, "divs": page_divs, "portal": page_portal}


HEADING = "گزارش نشست خبری وزیر نیرو"
WORD_TABLE = (("شاخص", "مقدار"), ("پیشرفت کار", "۳۲ درصد"))


def write_docx(path: Path) -> str:
    """A Word file with a heading, the paragraphs and a table; returns the text it holds."""
    import docx

    document = docx.Document()
    document.core_properties.title = TITLE
    document.core_properties.author = AUTHOR
    document.add_heading(HEADING, level=1)
    for paragraph in PARAGRAPHS[:3]:
        document.add_paragraph(paragraph)
    document.add_paragraph("")
    table = document.add_table(rows=len(WORD_TABLE), cols=2)
    for row, cells in zip(table.rows, WORD_TABLE, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    for paragraph in PARAGRAPHS[3:]:
        document.add_paragraph(paragraph)
    document.save(str(path))
    cells = [text for row in WORD_TABLE for text in row]
    return "\n".join([HEADING, *PARAGRAPHS[:3], *cells, *PARAGRAPHS[3:]])


def _pdf() -> object:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(TITLE)
    pdf.set_author(AUTHOR)
    pdf.add_page()
    pdf.add_font("vazirmatn", fname=str(FONT))
    pdf.add_font("dejavu", fname=str(EMOJI_FONT))
    pdf.set_font("vazirmatn", size=11)
    pdf.set_fallback_fonts(["dejavu"])
    return pdf


def write_pdf_shaped(path: Path) -> str:
    """A PDF drawn by a text shaping engine (HarfBuzz), as word processors make them: joined
    glyphs, right to left, each mapped back to the letters written; paragraphs wrap."""
    pdf = _pdf()
    pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab",
                         language="fas")
    for paragraph in (TITLE, *PARAGRAPHS):
        pdf.multi_cell(0, 7, paragraph, align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
    pdf.output(str(path))
    return "\n".join((TITLE, *PARAGRAPHS))


def write_pdf_visual(path: Path) -> str:
    """A PDF as older tools make Persian ones: each line turned into presentation forms and
    stored in visual order (arabic-reshaper, python-bidi), drawn left to right."""
    import arabic_reshaper
    from bidi import get_display

    pdf = _pdf()
    width = pdf.epw
    for paragraph in (TITLE, *PARAGRAPHS):
        lines: list[list[str]] = [[]]
        for word in paragraph.split(" "):
            candidate = " ".join([*lines[-1], word])
            if lines[-1] and pdf.get_string_width(arabic_reshaper.reshape(candidate)) > width:
                lines.append([])
            lines[-1].append(word)
        for words in lines:
            visual = get_display(arabic_reshaper.reshape(" ".join(words)))
            pdf.cell(0, 7, visual, align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
    pdf.output(str(path))
    return "\n".join((TITLE, *PARAGRAPHS))


def write_pdf_lines(path: Path, lines: tuple[str, ...], *, owner_password: str = "") -> str:
    """A PDF with each of ``lines`` drawn left to right as given, unshaped: a Persian line's
    text layer is then in reading order though the page shows it broken."""
    pdf = _pdf()
    if owner_password:
        pdf.set_encryption(owner_password=owner_password)  # opens without a password
    for line in lines:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
    pdf.output(str(path))
    return "\n".join(lines)


def write_pdf_scanned(path: Path) -> None:
    """A PDF of one page that is only an image, as a scanner makes them: no text layer."""
    from fpdf import FPDF
    from PIL import Image

    image = Image.new("L", (200, 100), 255)
    for x in range(20, 180):
        image.putpixel((x, 50), 0)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=150)
    pdf.output(str(path))


def write_pdf_encrypted(path: Path) -> None:
    """A PDF that opens only with a password."""
    pdf = _pdf()
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")  # noqa: S106 - a test file's password
    pdf.cell(0, 7, "متن محرمانه")
    pdf.output(str(path))


def write_page(path: Path, layout: str = "semantic") -> str:
    """A saved news page; returns the article text it holds (title line, then the body)."""
    path.write_text(PAGES[layout](), encoding="utf-8")
    return f"{TITLE}\n{BODY}"
