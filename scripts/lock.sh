#!/usr/bin/env bash
# Refreshes the lock files that scripts/setup.sh installs from, with uv's resolver:
#   requirements-dev.lock  everything `make test` needs (the project, its dev extra, the
#                          build backend), with hashes;
#   requirements.lock      what `make run` needs, held to the same versions.
#
#   scripts/lock.sh              keep every pin that still fits pyproject.toml (after adding
#                                or changing a dependency there)
#   scripts/lock.sh --upgrade    today's newest releases that fit: a deliberate step; run
#                                `make test`, then commit the lock files with the code
#   scripts/lock.sh --upgrade-package spacy   one package (and what it needs) only
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/uv ] || { [ -x .venv/bin/python ] || python3 -m venv .venv; .venv/bin/pip install -q uv; }
compile=(.venv/bin/uv pip compile --quiet --python-version 3.11 --generate-hashes
  --no-header --annotation-style line)
build=$(mktemp)
trap 'rm -f "$build"' EXIT
# The build backend pyproject.toml names: installed from the lock, not fetched unpinned.
echo "setuptools>=68" > "$build"

"${compile[@]}" "$@" pyproject.toml "$build" --extra dev -o requirements-dev.lock
"${compile[@]}" pyproject.toml "$build" -c requirements-dev.lock -o requirements.lock
sed -i "s#$build#build-system.requires#" requirements-dev.lock requirements.lock
echo "Locked $(grep -c '==' requirements-dev.lock) packages for tests," \
  "$(grep -c '==' requirements.lock) for running."
