"""The dashboard's pages, declared once: the frame (dashboard.py) builds its navigation from them and the
browser tests open each of them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    script: str       # under pages/
    title_key: str    # text key of its name in the sidebar
    icon: str         # a Material icon name: drawn from Streamlit's bundled font, never fetched
    url_path: str     # '' for the default page


# The first is the default page. url path = file name: a fresh server resolves a deep link by the file
# before the frame runs.
PAGES: tuple[PageEntry, ...] = (
    PageEntry("pages/overview.py", "page_overview", ":material/dashboard:", "overview"),
    PageEntry("pages/progress.py", "page_progress", ":material/flag:", "progress"),
    PageEntry("pages/violence.py", "page_violence", ":material/shield_person:", "violence"),
    PageEntry("pages/climate.py", "page_climate", ":material/thunderstorm:", "climate"),
    PageEntry("pages/map.py", "page_map", ":material/map:", "map"),
    PageEntry("pages/village.py", "page_village", ":material/home_pin:", "village"),
    PageEntry("pages/data_admin.py", "page_data", ":material/database:", "data_admin"),
)
PRESENTER_PAGE = PageEntry("pages/present.py", "presenter_mode", ":material/slideshow:", "present")


def address(page: PageEntry) -> str:
    """The page's path under the app's root: the default page lives at '/'."""
    return "" if page == PAGES[0] else page.url_path
