#!/usr/bin/env bash
# Installs what is needed and starts the dashboard on the shipped data (or $WENEXUS_DATA_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh runtime
exec .venv/bin/python scripts/serve.py "$@"     # streamlit run dashboard.py, its data loaded first
