"""Calendar files assembled from pieces each serialised once.

Every event appears in two files of its language (the whole calendar and its
own ``event.ics``), and every named zone's VTIMEZONE in the files of all the
events in it. ``calendar_file`` serialises each file whole, so each event is
serialised twice and each zone once per event. Here each event and each zone
is serialised once and the files are joined from those bytes, in the order
``calendar_file`` writes them, so the files are the same byte for byte.
"""

from __future__ import annotations

from icalendar import Calendar, Event as CalendarEvent, Timezone

from leadctl.writers.calendars import calendar_file, write_calendars

_END = b"END:VCALENDAR\r\n"


class CalendarFromPieces:
    """A ``CalendarSerialiser`` for one writer's run; the events and zones it is given must not change during the run."""

    def __init__(self) -> None:
        # By identity: the events are the writer's own objects. Each is kept with its
        # bytes, so that no other event can take its id while the serialiser lives.
        self._events: dict[int, tuple[CalendarEvent, bytes, list[str]]] = {}
        self._zones: dict[str, bytes] = {}
        self._frames: dict[str | None, bytes] = {}

    def __call__(self, events: list[CalendarEvent], zones: dict[str, Timezone], name: str | None) -> bytes:
        pieces = [self._event(event)[1:] for event in events]
        used = sorted({tzid for _, tzids in pieces for tzid in tzids})
        zone_bytes = [self._zone(tzid, zones[tzid]) for tzid in used if tzid in zones]
        return self._frame(name) + b"".join(zone_bytes) + b"".join(text for text, _ in pieces) + _END

    def _event(self, event: CalendarEvent) -> tuple[CalendarEvent, bytes, list[str]]:
        key = id(event)
        if key not in self._events:
            holder = Calendar()
            holder.add_component(event)
            self._events[key] = (event, event.to_ical(), sorted(holder.get_missing_tzids()))
        return self._events[key]

    def _zone(self, tzid: str, zone: Timezone) -> bytes:
        if tzid not in self._zones:
            self._zones[tzid] = zone.to_ical()
        return self._zones[tzid]

    def _frame(self, name: str | None) -> bytes:
        """The calendar's own lines, up to where its components go."""
        if name not in self._frames:
            frame = calendar_file([], {}, name)
            assert frame.endswith(_END), frame
            self._frames[name] = frame[: -len(_END)]
        return self._frames[name]


def write_calendars_from_pieces(site, language, output_dir, base_url) -> None:
    """``write_calendars``, with each event and zone serialised once."""
    write_calendars(site, language, output_dir, base_url, serialise=CalendarFromPieces())
