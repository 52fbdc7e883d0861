"""Build Documents with a hand-written parse, so stage tests do not depend on the trained model.

    doc = parsed('''
        ISKP      ISKP     PROPN  nsubj  2
        claimed   claim    VERB   root   2
        the       the      DET    det    4
        attack    attack   NOUN   obj    2
        .         .        PUNCT  punct  2
    ''')

Columns: text, lemma, UPOS, dependency, head (1-based within the sentence, 0 = root), optional tag. A blank
line starts a new sentence. Tokens are joined with single spaces (no space before punctuation).
"""

from __future__ import annotations

from sitrep.model import Document, Sentence, Token

NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", "'s", "’s", ")", "”", "n't"}


def parsed(table: str, *, published: str | None = "2024-05-15", language: str = "en", doc_id: str = "t") -> Document:
    sentences: list[list[list[str]]] = [[]]
    for line in table.strip("\n").splitlines():
        cols = line.split()
        if not cols:
            if sentences[-1]:
                sentences.append([])
            continue
        sentences[-1].append(cols)
    text = ""
    tokens: list[Token] = []
    sents: list[Sentence] = []
    for s_index, rows in enumerate(s for s in sentences if s):
        if text:
            text += " "
        base = len(tokens)
        s_start = len(text)
        for k, cols in enumerate(rows):
            word, lemma, pos, dep, head = cols[:5]
            tag = cols[5] if len(cols) > 5 else ""
            if k and word not in NO_SPACE_BEFORE and not text.endswith(("(", "“")):
                text += " "
            start = len(text)
            text += word
            h = base + int(head) - 1 if int(head) else base + k
            tokens.append(
                Token(
                    i=base + k,
                    start=start,
                    end=len(text),
                    text=word,
                    lemma=lemma,
                    pos=pos,
                    tag=tag,
                    dep=dep.replace("root", "ROOT") if dep == "root" else dep,
                    head=h,
                    sent=s_index,
                )
            )
        sents.append(Sentence(s_start, len(text), base, len(tokens)))
    doc = Document(id=doc_id, text=text, published=published, language=language)
    doc.layers.tokens, doc.layers.sentences = tokens, sents
    return doc
