"""The hostile-input corpus: a few hundred inputs built to break sitrep, generated here (nothing is stored).

    python tests/hostile/corpus.py OUT_DIR        write every case's input files and a cases.jsonl index
    python tests/hostile/corpus.py --list         one line per case: class, name, command

A case is a command line (``sitrep ...``) with the files it reads, its standard input, its environment (small
limits where a limit is what is tested) and what its output must be.  ``tests/test_hostile.py`` runs every case
under a time and a memory bound (``tests/hostile/worker.py``) and checks: no traceback, an exit status of 0, 1 or
2, one clear error line when it fails, and output that is valid (contract documents with every offset quoting the
text, JSONL, counts).  The classes are those of issue 11 and more: pathological symbols and markup, repetition,
sizes and limits, encodings and broken Unicode, scripts and invisible characters, HTML, Markdown, archives and
binary files, JSONL batches, command-line arguments, URLs, trailing attribution lines, numbers and dates.
"""

from __future__ import annotations

import base64
import codecs
import gzip
import io
import json
import random
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

SENTENCE = "Militants attacked a police post in Quetta on Monday, killing three officers, officials said. "
BAD_OFFSETS = {"id": "x", "text": "abc", "entities": [{"id": "e1", "mentions": [{"start": -5, "end": 10**20}]}]}
RU_SENTENCE = "Боевики атаковали блокпост в Кветте в понедельник, погибли трое полицейских. "


@dataclass
class Case:
    cls: str  # the class of hostile input
    name: str
    argv: list[str]  # "{in}" is the input file, "{dir}" the case's folder, "{db}" its store
    files: dict[str, bytes] = field(default_factory=dict)  # name -> bytes, written into the case's folder
    stdin: bytes = b""
    env: dict[str, str] = field(default_factory=dict)
    output: str = ""  # "json", "jsonl", "md", "counts", "csv", "hits" or "" (nothing checked beyond the status)
    codes: tuple[int, ...] = (0, 2)
    isolated: bool = False  # run alone in a fresh process (its memory is measured on its own)
    max_mb: int = 0  # a tighter memory bound for this case (0: the corpus's)

    @property
    def id(self) -> str:
        return f"{self.cls}/{self.name}"


def analyze(cls: str, name: str, data: bytes, suffix: str = ".txt", **kw: object) -> Case:
    return Case(cls, name, ["analyze", "{in}"], files={f"input{suffix}": data}, output="json", **kw)  # type: ignore[arg-type]


def text_cases() -> list[Case]:
    """Pathological symbols, repetition, Unicode, scripts, numbers and dates, as plain text files."""
    out: list[Case] = []
    for sym in "(<*[{)]>|\\/_-=#~`'\".,;:!?@&%$^+«»„“”‹›…—":
        out.append(analyze("symbols", f"run-{ord(sym):x}", (sym * 50_000).encode()))
    for sym in "(<*[":
        out.append(analyze("symbols", f"spaced-{ord(sym):x}", (f"{sym} " * 1_500).encode()))
        out.append(analyze("symbols", f"in-text-{ord(sym):x}", (SENTENCE + sym * 30_000 + " " + SENTENCE).encode()))
        out.append(analyze("symbols", f"word-glued-{ord(sym):x}", (f"a{sym}" * 1_500).encode()))
    rng = random.Random(11)
    junk = "".join(rng.choice("([<*_`~|>])") for _ in range(60_000))
    out.append(analyze("symbols", "random-punctuation", junk.encode()))
    out.append(analyze("symbols", "url-like", ("http://x.example/" + "a/" * 2_000).encode()))
    out.append(analyze("symbols", "one-long-word", ("x" * 50_000).encode()))
    out.append(analyze("symbols", "digits", ("9" * 100_000).encode()))
    out.append(analyze("repetition", "sentence-176k", (SENTENCE * 1_900).encode(), isolated=True, max_mb=900))
    out.append(analyze("repetition", "russian", (RU_SENTENCE * 30).encode()))
    out.append(analyze("repetition", "one-word", ("Quetta " * 1_500).encode()))
    out.append(analyze("repetition", "newlines", b"Quetta attack.\n" + b"\n" * 200_000 + b"Three killed."))
    out.append(analyze("repetition", "blank-paragraphs", ("\n \n\t\n" * 5_000 + SENTENCE).encode()))
    out.append(analyze("repetition", "many-short-paragraphs", (("Attack.\n\n") * 800).encode()))
    out.append(analyze("repetition", "spaces", (" " * 100_000 + SENTENCE + " " * 100_000).encode()))
    out.append(analyze("repetition", "tabs", ("\t" * 50_000 + SENTENCE).encode()))
    out.append(analyze("repetition", "names", ("Islamic State, Taliban, al-Qaeda, TTP, ISKP, " * 300).encode()))
    out.append(analyze("repetition", "places", ("Quetta, Kabul, Kandahar, Moscow, Mosul, Aleppo, " * 100).encode()))
    out.append(analyze("repetition", "dates", ("on Monday, on 3 March 2024, last week, " * 150).encode()))
    out.append(analyze("repetition", "numbers", ("three, 12, dozens, at least 40, " * 300).encode()))
    out.append(analyze("repetition", "claims", ("ISKP claimed the attack, the Taliban denied it. " * 150).encode()))
    unicode_texts = {
        "rtl-arabic": "هاجم مسلحون مركزا للشرطة في كويتا يوم الاثنين. " * 28,
        "rtl-hebrew": "חמושים תקפו עמדת משטרה בקווטה. " * 28,
        "rtl-override": f"\u202e{SENTENCE}\u202c\u202d{SENTENCE}\u2066{SENTENCE}\u2069",
        "bidi-mixed": f"{SENTENCE} هاجم مسلحون {SENTENCE} חמושים " * 14,
        "zero-width": "\u200b".join(SENTENCE) + "\u200d\u200c\ufeff\u2060" * 142,
        "zero-width-only": "\u200b\u200c\u200d\ufeff\u2060" * 1428,
        "soft-hyphens": "\u00ad".join(SENTENCE.split(" ")) * 14,
        "combining-stack": "Q" + "\u0301\u0308\u0327\u0323" * 714 + "uetta attack. " + SENTENCE,
        "zalgo": "".join(c + "\u0336\u0489\u0315" for c in SENTENCE * 50),
        "nfd": __import__("unicodedata").normalize("NFD", "Café Ålesund Ёлки Йошкар-Ола " * 71),
        "emoji": ("💣🔥 " + SENTENCE + "👨‍👩‍👧‍👦🏳️‍🌈 ") * 28,
        "astral": "".join(chr(0x1D400 + i % 1000) for i in range(5_000)),
        "cjk": "武装分子周一袭击了奎达的一个警察哨所。" * 71,
        "homoglyphs": SENTENCE.replace("a", "а").replace("o", "о") * 14,  # Cyrillic а, о in English
        "mixed-scripts": (SENTENCE + RU_SENTENCE + "هاجم مسلحون " + "武装分子 ") * 14,
        "fullwidth": "Ｍｉｌｉｔａｎｔｓ ａｔｔａｃｋｅｄ Ｑｕｅｔｔａ， ｋｉｌｌｉｎｇ ３ ｐｅｏｐｌｅ． " * 28,
        "arabic-digits": "Militants killed ٣ police officers in Quetta on ١٢ March ٢٠٢٤. " * 28,
        "private-use": "\ue000\uf8ff" * 1428 + SENTENCE,
        "noncharacters": "\ufffe\uffff\ufdd0" * 714 + SENTENCE,
        "replacement-chars": "\ufffd" * 2857 + SENTENCE,
        "line-separators": "\u2028\u2029\x85".join([SENTENCE] * 71),
        "controls": "".join(chr(c) for c in range(1, 32) if c not in (0,)) * 71 + SENTENCE,
        "c1-controls": "".join(chr(c) for c in range(0x80, 0xA0)) * 71 + SENTENCE,
        "huge-count": "Militants killed " + "9" * 400 + " people in Quetta on Monday.",
        "count-49-digits": "Militants killed " + "9" * 49 + " people in Quetta on Monday.",
        "count-2-64": "Militants killed 18446744073709551617 people in Quetta on Monday.",
        "number-words": "Militants killed " + "nine hundred ninety-nine thousand " * 42 + "people in Quetta.",
        "bad-dates": "On 31/02/2024, 99999-99-99, 0000-00-00, the 45th of Octember 2024, militants attacked. " * 50,
        "far-years": "In 99999 and in 1 BC and on 2024-13-45 militants attacked Kabul. " * 50,
        "ru-numbers": "Погибли " + "девятьсот девяносто девять тысяч " * 42 + "человек в Кветте.",
        "ru-yo": "Ёжик ёлки ещё Ё Ё ё " * 60 + RU_SENTENCE,
        "surrogate-escapes-text": "Militants \\ud800 attacked \\udfff Quetta. " * 14,
    }
    for name, text in unicode_texts.items():
        out.append(analyze("unicode", name, text.encode("utf-8")))
    return out


def encoding_cases() -> list[Case]:
    out: list[Case] = []
    en, ru = (SENTENCE * 20), (RU_SENTENCE * 20)
    raw = {
        "invalid-utf8": en.encode()[:500] + b"\xff\xfe\xc0\xc1\xf5\xf8" + en.encode()[500:],
        "overlong-utf8": b"Militants \xc0\xaf\xe0\x80\xaf attacked Quetta. " * 100,
        "encoded-surrogates": b"Militants \xed\xa0\x80\xed\xbf\xbf attacked Quetta. " * 100,
        "truncated-utf8": en.encode() + "Кве".encode()[:-1],
        "utf16-bom": codecs.BOM_UTF16_LE + en.encode("utf-16-le"),
        "utf16-no-bom": en.encode("utf-16-le"),
        "utf16-be": ru.encode("utf-16-be"),
        "utf32-bom": codecs.BOM_UTF32_LE + en.encode("utf-32-le"),
        "utf16-odd-length": codecs.BOM_UTF16_LE + en.encode("utf-16-le") + b"\x00",
        "bom-only": codecs.BOM_UTF8,
        "utf8-bom-text": codecs.BOM_UTF8 + en.encode(),
        "cp1251": ru.encode("cp1251"),
        "koi8-r": ru.encode("koi8-r"),
        "cp1252": ("Café attack — “quoted” " * 100).encode("cp1252"),
        "latin1-mixed-utf8": "Café ".encode("latin-1") * 50 + "Кветта ".encode() * 50,
        "mixed-cyrillic-encodings": ru.encode("cp1251") + ru.encode("koi8-r") + ru.encode(),
        "gb18030": ("武装分子袭击了奎达。" * 100).encode("gb18030"),
        "shift-jis": ("武装勢力がクエッタを攻撃した。" * 100).encode("shift_jis"),
        "nul-at-start": b"\x00" + en.encode(),
        "nul-after-64k": en.encode() * 40 + b"\x00\x00" + en.encode(),
        "control-bytes": bytes(range(1, 32)) * 200,
        "mostly-controls": b"\x01\x02\x03\x04\x05\x06" * 1000 + en.encode(),
        "empty": b"",
        "whitespace-only": b" \n\t\r\n   \x0b\x0c " * 100,
        "random-bytes": random.Random(7).randbytes(50_000),
    }
    for name, data in raw.items():
        out.append(analyze("encoding", name, data))
        if name in ("invalid-utf8", "utf16-bom", "cp1251", "nul-after-64k", "empty", "random-bytes"):
            out.append(Case("encoding", f"{name}-stdin", ["analyze", "-"], stdin=data, output="json"))
    return out


def binary_cases() -> list[Case]:
    """Archives and binary formats: refused without being unpacked."""
    bomb = gzip.compress(b"\x00" * 50_000_000)  # 50 MB of zeros in about 50 KB
    text_bomb = gzip.compress(SENTENCE.encode() * 500_000)
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", b"\x00" * 20_000_000)
    files = {
        "gzip-bomb.txt": bomb,
        "gzip-bomb.gz": bomb,
        "gzip-text.txt": text_bomb,
        "gzip-text.html": text_bomb,
        "zip-bomb.txt": zipped.getvalue(),
        "zip-bomb.md": zipped.getvalue(),
        "png.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 100,
        "pdf.txt": b"%PDF-1.7\n" + bytes(range(256)) * 100,
        "pdf-text.txt": b"%PDF-1.4\n" + SENTENCE.encode() * 100,
        "elf.txt": b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 100,
        "jpeg.html": b"\xff\xd8\xff\xe0" + bytes(range(256)) * 100,
        "sqlite.txt": b"SQLite format 3\x00" + bytes(4096),
        "docx.txt": b"PK\x03\x04" + bytes(range(256)) * 40,
        "bzip2.txt": b"BZh91AY&SY" + bytes(range(256)) * 40,
        "xz.txt": b"\xfd7zXZ\x00" + bytes(range(256)) * 40,
        "base64-blob.txt": base64.b64encode(random.Random(3).randbytes(20_000)),
    }
    return [analyze("binary", name, data, suffix="." + name.rsplit(".", 1)[1]) for name, data in files.items()]


def html_cases() -> list[Case]:
    body = f"<p>{SENTENCE}</p>"
    pages = {
        "nested-10000-div": "<html><body>" + "<div>" * 10_000 + SENTENCE + "</div>" * 10_000 + "</body></html>",
        "nested-10000-unclosed": "<html><body>" + "<div><span><b>" * 10_000 + SENTENCE,
        "nested-tables": "<html><body>" + "<table><tr><td>" * 3_000 + SENTENCE + "</td></tr></table>" * 3_000,
        "unclosed-comment": f"<html><body>{body}<!-- " + SENTENCE * 1000,
        "many-comments": "<html><body>" + "<!--" * 30_000 + body,
        "many-scripts": "<html><body>" + "<script>" * 30_000 + body,
        "script-only": "<html><head><script>" + "var a=1;" * 50_000 + "</script></head><body></body></html>",
        "style-unclosed": "<html><head><style>" + "p{color:red}" * 10_000 + "<body>" + body,
        "lt-flood": "<html><body>" + "<" * 50_000 + body,
        "tag-soup": "<html><body>" + "<a <b <c <d " * 3_000 + body,
        "huge-attribute": '<html><body><p title="' + "x" * 500_000 + f'">{SENTENCE}</p></body></html>',
        "many-attributes": "<html><body><p " + " ".join(f"a{i}=1" for i in range(5_000)) + f">{SENTENCE}</p>",
        "entity-flood": "<html><body><p>" + "&amp;&lt;&#x202e;&#0;&#xD800;&#99999999;" * 3_000 + "</p>" + body,
        "billion-laughs": '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i else "&lol;" * 10}">' for i in range(10))
        + "]><html><body><p>&lol9;</p>"
        + body
        + "</body></html>",
        "external-entity": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<html><body><p>&xxe;</p>" + body + "</body></html>",
        "meta-charset-lie": '<html><head><meta charset="utf-32"></head><body>' + body + "</body></html>",
        "meta-charset-bogus": '<html><head><meta charset="x-no-such-charset-' + "a" * 300 + '"></head><body>' + body,
        "meta-refresh-js": '<html><head><meta http-equiv="refresh" content="0;url=javascript:alert(1)"></head><body>'
        + body,
        "no-text": "<html><body>" + "<div></div>" * 20_000 + "</body></html>",
        "title-only": "<html><head><title>" + "T" * 100_000 + "</title></head><body></body></html>",
        "deep-lists": "<html><body>" + "<ul><li>" * 5_000 + SENTENCE + "</li></ul>" * 5_000,
        "svg-bomb": "<html><body><svg>" + "<g>" * 20_000 + "</svg>" + body,
        "null-in-tags": "<html><body><p\x00>" + SENTENCE + "</p>",
        "cdata": "<html><body><![CDATA[" + "]]>" * 10_000 + body,
        "processing-instructions": "<html><body>" + "<?php echo 1; ?>" * 10_000 + body,
        "iframe-srcdoc": '<html><body><iframe srcdoc="' + "&lt;p&gt;x&lt;/p&gt;" * 10_000 + '"></iframe>' + body,
        "rtl-html": '<html dir="rtl"><body><p>هاجم مسلحون مركزا للشرطة في كويتا.</p>' + body + "</body></html>",
        "date-meta-bogus": '<html><head><meta property="article:published_time" content="99999-99-99T99:99">'
        "</head><body>" + body + "</body></html>",
    }
    return [analyze("html", name, page.encode("utf-8"), suffix=".html") for name, page in pages.items()]


def markdown_cases() -> list[Case]:
    docs = {
        "brackets": "[" * 50_000,
        "images": "![" * 25_000,
        "links": "[a](" * 3_000,
        "unclosed-links": "[a]" * 3_000 + SENTENCE,
        "emphasis": "*a " * 1_000,
        "underscores": "_a " * 1_000,
        "backticks": "`" * 50_000,
        "tildes": "~~a " * 2_000,
        "autolinks": "<http://" * 5_000,
        "inline-html": "<a" * 1_000,
        "backslashes": "\\" * 50_000,
        "footnotes": "[^" * 25_000,
        "quotes": "> " * 30_000 + SENTENCE,
        "nested-quotes-lines": "\n".join("> " * i + SENTENCE for i in range(1, 100)),
        "lists": "\n".join("  " * (i % 200) + "- " + SENTENCE for i in range(100)),
        "headings": "\n".join("#" * (i % 10) + " " + SENTENCE for i in range(100)),
        "unclosed-fence": "```\n" + SENTENCE * 60,
        "many-fences": "```\n" * 20_000 + SENTENCE,
        "table": "| a | b |\n|---|---|\n" + f"| {SENTENCE} | x |\n" * 100,
        "wide-table": "|" + "a|" * 500 + "\n|" + "-|" * 500,
        "setext": (SENTENCE + "\n" + "=" * 50_000 + "\n") * 3,
        "refdefs": "".join(f"[r{i}]: http://x/{i}\n" for i in range(20_000)) + SENTENCE,
    }
    return [analyze("markdown", name, md.encode(), suffix=".md") for name, md in docs.items()]


def limit_cases() -> list[Case]:
    small = {"SITREP_MAX_BYTES": "10000"}
    return [
        analyze("limits", "over-max-bytes", SENTENCE.encode() * 200, env=small),
        Case("limits", "stdin-over-max-bytes", ["analyze", "-"], stdin=SENTENCE.encode() * 200, env=small),
        analyze("limits", "over-max-chars", SENTENCE.encode() * 200, env={"SITREP_MAX_CHARS": "3000"}),
        analyze("limits", "sections", (SENTENCE * 30 + "\n\n").encode() * 4, env={"SITREP_SECTION_CHARS": "5000"}),
        analyze("limits", "sections-one-paragraph", SENTENCE.encode() * 120, env={"SITREP_SECTION_CHARS": "4000"}),
        analyze("limits", "tiny-parse-chars", SENTENCE.encode() * 40, env={"SITREP_PARSE_CHARS": "100"}),
        analyze("limits", "time-budget", SENTENCE.encode() * 100, env={"SITREP_TIME_BUDGET": "0.000001"}),
        analyze("limits", "bad-setting", SENTENCE.encode(), env={"SITREP_MAX_BYTES": "lots"}),
        analyze("limits", "negative-setting", SENTENCE.encode(), env={"SITREP_SECTION_CHARS": "-5"}),
        Case("limits", "sparse-50mb", ["analyze", "{in}"], files={"input.txt": b""}, env={"SPARSE": "52428800"}),
    ]


def jsonl_line(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass")


def jsonl_cases() -> list[Case]:
    good = [jsonl_line({"id": f"g{i}", "text": f"{SENTENCE} Report {i}."}) for i in range(3)]
    bad = {
        "deep-array": b'{"id": "d", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "deep-object": b'{"id": "d", "x": ' + b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b', "text": "x"}',
        "id-5000-digits": b'{"id": ' + b"7" * 5000 + b', "text": "A bomb."}',
        "id-long-string": jsonl_line({"id": "x" * 5000, "text": "A bomb."}),
        "count-5000-digits": b'{"id": "n", "text": "A bomb.", "n": ' + b"9" * 5000 + b"}",
        "lone-surrogate-text": b'{"id": "s", "text": "A bomb \\ud800 in Kabul."}',
        "lone-surrogate-title": b'{"id": "s2", "text": "A bomb.", "title": "\\udfff"}',
        "lone-surrogate-id": b'{"id": "\\udc80", "text": "A bomb."}',
        "text-number": b'{"id": "t", "text": 5}',
        "text-list": b'{"id": "t", "text": ["a"]}',
        "text-null": b'{"id": "t", "text": null}',
        "title-number": b'{"id": "t", "text": "A bomb.", "title": 5}',
        "published-list": b'{"id": "t", "text": "A bomb.", "published": ["2024-01-01"]}',
        "published-bad": b'{"id": "t", "text": "A bomb.", "published": "2024-02-30"}',
        "lang-object": b'{"id": "t", "text": "A bomb.", "lang": {"x": 1}}',
        "id-bool": b'{"id": true, "text": "A bomb."}',
        "id-float": b'{"id": 1.5, "text": "A bomb."}',
        "nan": b'{"id": "nan", "text": NaN}',
        "not-json": b"{not json at all",
        "truncated": b'{"id": "tr", "text": "A bomb',
        "array": b"[1, 2, 3]",
        "string": b'"just a string"',
        "invalid-utf8": b'{"id": "u", "text": "A \xff\xfe bomb."}',
        "nul-in-text": b'{"id": "z", "text": "A\\u0000 bomb."}',
        "nul-byte-raw": b'{"id": "z", "text": "A\x00 bomb."}',
        "trailing-garbage": b'{"id": "tg", "text": "A bomb."} trailing',
        "empty-text": b'{"id": "e", "text": "   "}',
    }
    out: list[Case] = []
    for name, line in bad.items():
        batch = b"\n".join([good[0], good[1], line, good[2]]) + b"\n"
        out.append(Case("jsonl", f"ingest-{name}", ["ingest", "--jsonl", "{in}", "--db", "{db}"],
                        files={"input.jsonl": batch}, output="counts:3"))  # fmt: skip
        out.append(Case("jsonl", f"analyze-{name}", ["analyze", "--jsonl", "{in}", "--format", "jsonl"],
                        files={"input.jsonl": batch}, output="jsonl:4"))  # fmt: skip
    accepted = {  # odd but valid lines: stored like the others
        "infinity": b'{"id": "inf", "text": "A bomb.", "x": Infinity}',
        "duplicate-keys": b'{"id": "a", "id": "b", "text": "A bomb.", "text": "Two bombs."}',
        "huge-whitespace": b" " * 100_000 + b'{"id": "w", "text": "A bomb."}',
        "unknown-fields": jsonl_line({"id": "u", "text": "A bomb.", **{f"k{i}": i for i in range(5000)}}),
        "rtl-id": jsonl_line({"id": "\u202eevil.exe", "text": "A bomb."}),
    }
    for name, line in accepted.items():
        batch = b"\n".join([good[0], good[1], line, good[2]]) + b"\n"
        out.append(Case("jsonl", f"ingest-{name}", ["ingest", "--jsonl", "{in}", "--db", "{db}"],
                        files={"input.jsonl": batch}, output="counts:4"))  # fmt: skip
    specials = {
        "crlf": b"\r\n".join(good) + b"\r\n",
        "bom-first-line": codecs.BOM_UTF8 + b"\n".join(good),
        "blank-lines-only": b"\n \n\t\n" * 1000,
        "no-final-newline": b"\n".join(good),
        "many-small": b"\n".join(jsonl_line({"id": f"m{i}", "text": f"Bomb {i}."}) for i in range(100)),
        "same-text-many-ids": b"\n".join(jsonl_line({"id": f"s{i}", "text": SENTENCE}) for i in range(50)),
        "same-id-changing-text": b"\n".join(jsonl_line({"id": "same", "text": f"{SENTENCE} {i}"}) for i in range(20)),
        "utf16": "\n".join(line.decode() for line in good).encode("utf-16"),
        "binary": gzip.compress(b"\n".join(good)),
    }
    for name, data in specials.items():
        out.append(Case("jsonl", f"ingest-{name}", ["ingest", "--jsonl", "{in}", "--db", "{db}"],
                        files={"input.jsonl": data}, output="counts", codes=(0, 1, 2)))  # fmt: skip
    out.append(Case("jsonl", "over-long-line", ["ingest", "--jsonl", "{in}", "--db", "{db}"],
                    files={"input.jsonl": b"\n".join([good[0], jsonl_line({"id": "big", "text": "x" * 20_000}),
                                                      good[1], good[2]])},
                    env={"SITREP_MAX_BYTES": "5000"}, output="counts:3"))  # fmt: skip
    out.append(Case("jsonl", "missing-file", ["ingest", "--jsonl", "{dir}/nope.jsonl", "--db", "{db}"], codes=(1, 2)))
    out.append(Case("jsonl", "directory", ["analyze", "--jsonl", "{dir}"], codes=(2,)))
    return out


def cli_cases() -> list[Case]:
    store = {"input.txt": (SENTENCE * 3).encode()}
    with_db = ["--db", "{db}"]
    odd = ["Quetta\udcff", "\udc80\udc81", "' OR 1=1 --", "\"; DROP TABLE documents; --", "NEAR(", "*", "AND",
           "al-Qaeda AND Quetta", "x" * 5000, "\u202equetta", "Кветта*", "\"unclosed", "(", "a OR",
           "NOT NOT"]  # fmt: skip
    out = [Case("cli", f"search-{i}", ["search", q, *with_db], files=store, output="hits", codes=(0, 2))
           for i, q in enumerate(odd)]  # fmt: skip
    out += [Case("cli", f"search-fts-{i}", ["search", q, "--fts", *with_db], files=store, codes=(0, 2))
            for i, q in enumerate(odd[:8])]  # fmt: skip
    for i, limit in enumerate([str(2**64), "-1", "0", "9" * 5000, "1e9", "NaN"]):
        out.append(Case("cli", f"limit-{i}", ["search", "Quetta", "--limit", limit, *with_db], files=store, codes=(2,)))
    filters = [["--actor", "\udcff"], ["--place", "' OR 1=1 --"], ["--since", "99999-99"], ["--until", "2024-02-30"],
               ["--since", "\ud800"], ["--actor", "x" * 10_000], ["--since", "2025", "--until", "2024"]]  # fmt: skip
    out += [Case("cli", f"report-{i}", ["report", *f, *with_db], files=store, output="md", codes=(0, 2))
            for i, f in enumerate(filters)]  # fmt: skip
    meta = [["--published", "2024-02-30"], ["--published", "99999-01-01"], ["--published", "\udcff"],
            ["--source", "\udcff"], ["--title", "x" * 100_000], ["--lang", "xx"]]  # fmt: skip
    out += [Case("cli", f"meta-{i}", ["analyze", "{in}", *m], files=store, output="json", codes=(0, 2))
            for i, m in enumerate(meta)]  # fmt: skip
    out.append(Case("cli", "out-missing-folder", ["analyze", "{in}", "--out", "{dir}/no/such/out.json"],
                    files=store, codes=(2,)))  # fmt: skip
    out.append(Case("cli", "out-is-directory", ["analyze", "{in}", "--out", "{dir}"], files=store, codes=(2,)))
    out.append(Case("cli", "db-is-directory", ["ingest", "{in}", "--db", "{dir}"], files=store, codes=(1, 2)))
    out.append(Case("cli", "db-not-sqlite", ["search", "x", "--db", "{in}"], files=store, codes=(2,)))
    out.append(Case("cli", "db-url-unknown", ["search", "x", "--db", "gopher://x"], codes=(2,)))
    out.append(Case("cli", "export-csv", ["export", "--format", "csv", *with_db], files=store, output="csv"))
    out.append(Case("cli", "export-geojson", ["export", "--format", "geojson", *with_db], files=store, codes=(0, 2)))
    validate = {
        "missing": None,
        "directory": "dir",
        "non-object": b"5",
        "list-of-non-objects": b"[1, 2]",
        "deep-nesting": b"[" * 100_000 + b"]" * 100_000,
        "deep-object": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
        "huge-int": b'{"id": ' + b"9" * 5000 + b"}",
        "not-utf8": b"\xff\xfe{",
        "empty": b"",
        "jsonl-mixed": b'{"id": "a"}\n5\n',
        "bad-offsets": json.dumps(BAD_OFFSETS).encode(),
    }
    for name, data in validate.items():
        path = "{dir}/nope.json" if data is None else "{dir}" if data == "dir" else "{in}"
        files = {} if not isinstance(data, bytes) else {"input.json": data}
        out.append(Case("validate", name, ["validate", path], files=files, codes=(1, 2)))
    return out


def url_cases() -> list[Case]:
    urls = ["http://[::1", "http://exa mple.com/", "http://host:99999/", "http://host:port/", "ftp://example.org/a",
            "file:///etc/passwd", "javascript:alert(1)", "http://169.254.169.254/latest/meta-data/",
            "http://127.0.0.1:9/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://10.0.0.1/",
            "http://" + "a" * 10_000 + ".example/", "http://\udcff.example/", "https://", "http://a\x00b/",
            "http://2130706433/", "http://0x7f.1/"]  # fmt: skip
    out = [Case("url", f"analyze-{i}", ["analyze", u], codes=(2,)) for i, u in enumerate(urls)]
    trailing = [f"{SENTENCE}\n\nSource: {u}" for u in ("https://[broken/news", "http://exa mple.com", "https://" +
                "x" * 300, "https://\ufffd\u202e.example", "javascript:alert(1)")]  # fmt: skip
    out += [analyze("url", f"source-line-{i}", t.encode()) for i, t in enumerate(trailing)]
    out.append(analyze("url", "source-line-huge", (SENTENCE + "\n\nSource: " + "x" * 20_000).encode()))
    out.append(analyze("url", "title-huge", ("T" * 20_000 + "\n\n" + SENTENCE).encode()))
    return out


def cases() -> list[Case]:
    """Every case, in a fixed order (the same every run)."""
    all_cases = (text_cases() + encoding_cases() + binary_cases() + html_cases() + markdown_cases() + limit_cases()
                 + jsonl_cases() + cli_cases() + url_cases())  # fmt: skip
    ids = [c.id for c in all_cases]
    assert len(ids) == len(set(ids)), "case names must be unique"
    return all_cases


def main(argv: list[str]) -> None:
    if argv[:1] == ["--list"]:
        for c in cases():
            shown = " ".join(a[:40] for a in c.argv).encode("utf-8", "backslashreplace").decode("utf-8")
            print(f"{c.id}\t{shown}")
        return
    out = Path(argv[0])
    for c in cases():
        folder = out / c.cls / c.name
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in c.files.items():
            (folder / name).write_bytes(data)
        if c.stdin:
            (folder / "stdin").write_bytes(c.stdin)
    index = [{"id": c.id, "argv": c.argv, "env": c.env, "output": c.output, "codes": c.codes} for c in cases()]
    (out / "cases.jsonl").write_text(
        "\n".join(json.dumps(i, ensure_ascii=False).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
                  for i in index) + "\n", encoding="utf-8")  # fmt: skip
    print(f"{len(index)} cases written to {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
