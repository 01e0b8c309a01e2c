"""Read the tagged Brown corpus (NLTK's "Form C" files) into sentences of (word, tag) tokens,
and turn those tokens back into ordinary running text."""

import re
from dataclasses import dataclass, field
from pathlib import Path

# Tokens glued to the word before them, and tokens glued to the word after them.
_CLOSERS = {",", ".", ";", ":", "?", "!", ")", "]", "''"}
_OPENERS = {"(", "[", "``"}
_WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*'?")


@dataclass
class Sentence:
    id: str             # file name and sentence number inside the file, e.g. "ca01.3"
    file: str           # e.g. "ca01"
    category: str       # Brown genre, e.g. "news"
    paragraph: int      # paragraph number inside the file
    words: list         # surface tokens as tagged (quotes still `` and '')
    tags: list          # Brown tags, lower case
    text: str = field(default="")  # detokenised sentence

    def word_count(self) -> int:
        """Number of tokens that are words (punctuation and numbers excluded)."""
        return sum(1 for w in self.words if is_word(w))


def is_word(token: str) -> bool:
    return _WORD.fullmatch(token) is not None


_NUMBER = re.compile(r"\$?[0-9][0-9,.:/-]*%?")
_PUNCT = _CLOSERS | _OPENERS | {"'", "--", "&"}


# Stand-ins for formulas and symbols in the learned texts.
_PLACEHOLDERS = {"Af", "Aj"}


def is_clean(sentence: "Sentence") -> bool:
    """True for ordinary prose: the learned texts carry formula placeholders such as **zg or ;;."""
    return all(is_word(w) or w in _PUNCT or _NUMBER.fullmatch(w) or
               re.fullmatch(r"[A-Za-z]\.(?:[A-Za-z]\.)*|[A-Z][a-z]{0,3}\.", w)
               for w in sentence.words)


_JUNK = re.compile(r"[*]|^[^A-Za-z0-9]*[?!;:.,]{2,}[^A-Za-z0-9]*$|[^A-Za-z0-9 .,;:?!()'`$%&/-]")


# Stand-ins for formulas and symbols in the learned texts.
_PLACEHOLDERS = {"Af", "Aj"}


def is_clean(sentence) -> bool:
    """False for fragments, and for sentences with formula placeholders (**zg), doubled punctuation (;; ??) or odd symbols,
    which the learned texts use for material that was left out of the corpus."""
    if any(_JUNK.search(w) or w in _PLACEHOLDERS for w in sentence.words if w not in ("``", "''", "--")):
        return False
    # A complete sentence ends with . ? or ! (possibly inside closing quotes or brackets): this
    # leaves out headings such as "Ask jail deputies" and list markers such as "(2)".
    ending = [w for w in sentence.words if w not in ("''", "'", ")")]
    return bool(ending) and ending[-1] in (".", "?", "!") and sentence.words[0] not in (")", ",", ";", ".")


def _split_token(token: str):
    # A token is word/tag; the word itself may contain '/' (fractions such as 1-1/2).
    word, _, tag = token.rpartition("/")
    return word, tag.lower()


def read_categories(root: Path) -> dict:
    cats = {}
    for line in (root / "cats.txt").read_text(encoding="ascii").splitlines():
        if line.strip():
            name, cat = line.split()
            cats[name] = cat
    return cats


def read_corpus(root: Path) -> list:
    """All sentences, in corpus order (file by file, as listed in cats.txt)."""
    sentences = []
    for name, category in read_categories(root).items():
        lines = []  # (paragraph, [(word, tag)])
        paragraph, blank_run = 0, True
        for line in (root / name).read_text(encoding="ascii").splitlines():
            if not line.strip():
                blank_run = True
                continue
            if blank_run:
                paragraph += 1
                blank_run = False
            lines.append((paragraph, [_split_token(t) for t in line.split()]))
        for index, (para, pairs) in enumerate(_join_clauses(lines)):
            words = [w for w, _ in pairs]
            tags = [t for _, t in pairs]
            sentences.append(Sentence(f"{name}.{index}", name, category, para, words, tags, detokenize(words)))
    return sentences


def _join_clauses(lines):
    """The corpus ends some lines with a doubled mark (";;", "!!", "??") where the sentence goes on
    in the next line ("... part of the picture;; / but consider ..."). Keep one mark and join."""
    out = []
    carry = None
    for para, pairs in lines:
        if carry is not None and carry[0] == para:
            pairs = carry[1] + pairs
        elif carry is not None:
            out.append(carry)
        carry = None
        doubled = len(pairs) >= 2 and pairs[-1][0] == pairs[-2][0] and pairs[-1][0] in (";", "!", "?")
        if doubled:
            pairs = pairs[:-1]
            carry = (para, pairs)
            continue
        out.append((para, pairs))
    if carry is not None:
        out.append(carry)
    return out


def surface(words: list) -> list:
    """Replace the corpus's quote tokens by the characters a reader would see."""
    out = []
    single_open = False
    for w in words:
        if w in ("``", "''"):
            out.append('"')
        elif w == "'":
            # A lone single quote alternates between opening and closing within a sentence.
            out.append("'")
            single_open = not single_open
        else:
            out.append(w)
    return out


def detokenize(words: list) -> str:
    """Join tokens with spaces except where punctuation attaches to its neighbour."""
    text = ""
    glue_next = True   # no space before the first token, nor after an opening bracket or quote
    single_open = False
    for w in words:
        if w == "'":
            closing = single_open
            single_open = not single_open
            if closing:
                text += "'"
                glue_next = False
            else:
                text += ("" if glue_next else " ") + "'"
                glue_next = True
            continue
        shown = '"' if w in ("``", "''") else w
        if w in _CLOSERS:
            text += shown
            glue_next = False
        else:
            text += ("" if glue_next else " ") + shown
            glue_next = w in _OPENERS
    return text
