"""leadctl: the LEAD Academic Network's bilingual publishing system.

The pipeline runs in one direction, one package a stage: base -> records ->
reading -> checking -> generators -> writers -> glue (MkDocs, and the speed
layer in glue.speed) -> commands. See ARCHITECTURE.md.
"""

import zoneinfo

__version__ = "0.1.0"

# Time zones (the instants of events and posts, summer time) come from the tzdata
# package installed with leadctl, not from the machine's /usr/share/zoneinfo:
# every machine then builds the same site from the same lock.
zoneinfo.reset_tzpath(to=())
