"""Generated pages, as the speed layer prepares them, render exactly as MkDocs renders them, with less work.

The less work is measured where it is saved: Python-Markdown converters built.
"""

from __future__ import annotations

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from leadctl.glue import speed

CONFIG = """\
site_name: Blank pages
markdown_extensions:
  - toc:
      permalink: true
  - attr_list
  - admonition
  - abbr
  - pymdownx.snippets:
      auto_append: [abbreviations.md]
      base_path: [{docs}]
"""


@pytest.fixture()
def config(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "abbreviations.md").write_text("*[LEAD]: Leadership in Education\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(docs=tmp_path / "docs"), encoding="utf-8")
    return load_config(str(tmp_path / "mkdocs.yml"))


def rendered(config, text: str, prepared: bool) -> tuple[Page, int]:
    file = File("page.md", src_dir=config.docs_dir, dest_dir=config.site_dir, use_directory_urls=True)
    page = Page(None, file, config)
    if prepared:
        page = speed.prepare_generated_page(page)
    page.markdown = text
    converters = 0
    original = markdown.Markdown.__init__

    def counting(self, *args, **kwargs):
        nonlocal converters
        converters += 1
        original(self, *args, **kwargs)

    markdown.Markdown.__init__ = counting
    try:
        page.render(config, Files([file]))
    finally:
        markdown.Markdown.__init__ = original
    return page, converters


def fields(page: Page) -> tuple:
    links = {file.src_uri: anchors for file, anchors in page.links_to_anchors.items()}  # each render has its own File
    return (page.content, [str(item) for item in page.toc], page._title_from_render, page.present_anchor_ids, links)


@pytest.mark.parametrize("text", ["", "  \n\n\t\n"])
def test_a_blank_text_renders_as_mkdocs_renders_it_without_building_a_converter(config, text):
    mkdocs_page, mkdocs_converters = rendered(config, text, prepared=False)
    blank_page, blank_converters = rendered(config, text, prepared=True)
    assert (mkdocs_converters, blank_converters) == (1, 0)
    assert fields(blank_page) == fields(mkdocs_page) == ("", [], None, set(), {})
    assert blank_page.title == mkdocs_page.title


def test_any_other_text_is_rendered_by_mkdocs(config):
    text = "# A title\n\nThe LEAD network.\n\n## Part {#part}\n\n!!! note\n    A note.\n"
    mkdocs_page, _ = rendered(config, text, prepared=False)
    blank_page, converters = rendered(config, text, prepared=True)
    assert converters == 1
    assert fields(blank_page) == fields(mkdocs_page)
    assert blank_page._title_from_render == "A title" and "part" in blank_page.present_anchor_ids
    assert '<abbr title="Leadership in Education">LEAD</abbr>' in blank_page.content


def test_with_the_speed_layer_off_a_generated_page_is_mkdocs_own(config, monkeypatch):
    monkeypatch.setenv(speed.switches.SPEED_VARIABLE, "0")
    mkdocs_page, _ = rendered(config, "", prepared=False)
    page, converters = rendered(config, "", prepared=True)
    assert type(page) is Page and converters == 1
    assert fields(page) == fields(mkdocs_page)
