"""Presenter mode: one slide per screen (?present=1&slide=N), for the filters and language of the URL.

The slides are lib.meeting.presenter.SLIDES, the same as in the deck and the report; next and previous are
buttons and keys (right/left arrows, a clicker's PageDown/PageUp), Esc leaves.
"""
from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from lib.texts.data_text import as_text, as_text_table
from lib.texts.i18n import t
from lib.ui.page import page_context
from lib.meeting.presenter import (CHART_HEIGHT, PRESENT_KEY, SCREEN, SLIDE_KEY, SLIDES, balanced_columns,
                                   build_slide, chart_font_size, slide_number)
from lib.meeting.context import Slide
from lib.meeting.render import map_image, slide_figure
from lib.ui.widgets import demo_banner_ui, download_ui, meeting_downloads_ui, slide_context

MAP_SIZE_IN = (11.0, 4.2)   # inches of the static map (legend beside it), scaled to the height left
TEXT_COLUMNS_FROM = 6       # bullets from which a text slide reads in two columns
LEGEND_FONT_SIZE = 16       # px

lang, filters = page_context()
context = slide_context(lang, filters)
count = len(SLIDES)
number = slide_number(st.query_params.get(SLIDE_KEY), count=count)
slide = build_slide(number, context)


def go_to(target: int) -> None:
    st.query_params[SLIDE_KEY] = str(slide_number(target, count=count))


def leave() -> None:
    for key in (PRESENT_KEY, SLIDE_KEY):
        if key in st.query_params:
            del st.query_params[key]


def bullets(lines: Sequence[str]) -> str:
    """A Markdown list of the slide's lines (plain text naming villages and sources: escaped)."""
    return "\n".join(f"- {as_text(line)}" for line in lines)


def draw_title(content: Slide) -> None:
    st.title(as_text(content.title))
    st.subheader(as_text(content.message))
    st.markdown(bullets(content.bullets))


def draw_headlines(content: Slide) -> None:
    for start in range(0, len(content.headlines), 3):
        for column, headline in zip(st.columns(3), content.headlines[start:start + 3]):
            column.metric(as_text(headline.label), headline.value, border=True)
            if headline.detail:
                column.caption(as_text(headline.detail))


def draw_chart(content: Slide) -> None:
    figure = slide_figure(content.figure, width=None, height=CHART_HEIGHT, font_size=chart_font_size(content.figure))
    # The slide's title names the chart on screen: the chart's own title and source line took the room
    # its legend needs (they overlapped) and pushed the axis below a 768-pixel screen. The source
    # line goes under the chart, the legend beside it (a projector is wider than tall).
    # The legend keeps a projector's type when dense labels made the axes' smaller.
    figure.update_layout(title=None, margin=dict(t=20), legend=dict(orientation="v", x=1.02, xanchor="left",
                                                                    yref="paper", y=1, yanchor="top",
                                                                    font=dict(size=LEGEND_FONT_SIZE)))
    # 'stretch': the chart takes the height the screen leaves (the figure's height only seeds it).
    st.plotly_chart(figure, key=f"present_chart_{content.key}", config={"displayModeBar": False}, theme=None,
                    height="stretch")


def draw_map(content: Slide) -> None:
    if context.map_geometry is None or context.map_geometry.villages.empty:
        st.info(t("map_no_geometry", lang))
        return
    st.image(map_image(content.picture, geometry=context.map_geometry, villages=context.villages,
                       size_in=MAP_SIZE_IN))    # as tall as the screen leaves it (lib.ui.styles)


def draw_table(content: Slide) -> None:
    st.table(as_text_table(content.table).style.hide(axis="index"))


def draw_text(content: Slide) -> None:
    if len(content.bullets) < TEXT_COLUMNS_FROM:
        st.markdown(bullets(content.bullets))
        return
    for column, lines in zip(st.columns(2, gap="large"), balanced_columns(content.bullets)):
        column.markdown(bullets(lines))


# Slide kind (lib.meeting.context.Slide.kind) -> how it is drawn on screen.
DRAW = {"title": draw_title, "headlines": draw_headlines, "chart": draw_chart, "map": draw_map,
        "table": draw_table, "text": draw_text}

# The screen: what the audience sees, as tall as the window (lib.ui.styles.PRESENTER_CSS makes it so;
# a fixed height here is what lets a chart stretch into the room the other elements leave).
with st.container(key=f"present_screen_{slide.kind}", height=SCREEN[1], border=False, gap="small"):
    demo_banner_ui(lang)
    # Short controls in one row, the deck and report in a popover: nothing truncates on a 1024 px projector.
    controls = st.columns([1.9, 1.9, 1.4, 1.5, 1.9], vertical_alignment="center")
    controls[0].button(t("present_previous", lang), key="present_previous", icon=":material/chevron_left:",
                       on_click=go_to, args=(number - 1,), disabled=number == 1, shortcut="Left", width="stretch")
    controls[1].button(t("present_next", lang), key="present_next", icon=":material/chevron_right:",
                       on_click=go_to, args=(number + 1,), disabled=number == count, shortcut="Right",
                       width="stretch")
    controls[2].markdown(f"**{t('present_counter', lang, number=number, count=count)}**")
    controls[3].button(t("present_exit", lang), key="present_exit", icon=":material/close:", on_click=leave,
                       shortcut="Esc", width="stretch")
    # Named apart from the charts' own "Download" menus on the same screen; drawn only while open.
    files_menu = controls[4].popover(t("present_files", lang), icon=":material/slideshow:", width="stretch",
                                     key="present_files", on_change="rerun")
    if files_menu.open:
        with files_menu:
            meeting_downloads_ui(context, lang=lang, key="present", stacked=True)
    # A presentation clicker sends PageDown/PageUp: two hidden buttons (lib.ui.styles) listen for them.
    st.button("PageDown", key="present_pagedown", on_click=go_to, args=(number + 1,), shortcut="PageDown")
    st.button("PageUp", key="present_pageup", on_click=go_to, args=(number - 1,), shortcut="PageUp")

    if slide.kind != "title":
        st.title(as_text(slide.title))
        if slide.message:
            st.markdown(as_text(slide.message))
    DRAW[slide.kind](slide)
    if slide.source:
        st.caption(as_text(slide.source))

# Below the screen, for the presenter: the slide's numbers and the speaker notes.
if slide.export is not None:
    download_ui(slide.export, name=slide.export_name, lang=lang, key=f"present_{slide.key}")
with st.expander(t("present_notes", lang)):
    st.markdown(bullets(slide.notes))
