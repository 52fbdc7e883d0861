"""Russian through natasha (segmentation, morphology, lemmas, a Universal Dependencies parse and PER/LOC/ORG names;
its models come inside the PyPI package), into sitrep's layers with the same UD relations as English.  Each name
tagged carries its nominative form as the ``value`` of its NER span (natasha's normalisation by the parse: the
head and its agreeing adjectives inflected, «Сергокалинского района» -> «Сергокалинский район»).

natasha is imported when its models are first loaded, so a process that analyses no Russian never imports it.
"""

from __future__ import annotations

from functools import cache

from sitrep.errors import ModelError
from sitrep.knowledge import morph_ru
from sitrep.knowledge.vectors import navec
from sitrep.model import Document, TextSpan, Token

from .rules import close_sentence


@cache
def load_russian() -> tuple[object, object, object, object, object]:
    """natasha's segmenter, morphology vocabulary, morphological tagger, syntax parser and NER tagger (cached)."""
    try:
        from natasha import NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter
    except ImportError as exc:
        raise ModelError("natasha is not installed; reinstall sitrep (pip install sitrep) for Russian") from exc
    emb = navec()  # the same embeddings the event classifier reads
    return Segmenter(), morph_ru.vocab(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)


def add_natasha(doc: Document, text: str, offset: int) -> None:
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
                    tag=_ru_tag(tok, vocab),
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
        close_sentence(layers, first)
    for span in nd.spans:
        start, end = offset + span.start, offset + span.stop
        normal = nominative(span.type, span.tokens, vocab)  # «Магомеда Омарова» -> «Магомед Омаров»
        layers.ner.append(TextSpan(start, end, span.type, doc.text[start:end], normal or None))


_CASES = ("Gen", "Dat", "Acc", "Ins", "Loc")


def nominative(label: str, tokens: list, vocab: object) -> str:
    """A name in the nominative, as natasha normalises it (every word of a person's or place's name; the head of an
    organisation's and the words that agree with it), shapes and spaces kept; and also an adjective the tagger
    gave no case before a head in an oblique case («Усть-Джегутинском ущелье» -> «Усть-Джегутинское ущелье»)."""
    from natasha.norm import inflect_words, recover_shapes, recover_spaces, select_inflectable

    ids = set(select_inflectable(tokens)) if label == "ORG" else None
    words = list(inflect_words(vocab, tokens, ids))
    inside = {t.id for t in tokens}
    heads = [t for t in tokens if t.head_id not in inside]
    if len(heads) == 1 and heads[0].feats.get("Case") in _CASES:
        head = heads[0]
        feats = dict(head.feats)
        known = [f for f in vocab.parse(words[tokens.index(head)]) if f.pos == head.pos]  # type: ignore[attr-defined]
        if known and known[0].feats.get("Gender"):  # the dictionary's gender, not the tagger's guess
            feats["Gender"] = known[0].feats["Gender"]
        for k, tok in enumerate(tokens):
            if tok is not head and tok.pos == "ADJ" and "Case" not in tok.feats and tok.head_id == head.id:
                words[k] = _adjective_nominative(vocab, tok.text, feats) or words[k]
    return recover_spaces(recover_shapes(words, tokens), tokens)


def _adjective_nominative(vocab: object, word: str, head: dict) -> str | None:
    """``word``, an adjective agreeing with a noun of features ``head``, in the nominative."""
    want = {"Nom", "Plur"} if head.get("Number") == "Plur" else {"Nom", "Sing", head.get("Gender", "Masc")}
    for form in vocab.parse(word.lower()):  # type: ignore[attr-defined]
        if form.pos == "ADJ" and form.feats.get("Case") == head["Case"]:
            found = form.inflect(want)
            if found is not None:
                return str(found.word)
    return None


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


def _ru_tag(tok: object, vocab: object) -> str:
    """A Penn-like tag where the extraction rules ask for one (plural nouns, past and present verbs)."""
    feats = getattr(tok, "feats", None) or {}
    pos = getattr(tok, "pos", "")
    if pos in ("NOUN", "PROPN"):
        return "NNS" if feats.get("Number") == "Plur" else "NN"
    if pos == "VERB":
        if feats.get("VerbForm") == "Part":
            return "VBN"
        if feats.get("VerbForm") == "Fin" and feats.get("Tense"):
            feats = {**feats, "Tense": _dictionary_tense(vocab, getattr(tok, "text", ""), feats["Tense"])}
        if feats.get("Tense") == "Fut" and feats.get("VerbForm") == "Fin":
            return "VBF"  # a finite future ("нападут", "будет"): no Penn tag; the stance stage reads it as future
        return {"Past": "VBD", "Pres": "VBP"}.get(feats.get("Tense", ""), "VB")
    return ""


def _dictionary_tense(vocab: object, word: str, guessed: str) -> str:
    """The dictionary's tense of a finite verb form when all its readings agree, else the tagger's guess (the
    tagger takes «взорвёт» for a past tense; no reading of it is one)."""
    tenses = {f.feats.get("Tense") for f in vocab.parse(word.lower()) if f.pos == "VERB"}  # type: ignore[attr-defined]
    agreed = tenses.pop() if len(tenses) == 1 else None
    return agreed or guessed
