"""The dashboard's own CSS, in one place: what every page needs, and presenter mode's look. The frame
(dashboard.py) adds it; Streamlit's test ids are the hooks."""

# Tiles and page links wrap a long value or label instead of cutting it with an ellipsis: on a
# 1024 px projector with the sidebar open "20 dari 177" read "20 dari …".
APP_CSS = """
[data-testid="stMetric"] [data-testid="stMarkdownContainer"], [data-testid="stMetric"] [data-testid="stMarkdownContainer"] p,
[data-testid="stPageLink"] [data-testid="stMarkdownContainer"], [data-testid="stPageLink"] [data-testid="stMarkdownContainer"] p {
  white-space: normal !important; text-overflow: clip !important; overflow: visible !important; }
"""

# Presenter mode's look: Streamlit's chrome and the sidebar hidden, large type, black on white.
PRESENTER_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="collapsedControl"],
[data-testid="stHeader"], header, [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebarNav"], [data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stAppViewContainer"], [data-testid="stMain"], .stApp { background: #FFFFFF !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1rem 2.5rem 1rem 2.5rem !important; }
[data-testid="stMainBlockContainer"] * { color: #000000; }
[data-testid="stMainBlockContainer"] h1 { font-size: clamp(2rem, 3.2vw, 2.8rem) !important; line-height: 1.15 !important; }
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li { font-size: 1.45rem !important; }
[data-testid="stCaptionContainer"] p { font-size: 1.05rem !important; color: #333333 !important; }
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"] p { font-size: clamp(2.2rem, 4vw, 3.6rem) !important;
  font-weight: 700 !important; color: #0072B2 !important; line-height: 1.1 !important; }
[data-testid="stMainBlockContainer"] [data-testid="stMetricLabel"] p { font-size: 1.5rem !important;
  font-weight: 700 !important; }
[data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 1.35rem !important;
  padding: 0.35rem 0.8rem !important; }
[data-testid="stAlert"] p { font-size: 1.05rem !important; }
.st-key-present_pagedown, .st-key-present_pageup { display: none !important; }
"""
