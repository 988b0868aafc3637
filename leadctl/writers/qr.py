"""QR codes of page addresses, drawn as SVG paths (ISO/IEC 18004).

Only what the share panel needs: the text in byte mode (UTF-8), error
correction level M, the smallest version that holds it, and one fixed mask
pattern. Phones read any of the eight masks; choosing the best one means
scoring all eight, which is most of a general encoder's work.

Everything about a code's layout but its data — where the finder, timing
and alignment patterns, the format and version information go, and the
order in which the data modules are filled — depends on the version alone,
so it is worked out once per version (``_layout``) and every code of that
version only pours its bits into it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Error correction level M, indexed by version (ISO/IEC 18004:2015, table 9).
_EC_CODEWORDS_PER_BLOCK = (
    None, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
    26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
)
_EC_BLOCKS = (
    None, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
    17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
)
_LEVEL_M_BITS = 0b00
MASK = 0
"""Mask pattern 0: a data module is inverted where row + column is even."""

_DARK_RUN = re.compile(rb"\x01+")


class QRCodeTooLong(ValueError):
    """The text does not fit in the largest QR code (version 40) at level M."""


@dataclass(frozen=True)
class _Layout:
    template: tuple[bytes, ...]
    """Every function pattern drawn, the format and version information written, the data modules light."""
    data_modules: tuple[tuple[int, int, int], ...]
    """Each data module in filling order: row, column, and 1 where the mask inverts it."""
    data_codewords: int


def qr_matrix(text: str) -> list[bytearray]:
    """The modules of the QR code of ``text``, row by row, 1 for dark (no quiet zone)."""
    data = text.encode("utf-8")
    version = _smallest_version(len(data))
    layout = _layout(version)
    codewords = _interleaved_codewords(_data_codewords(data, version, layout.data_codewords), version)
    rows = [bytearray(row) for row in layout.template]
    bits = "".join(map("{:08b}".format, codewords)).ljust(len(layout.data_modules), "0")  # then the remainder bits: 0
    for (row, column, inverted), bit in zip(layout.data_modules, bits):
        rows[row][column] = (bit == "1") ^ inverted
    return rows


def qr_svg_path(matrix: list[bytearray], border: int) -> str:
    """One SVG path drawing the dark modules as horizontal strokes one module wide, row by row.

    Each stroke is a move relative to where the previous one ended, then its length, which
    keeps the path short.
    """
    parts = []
    x, previous_row = 0, None
    for row_number, row in enumerate(matrix):
        for run in _DARK_RUN.finditer(row):
            start, end = border + run.start(), border + run.end()
            if previous_row is None:
                parts.append(f"M{start} {border}.5h{end - start}")  # the middle of the first row's modules
            else:
                parts.append(f"m{start - x} {row_number - previous_row}h{end - start}")
            x, previous_row = end, row_number
    return "".join(parts)


def _smallest_version(length: int) -> int:
    for version in range(1, 41):
        count_bits = 8 if version < 10 else 16
        if 4 + count_bits + 8 * length <= _data_codeword_count(version) * 8:
            return version
    raise QRCodeTooLong(f"{length} bytes do not fit in a QR code at error correction level M")


def _data_codeword_count(version: int) -> int:
    return _raw_data_modules(version) // 8 - _EC_CODEWORDS_PER_BLOCK[version] * _EC_BLOCKS[version]


def _raw_data_modules(version: int) -> int:
    """Modules left for codewords and remainder bits once the function patterns are drawn."""
    result = (16 * version + 128) * version + 64
    if version >= 2:
        alignments = version // 7 + 2
        result -= (25 * alignments - 10) * alignments - 55
        if version >= 7:
            result -= 36
    return result


def _data_codewords(data: bytes, version: int, capacity: int) -> bytes:
    """Mode indicator, length, the bytes, terminator, and the pad codewords up to ``capacity``."""
    count_bits = 8 if version < 10 else 16
    bits = (0b0100 << count_bits | len(data)) << 8 * len(data) | int.from_bytes(data, "big")
    used = 4 + count_bits + 8 * len(data)
    terminator = min(4, capacity * 8 - used)
    bits <<= terminator
    used += terminator
    padding = -used % 8
    bits <<= padding
    used += padding
    codewords = bits.to_bytes(used // 8, "big")
    pad = bytes((0xEC, 0x11)) * capacity
    return codewords + pad[: capacity - len(codewords)]


def _interleaved_codewords(data: bytes, version: int) -> bytes:
    """The data split into blocks, each with its error correction, interleaved as the symbol stores them."""
    blocks_count = _EC_BLOCKS[version]
    ec_length = _EC_CODEWORDS_PER_BLOCK[version]
    raw_codewords = _raw_data_modules(version) // 8
    short_blocks = blocks_count - raw_codewords % blocks_count
    short_length = raw_codewords // blocks_count - ec_length
    blocks, ec_blocks, start = [], [], 0
    for number in range(blocks_count):
        length = short_length + (0 if number < short_blocks else 1)
        block = data[start : start + length]
        start += length
        blocks.append(block)
        ec_blocks.append(_reed_solomon_remainder(block, ec_length))
    out = bytearray()
    for position in range(short_length + 1):
        for block in blocks:
            if position < len(block):
                out.append(block[position])
    for position in range(ec_length):
        for ec in ec_blocks:
            out.append(ec[position])
    return bytes(out)


# -- Reed-Solomon over GF(2^8) with the polynomial x^8 + x^4 + x^3 + x^2 + 1 ------------------

def _gf_tables() -> tuple[list[int], list[int]]:
    exp, log = [0] * 512, [0] * 256
    value = 1
    for power in range(255):
        exp[power] = value
        log[value] = power
        value <<= 1
        if value & 0x100:
            value ^= 0x11D
    for power in range(255, 512):
        exp[power] = exp[power - 255]
    return exp, log


_EXP, _LOG = _gf_tables()


def _gf_multiply(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


@functools.cache
def _generator_multiples(degree: int) -> tuple[int, ...]:
    """For each byte value f, the generator polynomial of ``degree`` times f, its coefficients packed in an int."""
    generator = [1]
    for power in range(degree):
        root = _EXP[power]
        generator = [a ^ _gf_multiply(b, root) for a, b in zip(generator + [0], [0] + generator)]
    # generator[0] is the leading coefficient (1), dropped: division cancels it.
    coefficients = generator[1:]
    return tuple(
        int.from_bytes(bytes(_gf_multiply(factor, c) for c in coefficients), "big") for factor in range(256)
    )


def _reed_solomon_remainder(block: bytes, degree: int) -> bytes:
    multiples = _generator_multiples(degree)
    shift = 8 * (degree - 1)
    keep = (1 << 8 * degree) - 1
    remainder = 0
    for byte in block:
        factor = byte ^ (remainder >> shift)
        remainder = ((remainder << 8) & keep) ^ multiples[factor]
    return remainder.to_bytes(degree, "big")


# -- the layout of a version ------------------------------------------------------------------

def _bch(value: int, generator: int, generator_degree: int) -> int:
    remainder = value << generator_degree
    for bit in range(remainder.bit_length() - 1, generator_degree - 1, -1):
        if remainder >> bit & 1:
            remainder ^= generator << (bit - generator_degree)
    return value << generator_degree | remainder


def _alignment_centres(version: int) -> list[int]:
    if version == 1:
        return []
    count = version // 7 + 2
    step = (version * 8 + count * 3 + 5) // (count * 4 - 4) * 2
    size = version * 4 + 17
    return [6] + sorted(size - 7 - number * step for number in range(count - 1))


@functools.cache
def _layout(version: int) -> _Layout:
    size = version * 4 + 17
    dark = [[0] * size for _ in range(size)]
    function = [[False] * size for _ in range(size)]

    def put(row: int, column: int, is_dark: bool) -> None:
        dark[row][column] = 1 if is_dark else 0
        function[row][column] = True

    for index in range(size):  # timing patterns
        put(6, index, index % 2 == 0)
        put(index, 6, index % 2 == 0)
    for centre_row, centre_column in ((3, 3), (3, size - 4), (size - 4, 3)):  # finders with their separators
        for dy in range(-4, 5):
            for dx in range(-4, 5):
                row, column = centre_row + dy, centre_column + dx
                if 0 <= row < size and 0 <= column < size:
                    distance = max(abs(dx), abs(dy))
                    put(row, column, distance not in (2, 4))
    centres = _alignment_centres(version)
    last = len(centres) - 1
    for i, centre_row in enumerate(centres):
        for j, centre_column in enumerate(centres):
            if (i, j) in ((0, 0), (0, last), (last, 0)):  # where the finders are
                continue
            for dy in range(-2, 3):
                for dx in range(-2, 3):
                    put(centre_row + dy, centre_column + dx, max(abs(dx), abs(dy)) != 1)

    format_bits = _bch(_LEVEL_M_BITS << 3 | MASK, 0b10100110111, 10) ^ 0b101010000010010
    for bit_number in range(15):
        is_dark = format_bits >> bit_number & 1 == 1
        # The first copy, around the top left finder.
        if bit_number < 6:
            put(bit_number, 8, is_dark)
        elif bit_number < 8:
            put(bit_number + 1, 8, is_dark)
        elif bit_number == 8:
            put(8, 7, is_dark)
        else:
            put(8, 14 - bit_number, is_dark)
        # The second copy, split between the other two finders.
        if bit_number < 8:
            put(8, size - 1 - bit_number, is_dark)
        else:
            put(size - 15 + bit_number, 8, is_dark)
    put(size - 8, 8, True)  # the dark module

    if version >= 7:
        version_bits = _bch(version, 0b1111100100101, 12)
        for bit_number in range(18):
            is_dark = version_bits >> bit_number & 1 == 1
            a, b = size - 11 + bit_number % 3, bit_number // 3
            put(a, b, is_dark)
            put(b, a, is_dark)

    data_modules = []
    right = size - 1
    while right >= 1:
        if right == 6:  # the vertical timing pattern takes a whole column
            right = 5
        upward = (right + 1) & 2 == 0
        for step in range(size):
            row = size - 1 - step if upward else step
            for column in (right, right - 1):
                if not function[row][column]:
                    data_modules.append((row, column, 1 if (row + column) % 2 == 0 else 0))
        right -= 2

    return _Layout(
        template=tuple(bytes(row) for row in dark),
        data_modules=tuple(data_modules),
        data_codewords=_data_codeword_count(version),
    )
