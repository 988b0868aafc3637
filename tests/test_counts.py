"""Numbers with a noun read naturally: "1 event", "0 briefs", "2 events"; Chinese has one form."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("number", "english"),
    [
        (0, "0 members, 0 events, 0 projects, 0 programmes, 0 briefs, 0 works, 0 topics"),
        (1, "1 member, 1 event, 1 project, 1 programme, 1 brief, 1 work, 1 topic"),
        (2, "2 members, 2 events, 2 projects, 2 programmes, 2 briefs, 2 works, 2 topics"),
    ],
)
def test_build_counts_the_data_in_the_right_form(site, number, english):
    for index in range(number):
        site.member(f"uni-{index}")
        site.event(f"forum-{index}")
        site.project(f"project-{index}")
        site.programme(f"programme-{index}")
        site.brief(f"brief-{index}")
        site.work(f"work-{index}")
    if number:
        site.topics(*({"id": f"topic-{index}", "label": f"Topic {index}", "summary": "S."} for index in range(number)))
    result = site.leadctl("build")
    assert result.exit_code == 0, result.output
    assert f"Data valid: {english}, 2 pillars, 0 news posts" in result.output
    records = 7 * number + 2
    assert f"({records} records, 0 news posts)" in site.leadctl("validate").output
    if number == 0:
        return
    # The members directory's filter status ("Showing 1 of 1 member."), filled in by the browser.
    english_status = site.html("members/").select_one("form[data-lead-filters]")["data-count"]
    chinese_status = site.html("zh/members/").select_one("form[data-lead-filters]")["data-count"]
    noun = "member" if number == 1 else "members"
    assert english_status == f"Showing {{shown}} of {number} {noun}."
    assert "{shown}" in chinese_status and f"共 {number} 位" in chinese_status


def test_one_news_post_and_one_record(site):
    site.news("2026-05-01-hello")
    site.write_yaml("data/pillars.yml", [{"id": "research", "title": "Research", "summary": "R."}])
    result = site.leadctl("validate")
    assert result.exit_code == 0, result.output
    assert "(1 record, 1 news post)" in result.output
