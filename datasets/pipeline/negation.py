"""Running text for the negation-tuning lecture: every paragraph of the Brown corpus's editorial
texts (press editorials, columns and letters to the editor: opinions, full of "not", "cannot" and
"should"), in corpus order, unselected, as the original study reads one whole book. The word rules
below only count targets for the summary; the lecture applies its own rules to model tokens."""

import json
from pathlib import Path

from . import brown

# The lecture's default word lists (exact, lower-case matches).
NEGATIONS = ["not", "cannot", "nor", "never"]
CONTRACTIONS = ["'t"]  # any word containing 't (didn't, can't, won't) is a negation too
AFFIRMATIONS = ["agree", "always", "allow", "can", "certainly", "could", "definitely", "may", "might",
                "shall", "should"]

GENRE = "editorial"  # Brown category B, files cb01-cb27


def _followed_by_word(words, i) -> bool:
    # The lecture requires the next token to start with a space: a following word, not punctuation.
    return i + 1 < len(words) and brown.is_word(words[i + 1])


def negation_positions(words) -> list:
    return [i for i, w in enumerate(words)
            if (w.lower() in NEGATIONS or any(c in w.lower() for c in CONTRACTIONS))
            and _followed_by_word(words, i)]


def affirmation_positions(words) -> list:
    return [i for i, w in enumerate(words)
            if w.lower() in AFFIRMATIONS and _followed_by_word(words, i) and words[i + 1].lower() != "not"]


def build(sentences, out_dir: Path) -> dict:
    """Write running.txt: one paragraph per line (its sentences joined by spaces), the files of
    GENRE in corpus order, every sentence kept so that windows see the text as written."""
    paragraphs, key = [], None
    n_neg = n_aff = n_words = 0
    files = []
    for s in sentences:
        if s.category != GENRE:
            continue
        if s.file not in files:
            files.append(s.file)
        if (s.file, s.paragraph) != key:
            paragraphs.append([])
            key = (s.file, s.paragraph)
        paragraphs[-1].append(s.text)
        n_neg += len(negation_positions(s.words))
        n_aff += len(affirmation_positions(s.words))
        n_words += s.word_count()
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "running.txt").write_text("".join(" ".join(p) + "\n" for p in paragraphs), encoding="utf-8")
    words = {"negation_words": NEGATIONS, "contraction_marks": CONTRACTIONS,
             "affirmation_words": AFFIRMATIONS, "context_pre": 90, "context_post": 10}
    (out_dir / "words.json").write_text(json.dumps(words, indent=2) + "\n", encoding="utf-8")
    return dict(genre=GENRE, files=len(files), paragraphs=len(paragraphs), words=n_words,
                negation_words=n_neg, affirmation_words=n_aff)
