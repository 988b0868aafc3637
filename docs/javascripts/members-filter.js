/*
 * Members directory filters: narrow the tables by kind, country, pillar and
 * part of a name. The page lists every member without JavaScript;
 * lead-filter-form.js shows the form (rendered hidden by
 * leadctl/templates/members_index.html) and keeps the filters in the address
 * (?kind=…&country=…). This script hides the rows that do not match, and a
 * table's section when none of its rows is left. Each row carries data-kind,
 * data-country, data-pillars (space-separated ids) and data-name (the name
 * in the page's language and in English).
 *
 * The members map links each country to ?country=…; on this page a click on
 * one narrows the list in place.
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

    function narrow(values) {
      var filters = { kind: values.kind, country: values.country, pillar: values.pillar, name: fold(values.name) };
      var shown = 0;
      rows.forEach(function (row) {
        var visible = matches(row, filters);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("tr.lead-member:not([hidden])");
      });
      return shown;
    }

    // The name field narrows the list as it is typed.
    var filter = window.LeadFilterForm.attach(form, { fields: FIELDS, narrow: narrow, asYouType: true });

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
      filter.apply();
      form.scrollIntoView({ block: "start" });
      control.focus({ preventScroll: true });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-lead-filters]"), setUp);
})();
