/*
 * What the site's filter forms do alike: the knowledge base's facets
 * (knowledge-filter.js) and the members directory's filters
 * (members-filter.js). Each page lists everything without JavaScript and
 * renders its form and status line hidden; with it, they are shown, the list
 * is narrowed on every change, the status line (a live region) says how many
 * are shown, and the filters are kept in the address, so a narrowed list can
 * be bookmarked or shared. The address replaces the current history entry:
 * Back leaves the page rather than undoing each choice.
 *
 * LeadFilterForm.attach(form, page) sets up one form; page says what is
 * particular to it:
 *   fields     the names of the form's controls that filter, which are also
 *              the address's parameters;
 *   narrow     function (values): shows and hides the page's items for the
 *              values of those fields (each trimmed, "" when not chosen) and
 *              returns how many are shown;
 *   asYouType  true to narrow on every keystroke (a text field), not only
 *              when a control is changed.
 * It returns { apply }, to narrow again after the page sets a control itself.
 *
 * mkdocs.yml loads this script before the pages' own, which call it as they run.
 */
(function () {
  "use strict";

  function attach(form, page) {
    var status = form.parentElement.querySelector("[data-lead-filter-status]");

    function control(field) {
      return form.elements.namedItem(field);
    }

    function values() {
      var chosen = {};
      page.fields.forEach(function (field) {
        chosen[field] = control(field).value.trim();
      });
      return chosen;
    }

    function remember(chosen) {
      var params = new URLSearchParams(window.location.search);
      page.fields.forEach(function (field) {
        if (chosen[field]) params.set(field, chosen[field]);
        else params.delete(field);
      });
      var query = params.toString();
      var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", address);
    }

    function apply() {
      var chosen = values();
      var shown = page.narrow(chosen);
      var message = form.dataset.count.replace("{shown}", String(shown));
      status.textContent = shown === 0 ? message + " " + form.dataset.none : message;
      remember(chosen);
    }

    // Start from the filters in the address, ignoring values the lists do not offer.
    var params = new URLSearchParams(window.location.search);
    page.fields.forEach(function (field) {
      var value = params.get(field);
      if (value === null) return;
      var target = control(field);
      if (target.tagName === "SELECT" && !target.querySelector('option[value="' + CSS.escape(value) + '"]')) return;
      target.value = value;
    });

    if (page.asYouType) form.addEventListener("input", apply);
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
    return { apply: apply };
  }

  window.LeadFilterForm = { attach: attach };
})();
