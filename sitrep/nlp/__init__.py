"""The ``nlp`` stage: sentences, tokens, part-of-speech, dependencies and named entities.

English goes through sitrep's own spaCy pipeline (trained by ``scripts/train_en.py`` and shipped in
``sitrep/models/en_sitrep``). Russian goes through natasha (segmentation, morphology, lemmas, a Universal
Dependencies parse and PER/LOC/ORG names; its models come inside the PyPI package). Other languages get
rule-based sentences and tokens only (no POS, parse or NER), with a warning; later stages then fall back to
lexical matching.

The text is analysed paragraph by paragraph (blank lines always end a sentence, so headings do not run into
the next paragraph), up to ``doc.layers.body_end`` (a trailing "Source:" line is metadata, not content).
The spaCy objects are converted into sitrep's own layers (``Token``, ``Sentence``, ``TextSpan``) so no later
stage depends on spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.errors import ModelError
from sitrep.knowledge.files import model_path
from sitrep.model import Document, Layers, Sentence, TextSpan, Token
from sitrep.pipeline import Stage
from sitrep.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
SENTENCE_FINAL = re.compile(r"[.!?…:;\"'”»)\]]$")
# rule-based fallback: a sentence ends at . ! ? … (optionally followed by closing quotes/brackets) before
# whitespace and an upper-case letter, digit or opening quote
_SENT_END = re.compile(r"(?<=[.!?…])[\"'»”)\]]*\s+(?=[\"'«“(\[]?[A-ZА-ЯЁ0-9])")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)
_ABBREV_END = re.compile(r"\b(?:[A-ZА-Я]|Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Jr|Sr|vs|etc|г|гг|им|ул|т|тыс|млн|млрд)\.$")


@cache
def load_english(path: str = "") -> Language:
    """The English spaCy pipeline (cached). ``path`` empty means the one inside the package."""
    import spacy

    where = Path(path) if path else model_path("en_sitrep")
    if not (where / "meta.json").is_file():
        raise ModelError(f"English model not found at {where}; reinstall sitrep or run scripts/train_en.py")
    try:
        return spacy.load(where)
    except (OSError, ValueError) as exc:
        raise ModelError(f"English model at {where} cannot be loaded ({exc}); reinstall sitrep") from exc


@cache
def load_russian() -> tuple[object, object, object, object, object]:
    """natasha's segmenter, morphology vocabulary, morphological tagger, syntax parser and NER tagger (cached)."""
    try:
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter
    except ImportError as exc:
        raise ModelError("natasha is not installed; reinstall sitrep (pip install sitrep) for Russian") from exc
    emb = NewsEmbedding()
    return Segmenter(), MorphVocab(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)


def paragraphs(text: str, end: int | None = None) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) pairs of ``text[:end]``, split at blank lines, without surrounding whitespace."""
    body = text[: len(text) if end is None else end]
    pos = 0
    for m in [*PARAGRAPH_BREAK.finditer(body), None]:
        stop = m.start() if m else len(body)
        chunk = body[pos:stop]
        stripped = chunk.strip()
        if stripped:
            yield pos + chunk.index(stripped[0]), stripped
        if m:
            pos = m.end()


def make(settings: Settings) -> Stage:
    """The nlp stage for ``settings`` (which English model to use)."""

    def run(doc: Document) -> Document:
        return analyse([doc], settings)[0]

    def run_batch(docs: list[Document]) -> list[Document]:
        return analyse(docs, settings)

    return Stage(name="nlp", func=run, batch=run_batch, needs=("text", "language"), adds=("sentences", "tokens", "ner"))


def analyse(docs: list[Document], settings: Settings) -> list[Document]:
    english = [d for d in docs if d.language == "en"]
    for doc in docs:
        doc.layers.sentences, doc.layers.tokens, doc.layers.ner = [], [], []
        if doc.language == "ru":
            for off, para in paragraphs(doc.text, doc.layers.body_end):
                _add_natasha(doc, para, off)
        elif doc.language != "en":
            _rule_based(doc)
    if english:
        nlp = load_english(settings.model_en)
        jobs = [(doc, off, para) for doc in english for off, para in paragraphs(doc.text, doc.layers.body_end)]
        texts = (para for _, _, para in jobs)
        for (doc, off, _), sdoc in zip(jobs, nlp.pipe(texts, batch_size=settings.nlp_batch_size), strict=True):
            _add_spacy(doc, sdoc, off)
    return docs


def _add_spacy(doc: Document, sdoc: object, offset: int) -> None:
    layers = doc.layers
    base = len(layers.tokens)
    for sent in _whole_sentences(sdoc):
        sent_index = len(layers.sentences)
        first = len(layers.tokens)
        for tok in sent:
            if tok.is_space:
                continue
            layers.tokens.append(
                Token(
                    i=len(layers.tokens),
                    start=offset + tok.idx,
                    end=offset + tok.idx + len(tok.text),
                    text=tok.text,
                    lemma=tok.lemma_ or tok.text.lower(),
                    pos=tok.pos_,
                    tag=tok.tag_,
                    dep=tok.dep_,
                    head=tok.head.i,
                    sent=sent_index,
                    ent_iob=tok.ent_iob_ or "O",
                    ent_type=tok.ent_type_,
                )
            )
        _close_sentence(layers, first)
    # heads point at spaCy indices within the paragraph (spaces included): map them to ours
    index: dict[int, int] = {}
    for tok in sdoc:  # type: ignore[attr-defined]
        if not tok.is_space:
            index[tok.i] = base + len(index)
    for tok in layers.tokens[base:]:
        tok.head = index.get(tok.head, tok.i)
    for ent in sdoc.ents:  # type: ignore[attr-defined]
        start, end = offset + ent.start_char, offset + ent.end_char
        layers.ner.append(TextSpan(start, end, ent.label_, doc.text[start:end]))


def _whole_sentences(sdoc: Any) -> list[list[Any]]:
    """The parser's sentences, joined where one ends without final punctuation inside a paragraph (a split in a
    name like "Tehrik-i-Taliban | Pakistan claimed ..." is the parser's slip, not a sentence end)."""
    units: list[list[Any]] = []
    open_unit = False
    for sent in sdoc.sents:
        words = [t for t in sent if not t.is_space]
        if open_unit and units:
            units[-1].extend(sent)
        else:
            units.append(list(sent))
        open_unit = bool(words) and not SENTENCE_FINAL.search(words[-1].text)
    return units


def _add_natasha(doc: Document, text: str, offset: int) -> None:
    """One paragraph of Russian through natasha, into sitrep's layers (UD relations, as for English)."""
    from natasha import Doc as NatashaDoc

    segmenter, vocab, morph, syntax, ner = load_russian()
    nd = NatashaDoc(text)
    nd.segment(segmenter)
    nd.tag_morph(morph)
    nd.parse_syntax(syntax)
    nd.tag_ner(ner)
    layers = doc.layers
    for sent in nd.sents:
        first = len(layers.tokens)
        index: dict[int, int] = {}
        for tok in sent.tokens:
            tok.lemmatize(vocab)
            index[tok.id] = len(layers.tokens)
            layers.tokens.append(
                Token(
                    i=len(layers.tokens),
                    start=offset + tok.start,
                    end=offset + tok.stop,
                    text=tok.text,
                    lemma=(tok.lemma or tok.text).lower(),
                    pos=tok.pos or "",
                    tag=_ru_tag(tok),
                    dep=tok.rel or "",
                    head=-1,
                    sent=len(layers.sentences),
                )
            )
        for tok in sent.tokens:
            me = index[tok.id]
            layers.tokens[me].head = index.get(tok.head_id, me)
            if layers.tokens[me].dep == "root":
                layers.tokens[me].dep = "ROOT"
        _break_cycles(layers.tokens, first, len(layers.tokens))
        _close_sentence(layers, first)
    for span in nd.spans:
        start, end = offset + span.start, offset + span.stop
        layers.ner.append(TextSpan(start, end, span.type, doc.text[start:end]))


def _break_cycles(tokens: list[Token], first: int, last: int) -> None:
    """natasha picks each token's head on its own, so heads may go round in a circle ("А -> Б -> А"), which is no
    tree: every walk up or down it would never end.  Each circle is cut at its first token, which is hung on the
    sentence's root (or becomes the root when the sentence has none outside circles)."""
    roots = [k for k in range(first, last) if tokens[k].head == k]
    state = dict.fromkeys(range(first, last), 0)  # 0 unseen, 1 on the current walk, 2 done
    for start in range(first, last):
        path: list[int] = []
        k = start
        while state.get(k) == 0 and tokens[k].head != k:
            state[k] = 1
            path.append(k)
            k = tokens[k].head
        if state.get(k) == 1:  # the walk came back to itself: a circle from k
            circle = path[path.index(k) :]
            cut = min(circle)
            root = roots[0] if roots else cut
            tokens[cut].head = root
            if root == cut:
                tokens[cut].dep, roots = "ROOT", [cut]
        for k in path:
            state[k] = 2


def _ru_tag(tok: object) -> str:
    """A Penn-like tag where the extraction rules ask for one (plural nouns, past and present verbs)."""
    feats = getattr(tok, "feats", None) or {}
    pos = getattr(tok, "pos", "")
    if pos in ("NOUN", "PROPN"):
        return "NNS" if feats.get("Number") == "Plur" else "NN"
    if pos == "VERB":
        if feats.get("VerbForm") == "Part":
            return "VBN"
        return {"Past": "VBD", "Pres": "VBP", "Fut": "VB"}.get(feats.get("Tense", ""), "VB")
    return ""


def _close_sentence(layers: Layers, first: int) -> None:
    """Record the tokens from ``first`` to the last one added as a sentence (none when there are no tokens)."""
    if len(layers.tokens) > first:
        layers.sentences.append(Sentence(layers.tokens[first].start, layers.tokens[-1].end, first, len(layers.tokens)))


def _rule_based(doc: Document) -> None:
    """Sentences and word tokens by rule, for languages without a trained pipeline."""
    for off, para in paragraphs(doc.text, doc.layers.body_end):
        pos = 0
        for m in [*_SENT_END.finditer(para), None]:
            stop = m.start() if m else len(para)
            if m and _ABBREV_END.search(para[:stop]):
                continue
            chunk = para[pos:stop]
            _add_sentence(doc, off + pos, chunk)
            if m:
                pos = m.end()
    if doc.language != "en":
        doc.warnings.append(
            f"nlp: no parser or named-entity model for language {doc.language!r} yet; sentences and tokens are "
            "rule-based, and actors, places, dates and numbers are found by lexicon only"
        )


def _add_sentence(doc: Document, start: int, chunk: str) -> None:
    layers = doc.layers
    first = len(layers.tokens)
    sent_index = len(layers.sentences)
    for m in _WORD.finditer(chunk):
        i = len(layers.tokens)
        layers.tokens.append(
            Token(
                i=i,
                start=start + m.start(),
                end=start + m.end(),
                text=m.group(),
                lemma=m.group().lower(),
                head=i,
                sent=sent_index,
            )
        )
    _close_sentence(layers, first)
