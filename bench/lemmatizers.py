"""Swedish and English lemmatizers, chosen by measurement: simplemma vs spaCy lookup tables.

Same folds, same classifier; only the lemmatizer component differs. Also times the
lemmatizer alone on every example (tokens per second).

usage: python -m bench.lemmatizers [--folds 5]   (needs: pip install spacy-lookups-data)
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from content import load_valid_content
from nlu import NLUConfig
from nlu.evaluation import cross_validate
from nlu.pipelines import build_pipeline

VARIANTS = {
    "simplemma": lambda lang: [("simplemma_lemmatizer", {"lang": lang}), ("rule_entities", {})],
    "spacy-lookup": lambda lang: [("lemmatizer", {"mode": "lookup"}), ("rule_entities", {})],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data"))
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    content = load_valid_content(args.data)
    print("| language | lemmatizer | intent accuracy | macro F1 | tokens/s (lemmatizer) |")
    print("|---|---|---|---|---|")
    for lang in ("sv", "en"):
        examples = [e for e in content.training_examples() if e.language == lang]
        for name, pipes in VARIANTS.items():
            config = NLUConfig()
            config.pipelines[lang] = pipes(lang)
            report = cross_validate(examples, content.intent_infos(), config, args.folds)
            figures = report["languages"][lang]
            nlp = build_pipeline(lang, pipes(lang)[:1])
            texts = [e.text for e in examples]
            started = time.perf_counter()
            tokens = sum(len(doc) for doc in nlp.pipe(texts))
            speed = tokens / (time.perf_counter() - started)
            print(
                f"| {lang} | {name} | {figures['intent_accuracy']:.4f} | "
                f"{figures['intent_macro_f1']:.4f} | {speed:,.0f} |"
            )


if __name__ == "__main__":
    main()
