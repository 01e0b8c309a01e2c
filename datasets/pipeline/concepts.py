"""Concept sets for finding expert units: sentences that mention a WordNet concept, and matched
sentences that do not."""

import hashlib
import json
import re
from pathlib import Path

from . import brown

# name -> (synset, Brown tag prefixes a matching word must carry in a positive sentence).
# Football (football.n.01, the seed's football%1:04:00::) has only 32 usable Brown sentences, so the
# broader sport.n.01, whose words include football, soccer and rugby, takes its place.
CONCEPTS = {
    "sport": ("sport.n.01", ("nn",)),
    "food": ("food.n.02", ("nn",)),
    "colour": ("chromatic_color.n.01", ("nn", "jj")),
    "plant": ("plant.n.02", ("nn",)),
    "vehicle": ("vehicle.n.01", ("nn",)),
}
# Words that pass the sense filter but whose Brown occurrences are mostly about something else
# (read off the matches): "blues" is music, "doubles" and "fives" are numbers, "organs" anatomy.
STOPWORDS = {
    "sport": {"doubles", "double", "fives", "plunge", "plunges", "hoops", "swim", "swims"},
    "food": {"organs", "chines", "chine", "roast", "roasts"},
    "colour": {"blues", "complementary", "complementaries", "pastel", "pastels", "drab", "drabs"},
    # "plant" itself means a factory in most Brown sentences: that is the sense this set excludes.
    "plant": {"plant", "plants", "cereal", "cereals", "mustard", "caper", "capers", "thrift", "thrifts", "pepper", "peppers"},
    "vehicle": {"electric", "electrics", "tank", "tanks"},
}
MIN_WORDS, MAX_WORDS = 8, 40
MAX_POSITIVES = 300


def plural(word: str) -> str:
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def concept_words(wn, synset_name: str) -> list:
    """Lemmas of the synset and its hyponyms whose most frequent noun sense lies inside the concept,
    with their plurals. The sense filter drops words such as "course" (a meal course, but usually a
    course of action) that would otherwise flood the positives with unrelated sentences."""
    root = wn.synset(synset_name)
    inside = wn.closure(root)
    words = set()
    for off in inside:
        for lemma, _ in wn.synsets[off].lemmas:
            key = lemma.lower()
            # The concept's own lemmas always count ("food" is first of all food.n.01, a nutrient).
            if off != root.offset and wn.senses.get(key, [None])[0] not in inside:
                continue
            if not re.fullmatch(r"[a-z][a-z'-]*(?:_[a-z'-]+)*", key) or len(key) < 3:
                continue
            phrase = key.split("_")
            words.add(" ".join(phrase))
            plurals = wn.plurals.get(key) or [plural(phrase[-1])]
            for p in plurals:
                words.add(" ".join(phrase[:-1] + [p.replace("_", " ")]))
    return sorted(words)


class PhraseMatcher:
    """Finds whole-word, case-insensitive occurrences of single words and multi-word phrases."""

    def __init__(self, phrases):
        self.by_first = {}
        for p in phrases:
            parts = tuple(p.split(" "))
            self.by_first.setdefault(parts[0], []).append(parts)

    def matches(self, words: list):
        """(start, end, phrase) for every occurrence in a token list."""
        low = [w.lower() for w in words]
        for i, w in enumerate(low):
            for parts in self.by_first.get(w, ()):
                if tuple(low[i:i + len(parts)]) == parts:
                    yield i, i + len(parts), " ".join(parts)


def _rank(sid: str, salt: str) -> str:
    # A fixed pseudo-random order that does not depend on Python's hash seed.
    return hashlib.sha256(f"{salt}:{sid}".encode()).hexdigest()


def build_concept(name, sentences, wn, out_dir: Path) -> dict:
    synset_name, tag_prefixes = CONCEPTS[name]
    words = [w for w in concept_words(wn, synset_name) if w not in STOPWORDS.get(name, ())]
    matcher = PhraseMatcher(words)
    usable = [s for s in sentences if brown.is_clean(s) and MIN_WORDS <= s.word_count() <= MAX_WORDS]
    by_file = {}
    for s in usable:
        by_file.setdefault(s.file, []).append(s)
    mentions = {}   # sentence id -> phrases found anywhere (any tag)
    positive = {}   # sentence id -> phrases found with an allowed tag
    for s in usable:
        found = list(matcher.matches(s.words))
        if found:
            mentions[s.id] = sorted({p for _, _, p in found})
            tagged = sorted({p for _, end, p in found if _allowed(s.tags[end - 1], tag_prefixes)})
            if tagged:
                positive[s.id] = tagged
    chosen = sorted(positive, key=lambda sid: _rank(sid, name))[:MAX_POSITIVES]
    chosen_set = set(chosen)
    # Each positive gets the nearest unused sentence of its own text that names nothing of the
    # concept, so positives and negatives share genre, topic and style.
    used = set()
    pairs = []
    index_of = {s.id: (s.file, i) for f, ss in by_file.items() for i, s in enumerate(ss)}
    for sid in sorted(chosen, key=_corpus_order):
        f, i = index_of[sid]
        ss = by_file[f]
        neg = None
        for d in range(1, len(ss)):
            for j in (i - d, i + d):
                if 0 <= j < len(ss) and ss[j].id not in mentions and ss[j].id not in used:
                    neg = ss[j]
                    break
            if neg:
                break
        if neg is not None:
            used.add(neg.id)
            pairs.append((sid, neg.id))
    by_id = {s.id: s for s in usable}
    rows = [dict(id=sid, label=1, text=by_id[sid].text, words=positive[sid]) for sid, _ in pairs]
    rows += [dict(id=nid, label=0, text=by_id[nid].text, words=[]) for _, nid in pairs]
    rows.sort(key=lambda r: (-r["label"], _corpus_order(r["id"])))
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / f"{name}.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    (out_dir / f"{name}.words.txt").write_text("".join(w + "\n" for w in words), encoding="utf-8")
    root = wn.synset(synset_name)
    return dict(concept=name, synset=synset_name, sense_key=wn.sense_key(root, root.lemmas[0][0]),
                gloss=root.gloss, lemmas=[l for l, _ in root.lemmas], tags=list(tag_prefixes),
                words=len(words), candidates=len(positive), positives=len(pairs), negatives=len(pairs))


def _allowed(tag: str, prefixes) -> bool:
    # Parts of names ("Blue Ridge", "Red China": tags ending -tl) and proper nouns (np) do not count.
    return tag.startswith(prefixes) and "-tl" not in tag


def _corpus_order(sid: str):
    f, n = sid.split(".")
    return f, int(n)
