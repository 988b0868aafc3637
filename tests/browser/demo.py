"""The demo network the browser tests read: made up by code, in both languages.

Every institution and person here is invented (the names say so: "Example",
"Sample", 示例); nothing describes a real university or a real person. The
tests compute what they expect from these lists, so the data can grow.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from sitekit import ProjectSite

PILLARS = ("research", "training", "sharing")
"""The network's pillars (the repository's data/pillars.yml) that the demo records refer to."""


@dataclass(frozen=True)
class DemoMember:
    id: str
    kind: str
    name_en: str
    name_zh: str | None
    country: str
    pillars: tuple[str, ...]
    affiliation: str | None = None


# Word stems for invented institutions: "Northgate Example University", 北门示例大学.
_STEMS = [
    ("northgate", "Northgate", "北门", "NL", ("research", "training")),
    ("riverside", "Riverside", "河畔", "DE", ("research",)),
    ("lakeview", "Lakeview", "湖景", "CN", ("training", "sharing")),
    ("hillcrest", "Hillcrest", "山顶", "CN", ("research", "sharing")),
    ("eastbrook", "Eastbrook", "东溪", "FR", ("sharing",)),
    ("westfield", "Westfield", "西野", "DE", ()),
]
_PEOPLE = [
    ("alex-example", "Alex Example", "亚历克斯", "NL", ("research",), "northgate-example-university"),
    ("li-shili", "Li Shili", "李示例", "CN", ("training",), "lakeview-example-university"),
    ("robin-sample", "Robin Sample", None, "DE", ("research", "sharing"), "riverside-example-university"),
    ("zhang-yangben", "Zhang Yangben", "张样本", "CN", (), None),
]

MEMBERS: list[DemoMember] = [
    DemoMember(f"{slug}-example-university", "institution", f"{stem} Example University", f"{zh}示例大学", country, pillars)
    for slug, stem, zh, country, pillars in _STEMS
] + [
    DemoMember(person_id, "individual", en, zh, country, pillars, affiliation)
    for person_id, en, zh, country, pillars, affiliation in _PEOPLE
]

SEARCH_BRIEF = "shared-decisions"
"""The brief whose Chinese summary has 共同决策 in the middle of a sentence."""
SEARCH_WORD_ZH = "共同决策"
SEARCH_WORD_EN = "collegial"

EVENTS = {
    "autumn-school": {
        "title": {"en": "Autumn school on academic leadership", "zh": "学术领导力秋季学校"},
        "kind": "training", "start": "2026-10-13", "end": "2026-10-15",
        "location": {"en": "Northgate campus", "zh": "北门校区"},
        "organizers": ["northgate-example-university", "alex-example"], "pillars": ["training"], "audience": "mid-level",
        "summary": {"en": "Three days of training for heads of department.", "zh": "为系主任举办的三天培训。"},
    },
    "governance-webinar": {
        "title": {"en": "Webinar: governance in practice", "zh": "网络研讨会：治理实践"},
        "kind": "webinar", "start": "2026-07-02 14:00", "end": "2026-07-02 15:30", "timezone": "Asia/Shanghai",
        "online": True, "organizers": ["lakeview-example-university"], "pillars": ["research"],
        "summary": {"en": "An hour and a half online.", "zh": "线上一个半小时。"},
    },
    "spring-forum": {
        "title": {"en": "Spring forum", "zh": "春季论坛"},
        "kind": "forum", "start": "2026-03-30 09:30", "end": "2026-03-30 17:00", "timezone": "Europe/Brussels",
        "location": {"en": "Riverside hall", "zh": "河畔会堂"}, "online": True,
        "organizers": ["riverside-example-university"],
        "summary": {"en": "A day of talks, on site and online.", "zh": "一天的报告，线下与线上同时进行。"},
    },
    # Search finds words of the programme (the body), not only of the summary.
    "curriculum-workshop": {
        "title": {"en": "Workshop on curriculum governance", "zh": "课程治理工作坊"},
        "kind": "workshop", "start": "2025-09-18",
        "location": {"en": "Hillcrest campus", "zh": "山顶校区"},
        "organizers": ["hillcrest-example-university"], "pillars": ["training"],
        "summary": {"en": "One day for programme directors.", "zh": "为专业负责人举办的一天活动。"},
        "body": {
            "en": "The morning compares how each faculty ombudsperson handles complaints about courses.",
            "zh": "上午交流 LEAD2 培训的成果，随后由 Robin Sample 主持关于学术委员会议事规则的讨论。",
        },
    },
}

BRIEFS = {
    SEARCH_BRIEF: {
        "title": {"en": "Shared decisions in universities", "zh": "大学中的共同决策"},
        "date": "2026-02-01",
        "authors": [{"member": "alex-example"}, {"name": {"en": "Sam Placeholder", "zh": "萨姆"}}],
        "summary": {
            "en": "This brief discusses how collegial decision-making works inside universities.",
            "zh": "本简报讨论大学内部共同决策的机制与实践。",
        },
        "body": {"en": "Findings and **recommendations**.", "zh": "研究发现与**建议**。"},
        "doi": "10.5555/lead-demo-1",
        "pillars": ["research"], "topics": ["governance"],
    },
    "english-only-brief": {
        "title": "Leadership pipelines",
        "date": "2025-11-20",
        "authors": [{"member": "robin-sample"}],
        "summary": "A brief that has not been translated yet.",
    },
}

NEWS = [
    ("2026-05-10-new-members", "en", {"title": "Two new members", "date": "2026-05-10", "summary": "The network grows.", "pillars": ["sharing"]}),
    ("2026-05-10-new-members", "zh", {"title": "两位新成员", "date": "2026-05-10", "summary": "网络不断壮大。", "pillars": ["sharing"]}),
    ("2026-04-02-report", "en", {"title": "Annual report published", "date": "2026-04-02", "summary": "Our year in review."}),
]

TOPICS = [
    {"id": "governance", "label": {"en": "University governance", "zh": "大学治理"},
     "summary": {"en": "How universities decide.", "zh": "大学如何决策。"}},
    {"id": "leadership", "label": {"en": "Academic leadership", "zh": "学术领导力"},
     "summary": {"en": "Leading academics.", "zh": "领导学者。"}},
]


@dataclass(frozen=True)
class DemoWork:
    id: str
    kind: str
    date: str | None
    topics: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    pillars: tuple[str, ...] = ()


WORKS = [
    DemoWork("governance-report", "report", "2025-06", ("governance",), ("en", "zh"), ("senior",), ("research",)),
    DemoWork("leadership-course", "course", "2024", ("leadership",), ("en",), ("early-career", "mid-level"), ("training",)),
    DemoWork("governance-course", "course", "2023-09-01", ("governance", "leadership"), ("zh",), ("mid-level",), ("training",)),
    DemoWork("case-of-northgate", "case-study", "2024-02", ("governance",), ("en",)),
    DemoWork("undated-leaflet", "leaflet", None, ("leadership",), ("en", "zh")),
]
"""Invented works of the knowledge base; the briefs above are listed beside them as the kind "policy-brief"."""


def listed_where(**conditions: str) -> list[str]:
    """Ids of the works and briefs the knowledge base shows for the facets given (kind=, topic=, year=, language=...)."""
    items = [
        {"id": work.id, "kind": work.kind, "topic": work.topics, "year": (work.date or "")[:4], "language": work.languages,
         "audience": work.audience, "pillar": work.pillars}
        for work in WORKS
    ] + [
        {"id": brief_id, "kind": "policy-brief", "topic": tuple(fields.get("topics", ())), "year": fields["date"][:4],
         "language": ("en", "zh") if isinstance(fields["summary"], dict) else ("en",), "audience": (), "pillar": tuple(fields.get("pillars", ()))}
        for brief_id, fields in BRIEFS.items()
    ]

    def matches(item: dict, facet: str, value: str) -> bool:
        have = item[facet]
        return value == have if isinstance(have, str) else value in have

    return sorted(item["id"] for item in items if all(matches(item, facet, value) for facet, value in conditions.items()))


def members_where(**conditions) -> list[DemoMember]:
    """Members matching every condition: kind=, country=, pillar=."""
    chosen = MEMBERS
    if "kind" in conditions:
        chosen = [m for m in chosen if m.kind == conditions["kind"]]
    if "country" in conditions:
        chosen = [m for m in chosen if m.country == conditions["country"]]
    if "pillar" in conditions:
        chosen = [m for m in chosen if conditions["pillar"] in m.pillars]
    return chosen


def write_demo(site: ProjectSite) -> None:
    """The demo records, next to the pillars and hand-written pages already in ``site``."""
    pillars = {item["id"] for item in yaml.safe_load((site.root / "data" / "pillars.yml").read_text(encoding="utf-8"))}
    assert set(PILLARS) <= pillars, f"the demo refers to pillars {sorted(set(PILLARS) - pillars)} that data/pillars.yml lacks"
    for member in MEMBERS:
        fields: dict = {
            "kind": member.kind,
            "name": {"en": member.name_en, "zh": member.name_zh} if member.name_zh else member.name_en,
            "country": member.country,
            "pillars": list(member.pillars),
        }
        if member.affiliation:
            fields["affiliation"] = member.affiliation
        if member.kind == "institution":
            fields["description"] = {"en": f"{member.name_en} is an invented member of the demo network.",
                                     "zh": f"{member.name_zh}是示例网络中虚构的成员。"}
        else:
            fields["role"] = {"en": "Dean", "zh": "院长"}
        site.member(member.id, **fields)
    for event_id, fields in EVENTS.items():
        site.event(event_id, **fields)
    for brief_id, fields in BRIEFS.items():
        site.brief(brief_id, **fields)
    site.topics(*TOPICS)
    for work in WORKS:
        site.work(
            work.id, kind=work.kind, date=work.date, topics=list(work.topics), languages=list(work.languages),
            audience=list(work.audience), pillars=list(work.pillars),
            title={"en": work.id.replace("-", " ").capitalize(), "zh": f"示例资料：{work.id}"},
            summary={"en": "An invented work of the demo network.", "zh": "示例网络中虚构的资料。"},
        )
    for slug, language, front in NEWS:
        site.news(slug, language=language, body="Text of the post." if language == "en" else "新闻正文。", **front)

SEARCH_EVENT = "curriculum-workshop"
"""The event whose programme (its body, not its summary) has the words below."""
SEARCH_BODY_WORD_ZH = "议事规则"
SEARCH_BODY_WORD_EN = "ombudsperson"
SEARCH_NAME = "Robin"
"""A name in Latin script on Chinese pages."""
