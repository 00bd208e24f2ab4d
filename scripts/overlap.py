"""Which content examples copy a real test set: runs of words or near-identical sentences.

Real question sets (../shared/devset) measure the bot on people's own words; an example
copied from one would make the measure flatter the bot. Run before committing content:

    .venv/bin/python -m scripts.overlap ../shared/devset/real_dev.jsonl [--data data]

Lists every example (file:line) that shares RUN or more consecutive words with a test line,
or whose character trigrams are at least SIMILAR alike (cosine; not for vocabulary entries,
which are names of things); exits 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer

from content import load_content

RUN = 5
SIMILAR = 0.8
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def runs(tokens: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("test", type=Path, help="JSONL test set with a text field")
    parser.add_argument("--data", type=Path, default=Path("data"))
    args = parser.parse_args(argv)
    tests = [json.loads(line)["text"] for line in args.test.read_text().splitlines() if line]
    content = load_content(args.data)
    examples = [
        (ex.text, f"{ex.file}:{ex.line}")
        for intent in content.intents.values()
        for exs in intent.examples.values()
        for ex in exs
    ]
    terms = len(examples)  # vocabulary entries after this: names of things, runs only
    examples += [(w.text, f"{file}:{line}") for w, file, line in content.vocabulary]
    test_runs: dict[tuple[str, ...], int] = {}
    for index, text in enumerate(tests):
        for run in runs(words(text), RUN):
            test_runs.setdefault(run, index)
    trigrams = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 3)).fit(
        [" ".join(words(t)) for t in tests + [e for e, _ in examples]]
    )
    test_matrix = trigrams.transform([" ".join(words(t)) for t in tests])
    example_matrix = trigrams.transform([" ".join(words(e)) for e, _ in examples])
    similarity = (example_matrix @ test_matrix.T).tocsr()
    found = 0
    for row, (text, where) in enumerate(examples):
        copied = next((test_runs[r] for r in runs(words(text), RUN) if r in test_runs), None)
        scores = similarity.getrow(row)
        alike = scores.nnz and scores.data.max() >= SIMILAR and len(words(text)) >= 3
        if copied is None and alike and row < terms:
            copied = int(scores.indices[scores.data.argmax()])
        if copied is not None:
            found += 1
            print(f"{where}: {text!r}\n    ~ {tests[copied]!r}")
    print(f"{found} of {len(examples)} examples copy the test set", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
