"""NLU speed: training time, model load time, parse latency p50/p99, peak RSS.

Baseline, measured in the same run: spaCy's blank tokenizer alone on the same messages, so
the ratio says what our analysis and classification cost on top of reading the text.

usage: python -m bench.nlu_speed [--data data] [--repeat 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

from bench.common import peak_rss_mb, percentile
from content import load_valid_content
from nlu import NLUModel


def message_set(content_examples: list, every: int = 5) -> list[str]:
    """A fixed set: every 5th training example of each language, plus hard inputs."""
    texts = [e.text for e in content_examples[::every]]
    return [*texts, "", "   ", "😀😀😀", "x" * 10_000, "\x00\x01\x02junk\xff", "ok", "ja", "tack"]


def time_parses(parse, texts: list[str], repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per call. CPU time leaves out the waits a shared
    machine adds, so it is the figure to compare across runs; wall time is what a user sees."""
    wall, cpu = [], []
    for _ in range(repeat):
        for text in texts:
            t0, c0 = time.perf_counter_ns(), time.thread_time_ns()
            parse(text)
            cpu.append((time.thread_time_ns() - c0) / 1e6)
            wall.append((time.perf_counter_ns() - t0) / 1e6)
    return wall, cpu


def serving_peak_rss_mb(model_dir: Path) -> float:
    """Peak RSS of a fresh process that loads the model and parses in all three languages."""
    code = (
        "import sys; from pathlib import Path; from nlu import NLUModel; "
        "from bench.common import peak_rss_mb; m = NLUModel.load(Path(sys.argv[1])); "
        "[m.parse(t) for t in ('Missä on uimahalli?', 'Var finns simhallen?', "
        "'Where is the swimming hall?')]; print(peak_rss_mb())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(model_dir)], check=True, capture_output=True, text=True
    )
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    content = load_valid_content(args.data)
    examples = content.training_examples()
    started = time.perf_counter()
    model = NLUModel.train(examples, content.intent_infos(), vocabulary=content.team_examples())
    train_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        model.save(Path(tmp))
        started = time.perf_counter()
        model = NLUModel.load(Path(tmp))
        load_seconds = time.perf_counter() - started
        serving_rss = serving_peak_rss_mb(Path(tmp))
    texts = message_set(examples)
    for text in texts[:50]:  # warm caches as a running worker would have them
        model.parse(text)
    ours, ours_cpu = time_parses(model.parse, texts, args.repeat)
    baseline, baseline_cpu = time_parses(spacy.blank("fi"), texts, args.repeat)
    p50, p99 = percentile(ours, 50), percentile(ours, 99)
    b50, b99 = percentile(baseline, 50), percentile(baseline, 99)
    c50, c99 = percentile(ours_cpu, 50), percentile(ours_cpu, 99)
    print(f"examples {len(examples)}, intents {len(content.intents)}, messages timed {len(ours)}")
    print(f"training        {train_seconds:8.1f} s   (fi+sv+en, incl. threshold tuning)")
    print(f"model load      {load_seconds:8.2f} s")
    print(
        f"parse p50       {p50:8.3f} ms  (tokenizer-only baseline {b50:.3f} ms, x{p50 / b50:.1f})"
    )
    print(
        f"parse p99       {p99:8.3f} ms  (tokenizer-only baseline {b99:.3f} ms, x{p99 / b99:.1f})"
    )
    print(f"parse CPU p50   {c50:8.3f} ms  p99 {c99:.3f} ms  (CPU time, immune to waiting)")
    print(
        f"baseline CPU    {percentile(baseline_cpu, 50):8.3f} ms  p99 "
        f"{percentile(baseline_cpu, 99):.3f} ms"
    )
    print(f"throughput      {1000 / (sum(ours) / len(ours)):8.0f} messages/s on one core")
    print(f"peak RSS        {serving_rss:8.0f} MB  (fresh process, fi+sv+en loaded, parsing)")
    print(f"peak RSS        {peak_rss_mb():8.0f} MB  (this process, including training)")


if __name__ == "__main__":
    main()
