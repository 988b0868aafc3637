/*
 * Knowledge base facets: narrow the list of works by kind, topic, pillar,
 * year, language and audience. The page lists every work without
 * JavaScript; this script shows the form (rendered hidden by
 * leadctl/templates/knowledge_index.html) and hides the items that do not
 * match. Each item carries data-kind, data-topic, data-pillar, data-year,
 * data-language and data-audience (space-separated values).
 *
 * Each option says how many works it would show with the other filters as
 * they are, so a choice never leads to an empty list unawares. The filters
 * are kept in the address (?kind=report&topic=governance), so a narrowed
 * list can be bookmarked or shared; the address is applied on load.
 */
(function () {
  "use strict";

  function valuesOf(item, field) {
    var text = item.dataset[field] || "";
    return text ? text.split(" ") : [];
  }

  function setUp(form) {
    var scope = form.parentElement;
    var items = Array.prototype.slice.call(scope.querySelectorAll("li.lead-work[data-kind]"));
    var status = scope.querySelector("[data-lead-filter-status]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var fields = selects.map(function (select) {
      return select.name;
    });

    function wanted() {
      var chosen = {};
      selects.forEach(function (select) {
        if (select.value) chosen[select.name] = select.value;
      });
      return chosen;
    }

    function matches(item, chosen, except) {
      return fields.every(function (field) {
        if (field === except || !chosen[field]) return true;
        return valuesOf(item, field).indexOf(chosen[field]) >= 0;
      });
    }

    function remember(chosen) {
      var params = new URLSearchParams(window.location.search);
      fields.forEach(function (field) {
        if (chosen[field]) params.set(field, chosen[field]);
        else params.delete(field);
      });
      var query = params.toString();
      var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", address);
    }

    function recount(chosen) {
      selects.forEach(function (select) {
        var others = items.filter(function (item) {
          return matches(item, chosen, select.name);
        });
        Array.prototype.forEach.call(select.options, function (option) {
          if (!option.value) return;
          var count = others.filter(function (item) {
            return valuesOf(item, select.name).indexOf(option.value) >= 0;
          }).length;
          option.textContent = option.dataset.label + " (" + count + ")";
        });
      });
    }

    function apply() {
      var chosen = wanted();
      var shown = 0;
      items.forEach(function (item) {
        var visible = matches(item, chosen, null);
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      recount(chosen);
      var message = form.dataset.count.replace("{shown}", String(shown));
      status.textContent = shown === 0 ? message + " " + form.dataset.none : message;
      remember(chosen);
    }

    // Start from the filters in the address, ignoring values the lists do not offer.
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var value = params.get(select.name);
      if (value === null) return;
      if (!select.querySelector('option[value="' + CSS.escape(value) + '"]')) return;
      select.value = value;
    });

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

  Array.prototype.forEach.call(document.querySelectorAll("form[data-lead-knowledge-filters]"), setUp);
})();
