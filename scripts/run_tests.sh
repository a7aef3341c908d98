#!/usr/bin/env bash
# Installs what is needed and runs the whole test suite. `.ci/run` runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
# Two workers (the machine the suite is sized for has two cores), each running whole files, so a module's
# server or browser is started once; WENEXUS_TEST_WORKERS=0 runs in one process.
exec .venv/bin/python -m pytest -n "${WENEXUS_TEST_WORKERS:-2}" --dist loadfile "$@"
