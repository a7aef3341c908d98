"""Start the dashboard with its data already loaded: `streamlit run dashboard.py` in this process, after
the app's modules are imported and lib.ui.cache.warm() has read every table (validated Parquet when the files are unchanged), the case
publication and the overview's first view, so the first visitor after a restart does not wait for them.

    .venv/bin/python scripts/serve.py [streamlit options, e.g. --server.port 8501]

scripts/run_dashboard.sh and scripts/run_cluster.sh start the dashboard this way.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> None:
    started = time.perf_counter()
    import lib                        # the app's modules (not its command lines), imported once for every session

    for module in pkgutil.walk_packages(lib.__path__, "lib."):
        if not module.name.startswith(("lib.tools", "lib.cli")):
            importlib.import_module(module.name)
    from lib.ui import cache

    cache.warm()
    print(f"WE Nexus Monitor: data loaded in {time.perf_counter() - started:.1f} s", flush=True)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(ROOT / "dashboard.py"), *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
