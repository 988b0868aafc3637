"""An event's audience: one level or several, on its pages, in JSON-LD, in the schema and in `leadctl new`."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from leadctl.reading.documents import parse_yaml
from leadctl.commands.schema import record_schema


def _facts(site, path: str) -> dict[str, str]:
    facts = site.article(path).select_one("dl.lead-facts")
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in facts.select("dt")}


def _json_ld(site, path: str) -> dict:
    (script,) = site.html(path).select('script[type="application/ld+json"]')
    return json.loads(script.string)


def test_an_event_for_several_levels_names_each_in_both_languages(site):
    site.event("lead2-training", kind="training", audience=["early-career", "mid-level", "senior"])
    site.event("senior-forum", kind="forum", audience="senior")
    site.event("open-seminar")
    site.build()

    english = _facts(site, "events/lead2-training/")["Audience"]
    chinese = _facts(site, "zh/events/lead2-training/")["面向对象"]
    for name in ("Early-career academic leaders", "Mid-level academic leaders", "Senior academic leaders"):
        assert name in english
    for name in ("青年学术领导者", "中层学术领导者", "高层学术领导者"):
        assert name in chinese
    assert _facts(site, "events/senior-forum/")["Audience"] == "Senior academic leaders"
    assert "Audience" not in _facts(site, "events/open-seminar/")

    levels = [item["audienceType"] for item in _json_ld(site, "events/lead2-training/")["audience"]]
    assert levels == ["Early-career academic leaders", "Mid-level academic leaders", "Senior academic leaders"]
    assert [item["@type"] for item in _json_ld(site, "zh/events/senior-forum/")["audience"]] == ["Audience"]
    assert _json_ld(site, "zh/events/senior-forum/")["audience"][0]["audienceType"] == "高层学术领导者"
    assert "audience" not in _json_ld(site, "events/open-seminar/")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[mid-level, junior]", "audience[1]: expected one of 'early-career', 'mid-level' or 'senior' but received 'junior'"),
        ("[senior, senior]", "audience: 'senior' is listed twice"),
        ("junior", "expected one of 'early-career', 'mid-level' or 'senior' but received 'junior'"),
    ],
)
def test_a_bad_audience_is_reported_at_its_line(site, value, message):
    site.write("data/events/forum.yml", f"title: Forum\nkind: forum\nstart: 2026-10-13\nsummary: A forum.\naudience: {value}\n")
    result = site.leadctl("validate")
    assert result.exit_code == 1
    assert "data/events/forum.yml:5: " in result.output and message in result.output


@pytest.mark.parametrize(
    ("value", "valid"),
    [("senior", True), ("[mid-level, senior]", True), ("", True), ("[junior]", False), ("[senior, senior]", False), ("junior", False)],
)
def test_the_event_schema_agrees_with_the_validator(site, value, valid):
    text = f"title: Forum\nkind: forum\nstart: 2026-10-13\nsummary: A forum.\naudience: {value}\n"
    schema_errors = list(Draft202012Validator(record_schema("event")).iter_errors(parse_yaml(text, "x").data))
    assert (not schema_errors) == valid
    site.write("data/events/forum.yml", text)
    assert (site.leadctl("validate").exit_code == 0) == valid


def test_leadctl_new_event_shows_both_forms_of_audience(site):
    result = site.leadctl("new", "event", "forum", "--title", "Forum", "--kind", "forum", "--start", "2026-10-13", "--summary", "A forum.")
    assert result.exit_code == 0, result.output
    text = (site.root / "data/events/forum.yml").read_text(encoding="utf-8")
    hint = next(line for line in text.splitlines() if "audience:" in line)
    # Uncommenting the hint as written gives a valid list of levels.
    site.write("data/events/forum.yml", text.replace(hint, hint.lstrip("# ").split("#")[0]))
    assert parse_yaml(site.root.joinpath("data/events/forum.yml").read_text(encoding="utf-8"), "x").data["audience"] == ["mid-level", "senior"]
    assert site.leadctl("validate").exit_code == 0
