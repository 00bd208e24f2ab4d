#!/usr/bin/env bash
# Rasa 3.6.21 in its own venv (bench/.rasa-venv), never in the project's: it pins 2022-era
# libraries. This is the only install recipe that works on Python 3.11 (see issue 2).
set -euo pipefail
cd "$(dirname "$0")"
venv=${RASA_VENV:-.rasa-venv}
[ -x "$venv/bin/rasa" ] && exit 0
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
missing=()
for pkg in libfreetype6-dev libqhull-dev pkg-config; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
work=$(mktemp -d)
printf 'scipy==1.10.1\nnumpy==1.23.5\nscikit-learn==1.1.3\ndask==2022.10.2\nmatplotlib==3.5.3\npandas<2.1\n' \
  > "$work/constraints.txt"
printf '[libs]\nsystem_freetype = True\nsystem_qhull = True\n' > "$work/mplsetup.cfg"
python3 -m venv "$venv"
"$venv/bin/pip" install -q -U pip wheel setuptools
MPLSETUPCFG="$work/mplsetup.cfg" "$venv/bin/pip" install -q --ignore-requires-python \
  -c "$work/constraints.txt" rasa==3.6.21
"$venv/bin/pip" install -q dask==2022.10.2
rm -rf "$work"
