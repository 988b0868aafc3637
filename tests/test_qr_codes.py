"""The share panel's QR codes read back, as a phone reads them, to the address they were made of:
every size of code (versions 1 to 40), addresses in any script, drawn from the SVG as shipped.

tests/browser/test_share_panel.py reads the codes of built pages after Chromium draws them.
"""

from __future__ import annotations

import random
import re
import string

import pytest
import zxingcpp
from bs4 import BeautifulSoup

from leadctl.writers.share import qr_svg

_STROKE = re.compile(r"([Mm])(-?[\d.]+) (-?[\d.]+)h(\d+)")
PIXELS_PER_MODULE = 2


def modules_of(svg: str) -> list[list[int]]:
    """The dark modules the SVG draws: its background square gives the size, each stroke of its path one run of a row."""
    soup = BeautifulSoup(svg, "html.parser")
    background, strokes = soup.select("svg g path")
    side = int(re.match(r"M0 0h(\d+)v", background["d"]).group(1))
    grid = [[0] * side for _ in range(side)]
    x = y = 0.0
    path = strokes["d"]
    assert _STROKE.sub("", path) == "", "only horizontal strokes"
    for move, dx, dy, length in _STROKE.findall(path):
        if move == "M":
            x, y = float(dx), float(dy)
        else:
            x, y = x + float(dx), y + float(dy)
        row = int(y - 0.5)
        for column in range(int(x), int(x) + int(length)):
            grid[row][column] = 1
        x += int(length)
    return grid


def read_back(svg: str) -> list[str]:
    grid = modules_of(svg)
    width = len(grid) * PIXELS_PER_MODULE
    image = bytearray(b"\xff") * (width * width)
    for row_number, row in enumerate(grid):
        line = bytes(0 if dark else 255 for dark in row for _ in range(PIXELS_PER_MODULE))
        for repeat in range(PIXELS_PER_MODULE):
            start = (row_number * PIXELS_PER_MODULE + repeat) * width
            image[start : start + width] = line
    found = zxingcpp.read_barcodes(memoryview(bytes(image)).cast("B", (width, width)), formats=zxingcpp.BarcodeFormat.QRCode)
    return [code.text for code in found]


def address(length: int, seed: int) -> str:
    """An address of exactly ``length`` characters."""
    rng = random.Random(seed)
    alphabet = string.ascii_letters + string.digits + "-._~%/?=&"
    return "https://" + "".join(rng.choice(alphabet) for _ in range(length - len("https://")))


CAPACITY = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779,
            857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331]
"""The bytes each version holds at error correction level M (ISO/IEC 18004, table 7), from version 1 to 40."""


def side(version: int) -> int:
    return 4 * version + 17 + 2 * 4  # the quiet zone: 4 modules each side


@pytest.mark.parametrize("version", range(1, 41))
def test_a_code_of_every_size_reads_back_to_its_address(version):
    """The fullest address a version holds gets that version; one character more, the next."""
    fullest = address(CAPACITY[version - 1], seed=version)
    svg = qr_svg(fullest, "Scan")
    assert read_back(svg) == [fullest]
    assert len(modules_of(svg)) == side(version)
    if version < 40:
        longer = address(CAPACITY[version - 1] + 1, seed=version)
        svg = qr_svg(longer, "Scan")
        assert read_back(svg) == [longer]
        assert len(modules_of(svg)) == side(version + 1)


def test_addresses_in_other_scripts_read_back():
    for url in ("https://example.org/zh/成员/甲大学/", "https://exämple.org/événements/", "https://example.org/?q=治理&x=1"):
        assert read_back(qr_svg(url, "扫一扫")) == [url]


def test_the_code_is_named_for_screen_readers_and_sized_for_its_modules():
    svg = BeautifulSoup(qr_svg("https://example.org/events/spring-forum/", 'Scan "this" <now>'), "html.parser").svg
    assert svg["role"] == "img"
    assert svg["aria-label"] == 'Scan "this" <now>'
    assert svg.title.get_text() == 'Scan "this" <now>'
    modules = len(modules_of(str(svg)))
    assert int(svg["width"]) == int(svg["height"]) == modules * 4


def test_an_address_no_code_holds_gives_no_code():
    assert str(qr_svg(address(CAPACITY[-1] + 1, seed=3), "Scan")) == ""
