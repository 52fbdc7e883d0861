"""markup: HTML and Markdown to plain text (paragraphs separated by blank lines).

HTML: the main text of the page and its title, site and date (trafilatura), or when it finds none, all the
visible text without navigation (lxml, or regular expressions for markup broken beyond parsing).  Markdown: the
words without the markup, headings as lines of their own.  Used by :mod:`sitrep.io.ingest`.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any
from urllib.parse import urlsplit

_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article",
    "blockquote", "pre", "dd", "dt", "dl", "figcaption", "hr", "main", "td", "th",
)  # fmt: skip
_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "head", "svg")


def html_to_text(html: str, url: str | None, what: str) -> tuple[str, dict[str, str | None], list[str]]:
    """The main text of a page (paragraphs separated by blank lines), its title/source/date, and warnings."""
    warnings: list[str] = []
    found: dict[str, str | None] = {}
    text = ""
    try:
        from trafilatura import bare_extraction

        result = bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=True)
    except Exception as exc:  # trafilatura fails in assorted ways on broken markup: fall back, say so
        result = None
        warnings.append(f"{what}: main-text extraction failed ({type(exc).__name__}: {exc})")
    extracted: dict[str, Any] = {}
    if result is not None:
        extracted = result if isinstance(result, dict) else result.as_dict()
    if (extracted.get("text") or "").strip():
        text = extracted["text"]
        host = extracted.get("hostname") or (urlsplit(url).hostname if url else None)
        found = {"title": extracted.get("title"), "source": extracted.get("sitename") or host}
        found["published"] = extracted.get("date")
    else:
        text, title = _plain_html_text(html)
        host = urlsplit(url).hostname if url else None
        found = {"title": title, "source": host, "published": None}
        warnings.append(f"{what}: no main text found by trafilatura (broken or unusual HTML); kept all the page's text")
    text = "\n".join(_table_row(line) for line in text.strip().splitlines())
    text = re.sub(r"[ \t]*\n\s*", "\n\n", text)
    return text, {k: (v.strip() if isinstance(v, str) and v.strip() else None) for k, v in found.items()}, warnings


def _table_row(line: str) -> str:
    """trafilatura writes table rows as ``| a | b |``: keep the cells, separated by tabs."""
    stripped = line.strip()
    if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
        return "\t".join(cell.strip() for cell in stripped.strip("|").split(" | ") if cell.strip())
    return line


def _plain_html_text(html: str) -> tuple[str, str | None]:
    """All visible text of a page without navigation: via lxml, or via regular expressions when lxml finds none."""
    import lxml.html
    from lxml.etree import ParserError

    title, text = None, ""
    try:
        root = lxml.html.document_fromstring(html)
        title_el = root.find(".//title")
        title = title_el.text_content() if title_el is not None else None
        for el in list(root.iter(*_DROP_TAGS)):
            if el.getparent() is not None:
                el.drop_tree()
        for el in root.iter(*_BLOCK_TAGS):
            el.tail = "\n" + (el.tail or "")
        text = root.text_content()
    except (ParserError, ValueError):
        text = ""
    if not text.strip() or (title and "<" in title):  # markup swallowed by an unclosed tag: be lenient
        text, title = _regex_html_text(html)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line), (title.strip() or None if title else None)


def _regex_html_text(html: str) -> tuple[str, str | None]:
    """Text of HTML broken beyond parsing (unclosed title, style or comment): closed blocks go, stray tags go.
    Linear in the page: no pattern rescans the rest of the page from every "<"."""
    title_m = re.search(r"<title[^<>]*>([^<]*)", html, re.IGNORECASE)
    title = html_lib.unescape(title_m.group(1)) if title_m else None
    body = re.sub(r"<title[^<>]*>[^<]*(</title>)?", "\n", html, flags=re.IGNORECASE)
    body = _drop_blocks(body)
    body = re.sub(r"<(script|style)\b[^<>]*>[^<]*", " ", body, flags=re.IGNORECASE)  # unclosed: to the next tag
    body = re.sub(rf"</?(?:{'|'.join(_BLOCK_TAGS)}|body|html|head|title)\b[^<>]*>", "\n", body, flags=re.IGNORECASE)
    return html_lib.unescape(re.sub(r"<[^<>]*>?", " ", body)), title


_OPENING = re.compile(r"<!--|<(script|style|noscript|template)\b[^<>]*>", re.IGNORECASE)


def _drop_blocks(body: str) -> str:
    """Comments and script, style, noscript, template elements removed (an unclosed comment to the end)."""
    out: list[str] = []
    pos = 0
    unclosed: set[str] = set()  # tags with no closing tag after some point: none after a later one either
    while m := _OPENING.search(body, pos):
        tag = (m.group(1) or "").lower()
        if tag in unclosed:
            out.append(body[pos : m.end()])
            pos = m.end()
            continue
        if not tag:
            end = body.find("-->", m.end())
            close_end = len(body) if end < 0 else end + 3
        else:
            close = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(body, m.end())
            if close is None:
                unclosed.add(tag)
                out.append(body[pos : m.end()])
                pos = m.end()
                continue
            close_end = close.end()
        out.append(body[pos : m.start()] + " ")
        pos = close_end
    out.append(body[pos:])
    return "".join(out)


_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_MD_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_QUOTE = re.compile(r"^\s{0,3}(>\s?)+")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?")
# Every pattern runs in time linear in the line: a repetition never takes the character that starts or ends the
# construct ("[[[[..." or "*a *a *a ..." cannot make it rescan the rest of the line from every position).
_MD_INLINE = (
    (re.compile(r"!\[([^\[\]\n]{0,500})\]\([^()\s]{0,2000}\)"), r"\1"),  # image -> alt text
    (re.compile(r"\[([^\[\]\n]{1,500})\]\([^()\s]{0,2000}\)"), r"\1"),  # link -> its text
    (re.compile(r"\[([^\[\]\n]{1,500})\]\[[^\[\]\n]{0,500}\]"), r"\1"),  # reference link
    (re.compile(r"\[\^[^\[\]\n]{1,500}\]"), ""),  # footnote reference
    (re.compile(r"<(https?://[^<>\s]{1,2000})>"), r"\1"),  # autolink
    (re.compile(r"`([^`]+)`"), r"\1"),  # inline code
    *(
        (re.compile(rf"{d}(?=[^\s{c}])([^{c}\n]{{1,1000}})(?<=[^\s{c}]){d}"), r"\1")  # emphasis, strikethrough
        for d, c in ((r"\*\*\*", r"\*"), (r"\*\*", r"\*"), (r"\*", r"\*"), ("~~", "~"))
    ),
    *(
        (re.compile(rf"(?<![\w_]){d}(?=[^\s_])([^_\n]{{1,1000}})(?<=[^\s_]){d}(?![\w_])"), r"\1")  # _emphasis_
        for d in ("___", "__", "_")
    ),
    (re.compile(r"</?[A-Za-z][^<>\n]{0,500}>"), ""),  # inline HTML tags
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),  # backslash escapes
)


def markdown_to_text(md: str) -> str:
    """Markdown without its markup: the words stay, headings become lines of their own."""
    out: list[str] = []
    fenced = False
    for line in md.splitlines():
        if _MD_FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            out.append(line)
            continue
        if _MD_REFDEF.match(line) or (_MD_TABLE_RULE.match(line) and "-" in line and "|" in line):
            continue
        if _MD_SETEXT.match(line) and out and out[-1].strip():
            out.append("")  # the line above was a heading
            continue
        if _MD_RULE.match(line):
            out.append("")
            continue
        heading = _MD_HEADING.match(line)
        line = heading.group(1) if heading else _MD_LIST.sub("", _MD_QUOTE.sub("", line))
        if line.strip().startswith("|") and line.strip().endswith("|"):
            line = "\t".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        for pattern, repl in _MD_INLINE:
            line = pattern.sub(repl, line)
        if heading and out and out[-1].strip():
            out.append("")
        out.append(line.rstrip())
        if heading:
            out.append("")
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
