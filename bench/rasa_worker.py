"""Runs inside the Rasa venv (never imports kuntabotti): check a data folder loads, then
train and test Rasa NLU on the folds described by a job file, writing the figures as JSON.

usage: rasa_worker.py JOB.json OUT.json
"""

import asyncio
import json
import logging
import os
import sys
import tempfile
import time

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
logging.disable(logging.WARNING)


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as fh:
        job = json.load(fh)
    from rasa.core.agent import Agent
    from rasa.model_training import train_nlu
    from rasa.shared.nlu.training_data.loading import load_data

    # The unchanged language folder, read by Rasa's own loader and schema validation.
    data = load_data(job["data_folder"])
    # `rasa train nlu` on the unchanged folder: the format check the issue asks for.
    with tempfile.TemporaryDirectory() as tmp:
        train_nlu(job["check_config"], job["data_folder"], tmp, fixed_model_name="check")
    out = {
        "trained_unchanged_folder": True,
        "data_folder": job["data_folder"],
        "rasa_examples": len(data.intent_examples),
        "rasa_intents": len(data.intents),
        "folds": [],
    }
    for fold in job["folds"]:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            model = train_nlu(job["config"], fold["train_yaml"], tmp, fixed_model_name="fold")
            train_seconds = time.perf_counter() - started
            agent = Agent.load(model)
            predictions, latencies = [], []
            loop = asyncio.new_event_loop()
            for text in fold["test"]:
                t0 = time.perf_counter_ns()
                parsed = loop.run_until_complete(agent.parse_message(text))
                latencies.append((time.perf_counter_ns() - t0) / 1e6)
                ranking = [r["name"] for r in parsed.get("intent_ranking", [])]
                top = next((name for name in ranking if name != "nlu_fallback"), None)
                predictions.append(
                    {"top": top, "fallback": parsed["intent"]["name"] == "nlu_fallback"}
                )
            loop.close()
        out["folds"].append(
            {"train_seconds": train_seconds, "latencies_ms": latencies, "predictions": predictions}
        )
        print(
            f"rasa {job['language']} fold done in {train_seconds:.0f} s",
            flush=True,
        )
    with open(sys.argv[2], "w", encoding="utf-8") as fh:
        json.dump(out, fh)


if __name__ == "__main__":
    main()
