"""leadctl: the LEAD Academic Network's bilingual publishing system.

The pipeline runs in one direction: load (``load``) -> validate (``validate``)
-> cross-reference (``index``) -> render (``render``) -> write (MkDocs, feeds).
"""

import zoneinfo

__version__ = "0.1.0"

# Time zones (the instants of events and posts, summer time) come from the tzdata
# package installed with leadctl, not from the machine's /usr/share/zoneinfo:
# every machine then builds the same site from the same lock.
zoneinfo.reset_tzpath(to=())

GC_THRESHOLDS = (50_000, 20, 100)
"""The cyclic garbage collector's thresholds while leadctl runs as a command.

Importing leadctl's libraries and building make millions of small objects,
most of them alive for one page: with Python's default (700 new objects)
the collector ran a few hundred times a build, 0.1 s in each language's
process at 500 records, 0.3 s at 2,000, and 0.04 s while importing.
"""
