/* The reader's own clock beside a time shown in its zone and in Central European and China
   Standard Time (leadctl/templates/macros.html, "times"): added only when the reader's zone
   shows a different clock from all of those at the start and the end, in the page's language. */
(function () {
  "use strict";

  var clock = {};

  function wallClock(instant, zone) {
    if (!clock[zone]) {
      clock[zone] = new Intl.DateTimeFormat("en-GB", {
        timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
      });
    }
    return clock[zone].format(instant);
  }

  function addReaderTime(block, reader) {
    if (block.hasAttribute("data-lead-reader-added")) return;
    var start = new Date(block.getAttribute("data-lead-start"));
    var endText = block.getAttribute("data-lead-end");
    var end = endText ? new Date(endText) : null;
    var instants = end ? [start, end] : [start];
    var zones = (block.getAttribute("data-lead-zones") || "").split(" ").filter(Boolean);
    var shown = zones.some(function (zone) {
      return instants.every(function (instant) { return wallClock(instant, zone) === wallClock(instant, reader); });
    });
    if (shown || isNaN(start.getTime())) return;
    // Written as the page writes the other lines: date and times, then the zone's long name (data-lead-reader).
    var locale = block.getAttribute("data-lead-locale") || document.documentElement.lang || undefined;
    var day = new Intl.DateTimeFormat(locale, { timeZone: reader, year: "numeric", month: "long", day: "numeric" });
    var hours = new Intl.DateTimeFormat(locale, { timeZone: reader, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    var named = new Intl.DateTimeFormat(locale, { timeZone: reader, hour: "2-digit", timeZoneName: "long" });
    var zoneName = named.formatToParts(start).filter(function (part) { return part.type === "timeZoneName"; })
      .map(function (part) { return part.value; }).join("");
    var text;
    if (!end) {
      text = day.format(start) + " " + hours.format(start);
    } else if (day.format(start) === day.format(end)) {
      text = day.format(start) + " " + hours.format(start) + "–" + hours.format(end);
    } else {
      text = day.format(start) + " " + hours.format(start) + " – " + day.format(end) + " " + hours.format(end);
    }
    var line = document.createElement("span");
    line.className = "lead-time lead-time--reader";
    var time = document.createElement("time");
    time.setAttribute("datetime", start.toISOString());
    time.textContent = (block.getAttribute("data-lead-reader") || "{time}, {zone}").replace("{time}", text).replace("{zone}", zoneName);
    line.appendChild(time);
    block.appendChild(document.createElement("br"));
    block.appendChild(line);
    block.setAttribute("data-lead-reader-added", "");
  }

  function addReaderTimes() {
    var reader;
    try {
      reader = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      return;
    }
    if (!reader) return;
    document.querySelectorAll("[data-lead-start]").forEach(function (block) { addReaderTime(block, reader); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addReaderTimes);
  } else {
    addReaderTimes();
  }
})();
