"""Every kind of bad input: one line per problem, with file, line and a fix."""

from __future__ import annotations

import pytest


def problems_of(site, *args: str) -> list[str]:
    result = site.leadctl("validate", *args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return [line for line in result.output.splitlines() if line.startswith(("data/", "docs/"))]


def test_valid_data_passes(site):
    site.member("uni-a")
    result = site.leadctl("validate")
    assert result.exit_code == 0, result.output


def test_yaml_syntax_error_gives_its_line(site):
    site.write("data/members/uni-a.yml", "kind: institution\n  name: A\ncountry: NL\n")
    assert problems_of(site)[0].startswith("data/members/uni-a.yml:2: YAML syntax error")


def test_a_quote_or_bracket_left_open_is_reported_where_it_opens(site):
    """PyYAML notices only lines later, or at the end of the file; the contributor's slip is where it opened."""
    site.write("data/members/uni-a.yml", "kind: institution\nname: [Broken\ncountry: NL\n")
    site.write("data/members/uni-b.yml", 'name: "University B\nkind: institution\ncountry: NL\n')
    assert problems_of(site) == [
        "data/members/uni-a.yml:2: YAML syntax error: the '[' that starts here (column 7) is still open at line 3; "
        "end the list with ']', or write one '- item' per line",
        "data/members/uni-b.yml:1: YAML syntax error: the quoted text that starts here (column 7) is never closed; "
        "end it with the same quote mark",
    ]


def test_duplicate_key_is_reported_not_silently_dropped(site):
    site.write("data/members/uni-a.yml", "kind: institution\nname: A\ncountry: NL\nname: B\n")
    assert problems_of(site) == [
        "data/members/uni-a.yml:4: name: duplicate key 'name' (first given on line 2); YAML keeps only one of them: remove or merge the other"
    ]


def test_unknown_key_suggests_the_close_match(site):
    site.write("data/members/uni-a.yml", "kind: institution\nname: A\ncountry: NL\nwebsit: https://a.example/\n")
    assert problems_of(site) == ["data/members/uni-a.yml:4: websit: unknown key 'websit'; did you mean 'website'?"]


def test_unknown_nested_key_suggests_the_close_match(site):
    site.write("data/members/uni-a.yml", "kind: institution\nname:\n  en: A\n  zn: 甲\ncountry: NL\n")
    assert problems_of(site) == ["data/members/uni-a.yml:4: name.zn: unknown key 'zn'; did you mean 'zh'?"]


def test_missing_required_field(site):
    site.write("data/events/e.yml", "title: E\nkind: seminar\nsummary: S\n")
    assert problems_of(site) == ["data/events/e.yml:1: start: missing required field 'start'; add a line 'start: ...'"]


def test_wrong_types(site):
    site.write("data/events/e.yml", "title: [a, b]\nkind: seminar\nstart: 2026-01-01\nsummary: S\nonline: yes\norganizers: uni-a\n")
    found = problems_of(site)
    assert "data/events/e.yml:1: title: expected a mapping of keys (like 'en: ...' and 'zh: ...') but received a list" in found
    assert "data/events/e.yml:5: online: expected true or false but received text 'yes'" in found
    assert "data/events/e.yml:6: organizers: expected a list (lines starting with '- ') but received text 'uni-a'" in found


def test_wrong_choice_lists_the_allowed_values(site):
    site.write("data/events/e.yml", "title: E\nkind: party\nstart: 2026-01-01\nsummary: S\n")
    (problem,) = problems_of(site)
    assert problem.startswith("data/events/e.yml:2: kind: expected one of 'seminar', 'workshop'")
    assert "but received 'party'" in problem


@pytest.mark.parametrize("value", ["2026-13-01", "13/10/2026", "2026-02-30", "tomorrow"])
def test_bad_dates(site, value):
    site.write("data/events/e.yml", f"title: E\nkind: seminar\nstart: '{value}'\nsummary: S\n")
    (problem,) = problems_of(site)
    assert problem.startswith("data/events/e.yml:3: start: ")
    assert value in problem


def test_unknown_time_zone(site):
    site.write("data/events/e.yml", "title: E\nkind: seminar\nstart: 2026-01-01 10:00\ntimezone: Europe/Brusels\nsummary: S\n")
    assert problems_of(site) == [
        "data/events/e.yml:4: timezone: unknown time zone 'Europe/Brusels'; use an IANA name such as Europe/Brussels or Asia/Shanghai"
    ]


def test_a_time_needs_a_time_zone(site):
    site.write("data/events/e.yml", "title: E\nkind: seminar\nstart: 2026-01-01 10:00\nsummary: S\n")
    (problem,) = problems_of(site)
    assert problem.startswith("data/events/e.yml:3: start: a time is given but no time zone")


def test_a_local_time_skipped_by_daylight_saving_is_refused(site):
    site.write("data/events/e.yml", "title: E\nkind: seminar\nstart: 2026-03-29 02:30\ntimezone: Europe/Amsterdam\nsummary: S\n")
    (problem,) = problems_of(site)
    assert "does not exist in Europe/Amsterdam" in problem


def test_end_before_start(site):
    site.write("data/events/e.yml", "title: E\nkind: seminar\nstart: 2026-01-05\nend: 2026-01-04\nsummary: S\n")
    assert problems_of(site) == ["data/events/e.yml:4: end: end (2026-01-04) is before start (2026-01-05); swap them or fix the date"]


def test_end_before_start_with_offsets_compares_instants(site):
    # 10:00+02:00 is 08:00 UTC; 09:00+00:00 is later, so this is valid.
    site.write("data/events/e.yml", "title: E\nkind: seminar\nstart: 2026-01-05T10:00+02:00\nend: 2026-01-05T09:00+00:00\nsummary: S\n")
    assert site.leadctl("validate").exit_code == 0


def test_bad_country_code(site):
    site.write("data/members/uni-a.yml", "kind: institution\nname: A\ncountry: XY\n")
    (problem,) = problems_of(site)
    assert problem.startswith("data/members/uni-a.yml:3: country: expected an ISO 3166-1 alpha-2 country code")


def test_norway_stays_a_country(site):
    site.write("data/members/uni-a.yml", "kind: institution\nname: A\ncountry: NO\n")
    assert site.leadctl("validate").exit_code == 0


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://files.example.org/x", "data:text/html,hi", "https://"])
def test_unsafe_or_broken_urls(site, url):
    site.write("data/members/uni-a.yml", f"kind: institution\nname: A\ncountry: NL\nwebsite: '{url}'\n")
    (problem,) = problems_of(site)
    assert problem.startswith("data/members/uni-a.yml:4: website: URL")


def test_references_to_missing_ids(site):
    site.member("uni-a")
    site.write("data/events/e.yml", "title: E\nkind: seminar\nstart: 2026-01-05\nsummary: S\norganizers:\n  - uni-a\n  - uni-b\npillars: [reserch]\n")
    site.write("data/briefs/b.yml", "title: B\ndate: 2026-01-05\nsummary: S\nauthors:\n  - member: nobody\n")
    site.write("data/members/p.yml", "kind: individual\nname: P\ncountry: NL\naffiliation: uni-z\n")
    found = problems_of(site)
    assert "data/events/e.yml:7: organizers[1]: no member with id 'uni-b'; did you mean 'uni-a'?" in found
    assert "data/events/e.yml:8: pillars[0]: no pillar with id 'reserch'; did you mean 'research'?" in found
    assert "data/briefs/b.yml:5: authors[0].member: no member with id 'nobody'; add data/members/nobody.yml or correct the id" in found
    assert any(p.startswith("data/members/p.yml:4: affiliation: no member with id 'uni-z'") for p in found)


def test_bad_file_names(site):
    site.write("data/members/Uni A.yml", "kind: institution\nname: A\ncountry: NL\n")
    site.write("data/events/e.yaml", "title: E\n")
    found = problems_of(site)
    assert "data/members/Uni A.yml:1: bad file name 'Uni A': a name is made of lowercase letters, digits and single hyphens, e.g. 'leiden-university'; rename it to 'uni-a'" in found
    assert "data/events/e.yaml:1: unexpected file: rename it to 'e.yml'" in found


def test_news_without_date(site):
    site.news("2026-05-01-x")
    (site.root / "docs/news/2026-05-01-x.md").write_text("---\ntitle: X\n---\n\nBody\n", encoding="utf-8")
    assert problems_of(site) == ["docs/news/2026-05-01-x.md:2: date: missing required field 'date'; add a line 'date: ...'"]


def test_news_without_front_matter(site):
    site.write("docs/zh/news/post.md", "只有正文。\n")
    (problem,) = problems_of(site)
    assert problem.startswith("docs/zh/news/post.md:1: no front matter")


def test_all_problems_of_all_files_in_one_run(site):
    site.write("data/members/a.yml", "kind: institution\nname: A\ncountry: XX\nwebsite: ftp://x\n")
    site.write("data/members/b.yml", "kind: robot\nname: B\ncountry: NL\n")
    site.write("data/events/e.yml", "title: E\nkind: seminar\nstart: 2026-01-05\nsummary: S\norganizers: [ghost]\n")
    found = problems_of(site)
    assert [p.split(":")[0] + ":" + p.split(":")[1] for p in found] == [
        "data/events/e.yml:5", "data/members/a.yml:3", "data/members/a.yml:4", "data/members/b.yml:1",
    ]


def test_kind_specific_fields(site):
    site.write("data/members/a.yml", "kind: institution\nname: A\ncountry: NL\nbio: Hi\n")
    assert problems_of(site) == ["data/members/a.yml:4: bio: 'bio' is only for individual members, and this is an institution; use 'description' instead"]


def test_pillar_problems_name_the_list_item(site):
    site.write("data/pillars.yml", "- id: research\n  title: R\n  summary: S\n- id: Bad Id\n  title: T\n  summary: S\n  activites: []\n")
    found = problems_of(site)
    assert "data/pillars.yml:7: [1].activites: unknown key 'activites'; did you mean 'activities'?" in found
    assert any(p.startswith("data/pillars.yml:4: [1].id: expected an id") for p in found)


def test_blank_localized_text_is_refused(site):
    site.write("data/members/uni-a.yml", "kind: institution\nname:\n  en: '   '\n  zh: 甲\ncountry: NL\n")
    assert problems_of(site) == ["data/members/uni-a.yml:3: name.en: text is empty; write the text or remove the key"]


def test_an_empty_english_text_says_the_english_is_missing(site):
    site.write("data/events/forum.yml", "title:\n  en:\n  zh: 论坛\nkind: forum\nstart: 2026-10-13\nsummary: A forum.\n")
    assert problems_of(site) == ["data/events/forum.yml:2: title.en: the English text is missing: write it after 'en:' on the same line (or remove the key)"]


def test_an_author_given_as_a_bare_id_is_shown_the_member_form(site):
    site.member("li-wei", kind="individual", country="CN")
    site.brief("note", authors=["li-wei"])
    (problem,) = problems_of(site)
    assert problem.startswith("data/briefs/note.yml:5: authors[0]: expected an author as '- member: li-wei' (the id of a member), "
                              "'- name: Full Name' (someone who is not a member) or '- organisation: Name' (a corporate author)")
    assert "en:" not in problem


@pytest.mark.parametrize("kind", ["briefs", "knowledge"])
def test_an_author_given_in_two_forms_is_reported_at_its_line(site, kind):
    site.member("li-wei", kind="individual", country="CN")
    authors = [{"name": "Ann Lee"}, {"member": "li-wei", "organisation": {"en": "LEAD Working Group", "zh": "LEAD 工作组"}}]
    (site.brief if kind == "briefs" else site.work)("note", authors=authors)
    line = (site.root / f"data/{kind}/note.yml").read_text(encoding="utf-8").splitlines().index("- member: li-wei") + 1
    assert problems_of(site) == [
        f"data/{kind}/note.yml:{line}: authors[1]: give each author exactly one of 'member: <member id>', 'name: <full name>' "
        "or 'organisation: <name>'; this one has 'member' and 'organisation'"
    ]


def test_a_missing_pdf_is_reported_once(site):
    site.brief("note", files="briefs/files/missing.pdf")
    site.brief("other", files={"en": "briefs/files/also-missing.pdf"})
    assert problems_of(site) == [
        "data/briefs/note.yml:4: files.en: no file docs/briefs/files/missing.pdf; add the PDF there or correct the path",
        "data/briefs/other.yml:5: files.en: no file docs/briefs/files/also-missing.pdf; add the PDF there or correct the path",
    ]


def test_a_list_typed_with_a_chinese_keyboard_comma_says_to_use_a_half_width_one(site):
    # [a，b] is one item to YAML: the full-width comma is part of the text.
    site.write("data/topics.yml", "- id: governance\n  label: {en: Governance, zh: 治理}\n  summary: S.\n"
               "- id: leadership\n  label: {en: Leadership, zh: 领导力}\n  summary: S.\n")
    site.write("data/members/uni-a.yml", "kind: institution\nname: A\ncountry: NL\ntopics: [governance，leadership]\n")
    site.write("docs/news/2026-01-02-hello.md", "---\ntitle: Hello\ndate: 2026-01-02\ntags: [forum、training]\n---\n\nText.\n")
    found = problems_of(site)
    assert len(found) == 2, found
    topics = next(line for line in found if line.startswith("data/members/uni-a.yml:4: topics[0]: "))
    assert "'，' is not a separator" in topics and "half-width comma" in topics
    tags = next(line for line in found if line.startswith("docs/news/2026-01-02-hello.md:4: tags[0]: "))
    assert "'、'" in tags and "half-width comma" in tags
