"""The one translation table: key -> {"id": ..., "en": ...}, same placeholders in both languages.

Kept in one module per area so that each stays readable; merged here, and a key may be defined
only once across them. One text per meaning: a text is stored under one key (SAME_TEXT lets a
computed key reach another key's text).
"""
from __future__ import annotations

from lib.data.codes import ALL_CODE_LISTS
from lib.texts import boundaries, climate, common, data_admin, exports, map_view, progress, validation, village, violence


def _code_texts() -> dict[str, dict[str, str]]:
    """Category names from the code lists, as 'code.<list>.<code>' keys."""
    return {f"code.{code_list.name}.{item.code}": {"id": item.label_id, "en": item.label_en}
            for code_list in ALL_CODE_LISTS.values() for item in code_list.codes}


_PARTS = (common.TEXTS, validation.TEXTS, boundaries.TEXTS, progress.TEXTS, violence.TEXTS, climate.TEXTS,
          village.TEXTS, map_view.TEXTS, data_admin.TEXTS, exports.TEXTS, _code_texts())


def _merge(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for part in parts:
        doubled = merged.keys() & part.keys()
        if doubled:
            raise KeyError(f"text keys defined twice: {sorted(doubled)}")
        merged.update(part)
    return merged


# Keys looked up by a computed name (exp_col_<column>, da_col_<column>, prog_status_<status>, ...) whose text
# is the same as another key's: one text, stored once, reached under both names.
SAME_TEXT: dict[str, str] = {
    "col_regency_name": "regency_filter",
    "col_subdistrict_name": "prog_col_kecamatan",
    "col_village_code": "map_col_village_code",
    "col_village_name": "climate_col_village",
    "col_village_type": "climate_col_event_type",
    "da_col_date": "climate_col_date",
    "da_col_indicator": "prog_col_name",
    "da_col_kecamatan": "prog_col_kecamatan",
    "da_col_participants": "prog_tile_participants",
    "da_col_period": "period",
    "da_col_table": "da_choose_table",
    "da_col_type": "climate_col_event_type",
    "da_col_unit": "exp_col_unit",
    "da_col_value": "prog_hover_value",
    "da_col_version": "da_rollback_choose",
    "da_col_village": "prog_col_desa",
    "da_state_short_changed_outside": "da_mode_external",
    "da_tab_quality": "da_quality_title",
    "exp_col_activities": "prog_tile_activities",
    "exp_col_area_name": "da_col_area",
    "exp_col_baseline": "prog_col_baseline",
    "exp_col_cases": "axis_cases",
    "exp_col_date": "climate_col_date",
    "exp_col_deaths": "climate_col_deaths",
    "exp_col_event_name": "climate_col_event",
    "exp_col_high_hazards": "climate_col_high_hazards",
    "exp_col_houses_damaged": "climate_col_houses",
    "exp_col_indicator_level": "prog_col_level",
    "exp_col_indicator_name": "prog_col_name",
    "exp_col_indicators_behind": "prog_col_behind",
    "exp_col_lag_score": "prog_col_lag_score",
    "exp_col_participants": "prog_tile_participants",
    "exp_col_period": "period",
    "exp_col_priority": "map_tip_priority",
    "exp_col_programme": "climate_row_programme",
    "exp_col_rank": "prog_col_rank",
    "exp_col_regency_name": "regency_filter",
    "exp_col_status_name": "prog_hover_status",
    "exp_col_subdistrict_name": "prog_col_kecamatan",
    "exp_col_target": "prog_col_target",
    "exp_col_target_date": "prog_col_target_date",
    "exp_col_value": "prog_hover_value",
    "exp_col_village_code": "map_col_village_code",
    "exp_col_village_name": "climate_col_village",
    "exp_col_year": "profile_col_year",
    "exp_state_no_data": "climate_no_data",
    "map_tip_boundary_approximate": "map_boundary_approximate",
    "prog_status_no_data": "climate_no_data",
    "slide_reach_title": "prog_reach_heading",
    "slide_table_events": "map_show_events",
}


def _with_aliases(texts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    doubled = texts.keys() & SAME_TEXT.keys()
    if doubled:
        raise KeyError(f"text keys both stored and aliased: {sorted(doubled)}")
    return {**texts, **{alias: texts[key] for alias, key in SAME_TEXT.items()}}


TEXTS: dict[str, dict[str, str]] = _with_aliases(_merge(*_PARTS))
