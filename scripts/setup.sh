#!/usr/bin/env bash
# Installs what kuntabotti needs on a fresh Debian machine: Debian packages, then a project
# .venv with the package (and, with --dev, the test tools) at the versions of the lock file.
# Safe to run again: it only installs what is missing and reinstalls Python packages when
# pyproject.toml or the lock file changed.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[ "${1:-}" = "--dev" ] && extras="[dev]"

debs=(libvoikko1 voikko-fi)
# The tests start a throwaway PostgreSQL cluster (tests/helpers/pg.py) and drive the web chat in
# Chromium; `make run` needs neither (it uses the embedded SQLite store). Installing the
# postgresql package also creates and starts Debian's "main" cluster, which the tests leave be.
if [ -n "$extras" ]; then
  debs+=(postgresql chromium fonts-dejavu-core)
  # The accessibility tests inject axe-core from npm (tests/a11y). A Node.js already on PATH
  # (nvm, NodeSource) is used as is: NodeSource's nodejs even conflicts with Debian's npm.
  command -v npm >/dev/null 2>&1 || debs+=(nodejs npm)
fi
missing=()
for pkg in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
  || { echo "kuntabotti needs Python >= 3.11 (found: $("$python" --version 2>&1))" >&2; exit 1; }
[ -x .venv/bin/python ] || "$python" -m venv .venv

# Exactly the versions in the lock file, checked against its hashes, so a fresh clone
# installs what CI passed with; scripts/lock.sh refreshes it (see the README). The project
# itself goes in without resolving again and with the locked build backend.
lock=requirements.lock
[ -n "$extras" ] && lock=requirements-dev.lock
stamp=".venv/.installed${extras}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ "$lock" -nt "$stamp" ]; then
  .venv/bin/pip install -q --require-hashes -r "$lock"
  .venv/bin/pip install -q --no-deps --no-build-isolation -e .
  touch "$stamp"
fi

# The stamp, not axe.min.js itself, is compared with the lock file: npm does not promise
# which mtimes it leaves on what it unpacks, and `npm ci` empties node_modules, stamp and all.
if [ -n "$extras" ]; then
  a11y=tests/a11y
  if [ ! -f "$a11y/node_modules/axe-core/axe.min.js" ] || [ ! -f "$a11y/node_modules/.installed" ] \
    || [ "$a11y/package-lock.json" -nt "$a11y/node_modules/.installed" ]; then
    npm ci --prefix "$a11y" --no-audit --no-fund --loglevel=error
    touch "$a11y/node_modules/.installed"
  fi
fi
