# The README's two commands: `make run` (the product on the embedded default) and `make test`.
VENV := .venv/bin

.PHONY: run shell setup setup-dev lock test lint typecheck pytest bench bench-e2e bench-rasa clean

run: setup
	$(VENV)/kuntabotti run

shell: setup
	$(VENV)/kuntabotti train --if-needed
	$(VENV)/kuntabotti shell

setup:
	bash scripts/setup.sh

setup-dev:
	bash scripts/setup.sh --dev

# Refresh the lock files deliberately: `make lock LOCK_ARGS=--upgrade`, then `make test`.
lock:
	bash scripts/lock.sh $(LOCK_ARGS)

test: setup-dev lint typecheck pytest

lint:
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .

typecheck:
	$(VENV)/mypy

pytest:
	$(VENV)/pytest -q

bench: setup-dev
	$(VENV)/python -m bench.nlu_speed

bench-e2e: setup-dev
	$(VENV)/python -m bench.e2e $(E2E_ARGS)

bench-rasa: setup-dev
	bash bench/setup_rasa.sh
	$(VENV)/python -m bench.rasa_peer $(RASA_PEER_ARGS)

clean:
	rm -rf models .pytest_cache .mypy_cache .ruff_cache kuntabotti.db kuntabotti.db-wal kuntabotti.db-shm
