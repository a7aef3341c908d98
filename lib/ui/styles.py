"""The dashboard's own CSS, in one place: what every page needs, and presenter mode's look. The frame
(dashboard.py) adds it; Streamlit's test ids are the hooks."""

# Tiles, page links, the sidebar's page names and toggle labels wrap a long value or label instead of
# cutting it with an ellipsis: on a 1024 px projector with the sidebar open "20 dari 177" read
# "20 dari …" and "Kekerasan terhadap Perempuan dan Anak" read "Kekerasan terhadap Perempua…".
# Table cells (lib.ui.widgets.table_ui) wrap, break a word longer than their column, and keep 4 px
# a side, in 13 px type on a small screen: the village's eight event columns then fit the 562 px a
# 1024 px screen leaves beside the sidebar.
WRAPPED = ('[data-testid="stMetric"]', '[data-testid="stPageLink"]', '[data-testid="stSidebarNavLink"]',
           '[data-testid="stCheckbox"] [data-testid="stWidgetLabel"]', '[data-testid="stDownloadButton"]')
# A tile's delta line too ("dibanding 2024: 57" read "dibandin…" at 1024 px).
WRAPPED_TEXT = [f'{box} {inner}'.strip() for box in [f'{hook} [data-testid="stMarkdownContainer"]' for hook in WRAPPED]
                + ['[data-testid="stMetric"] [data-testid="stCaptionContainer"]'] for inner in ("", "p")]
# A grid's own "Download as CSV" (Streamlit's frontend writes the cells as they are: '=HYPERLINK(...)' from a
# data file would run in a spreadsheet) is hidden: the app's downloads (lib.ui.widgets.download_ui, the data
# page's problem and audit downloads) are neutralised (lib.texts.data_text.neutralise_cell).
GRID_CSV_HIDDEN = """
[data-testid="stElementToolbar"] button[aria-label="Download as CSV"] { display: none !important; }
"""
APP_CSS = ", ".join(WRAPPED_TEXT) + """ {
  white-space: normal !important; text-overflow: clip !important; overflow: visible !important; }
[data-testid="stSidebarNavLink"] { height: auto !important; min-height: 2rem; }
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; }
[data-testid="stSidebarNavLink"] > span { white-space: normal !important; text-overflow: clip !important;
  overflow: visible !important; line-height: 1.3 !important; padding: 0.2rem 0 !important; }
[data-testid="stTable"] td, [data-testid="stTable"] th { overflow-wrap: break-word; padding-left: 4px; padding-right: 4px; }
@media (max-width: 1200px) { [data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 13px; } }
""" + GRID_CSV_HIDDEN


# Presenter mode's look: Streamlit's chrome and the sidebar hidden, large type, black on white.
# The screen (pages/present.py's present_screen_<kind> container) is the window's height, a column in
# which a chart or the map takes what the banner, controls, title, message and source line leave:
# every slide fits the window, with its source line, whatever its size (tests/e2e/test_presenter_fit_browser.py).
SCREEN = '[class*="st-key-present_screen_"]'
PRESENTER_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="collapsedControl"],
[data-testid="stHeader"], header, [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebarNav"], [data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stAppViewContainer"], [data-testid="stMain"], .stApp { background: #FFFFFF !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0.75rem 2.5rem 1rem 2.5rem !important; }
[data-testid="stMainBlockContainer"] * { color: #000000; }
div:has(> SCREEN) { height: calc(100vh - 1.75rem) !important; flex: 0 0 auto !important; max-height: none !important;
  min-height: 0 !important; }
SCREEN [data-testid="stElementContainer"]:has([data-testid="stImage"]) { flex: 1 1 0; min-height: 0; }
SCREEN [data-testid="stElementContainer"]:has([data-testid="stImage"]) * { height: 100%; }
SCREEN [data-testid="stImage"] img { width: auto !important; max-width: 100%; object-fit: contain; object-position: left top; }
SCREEN [data-testid="stAlert"] > div { padding: 0.45rem 1rem !important; }
[data-testid="stMainBlockContainer"] h1 { font-size: clamp(1.8rem, 3vw, 2.6rem) !important; line-height: 1.15 !important;
  padding: 0.25rem 0 0 0 !important; }
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li { font-size: 1.35rem !important; }
.st-key-present_screen_text li, .st-key-present_screen_text li p { font-size: 1.1rem !important; line-height: 1.45 !important; }
[data-testid="stCaptionContainer"] p { font-size: 1.05rem !important; color: #333333 !important; }
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"] p { font-size: clamp(2.2rem, 4vw, 3.6rem) !important;
  font-weight: 700 !important; color: #0072B2 !important; line-height: 1.1 !important; }
[data-testid="stMainBlockContainer"] [data-testid="stMetricLabel"] p { font-size: 1.5rem !important;
  font-weight: 700 !important; }
[data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 1.15rem !important;
  padding: 0.2rem 0.8rem !important; }
[data-testid="stAlert"] p { font-size: 1.05rem !important; }
.st-key-present_pagedown, .st-key-present_pageup { display: none !important; }
""".replace("SCREEN", SCREEN)

# The map page's map (pages/map.py's map_frame container): the page's whole width and most of the window's
# height, never so short that the regency is a sliver; the deck stretches to its frame (height="stretch"),
# and deck.gl draws and picks at the size it is given. Its legends sit in one wrapping row under it.
MAP_CSS = """
div:has(> .st-key-map_frame) { height: max(72vh, 460px) !important; flex: 0 0 auto !important; }
.st-key-map_frame > .st-key-map { flex: 1 1 0 !important; min-height: 0; }
.st-key-map_frame > .st-key-map > div, .st-key-map_frame [data-testid="stDeckGlJsonChart"] { height: 100% !important; }
.map-legends { display: flex; flex-wrap: wrap; column-gap: 40px; align-items: flex-start; }
"""
APP_CSS += MAP_CSS
