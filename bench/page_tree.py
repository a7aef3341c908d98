"""Record what a page draws, for the replay floor (bench/replay_app.py).

    .venv/bin/python -m bench.page_tree --page pages/map.py --kecamatan 53.01.04 --out build/bench/tree/map.json

The page runs in Streamlit's AppTest exactly as the server runs it (the frame, dashboard.py, then the
page): once as a new visitor sees it, then after the benchmark's one filter change (a kecamatan chosen
in the sidebar). Each run's ForwardMsgs are kept as sent: every element and block with its delta path
(charts, tiles, tables, captions, widgets with their values), and the navigation. The replay sends the
same messages again and computes nothing, so ours / replay is the price of the page's own work.
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

CLICK_KEY = "f_kecamatan"          # the sidebar filter the benchmarks change
# What the replay resends: the page's elements and blocks, the sidebar's page list and the page config. Session and
# script lifecycle messages are the replay server's own.
KEPT = ("delta", "navigation", "page_config_changed")


@contextmanager
def _captured() -> Iterator[list[list[bytes]]]:
    """While open, AppTest appends each run's ForwardMsgs, serialized."""
    import streamlit.testing.v1.local_script_runner as runner

    runs: list[list[bytes]] = []
    parse = runner.parse_tree_from_messages

    def kept(messages):
        runs.append([message.SerializeToString() for message in messages if message.WhichOneof("type") in KEPT])
        return parse(messages)

    runner.parse_tree_from_messages = kept
    try:
        yield runs
    finally:
        runner.parse_tree_from_messages = parse


def record(page: str, *, kecamatan: str, data: Path | None = None, lang: str = "en",
           timeout: int = 180) -> dict:
    """The page's first view and its view after choosing `kecamatan`, as the messages sent."""
    if data is not None:
        os.environ["WENEXUS_DATA_DIR"] = str(data)
    from streamlit.testing.v1 import AppTest

    with _captured() as runs:
        app = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=timeout)
        app.query_params["lang"] = lang
        app.run()
        app.switch_page(page)
        app.run()
        first = runs[-1]
        widget = app.multiselect(key=CLICK_KEY)
        app.multiselect(key=CLICK_KEY).set_value([kecamatan])
        app.run()
    errors = [str(e.value) for e in app.exception]
    if errors:
        raise RuntimeError(f"{page}: {errors[:2]}")
    return {"page": page, "lang": lang, "click_key": CLICK_KEY, "click_widget_id": widget.id, "kecamatan": kecamatan,
            "runs": {"": [base64.b64encode(m).decode() for m in first],
                     kecamatan: [base64.b64encode(m).decode() for m in runs[-1]]}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", required=True, help="e.g. pages/overview.py")
    parser.add_argument("--kecamatan", required=True)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    tree = record(args.page, kecamatan=args.kecamatan, data=args.data, lang=args.lang)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(tree), encoding="utf-8")
    sizes = {key: sum(len(base64.b64decode(m)) for m in msgs) for key, msgs in tree["runs"].items()}
    described = [f"{key or 'first view'}: {len(tree['runs'][key])} messages, {size:,} bytes" for key, size in sizes.items()]
    print(f"{args.page}: " + "; ".join(described))
    return 0


if __name__ == "__main__":
    sys.exit(main())
