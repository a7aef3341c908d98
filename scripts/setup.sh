#!/usr/bin/env bash
# Installs what the project needs into .venv (idempotent; reinstalls only when requirements change).
# Usage: scripts/setup.sh [runtime|test|cluster]
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-runtime}"
requirements=requirements.txt
[ "$profile" = test ] && requirements=requirements-test.txt

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

python_bin=$(command -v python3.11 || command -v python3 || true)
if [ -z "$python_bin" ] || ! "$python_bin" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))'; then
  echo "Python 3.11 is needed / Diperlukan Python 3.11 (apt-get install python3.11)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$python_bin" -m venv .venv 2>/dev/null; then
    # Debian ships venv separately.
    as_root apt-get update -qq && as_root apt-get install -y -qq python3-venv >/dev/null
    rm -rf .venv && "$python_bin" -m venv .venv
  fi
fi

# Debian packages (never a downloaded browser build): chromium renders the meeting deck's charts (kaleido)
# and drives the browser tests; DejaVu is the PDF report's font. The test profile adds LibreOffice Impress
# (the deck must open without a repair prompt), poppler-utils (the report's pages and text), and
# PostgreSQL and nginx: the store's tests run against both stores, and the cluster test
# (scripts/run_cluster.sh) serves the dashboard through nginx. The cluster profile is what
# scripts/run_cluster.sh needs.
debian_packages=(chromium fonts-dejavu-core)
[ "$profile" = test ] && debian_packages+=(libreoffice-impress poppler-utils postgresql nginx)
[ "$profile" = cluster ] && debian_packages+=(postgresql nginx)
missing_packages=()
for package in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing_packages+=("$package")
done
if [ ${#missing_packages[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_packages[@]}" >/dev/null
fi

stamp=.venv/.installed-$profile
wanted=$(cat requirements*.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
  echo "$wanted" > "$stamp"
fi
