"""Which store the app and the command line use: the file store in the data folder (the default, no
database), or PostgreSQL when a connection is configured, by the first of

    WENEXUS_STORE_URL=postgresql://user:password@127.0.0.1:5432/wenexus
    [connections.store] in .streamlit/secrets.toml: url = "postgresql://...", or host, port, database,
                        username, password (the fields of Streamlit's st.connection)

The secrets file is read as Streamlit reads it: .streamlit/secrets.toml of the working folder, then of
the user's home. One store object per configuration and process (its working copy and connection).
"""
from __future__ import annotations

import os
import threading
import tomllib
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote

from lib.data.paths import REPO_ROOT, data_dir
from lib.store.base import Store
from lib.store.file_store import FileStore
from lib.store.postgres import PostgresStore

STORE_URL_ENV = "WENEXUS_STORE_URL"
SECRETS_SECTION = ("connections", "store")
URL_SCHEMES = ("postgresql://", "postgres://")


def secrets_files() -> tuple[Path, ...]:
    return tuple(dict.fromkeys((Path.cwd() / ".streamlit" / "secrets.toml", REPO_ROOT / ".streamlit" / "secrets.toml",
                                Path.home() / ".streamlit" / "secrets.toml")))


def url_from_section(section: Mapping) -> str | None:
    """A PostgreSQL URL from a [connections.store] section (url, or st.connection's fields)."""
    if section.get("url"):
        return str(section["url"]).strip()
    if not section.get("host"):
        return None
    user = quote(str(section.get("username", "")), safe="")
    password = quote(str(section.get("password", "")), safe="")
    login = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgresql://{login}{section['host']}:{section.get('port', 5432)}/{section.get('database', 'wenexus')}"


def store_url() -> str | None:
    """The configured PostgreSQL URL, or None for the file store."""
    configured = os.environ.get(STORE_URL_ENV, "").strip()
    if configured:
        return configured
    for path in secrets_files():
        try:
            document = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            continue
        section = document.get(SECRETS_SECTION[0], {}).get(SECRETS_SECTION[1], {})
        if isinstance(section, Mapping) and (url := url_from_section(section)):
            return url
    return None


class StoreUrlInvalid(ValueError):
    """The configured store is not a postgresql:// URL."""


def open_store(url: str | None, *, folder: Path | None = None) -> Store:
    """The store at `url` (PostgreSQL), or the file store of `folder` (default: the data folder)."""
    if not url:
        return FileStore(Path(folder or data_dir()))
    if not url.startswith(URL_SCHEMES):
        raise StoreUrlInvalid(url.split("://")[0])
    return PostgresStore(url)


_OPEN: dict[tuple[str | None, str], Store] = {}
_OPEN_LOCK = threading.Lock()


def configured() -> Store:
    """The store this process is configured for (see the module docstring), one object per configuration."""
    url = store_url()
    key = (url, str(data_dir()) if not url else "")
    with _OPEN_LOCK:
        if key not in _OPEN:
            _OPEN[key] = open_store(url)
        return _OPEN[key]
