"""The theme files the site copies from Material to correct their markup stay Material's but for the correction.

overrides/base.html and overrides/partials/nav-item.html are whole copies (Jinja
cannot change markup outside a block), so they would silently hold on to an
older Material after an upgrade, down to the name of its script bundle. Each is
compared with the installed Material's file, the correction applied; when this
fails after an upgrade, copy the file again, make the correction again and keep
the comment at its top. What the corrections are for is checked on the built
site by tests/browser/test_third_party_checks.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from jinja2 import Environment, FileSystemLoader

from leadctl.glue.speed.theme_partials import NavigationPartials
from sitekit import REPO

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
OVERRIDES = REPO / "overrides"

# Each copied file: the changes made to Material's text, as (Material's, the site's).
CORRECTIONS = {
    "base.html": [
        ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
        ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
        (
            """data-md-color-accent="{{ accent | replace(' ', '-') }}">\n""",
            """data-md-color-accent="{{ accent | replace(' ', '-') }}">\n    {% include "partials/lead-scheme.html" %}\n""",
        ),
    ],
    "partials/nav-item.html": [
        (' tabindex="{{ tabindex }}"', '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}'),
    ],
}
LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)


@pytest.mark.parametrize("name", CORRECTIONS)
def test_a_copied_theme_file_is_material_s_own_but_for_its_correction(name):
    own = (OVERRIDES / name).read_text(encoding="utf-8")
    assert LEADING_COMMENT.match(own), f"overrides/{name} should start with a Jinja comment saying why it is there"
    expected = LEADING_COMMENT.sub("", (MATERIAL_TEMPLATES / name).read_text(encoding="utf-8"), count=1)
    for material_text, site_text in CORRECTIONS[name]:
        assert material_text in expected, f"Material's {name} no longer has {material_text!r}: see whether overrides/{name} is still needed"
        expected = expected.replace(material_text, site_text)
    assert LEADING_COMMENT.sub("", own, count=1) == expected, (
        f"overrides/{name} differs from the installed Material's {name} beyond its correction: "
        f"copy {MATERIAL_TEMPLATES / name} again and make the correction again"
    )


def test_the_corrected_navigation_item_keeps_the_navigation_worked_out_once():
    # The speed layer reuses Material's navigation only for sources it has analysed (by digest).
    environment = Environment(loader=FileSystemLoader([str(OVERRIDES), str(MATERIAL_TEMPLATES)]))
    assert NavigationPartials(environment, FileSystemLoader([str(MATERIAL_TEMPLATES)])).reusing
