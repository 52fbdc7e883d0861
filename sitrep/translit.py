"""Names in Latin letters, and the key a name is matched by across languages.

    latin("Магомед Омаров")          "Magomed Omarov"     -- Cyrillic transliterated (as English news spell it)
    name_key("Магомед Омаров")       "magomed omarov"     -- the same key as "Magomed Omarov"
    name_key("Sanaullah Ghafari")    "sanaula gafari"     -- as «Санаулла Гафари»

:func:`latin` follows the BGN/PCGN romanisation as English-language news use it: ``е`` is "ye" only at the
start of a word (Yevgeny, Gadzhiev), ``ё`` "yo", ``й`` "y", ``х`` "kh", ``ц`` "ts", ``ы`` "y", soft and hard
signs dropped. :func:`name_key` folds what differs between the ways a name is spelt in Latin letters — kh/h,
zh/dzh/j, ts/tz, y/i, gh/g, ou/u, doubled letters, a final h after a vowel — so that a
person or group named in a Russian report and in an English one of the same incident get one key. It is a key
for matching, never shown. A base module: no imports from sitrep.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["has_cyrillic", "latin", "name_key"]

_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}  # fmt: skip
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD_START_E = re.compile(r"(?<![\w\u0400-\u04ff])([еЕ])")
# what differs between Latin spellings of one name, folded in this order
_FOLDS = [
    (re.compile(r"shch|sch"), "sh"),
    (re.compile(r"dzh|dj|zh"), "j"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ts|tz"), "c"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ye"), "e"),
    (re.compile(r"y"), "i"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"w"), "v"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"q"), "k"),
    (re.compile(r"([aeiou])h\b"), r"\1"),
    (re.compile(r"([a-z])\1+"), r"\1"),
]


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def latin(name: str) -> str:
    """``name`` with its Cyrillic letters in Latin ones, keeping the case of each word; other letters as they are."""
    name = _WORD_START_E.sub(lambda m: "Ye" if m.group(1) == "Е" else "ye", name)
    out = []
    for ch in name:
        low = ch.lower()
        if low in _LETTERS:
            lat = _LETTERS[low]
            out.append(lat.capitalize() if ch != low else lat)
        else:
            out.append(ch)
    text = "".join(out)
    return text.upper() if name.isupper() and len(name) > 1 else text


def name_key(name: str) -> str:
    """The key a name is matched by across languages and spellings (see the module docstring)."""
    text = unicodedata.normalize("NFKD", latin(name).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\W_]+", " ", text)
    for pattern, repl in _FOLDS:
        text = pattern.sub(repl, text)
    return " ".join(text.split())
