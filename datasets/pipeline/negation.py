"""Sentences for the negation-tuning lecture: Brown sentences holding negations and affirmations,
found with the same word rules the lecture applies to model tokens."""

import hashlib
import json
from pathlib import Path

from . import brown

# The lecture's default word lists (exact, lower-case matches).
NEGATIONS = ["not", "cannot", "nor", "never"]
CONTRACTIONS = ["'t"]  # any word containing 't (didn't, can't, won't) is a negation too
AFFIRMATIONS = ["agree", "always", "allow", "can", "certainly", "could", "definitely", "may", "might",
                "shall", "should"]

TARGETS_PER_CLASS = 300
MIN_WORDS, MAX_WORDS = 6, 40


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
    """Pick sentences in a fixed pseudo-random order, keeping one only while every class it adds
    targets to is still short of its quota, so both classes end close to TARGETS_PER_CLASS."""
    pool = []
    for s in sentences:
        if not brown.is_clean(s) or not MIN_WORDS <= s.word_count() <= MAX_WORDS:
            continue
        neg, aff = len(negation_positions(s.words)), len(affirmation_positions(s.words))
        if neg or aff:
            pool.append((hashlib.sha256(f"negation:{s.id}".encode()).hexdigest(), s, neg, aff))
    pool.sort(key=lambda t: t[0])
    kept, n_neg, n_aff = [], 0, 0
    for _, s, neg, aff in pool:
        if n_neg >= TARGETS_PER_CLASS and n_aff >= TARGETS_PER_CLASS:
            break
        if (neg and n_neg >= TARGETS_PER_CLASS) or (aff and n_aff >= TARGETS_PER_CLASS):
            continue
        kept.append(s)
        n_neg += neg
        n_aff += aff
    index = {s.id: i for i, s in enumerate(sentences)}
    kept.sort(key=lambda s: index[s.id])
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "sentences.txt").write_text("".join(s.text + "\n" for s in kept), encoding="utf-8")
    words = {"negation_words": NEGATIONS, "contraction_marks": CONTRACTIONS,
             "affirmation_words": AFFIRMATIONS, "context_pre": 90, "context_post": 10}
    (out_dir / "words.json").write_text(json.dumps(words, indent=2) + "\n", encoding="utf-8")
    return dict(sentences=len(kept), negation_targets=n_neg, affirmation_targets=n_aff,
                words=sum(s.word_count() for s in kept))
