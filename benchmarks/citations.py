"""Benchmark: rendering citations with the `style_lookups` mechanism off, in part and whole.

    python benchmarks/citations.py                 # 60 briefs, 5 rounds
    python benchmarks/citations.py --items 200 --rounds 9

Renders synthetic briefs' CSL-JSON items in the four styles and both
languages (``leadctl.generators.references.render_citations``) in this
process, round after round, with citeproc-py as it comes, with the answers
about the styles' trees kept, and with the references kept too; it prints
the median time per citation of each and every round's figure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from citeproc.source import CitationItem  # noqa: E402

from leadctl.generators import references  # noqa: E402
from leadctl.glue.speed import style_lookups  # noqa: E402


def items(count: int) -> list[dict]:
    return [
        {
            "id": f"brief-{number}",
            "type": "report",
            "title": f"Shared governance in practice, part {number}: what deans learn",
            "author": [{"family": "Invented", "given": f"Person {number}"}, {"literal": "Synthetic Working Group"}],
            "issued": {"date-parts": [[2025, 3, 1 + number % 28]]},
            "publisher": "Synthetic Network",
            "URL": f"https://example.org/briefs/brief-{number}/",
        }
        for number in range(count)
    ]


def per_citation_ms(cited: list[dict]) -> float:
    start = time.perf_counter()
    for item in cited:
        for language in ("en", "zh"):
            references.render_citations(item, language)
    return (time.perf_counter() - start) / (len(cited) * 2 * len(references.STYLES)) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    cited = items(options.items)
    style_lookups.answer_style_questions_once(True)
    per_citation_ms(cited)  # the styles parsed and the code warm before timing
    figures: dict[str, list[float]] = {"off": [], "style answers kept": [], "references kept too (on)": []}
    for _ in range(options.rounds):
        style_lookups.answer_style_questions_once(False)
        figures["off"].append(per_citation_ms(cited))
        style_lookups.answer_style_questions_once(True)
        kept = CitationItem.reference
        CitationItem.reference = style_lookups._originals[(CitationItem, "reference")]
        figures["style answers kept"].append(per_citation_ms(cited))
        CitationItem.reference = kept
        figures["references kept too (on)"].append(per_citation_ms(cited))
    print(f"{options.items} items, {len(references.STYLES)} styles, 2 languages, {options.rounds} rounds; ms per citation")
    for name, values in figures.items():
        rounds = " ".join(f"{value:.2f}" for value in values)
        print(f"{name:>26}: median {statistics.median(values):.2f}  ({rounds})")


if __name__ == "__main__":
    main()
