"""The calendar writer with and without the speed layer's calendar pieces.

Loads a synthetic project of N records per language (benchmarks/synthetic.py),
then writes both languages' calendars again and again, serialising each file
whole (``calendar_file``) and joined from pieces (``CalendarFromPieces``),
alternating, and prints the median CPU time of each and the gain. The files
are compared too: the two ways must write the same bytes.

    python benchmarks/calendars.py --sizes 500,2000 --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import REPO, make_leadctl_project  # noqa: E402

sys.path.insert(0, str(REPO))
from leadctl.base.settings import SiteSettings  # noqa: E402
from leadctl.checking.project import load_project  # noqa: E402
from leadctl.generators.site import Site  # noqa: E402
from leadctl.glue.engine import read_site_config  # noqa: E402
from leadctl.glue.speed.calendar_pieces import CalendarFromPieces  # noqa: E402
from leadctl.writers.calendars import calendar_file, write_calendars  # noqa: E402


def write_both_languages(site: Site, folder: Path, serialise) -> float:
    started = time.process_time()
    for language in ("en", "zh"):
        write_calendars(site, language, folder / language, "https://example.org/", serialise=serialise)
    return time.process_time() - started


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*.ics"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,2000", help="records per language, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each way (medians reported)")
    options = parser.parse_args()
    print(f"{'records':>8} {'events':>7} {'whole (CPU s)':>14} {'pieces (CPU s)':>15} {'gain':>6}")
    for size in (int(size) for size in options.sizes.split(",")):
        with tempfile.TemporaryDirectory() as temporary:
            root = Path(temporary) / "project"
            make_leadctl_project(root, size)
            config = read_site_config(root / "mkdocs.yml")
            settings: SiteSettings = config.settings
            site = Site(load_project(root, settings.data_dir, settings.docs_dir), settings)
            whole, pieces = [], []
            for run in range(options.repeat):
                whole.append(write_both_languages(site, Path(temporary) / f"whole-{run}", calendar_file))
                pieces.append(write_both_languages(site, Path(temporary) / f"pieces-{run}", CalendarFromPieces()))
            if files(Path(temporary) / "whole-0") != files(Path(temporary) / "pieces-0"):
                sys.exit("the calendars joined from pieces differ from the calendars serialised whole")
            with_pieces, without = statistics.median(pieces), statistics.median(whole)
            events = len(site.project.events)
            print(f"{size:>8} {events:>7} {without:>14.3f} {with_pieces:>15.3f} {100 * (without - with_pieces) / without:>5.0f}%")


if __name__ == "__main__":
    main()
