"""Short passages for the decomposition lecture, in its input format: each passage starts with a
line "!ARTICLE", then one sentence per line."""

from pathlib import Path

from . import brown

# One text from each of six genres: news, popular lore, general fiction, adventure, romance, humour.
FILES = ["ca01", "cf01", "ck01", "cn01", "cp01", "cr01"]
MIN_SENTENCES = 3
MAX_WORDS = 90  # decomposition cost grows with the square of the length: keep passages short


def _passage(sentences):
    """The leading sentences of the first paragraph that yields MIN_SENTENCES clean sentences
    within MAX_WORDS words."""
    by_paragraph = {}
    for s in sentences:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    for para in sorted(by_paragraph):
        taken, words = [], 0
        for s in by_paragraph[para]:
            if not brown.is_clean(s) or words + s.word_count() > MAX_WORDS:
                break
            taken.append(s)
            words += s.word_count()
        if len(taken) >= MIN_SENTENCES:
            return taken
    raise SystemExit(f"no passage of {MIN_SENTENCES} sentences within {MAX_WORDS} words in {sentences[0].file}")


def build(sentences, out_dir: Path) -> dict:
    by_file = {}
    for s in sentences:
        by_file.setdefault(s.file, []).append(s)
    lines, counts = [], []
    for f in FILES:
        passage = _passage(by_file[f])
        lines.append("!ARTICLE")
        lines.extend(s.text for s in passage)
        counts.append(dict(file=f, category=passage[0].category, first=passage[0].id,
                           sentences=len(passage), words=sum(s.word_count() for s in passage)))
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "articles.txt").write_text("".join(l + "\n" for l in lines), encoding="utf-8")
    return dict(articles=counts)
