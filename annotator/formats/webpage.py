"""A saved news page's article: its title, body, byline, date and address.

The body is found by readability-lxml (measured against trafilatura, boilerpy3 and jusText on
Persian pages written to imitate real news sites: README, "Import"); before it runs, the parts
that are page chrome by their tag or class name — menus, ads, share bars, related and popular
links, comments, footers — are taken out, and the byline, date and address are read from the
page's meta tags and byline first. Text is kept as written: ZWNJ, digits, Latin runs, emoji.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree, html

from annotator.domain.errors import InputError
from annotator.formats.documents import Extracted

# Tags that are never the article, and class or id words that name page chrome.
_CHROME_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside",
                "form", "iframe", "button", "input", "select", "textarea", "svg", "figure")
_CHROME_NAMES = re.compile(
    r"(?:^|[\s_-])(?:ads?|advert\w*|banner|sponsor\w*|share|sharing|social|related|tags?|"
    r"comments?|newsletter|popular|breadcrumbs?|menu|nav|navbar|footer|sidebar|widget|"
    r"subscribe|promo\w*|tabligh\w*|latest|read-more|more-news|byline|author|date|info)"
    r"(?:$|[\s_-])")
_BLOCKS = frozenset(("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                     "td", "th", "tr", "section", "article", "main", "ul", "ol", "dd", "dt",
                     "table", "body"))
_MIN_ARTICLE_CHARS = 80  # less than a paragraph is a page with no article


def extract_article(page: str, where: str) -> Extracted:
    """The article of ``page`` (HTML text); raises ``InputError`` naming ``where`` when it
    is no web page or holds no article."""
    tree = _parse(page, where)
    metadata = _metadata(tree)
    for element in list(_chrome(tree)):
        element.drop_tree()
    from readability import Document

    try:
        summary = Document(html.tostring(tree, encoding="unicode")).summary(html_partial=True)
    except Exception as error:  # readability raises its own and lxml's errors on odd pages
        raise InputError(f"has no article that can be read ({error})", path=where) from None
    lines = [line for line in _lines(html.fragment_fromstring(summary, create_parent="div"))
             if not _is_byline(line, metadata)]
    title = metadata.get("title", "")
    body = [line for line in lines if line != title]
    if sum(len(line) for line in body) < _MIN_ARTICLE_CHARS:
        raise InputError("has no article in it (only menus, links or too little text)",
                         path=where)
    return Extracted("\n".join([title, *body] if title else body), metadata)


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _parse(page: str, where: str) -> html.HtmlElement:
    try:  # lxml refuses a str that declares its encoding, as saved XHTML pages do
        # and any control character, which no page shows
        tree = html.document_fromstring(
            _NOT_IN_XML.sub("", _XML_DECLARATION.sub("", page, count=1)))
    except (etree.ParserError, ValueError) as error:
        raise InputError(f"is not a web page that can be read ({error})", path=where) from None
    if not isinstance(tree, html.HtmlElement):
        raise InputError("is not a web page that can be read", path=where)
    return tree


def _chrome(tree: html.HtmlElement) -> Iterator[html.HtmlElement]:
    """Elements that are page chrome by their tag, or by a class or id word unless they hold
    most of the page's text (an article container named ``main-nav-offset`` is no menu)."""
    page_chars = len(tree.text_content())
    for element in tree.iter():
        if not isinstance(element.tag, str):
            yield element  # comments and processing instructions
            continue
        if not isinstance(element, html.HtmlElement) or element.tag in ("html", "body"):
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if element.tag in _CHROME_TAGS or (
                _CHROME_NAMES.search(names) and len(element.text_content()) * 2 < page_chars):
            yield element


def _metadata(tree: html.HtmlElement) -> dict[str, str]:
    found = {
        "title": _meta(tree, "og:title", "twitter:title") or _first_text(tree, "//h1")
        or _first_text(tree, "//title"),
        "author": _meta(tree, "author", "article:author", "dc.creator")
        or _first_text(tree, "//*[@rel='author' or @itemprop='author']")
        or _first_text(tree, "//*[contains(concat(' ', normalize-space(@class), ' '),"
                             " ' author ')]"),
        "date": _meta(tree, "article:published_time", "date", "pubdate", "publishdate",
                      "dc.date", "datePublished")
        or _first_attr(tree, "//time[@datetime]", "datetime"),
        "url": _first_attr(tree, "//link[@rel='canonical']", "href") or _meta(tree, "og:url"),
    }
    if found["author"].startswith(("http://", "https://")):
        found["author"] = ""  # article:author may be a profile address, not a name
    return {key: value for key, value in found.items() if value}


def _meta(tree: html.HtmlElement, *names: str) -> str:
    for name in names:
        for element in tree.iter("meta"):
            if name.lower() in ((element.get("property") or "").lower(),
                                (element.get("name") or "").lower(),
                                (element.get("itemprop") or "").lower()):
                value = _squeeze(element.get("content") or "")
                if value:
                    return value
    return ""


def _first_text(tree: html.HtmlElement, path: str) -> str:
    for element in tree.xpath(path):
        text = _squeeze(element.text_content())
        if text:
            return text
    return ""


def _first_attr(tree: html.HtmlElement, path: str, attribute: str) -> str:
    for element in tree.xpath(path):
        value = _squeeze(element.get(attribute) or "")
        if value:
            return value
    return ""


def _squeeze(text: str) -> str:
    """Whitespace runs to one space; ZWNJ and the other joiners are not whitespace."""
    return " ".join(text.split())


def _lines(root: html.HtmlElement) -> list[str]:
    """The text of ``root``, one block (paragraph, heading, list item) a line."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _squeeze("".join(current))
        if line:
            lines.append(line)
        current.clear()

    def walk(element: html.HtmlElement) -> None:
        block = element.tag in _BLOCKS
        if block or element.tag == "br":
            flush()
        current.append(element.text or "")
        for child in element:
            if isinstance(child.tag, str):
                walk(child)
            current.append(child.tail or "")
        if block:
            flush()

    walk(root)
    flush()
    return lines


def _is_byline(line: str, metadata: dict[str, str]) -> bool:
    author = metadata.get("author", "")
    return bool(author) and author in line and len(line) < len(author) + 60
