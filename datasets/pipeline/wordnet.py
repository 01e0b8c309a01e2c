"""Just enough of WordNet 3.0's noun database: synsets, their lemmas, hyponyms and sense order."""

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Synset:
    offset: str
    lex_filenum: int
    lemmas: list      # (lemma, lex_id) in file order, lemma as written (underscores for spaces)
    hyponyms: list    # offsets of direct hyponyms ("~"); instance hyponyms ("~i") are left out: names
    gloss: str


class WordNet:
    def __init__(self, root: Path):
        self.synsets = {}
        for line in (root / "data.noun").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue  # licence header
            self.synsets[line[:8]] = _parse_data_line(line)
        # index.noun lists each lemma's synsets in sense order (most frequent first).
        self.senses = {}
        for line in (root / "index.noun").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            f = line.split()
            n_synsets = int(f[2])
            self.senses[f[0]] = f[-n_synsets:]
        # Irregular plurals: base form -> plural forms.
        self.plurals = {}
        for line in (root / "noun.exc").read_text(encoding="latin-1").splitlines():
            inflected, base = line.split()[:2]
            self.plurals.setdefault(base, []).append(inflected)

    def synset(self, name: str) -> Synset:
        """Look a synset up by its usual name lemma.n.NN (NN = sense number of that lemma)."""
        lemma, pos, number = name.rsplit(".", 2)
        if pos != "n":
            raise ValueError(f"{name}: only noun synsets (lemma.n.NN) are supported")
        offsets = self.senses.get(lemma.lower())
        if not offsets or int(number) > len(offsets):
            raise ValueError(f"{name}: no such noun sense in WordNet 3.0")
        return self.synsets[offsets[int(number) - 1]]

    def closure(self, root: Synset) -> set:
        """Offsets of a synset and all its hyponyms, transitively."""
        seen, todo = set(), [root.offset]
        while todo:
            off = todo.pop()
            if off not in seen:
                seen.add(off)
                todo.extend(self.synsets[off].hyponyms)
        return seen

    def sense_key(self, synset: Synset, lemma: str) -> str:
        """The sense key lemma%1:LL:II:: that names this sense of the lemma (1 = noun)."""
        for name, lex_id in synset.lemmas:
            if name.lower() == lemma.lower():
                return f"{lemma.lower()}%1:{synset.lex_filenum:02d}:{lex_id:02d}::"
        raise ValueError(f"{lemma} is not a lemma of synset {synset.offset}")


def _parse_data_line(line: str) -> Synset:
    head, _, gloss = line.partition(" | ")
    f = head.split()
    offset, lex_filenum = f[0], int(f[1])
    n_words = int(f[3], 16)
    lemmas = []
    i = 4
    for _ in range(n_words):
        lemmas.append((f[i], int(f[i + 1], 16)))
        i += 2
    n_pointers = int(f[i])
    i += 1
    hyponyms = []
    for _ in range(n_pointers):
        symbol, target, pos = f[i], f[i + 1], f[i + 2]
        if symbol == "~" and pos == "n":
            hyponyms.append(target)
        i += 4
    return Synset(offset, lex_filenum, lemmas, hyponyms, gloss.strip())
