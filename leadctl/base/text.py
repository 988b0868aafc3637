"""Words the site itself says (labels, headings), in both languages."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.lists import format_list

UI: dict[str, dict[str, str]] = {
    "members": {"en": "Members", "zh": "成员"},
    "institutions": {"en": "Institutions", "zh": "机构成员"},
    "individuals": {"en": "Individuals", "zh": "个人成员"},
    "institution": {"en": "Institution", "zh": "机构"},
    "individual": {"en": "Individual", "zh": "个人"},
    "events": {"en": "Events", "zh": "活动"},
    "upcoming_events": {"en": "Upcoming events", "zh": "即将举行的活动"},
    "past_events": {"en": "Past events", "zh": "往期活动"},
    "no_upcoming_events": {"en": "No upcoming events are announced yet.", "zh": "暂无即将举行的活动。"},
    "no_events": {"en": "No events yet.", "zh": "暂无活动。"},
    "briefs": {"en": "Policy briefs", "zh": "政策简报"},
    "projects": {"en": "Projects", "zh": "项目"},
    "ongoing_projects": {"en": "Ongoing projects", "zh": "进行中的项目"},
    "planned_projects": {"en": "Starting later", "zh": "即将启动的项目"},
    "completed_projects": {"en": "Completed projects", "zh": "已完成的项目"},
    "undated_projects": {"en": "Dates not given", "zh": "未注明起止时间的项目"},
    "no_projects": {"en": "No projects yet.", "zh": "暂无项目。"},
    "acronym": {"en": "Acronym", "zh": "简称"},
    "funder": {"en": "Funded by", "zh": "资助方"},
    "project_period": {"en": "Duration", "zh": "起止时间"},
    "period_from_to": {"en": "{start} – {end}", "zh": "{start}至{end}"},
    "period_from": {"en": "from {start}", "zh": "{start}起"},
    "period_until": {"en": "until {end}", "zh": "至{end}"},
    "project_website": {"en": "Project website", "zh": "项目网站"},
    "coordinator": {"en": "Coordinator", "zh": "协调单位"},
    "partners": {"en": "Partners", "zh": "合作伙伴"},
    "partner": {"en": "Partner", "zh": "合作伙伴"},
    "aims": {"en": "Aims", "zh": "目标"},
    "results": {"en": "Results", "zh": "成果"},
    "work_packages": {"en": "Work packages", "zh": "工作包"},
    "work_package_lead": {"en": "Led by", "zh": "牵头单位"},
    "follows": {"en": "Builds on", "zh": "前序项目"},
    "followed_by": {"en": "Continued by", "zh": "后续项目"},
    "project": {"en": "Project", "zh": "所属项目"},
    "project_events": {"en": "Events of the project", "zh": "项目活动"},
    "member_projects": {"en": "Projects", "zh": "参与的项目"},
    "programmes": {"en": "Training programmes", "zh": "培训项目"},
    "running_programmes": {"en": "Running now", "zh": "正在进行"},
    "upcoming_programmes": {"en": "Starting later", "zh": "即将开始"},
    "past_programmes": {"en": "Past programmes", "zh": "往期培训项目"},
    "unscheduled_programmes": {"en": "Schedule not given", "zh": "未注明日程"},
    "no_programmes": {"en": "No training programmes yet.", "zh": "暂无培训项目。"},
    "provider": {"en": "Provider", "zh": "举办方"},
    "programme_format": {"en": "Format", "zh": "形式"},
    "mode": {"en": "Form of participation", "zh": "参与方式"},
    "participants": {"en": "Participants", "zh": "参与人员"},
    "languages": {"en": "Languages", "zh": "授课语言"},
    "topics": {"en": "Topics", "zh": "主题"},
    "registration": {"en": "Registration", "zh": "报名"},
    "schedule": {"en": "Schedule", "zh": "日程"},
    "programme_period": {"en": "Runs", "zh": "举办时间"},
    "next_session": {"en": "Next session", "zh": "下次活动"},
    "no_next_session": {"en": "No further sessions are planned.", "zh": "暂无后续活动安排。"},
    "time_not_given": {"en": "time not given", "zh": "时间未注明"},
    "series_timed": {"en": "{series}, {times} ({zone})", "zh": "{series} {times}（{zone}）"},
    "series_untimed": {"en": "{series} ({note})", "zh": "{series}（{note}）"},
    "title_with_acronym": {"en": "{title} ({acronym})", "zh": "{title}（{acronym}）"},
    "zone_time": {"en": "{city} time", "zh": "{city}时间"},
    "sessions": {"en": "Sessions", "zh": "各期活动"},
    "learning_facts": {"en": "Learning facts", "zh": "学习信息"},
    "learning_outcomes": {"en": "Learning outcomes", "zh": "学习成果"},
    "workload": {"en": "Workload", "zh": "学习量"},
    "workload_hours_value": {"en": "{hours} hours", "zh": "{hours} 小时"},
    "ects": {"en": "ECTS credits", "zh": "ECTS 学分"},
    "eqf_level": {"en": "EQF level", "zh": "欧洲资格框架（EQF）级别"},
    "assessment": {"en": "Assessment", "zh": "考核方式"},
    "prerequisites": {"en": "Prerequisites", "zh": "先修要求"},
    "credential": {"en": "Credential", "zh": "证书"},
    "awarded_by": {"en": "Awarded by", "zh": "颁发机构"},
    "quality_assurance": {"en": "Quality assurance", "zh": "质量保证"},
    "stackable": {"en": "Stackable", "zh": "可累积"},
    "yes": {"en": "Yes", "zh": "是"},
    "no": {"en": "No", "zh": "否"},
    "programme": {"en": "Programme", "zh": "所属培训项目"},
    "member_programmes": {"en": "Training programmes", "zh": "举办的培训项目"},
    "project_programmes": {"en": "Training programmes of the project", "zh": "项目培训"},
    "no_briefs": {"en": "No policy briefs have been published yet.", "zh": "暂未发布政策简报。"},
    "news": {"en": "News", "zh": "新闻动态"},
    "no_news": {"en": "No news yet.", "zh": "暂无新闻。"},
    "pillars": {"en": "Pillars", "zh": "支柱领域"},
    "activities": {"en": "Activities", "zh": "主要活动"},
    "country": {"en": "Country", "zh": "国家/地区"},
    "city": {"en": "City", "zh": "城市"},
    "website": {"en": "Website", "zh": "网站"},
    "joined": {"en": "Joined", "zh": "加入时间"},
    "affiliation": {"en": "Affiliation", "zh": "所属机构"},
    "role": {"en": "Role", "zh": "职务"},
    "people": {"en": "People", "zh": "人员"},
    "organised_events": {"en": "Events organised", "zh": "组织的活动"},
    "authored_briefs": {"en": "Policy briefs written", "zh": "撰写的政策简报"},
    "tags": {"en": "Tags", "zh": "标签"},
    "kind": {"en": "Type", "zh": "类型"},
    "when": {"en": "When", "zh": "时间"},
    "where": {"en": "Where", "zh": "地点"},
    "online": {"en": "Online", "zh": "线上"},
    "online_and": {"en": "online", "zh": "线上"},
    "event_website": {"en": "Event website", "zh": "活动网站"},
    "organizers": {"en": "Organisers", "zh": "主办方"},
    "audience": {"en": "Audience", "zh": "面向对象"},
    "date": {"en": "Date", "zh": "日期"},
    "authors": {"en": "Authors", "zh": "作者"},
    "download_pdf": {"en": "Download the PDF", "zh": "下载 PDF"},
    "doi": {"en": "DOI", "zh": "DOI"},
    "summary": {"en": "Summary", "zh": "摘要"},
    "all_events": {"en": "All events", "zh": "全部活动"},
    "all_news": {"en": "All news", "zh": "全部新闻"},
    "all_briefs": {"en": "All policy briefs", "zh": "全部政策简报"},
    "all_publications": {"en": "The whole knowledge base", "zh": "浏览全部知识库"},
    "not_translated": {
        "en": "Parts of this page are not yet translated and are shown in English.",
        "zh": "本页部分内容尚未翻译，暂以英文显示。",
    },
    "page_not_translated": {
        "en": "This page is not yet translated.",
        "zh": "本页尚未翻译，以下为英文原文。",
    },
    "english_only": {"en": "English", "zh": "英文"},
    "members_intro": {
        "en": "Institutions and individuals connected with the LEAD Academic Network.",
        "zh": "与 LEAD 学术网络相关的机构和个人。",
    },
    "events_intro": {
        "en": "Seminars, workshops, conferences and training of the network, upcoming first.",
        "zh": "网络举办的研讨会、工作坊、会议和培训，即将举行的活动排在前面。",
    },
    "projects_intro": {
        "en": "Projects the network's members carry out together, ongoing first.",
        "zh": "网络成员共同开展的项目，进行中的项目排在前面。",
    },
    "programmes_intro": {
        "en": "Training programmes, courses and recurring series of the network, running now first.",
        "zh": "网络的培训项目、课程和定期系列活动，正在进行的排在前面。",
    },
    "briefs_intro": {
        "en": "Policy briefs for policymakers and university leaders, newest first.",
        "zh": "面向政策制定者和大学领导者的政策简报，按发布时间由新到旧排列。",
    },
    "news_intro": {"en": "News from the network, newest first.", "zh": "网络最新动态，按时间由新到旧排列。"},
    "pillars_intro": {
        "en": "The network's work rests on three pillars.",
        "zh": "网络的工作围绕三大支柱展开。",
    },
    "filter_kind": {"en": "Type", "zh": "类型"},
    # The knowledge base: its listing, a work's page, topics.
    "knowledge": {"en": "Knowledge base", "zh": "知识库"},
    "knowledge_intro": {
        "en": "Reports, studies, courses, leaflets and policy briefs on academic leadership and university governance, newest first.",
        "zh": "有关学术领导力与大学治理的报告、研究、课程、宣传册和政策简报，按时间由新到旧排列。",
    },
    "topics_intro": {
        "en": "The topics the network's works, policy briefs, events and news are about.",
        "zh": "网络的资料、政策简报、活动和新闻所涉及的主题。",
    },
    "no_works": {"en": "No works in the knowledge base yet.", "zh": "知识库暂无资料。"},
    "no_topics": {"en": "No topics yet.", "zh": "暂无主题。"},
    "work_kind": {"en": "Type", "zh": "类型"},
    "work_languages": {"en": "Languages", "zh": "语种"},
    "date_not_given": {"en": "date not given", "zh": "日期未注明"},
    "files": {"en": "Files", "zh": "文件"},
    "source": {"en": "Source", "zh": "来源"},
    "isbn": {"en": "ISBN", "zh": "ISBN"},
    "publisher": {"en": "Publisher", "zh": "出版方"},
    "container": {"en": "Published in", "zh": "载于"},
    "volume": {"en": "Volume", "zh": "卷"},
    "issue": {"en": "Issue", "zh": "期"},
    "pages": {"en": "Pages", "zh": "页码"},
    "edition": {"en": "Edition", "zh": "版次"},
    "place": {"en": "Place of publication", "zh": "出版地"},
    "license": {"en": "Licence", "zh": "许可协议"},
    "related_works": {"en": "Related works", "zh": "相关资料"},
    "authored_works": {"en": "Works in the knowledge base", "zh": "知识库中的资料"},
    "project_works": {"en": "Works of the project", "zh": "项目资料"},
    "pillar_works": {"en": "Works in the knowledge base", "zh": "知识库中的资料"},
    "topic_works": {"en": "Works", "zh": "资料"},
    "topic_briefs": {"en": "Policy briefs", "zh": "政策简报"},
    "topic_events": {"en": "Events", "zh": "活动"},
    "topic_news": {"en": "News", "zh": "新闻"},
    "topic_members": {"en": "Members working on it", "zh": "关注此主题的成员"},
    "topic_empty": {"en": "Nothing is filed under this topic yet.", "zh": "该主题下暂无内容。"},
    "list_separator": {"en": ", ", "zh": "、"},
    "file_size": {"en": "{size} {unit}", "zh": "{size} {unit}"},
    "filter_works": {"en": "Narrow the knowledge base", "zh": "筛选知识库"},
    "filter_topic": {"en": "Topic", "zh": "主题"},
    "filter_year": {"en": "Year", "zh": "年份"},
    "filter_language": {"en": "Language", "zh": "语种"},
    "filter_audience": {"en": "Audience", "zh": "面向对象"},
    "filter_none_works": {"en": "No work matches these filters.", "zh": "没有符合筛选条件的资料。"},
    "year_not_given": {"en": "Year not given", "zh": "年份未注明"},
    # Titles of feeds and calendars; {site} is the site's name in that language.
    "news_feed_title": {"en": "{site}: news", "zh": "{site}：新闻动态"},
    "briefs_feed_title": {"en": "{site}: policy briefs", "zh": "{site}：政策简报"},
    "knowledge_feed_title": {"en": "{site}: knowledge base", "zh": "{site}：知识库"},
    "events_calendar_title": {"en": "{site}: events", "zh": "{site}：活动"},
    "subscribe_news": {"en": "Follow the news in your feed reader:", "zh": "在订阅阅读器中关注新闻："},
    "subscribe_briefs": {"en": "Follow new policy briefs in your feed reader:", "zh": "在订阅阅读器中关注新发布的政策简报："},
    "subscribe_knowledge": {"en": "Follow new works in your feed reader:", "zh": "在订阅阅读器中关注知识库新增资料："},
    "subscribe_calendar": {"en": "Subscribe to the events calendar", "zh": "订阅活动日历"},
    "subscribe_calendar_hint": {
        "en": "(iCalendar: add its address to your calendar app to receive new events)",
        "zh": "（iCalendar 格式：将此地址添加到日历应用，即可收到新活动）",
    },
    "add_to_calendar": {"en": "Add to calendar", "zh": "添加到日历"},
    "any": {"en": "All", "zh": "全部"},
    # The members directory's filters (shown once JavaScript runs).
    "filter_members": {"en": "Find members", "zh": "筛选成员"},
    "filter_country": {"en": "Country", "zh": "国家/地区"},
    "filter_pillar": {"en": "Pillar", "zh": "支柱领域"},
    "filter_name": {"en": "Name", "zh": "名称"},
    "filter_name_hint": {"en": "Type part of a name", "zh": "输入名称的一部分"},
    "filter_none": {"en": "No member matches these filters.", "zh": "没有符合筛选条件的成员。"},
    "filter_reset": {"en": "Show all", "zh": "显示全部"},
    # Citing a policy brief.
    "policy_brief": {"en": "Policy brief", "zh": "政策简报"},
    "cite_this": {"en": "Cite this brief", "zh": "引用本简报"},
    "cite_download": {"en": "Download the citation for your reference manager:", "zh": "下载引文，导入文献管理软件："},
    # The citation box of a brief or a work (leadctl.generators.citations) and the quick-reference page.
    "cite_this_work": {"en": "Cite this", "zh": "引用本文"},
    "cite_style_apa": {"en": "APA 7", "zh": "APA 第 7 版"},
    "cite_style_chicago": {"en": "Chicago (author-date)", "zh": "芝加哥（著者-出版年制）"},
    "cite_style_harvard": {"en": "Harvard", "zh": "哈佛"},
    "cite_style_gbt7714": {"en": "GB/T 7714-2015", "zh": "GB/T 7714—2015"},
    # What a work is, where its CSL type does not say it (APA shows it in brackets).
    "cite_genre_comparative-study": {"en": "Comparative study", "zh": "比较研究"},
    "cite_genre_case-study": {"en": "Case study", "zh": "案例研究"},
    "cite_genre_course": {"en": "Course", "zh": "课程"},
    "cite_genre_toolkit": {"en": "Toolkit", "zh": "工具包"},
    "cite_genre_presentation": {"en": "Presentation", "zh": "演讲报告"},
    "cite_copy": {"en": "Copy", "zh": "复制"},
    "cite_copy_style": {"en": "Copy the citation in {style}", "zh": "复制{style}格式的引文"},
    "cite_copied": {"en": "Citation copied.", "zh": "引文已复制。"},
    "quick_reference": {"en": "Quick reference", "zh": "参考文献速查"},
    "quick_reference_intro": {
        "en": "Everything the network publishes, as a reference list by topic, in {style}. Each work's page has it in other styles.",
        "zh": "本网络发布的全部成果，按主题列出的参考文献，采用{style}格式。各成果页面另有其他引文格式。",
    },
    "quick_reference_other": {"en": "Other", "zh": "其他"},
    "quick_reference_link": {"en": "Every brief as one reference list, to print or import:", "zh": "全部简报的参考文献列表，可打印或导入："},
    "quick_reference_files": {"en": "The whole list for your reference manager:", "zh": "下载完整列表，导入文献管理软件："},
    "quick_reference_empty": {"en": "Nothing has been published yet.", "zh": "暂无已发布的成果。"},
    # Search (the header's button and the search dialog).
    "search": {"en": "Search", "zh": "搜索"},
    "search_open": {"en": "Search the site", "zh": "搜索本站"},
    "search_placeholder": {"en": "Search", "zh": "搜索"},
    "search_close": {"en": "Close search", "zh": "关闭搜索"},
    "search_shortcut": {"en": "Press / to search", "zh": "按 / 键搜索"},
    "search_filters": {"en": "Filter results", "zh": "筛选结果"},
    "search_kind": {"en": "Kind", "zh": "类型"},
    "search_pillar": {"en": "Pillar", "zh": "支柱领域"},
    "search_year": {"en": "Year", "zh": "年份"},
    "search_country": {"en": "Country", "zh": "国家或地区"},
    "search_sort": {"en": "Order", "zh": "排序"},
    "search_sort_relevance": {"en": "Best match", "zh": "最相关"},
    "search_sort_newest": {"en": "Newest first", "zh": "最新在前"},
    "search_sort_oldest": {"en": "Oldest first", "zh": "最早在前"},
    "search_clear_filters": {"en": "Clear filters", "zh": "清除筛选"},
    "search_loading": {"en": "Loading search…", "zh": "正在加载搜索…"},
    "search_none": {"en": "Nothing found for “{query}”.", "zh": "没有找到与“{query}”相关的内容。"},
    "search_failed": {"en": "Search could not be loaded. Try again later.", "zh": "搜索无法加载，请稍后再试。"},
    "search_stale": {
        "en": "The search is being updated after a change; results may be out of date for a moment.",
        "zh": "网站刚有更新，搜索索引正在更新，结果可能暂时不是最新的。",
    },
    "search_more": {"en": "Show more results", "zh": "显示更多结果"},
    # Kinds of page, as search results and its filter name them: ``kind_<kind name>`` for each record kind.
    "kind_page": {"en": "Page", "zh": "页面"},
    "kind_news": {"en": "News", "zh": "新闻"},
    "kind_members": {"en": "Member", "zh": "成员"},
    "kind_events": {"en": "Event", "zh": "活动"},
    "kind_projects": {"en": "Project", "zh": "项目"},
    "kind_programmes": {"en": "Training programme", "zh": "培训项目"},
    "kind_briefs": {"en": "Policy brief", "zh": "政策简报"},
    "kind_pillars": {"en": "Pillar", "zh": "支柱领域"},
    "kind_knowledge": {"en": "Knowledge base work", "zh": "知识库资料"},
    "kind_topics": {"en": "Topic", "zh": "主题"},
    # The page shown for an address that does not exist.
    "not_found_title": {"en": "Page not found", "zh": "页面不存在"},
    "not_found_text": {
        "en": "There is no page at this address. It may have moved, or the link may be mistyped.",
        "zh": "此地址没有页面，可能已移动，或链接有误。",
    },
    "not_found_home": {"en": "Go to the home page", "zh": "返回首页"},
    "not_found_next": {"en": "{home} or use the search at the top of the page.", "zh": "{home}，或使用页面顶部的搜索。"},
    "not_found_other": {"en": "English: go to the English home page", "zh": "中文读者：前往中文首页"},
    # The front page's blocks, the members map and the events chart (leadctl/generators/home.py, pictures.py).
    "front_pillars": {"en": "What we do", "zh": "我们做什么"},
    "front_numbers": {"en": "The network in numbers", "zh": "网络概况"},
    "front_members": {"en": "Members", "zh": "成员"},
    "front_countries": {"en": "Countries and regions", "zh": "国家和地区"},
    "front_events_in": {"en": "Events in {year}", "zh": "{year} 年的活动"},
    "latest_news": {"en": "Latest news", "zh": "最新动态"},
    "latest_publications": {"en": "Latest publications", "zh": "最新出版物"},
    "read_more": {"en": "Read more", "zh": "了解更多"},
    "map_title": {"en": "Where our members are", "zh": "成员分布"},
    "map_label": {"en": "Map of the countries and regions with members", "zh": "有成员的国家和地区地图"},
    "map_list": {"en": "Members by country or region", "zh": "各国家和地区的成员"},
    "map_country": {"en": "{country}: {members}", "zh": "{country}：{members}"},
    "map_hint": {"en": "Choose a country to see its members.", "zh": "点击国家或地区，查看该地的成员。"},
    "map_source": {"en": "Map data: Natural Earth.", "zh": "地图数据：Natural Earth。"},
    "chart_title": {"en": "Events per year and pillar", "zh": "各年度、各支柱领域的活动"},
    "chart_note": {"en": "An event of several pillars counts in each of them.", "zh": "涉及多个支柱领域的活动在每个领域各计一次。"},
    "chart_numbers": {"en": "The numbers", "zh": "具体数字"},
    "chart_year": {"en": "Year", "zh": "年份"},
    "chart_total": {"en": "All events", "zh": "全部活动"},
    "chart_bar": {"en": "{year}, {series}: {events}", "zh": "{year} 年，{series}：{events}"},
    "no_pillar": {"en": "No pillar", "zh": "未注明支柱领域"},
}

EVENT_KINDS = {
    "seminar": {"en": "Seminar", "zh": "研讨会"},
    "workshop": {"en": "Workshop", "zh": "工作坊"},
    "conference": {"en": "Conference", "zh": "学术会议"},
    "forum": {"en": "Forum", "zh": "论坛"},
    "training": {"en": "Training", "zh": "培训"},
    "webinar": {"en": "Webinar", "zh": "网络研讨会"},
    "meeting": {"en": "Meeting", "zh": "会议"},
}

PROGRAMME_FORMATS = {
    "mooc": {"en": "MOOC", "zh": "慕课（MOOC）"},
    "workshop-series": {"en": "Workshop series", "zh": "系列工作坊"},
    "blended": {"en": "Blended training", "zh": "混合式培训"},
    "seminar-series": {"en": "Seminar series", "zh": "系列研讨会"},
    "peer-learning": {"en": "Peer learning", "zh": "同伴学习"},
    "course": {"en": "Course", "zh": "课程"},
}

PROGRAMME_MODES = {
    "online": {"en": "Online", "zh": "线上"},
    "onsite": {"en": "On site", "zh": "线下"},
    "blended": {"en": "Online and on site", "zh": "线上线下结合"},
}

CREDENTIAL_KINDS = {
    "micro-credential": {"en": "Micro-credential", "zh": "微证书"},
    "certificate": {"en": "Certificate", "zh": "结业证书"},
    "badge": {"en": "Digital badge", "zh": "数字徽章"},
}

# Times across two continents (an event's time in Central European and China Standard Time, and
# the reader's own) and the share panel on every page.
UI.update({
    "times_in_zones": {"en": "Times in other time zones", "zh": "其他时区的时间"},
    "time_in_zone": {"en": "{time}, {zone}", "zh": "{time}，{zone}"},
    "zone_and_key": {"en": "{name} ({key})", "zh": "{name}（{key}）"},
    "reader_time": {"en": "{time}, {zone} (your time zone)", "zh": "{time}，{zone}（您所在的时区）"},
    "series_there": {"en": "{day} {times} ({zone})", "zh": "{day} {times}（{zone}）"},
    "series_there_during": {"en": "{day} {times} ({zone}, during {own})", "zh": "{day} {times}（{zone}，{own}期间）"},
    "share": {"en": "Share this page", "zh": "分享本页"},
    "share_address": {"en": "Address of this page", "zh": "本页网址"},
    "share_copy": {"en": "Copy link", "zh": "复制链接"},
    "share_copied": {"en": "Link copied.", "zh": "链接已复制。"},
    "share_email": {"en": "Send by e-mail", "zh": "通过电子邮件发送"},
    "share_wechat": {"en": "Scan with WeChat to share", "zh": "微信扫一扫分享"},
    "share_qr": {"en": "QR code of this page's address", "zh": "本页网址的二维码"},
})

# A series in words; {day} is the day's name, {nth} the week of the month.
SERIES = {
    "week": {"en": "Every {day}", "zh": "每{day}"},
    "2 weeks": {"en": "Every other {day}", "zh": "每两周的{day}"},
    "month": {"en": "The {nth} {day} of every month", "zh": "每月{nth}{day}"},
}
NTH = {
    "first": {"en": "first", "zh": "第一个"},
    "second": {"en": "second", "zh": "第二个"},
    "third": {"en": "third", "zh": "第三个"},
    "fourth": {"en": "fourth", "zh": "第四个"},
    "last": {"en": "last", "zh": "最后一个"},
}

# The kinds of work in the knowledge base (leadctl.records.models.WORK_KINDS), and a policy brief as the listing shows one.
WORK_KINDS = {
    "report": {"en": "Report", "zh": "报告"},
    "comparative-study": {"en": "Comparative study", "zh": "比较研究"},
    "case-study": {"en": "Case study", "zh": "案例研究"},
    "article": {"en": "Article", "zh": "文章"},
    "book": {"en": "Book", "zh": "图书"},
    "chapter": {"en": "Book chapter", "zh": "图书章节"},
    "course": {"en": "Course", "zh": "课程"},
    "toolkit": {"en": "Toolkit", "zh": "工具包"},
    "leaflet": {"en": "Leaflet", "zh": "宣传册"},
    "presentation": {"en": "Presentation", "zh": "演示文稿"},
    "video": {"en": "Video", "zh": "视频"},
    "dataset": {"en": "Dataset", "zh": "数据集"},
    "policy-brief": {"en": "Policy brief", "zh": "政策简报"},
}

# A file's size: its unit by powers of 1024, as both languages write them.
FILE_SIZE_UNITS = ("B", "KB", "MB", "GB")

AUDIENCES = {
    "early-career": {"en": "Early-career academic leaders", "zh": "青年学术领导者"},
    "mid-level": {"en": "Mid-level academic leaders", "zh": "中层学术领导者"},
    "senior": {"en": "Senior academic leaders", "zh": "高层学术领导者"},
}


# Texts with a number in them, per CLDR plural category of the number ("one", "other"...):
# English says "1 event" and "0 events"; Chinese has one form for every number.
COUNTED: dict[str, dict[str, dict[str, str]]] = {
    "member": {"en": {"one": "{n} member", "other": "{n} members"}, "zh": {"other": "{n} 位成员"}},
    "event": {"en": {"one": "{n} event", "other": "{n} events"}, "zh": {"other": "{n} 场活动"}},
    "project": {"en": {"one": "{n} project", "other": "{n} projects"}, "zh": {"other": "{n} 个项目"}},
    "programme": {"en": {"one": "{n} programme", "other": "{n} programmes"}, "zh": {"other": "{n} 个培训项目"}},
    "policy_brief": {"en": {"one": "{n} brief", "other": "{n} briefs"}, "zh": {"other": "{n} 份政策简报"}},
    "pillar": {"en": {"one": "{n} pillar", "other": "{n} pillars"}, "zh": {"other": "{n} 个支柱领域"}},
    "news_post": {"en": {"one": "{n} news post", "other": "{n} news posts"}, "zh": {"other": "{n} 篇新闻"}},
    "knowledge_base_work": {"en": {"one": "{n} work", "other": "{n} works"}, "zh": {"other": "{n} 份资料"}},
    "topic": {"en": {"one": "{n} topic", "other": "{n} topics"}, "zh": {"other": "{n} 个主题"}},
    "works_filter_count": {
        "en": {"one": "Showing {shown} of {n} work.", "other": "Showing {shown} of {n} works."},
        "zh": {"other": "显示 {shown} 份资料，共 {n} 份。"},
    },
    "record": {"en": {"one": "{n} record", "other": "{n} records"}, "zh": {"other": "{n} 条记录"}},
    "page": {"en": {"one": "{n} page", "other": "{n} pages"}, "zh": {"other": "{n} 个页面"}},
    "search_result": {"en": {"one": "{n} result", "other": "{n} results"}, "zh": {"other": "{n} 个结果"}},
    # The members directory's filters: the number of members is known when the page is built.
    "filter_count": {
        "en": {"one": "Showing {shown} of {n} member.", "other": "Showing {shown} of {n} members."},
        "zh": {"other": "显示 {shown} 位成员，共 {n} 位。"},
    },
}


def ui(key: str, language: str) -> str:
    return UI[key][language]


def count(number: int, key: str, language: str = "en", **values: object) -> str:
    """``COUNTED[key]`` in the form ``language`` uses for ``number``, e.g. "1 event", "2 events", "2 场活动"."""
    forms = COUNTED[key][language]
    category = _locale(language).plural_form(number)
    return forms.get(category, forms["other"]).format(n=number, **values)


@lru_cache(maxsize=None)
def country_name(code: str, language: str) -> str:
    return Locale.parse("zh_Hans" if language == "zh" else "en").territories.get(code, code)


@lru_cache(maxsize=None)
def language_name(code: str, language: str) -> str:
    """A language's name (ISO 639-1 ``code``) in ``language``: "Dutch", "荷兰语"."""
    return _locale(language).languages.get(code, code)


@lru_cache(maxsize=None)
def _locale(language: str) -> Locale:
    return Locale.parse("zh_Hans" if language == "zh" else "en")


def join_list(items: list[str], language: str) -> str:
    """Items as one phrase in ``language``: "A, B, and C" in English, "A、B和C" in Chinese (CLDR's list patterns)."""
    return format_list(list(items), locale=_locale(language))
