/*
 * Members directory filters: narrow the tables by kind, country, pillar and
 * part of a name. The page lists every member without JavaScript; this
 * script shows the form (rendered hidden by leadctl/templates/members_index.html)
 * and hides the rows that do not match. Each row carries data-kind,
 * data-country, data-pillars (space-separated ids) and data-name (the name
 * in the page's language and in English).
 *
 * The filters are kept in the address (?kind=…&country=…), so a narrowed
 * list can be bookmarked or shared. The members map links each country to
 * ?country=…; on this page a click on one narrows the list in place.
 */
(function () {
  "use strict";

  var FIELDS = ["kind", "country", "pillar", "name"];

  // "Universität" is found by typing "universitat"; width variants (ＡＢＣ) fold too.
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLocaleLowerCase();
  }

  function matches(row, wanted) {
    if (wanted.kind && row.dataset.kind !== wanted.kind) return false;
    if (wanted.country && row.dataset.country !== wanted.country) return false;
    if (wanted.pillar && (row.dataset.pillars || "").split(" ").indexOf(wanted.pillar) < 0) return false;
    if (wanted.name && fold(row.dataset.name || "").indexOf(wanted.name) < 0) return false;
    return true;
  }

  function setUp(form) {
    var scope = form.parentElement;
    var rows = Array.prototype.slice.call(scope.querySelectorAll("tr.lead-member"));
    var groups = Array.prototype.slice.call(scope.querySelectorAll(".lead-directory-group"));
    var status = scope.querySelector("[data-lead-filter-status]");

    function wanted() {
      return {
        kind: form.elements.kind.value,
        country: form.elements.country.value,
        pillar: form.elements.pillar.value,
        name: fold(form.elements.name.value.trim()),
      };
    }

    function remember() {
      var params = new URLSearchParams(window.location.search);
      FIELDS.forEach(function (field) {
        var value = form.elements[field].value.trim();
        if (value) params.set(field, value);
        else params.delete(field);
      });
      var query = params.toString();
      var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", address);
    }

    function apply() {
      var filters = wanted();
      var shown = 0;
      rows.forEach(function (row) {
        var visible = matches(row, filters);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("tr.lead-member:not([hidden])");
      });
      var message = form.dataset.count.replace("{shown}", String(shown)).replace("{total}", String(rows.length));
      status.textContent = shown === 0 ? message + " " + form.dataset.none : message;
      remember();
    }

    // Start from the filters in the address, ignoring values the lists do not offer.
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (field) {
      var value = params.get(field);
      if (value === null) return;
      var control = form.elements[field];
      if (control.tagName === "SELECT" && !control.querySelector('option[value="' + CSS.escape(value) + '"]')) return;
      control.value = value;
    });

    // A country of the map (or of its list) on this very page: narrow in place rather than load the page again.
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[data-lead-country]") : null;
      if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      var target = new URL(link.getAttribute("href") || link.getAttribute("xlink:href"), window.location.href);
      if (target.pathname !== window.location.pathname) return;
      var control = form.elements.country;
      var code = link.dataset.leadCountry;
      if (!control.querySelector('option[value="' + CSS.escape(code) + '"]')) return;
      event.preventDefault();
      control.value = code;
      apply();
      form.scrollIntoView({ block: "start" });
      control.focus({ preventScroll: true });
    });

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply();
    });
    form.addEventListener("reset", function () {
      window.setTimeout(apply, 0); // the controls are cleared after the event
    });
    form.hidden = false;
    status.hidden = false;
    apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-lead-filters]"), setUp);
})();
