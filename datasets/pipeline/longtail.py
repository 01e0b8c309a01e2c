"""Word frequencies over the whole Brown corpus, long-tail and common word lists, and contexts that
precede an occurrence of each chosen word."""

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

from . import brown

# Thresholds on the lower-cased count over Brown's 999,003 word tokens (punctuation and numbers left out).
COMMON_MIN_COUNT = 100     # common: at least 100 occurrences (about 86 per million tokens)
LONGTAIL_MIN_COUNT = 2     # long tail: 2 to 5 occurrences; once-only words are mostly typos and names
LONGTAIL_MAX_COUNT = 5
LOWERCASE_SHARE = 0.9      # a chosen word is in lower case in 90% of its occurrences inside a sentence
CONTEXTS_PER_CLASS = 200
MIN_CONTEXT_WORDS, MAX_CONTEXT_WORDS = 8, 40
_PLAIN = re.compile(r"[a-z]{3,}")


def _rank(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def build(sentences, out_dir: Path) -> dict:
    counts, inside, lower = Counter(), Counter(), Counter()
    for s in sentences:
        starts = True  # a sentence's first word (also after an opening quote) is capitalised anyway
        for w in s.words:
            if brown.is_word(w):
                counts[w.lower()] += 1
                if not starts:
                    inside[w.lower()] += 1
                    if w == w.lower():
                        lower[w.lower()] += 1
                starts = False
            elif w in ("``", "(", "--", ":"):
                starts = True

    def plain(w):  # alphabetic, at least three letters, and not mostly a capitalised name
        return _PLAIN.fullmatch(w) is not None and inside[w] > 0 and lower[w] >= LOWERCASE_SHARE * inside[w]

    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    common = [w for w, c in ordered if c >= COMMON_MIN_COUNT and plain(w)]
    longtail = sorted(w for w, c in counts.items()
                      if LONGTAIL_MIN_COUNT <= c <= LONGTAIL_MAX_COUNT and plain(w))

    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / "unigram.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("word\tcount\n")
        for w, c in ordered:
            f.write(f"{w}\t{c}\n")
    (out_dir / "common_words.txt").write_text("".join(w + "\n" for w in common), encoding="utf-8")
    (out_dir / "longtail_words.txt").write_text("".join(w + "\n" for w in longtail), encoding="utf-8")

    contexts = _contexts(sentences, counts, {"longtail": set(longtail), "common": set(common)})
    with open(out_dir / "contexts.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for row in contexts:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return dict(types=len(counts), tokens=sum(counts.values()), common=len(common), longtail=len(longtail),
                contexts=len(contexts))


def _contexts(sentences, counts, classes) -> list:
    """One context per word: the sentence's words up to (not including) one lower-case occurrence
    of the word, preceded by at least MIN_CONTEXT_WORDS words. Words and occurrences are drawn in a
    fixed pseudo-random order; each class gets CONTEXTS_PER_CLASS distinct words."""
    candidates = {name: {} for name in classes}
    for s in sentences:
        if not brown.is_clean(s) or s.word_count() > MAX_CONTEXT_WORDS:
            continue
        before = 0
        for i, w in enumerate(s.words):
            for name, words in classes.items():
                if w in words and before >= MIN_CONTEXT_WORDS:
                    key = _rank(f"{name}:{w}:{s.id}:{i}")
                    best = candidates[name].get(w)
                    if best is None or key < best[0]:
                        candidates[name][w] = (key, s, i)
            if brown.is_word(w):
                before += 1
    rows = []
    for name, found in candidates.items():
        words = sorted(found, key=lambda w: _rank(f"{name}:{w}"))[:CONTEXTS_PER_CLASS]
        for w in sorted(words):
            _, s, i = found[w]
            rows.append(dict(context=brown.detokenize(s.words[:i]), word=w, **{"class": name}, count=counts[w], id=s.id))
    return rows
