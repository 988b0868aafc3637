/*
 * Knowledge base facets: narrow the list of works by kind, topic, pillar,
 * year, language and audience. The page lists every work without
 * JavaScript; lead-filter-form.js shows the form (rendered hidden by
 * leadctl/templates/knowledge_index.html), keeps the filters in the address
 * (?kind=report&topic=governance) and applies the address on load. This
 * script hides the items that do not match. Each item carries data-kind,
 * data-topic, data-pillar, data-year, data-language and data-audience
 * (space-separated values); each facet is a select named after its field.
 *
 * Each option says how many works it would show with the other filters as
 * they are, so a choice never leads to an empty list unawares.
 */
(function () {
  "use strict";

  function valuesOf(item, field) {
    var text = item.dataset[field] || "";
    return text ? text.split(" ") : [];
  }

  function setUp(form) {
    var items = Array.prototype.slice.call(form.parentElement.querySelectorAll("li.lead-work[data-kind]"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var fields = selects.map(function (select) {
      return select.name;
    });

    function matches(item, chosen, except) {
      return fields.every(function (field) {
        if (field === except || !chosen[field]) return true;
        return valuesOf(item, field).indexOf(chosen[field]) >= 0;
      });
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

    function narrow(chosen) {
      var shown = 0;
      items.forEach(function (item) {
        var visible = matches(item, chosen, null);
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      recount(chosen);
      return shown;
    }

    window.LeadFilterForm.attach(form, { fields: fields, narrow: narrow });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-lead-knowledge-filters]"), setUp);
})();
