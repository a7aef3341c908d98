"""The replay floor: a bare Streamlit script that sends what a page sent, and computes nothing.

    REPLAY_SPEC=build/bench/tree/map.json .venv/bin/python -m streamlit run bench/replay_app.py

bench/page_tree.py recorded the page's messages for its first view and after the benchmark's filter
change. On every run this script sends one of them through the session's own queue (as every st.*
call ends by doing): the first view, or, once the reader has chosen a kecamatan in the recorded
sidebar filter, the page as it was after that choice. The same elements, blocks, widgets and values,
byte for byte, reach the browser; no table is read, no figure built, no text translated. What our
page costs beyond this is the page's own work.
"""
from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import streamlit as st
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx


@st.cache_resource(show_spinner=False)
def recorded(path: str) -> tuple[str, dict[str, list[bytes]]]:
    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    runs = {key: [base64.b64decode(m) for m in messages] for key, messages in spec["runs"].items()}
    return spec["click_widget_id"], runs


widget_id, runs = recorded(os.environ["REPLAY_SPEC"])
context = get_script_run_ctx()
# The recorded filter is not registered by this script: its value is read as the browser sent it.
chosen = context.session_state._state._new_widget_state.get_serialized(widget_id)
# AppTest cannot set a widget this script never registered: there, ?view=after asks for the same view.
after = (chosen is not None and len(chosen.string_array_value.data) > 0) or st.query_params.get("view") == "after"
run = next(messages for key, messages in runs.items() if bool(key) == after)
for payload in run:
    message = ForwardMsg()
    message.ParseFromString(payload)
    context.enqueue(message)
