from lib.safety.declaration import DIMENSIONS, PUBLICATION, TABLES, declaration_problems, table_for


def test_the_shipped_declaration_is_sound() -> None:
    assert declaration_problems() == []


def test_readers_needs_are_declared() -> None:
    assert {"cases_by_year", "cases_by_subdistrict", "cases_by_subdistrict_sex",
            "cases_by_subdistrict_victim_group"} <= set(TABLES)
    for dimension in ("violence_forms", "place", "victim_age_group", "victim_sex", "perpetrator_relationship",
                      "services"):
        assert f"cases_by_{dimension}" in TABLES and f"cases_by_{dimension}_year" in TABLES


def test_a_case_dimension_crossed_with_an_area_is_refused(monkeypatch) -> None:
    from lib.safety import declaration

    bad = declaration.PublishedTable("cases_by_subdistrict_place", "subdistrict", "window", ("place",))
    monkeypatch.setattr(declaration, "PUBLICATION", (*PUBLICATION, bad))
    assert any("cases_by_subdistrict_place" in problem for problem in declaration.declaration_problems())


def test_table_for_finds_by_axes() -> None:
    assert table_for(frozenset({"subdistrict", "victim_sex"})).name == "cases_by_subdistrict_sex"
    assert table_for(frozenset({"subdistrict", "place"})) is None


def test_children_are_the_child_age_groups() -> None:
    groups = dict(DIMENSIONS["victim_group"].groups)
    assert groups["children"] == ("0-5", "6-12", "13-17")
    assert set(groups["children"]) | set(groups["adults"]) == set(DIMENSIONS["victim_age_group"].categories())
