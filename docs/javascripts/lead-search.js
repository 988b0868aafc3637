/*
 * Site search: the header's button opens a dialog (overrides/partials/lead-search.html) that
 * queries this language's index through lead-search-engine.js. Every word shown comes from the
 * dialog's JSON, in the page's language. The engine and the index are fetched when the dialog
 * is first opened, so a page view that never searches fetches nothing. Results link with
 * ?highlight=…, and a page opened that way marks those words in its content.
 */
(function () {
  "use strict";

  var dialog = document.querySelector("dialog[data-lead-search]");
  if (!dialog) return;

  var KEYS = ["kind", "pillar", "year", "country"];
  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 150;
  var FILTERS_AFTER_MS = 1000;
  var HIGHLIGHT_PARAM = "highlight";

  var bundle = dialog.dataset.bundle;
  var engine = dialog.dataset.engine;
  var language = dialog.getAttribute("lang") || document.documentElement.lang || "en";
  var words = JSON.parse(dialog.querySelector("script[data-lead-search-words]").textContent);
  var opener = document.querySelector("[data-lead-search-open]");
  var form = dialog.querySelector("[data-lead-search-form]");
  var input = dialog.querySelector("[data-lead-search-query]");
  var sortSelect = dialog.querySelector("[data-lead-search-sort]");
  var notice = dialog.querySelector("[data-lead-search-notice]");
  var filtersBox = dialog.querySelector("[data-lead-search-filters]");
  var clearButton = dialog.querySelector("[data-lead-search-clear]");
  var output = dialog.querySelector("[data-lead-search-output]");
  var statusLine = dialog.querySelector("[data-lead-search-status]");
  var list = dialog.querySelector("[data-lead-search-results]");
  var moreButton = dialog.querySelector("[data-lead-search-more]");
  var plural = new Intl.PluralRules(language);
  var collator = new Intl.Collator(language, { numeric: true });

  function say(key, values) {
    return words[key].replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values || {}, name) ? String(values[name]) : whole;
    });
  }

  function resultCount(n) {
    var key = plural.select(n) === "one" ? "search_result_one" : "search_result_other";
    return say(key, { n: n.toLocaleString(language) });
  }

  // On a page opened from a result, mark the words searched for in its text, and show the first.
  var highlighted = new URLSearchParams(window.location.search).get(HIGHLIGHT_PARAM);
  var body = document.querySelector("[data-search-body]");
  if (highlighted && body) {
    import(engine).then(function (module) {
      var marks = module.highlight(body, highlighted);
      if (marks.length && !window.location.hash) marks[0].scrollIntoView({ block: "center" });
    }).catch(function () { /* the page reads as well unmarked */ });
  }

  // ---- Loading the index -------------------------------------------------------------------

  var loading = null;
  var loadingFilters = null;
  var allCounts = {};   // value counts over the whole language, from index.filters()

  function load() {
    if (!loading) {
      loading = import(engine).then(function (module) { return module.openIndex(bundle); });
      // A failed load (offline, a deploy half done) is tried again on the next search.
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // A site published again while the dialog is open has removed the files its index named.
  function forgetIndex() {
    loading = null;
    loadingFilters = null;
  }

  // The filters' values and counts are loaded after the first results are shown: on a large
  // site they weigh as much as everything the first results need.
  function loadFilters(index) {
    if (!loadingFilters) {
      // Without this, a search reports counts only for the filter keys it used.
      loadingFilters = index.filters().then(function (counts) {
        allCounts = counts || {};
        buildGroups();
        return index;
      });
      loadingFilters.catch(function () { loadingFilters = null; });
    }
    return loadingFilters;
  }

  // ---- Filters -----------------------------------------------------------------------------

  var selected = {};
  var boxes = {};      // key -> value -> {label, input, count}
  KEYS.forEach(function (key) { selected[key] = new Set(); boxes[key] = new Map(); });

  function hasFilters() {
    return KEYS.some(function (key) { return selected[key].size > 0; });
  }

  // OR within a key, AND across keys; `without` leaves one key out, for its own counts.
  function filterArgument(without) {
    var filters = {};
    KEYS.forEach(function (key) {
      if (key !== without && selected[key].size) filters[key] = { any: Array.from(selected[key]) };
    });
    return filters;
  }

  function orderValues(key, values) {
    var ordered = values.slice().sort(collator.compare);
    return key === "year" ? ordered.reverse() : ordered;
  }

  // One checkbox per value the language has, made once: counts and visibility change in place,
  // so the box a reader just ticked keeps the focus.
  function buildGroups() {
    KEYS.forEach(function (key) {
      var group = dialog.querySelector('[data-lead-search-group="' + key + '"]');
      orderValues(key, Object.keys(allCounts[key] || {})).forEach(function (value) {
        if (boxes[key].has(value)) return;
        var label = document.createElement("label");
        label.className = "lead-search__option";
        var box = document.createElement("input");
        box.type = "checkbox";
        box.value = value;
        box.dataset.key = key;
        var name = document.createElement("span");
        name.textContent = value;
        var count = document.createElement("span");
        count.className = "lead-search__count";
        name.append(" ", count);   // inside the name, so a long name wraps with its count
        label.append(box, name);
        group.appendChild(label);
        boxes[key].set(value, { label: label, input: box, count: count });
      });
    });
  }

  function showCounts(counts) {
    KEYS.forEach(function (key) {
      var group = dialog.querySelector('[data-lead-search-group="' + key + '"]');
      var shown = 0;
      boxes[key].forEach(function (box, value) {
        var n = (counts[key] && counts[key][value]) || 0;
        var visible = n > 0 || selected[key].has(value);
        box.label.hidden = !visible;
        box.count.textContent = "(" + n.toLocaleString(language) + ")";
        if (visible) shown += 1;
      });
      group.hidden = shown === 0;
    });
    clearButton.hidden = !hasFilters();
  }

  // ---- Searching ---------------------------------------------------------------------------

  var generation = 0;   // a response is shown only if no later search has started
  var timer = null;
  var filtersTimer = null;
  var current = null;   // {results, shown, generation, pending} of the search on screen

  // Busy from the keystroke to the results of the search it starts, or to its failure.
  function busy(on) {
    if (on) output.setAttribute("aria-busy", "true");
    else output.removeAttribute("aria-busy");
  }

  // A keystroke makes any search still under way stale at once, not only when its own starts.
  function schedule() {
    generation += 1;
    busy(true);
    window.clearTimeout(timer);
    timer = window.setTimeout(run, DEBOUNCE_MS);
  }

  function setStatus(text) {
    if (statusLine.textContent !== text) statusLine.textContent = text;
  }

  function clearResults() {
    current = null;
    list.replaceChildren();
    moreButton.hidden = true;
  }

  function run() {
    return runSearch(true);
  }

  function runSearch(mayReopen) {
    window.clearTimeout(timer);
    window.clearTimeout(filtersTimer);
    var mine = ++generation;
    var term = input.value.trim();
    busy(true);
    if (!loading) setStatus(words.search_loading);
    return load().then(function (index) {
      if (mine !== generation) return null;
      if (!term && !hasFilters()) {
        clearResults();
        setStatus("");
        busy(false);
        // A reader who starts typing at once gets results first; one who waits can browse by filter.
        filtersTimer = window.setTimeout(function () {
          loadFilters(index).then(function () {
            if (mine === generation) showCounts(allCounts);
          }).catch(function () {});
        }, FILTERS_AFTER_MS);
        return null;
      }
      var options = { filters: filterArgument(null) };
      if (sortSelect.value) options.sort = { date: sortSelect.value };
      return index.search(term || null, options).then(function (response) {
        if (mine !== generation) return null;
        var next = { results: response.results, shown: 0, generation: mine, pending: false };
        // The previous results stay until the first page of these is ready: no empty flash.
        return showMore(next, true).then(function () {
          if (mine !== generation) return null;
          setStatus(response.results.length ? resultCount(response.results.length)
            : say("search_none", { query: term }));
          busy(false);
          // Results without counts still serve: a failure here leaves them as they are.
          return loadFilters(index).then(function () {
            return countFilters(index, term, options, mine);
          }).catch(function () {});
        });
      });
    }).catch(function () {
      if (mine !== generation) return null;
      // The index opened, then one of its files failed: it may be a new version's, so the
      // search is tried once more on the index the site has now.
      if (mayReopen && loading) {
        forgetIndex();
        return runSearch(false);
      }
      clearResults();
      setStatus(words.search_failed);
      busy(false);
      return null;
    });
  }

  // The counts of a key with ticked values are those of the search without that key: what
  // ticking one more value of it would add. The other keys' counts are the search's own.
  function countFilters(index, term, options, mine) {
    var searches = [index.search(term || null, options)].concat(KEYS.map(function (key) {
      if (!selected[key].size) return null;
      var others = filterArgument(key);
      if (!term && !Object.keys(others).length) return { filters: allCounts };
      return index.search(term || null, { filters: others });
    }));
    return Promise.all(searches).then(function (responses) {
      if (mine !== generation) return;
      var counts = Object.assign({}, responses[0].filters);
      KEYS.forEach(function (key, position) {
        var own = responses[position + 1];
        if (own) counts[key] = own.filters[key] || {};
      });
      showCounts(counts);
    });
  }

  // The next page of `shown`: as the list's new content (a new search) or after it ("more",
  // which takes the focus to the first new result). One page at a time, so pages keep their order.
  function showMore(shown, replace) {
    shown.pending = true;
    var slice = shown.results.slice(shown.shown, shown.shown + PAGE_SIZE);
    return Promise.all(slice.map(function (result) { return result.data(); })).then(function (pages) {
      shown.pending = false;
      if (shown.generation !== generation) return;
      shown.shown += pages.length;
      var items = pages.map(renderResult);
      if (replace) {
        current = shown;
        list.replaceChildren.apply(list, items);
      } else {
        list.append.apply(list, items);
        if (items.length) items[0].querySelector("a").focus();
      }
      moreButton.hidden = shown.shown >= shown.results.length;
    }, function (error) {
      shown.pending = false;
      throw error;
    });
  }

  function renderResult(page) {
    var item = document.createElement("li");
    item.className = "lead-search__result";
    var link = document.createElement("a");
    link.href = page.url;
    link.className = "lead-search__link";
    link.textContent = (page.meta && page.meta.title) || page.url;   // raw text: never markup
    if (page.meta && page.meta.lang) link.lang = page.meta.lang;
    var heading = document.createElement("p");
    heading.className = "lead-search__result-head";
    heading.appendChild(link);
    if (page.meta && page.meta.kind) {
      var kind = document.createElement("span");
      kind.className = "lead-search__kind";
      kind.textContent = page.meta.kind;
      heading.append(" ", kind);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "lead-search__excerpt";
    page.excerpt.forEach(function (piece) {   // [text, marked, lang]: raw text, never markup
      if (!piece[1] && !piece[2]) {
        excerpt.append(piece[0]);
        return;
      }
      var element = document.createElement(piece[1] ? "mark" : "span");
      element.textContent = piece[0];
      if (piece[2]) element.lang = piece[2];
      excerpt.appendChild(element);
    });
    item.append(heading, excerpt);
    return item;
  }

  // ---- The dialog --------------------------------------------------------------------------

  function checkFreshness() {
    var address = dialog.dataset.status;
    if (!address) return;
    fetch(address, { cache: "no-store" }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (state) {
      notice.hidden = !(state && state.state === "updating");
    }).catch(function () { notice.hidden = true; });
  }

  function open() {
    if (dialog.open) return;
    // Filters start open where there is room beside the results; on a phone they stay folded.
    if (!loading) filtersBox.open = window.matchMedia("(min-width: 60em)").matches;
    dialog.showModal();
    input.focus();
    input.select();
    checkFreshness();
    run();
  }

  function editable(element) {
    return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }

  opener.addEventListener("click", open);
  dialog.querySelector("[data-lead-search-close]").addEventListener("click", function () { dialog.close(); });
  // A click on the backdrop (the dialog element itself, outside its inner box) closes it.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener("close", function () { opener.focus(); });
  // Esc closes from anywhere in the dialog: in a search field with text, Chromium would only
  // empty the field.
  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.isComposing) return;
    event.preventDefault();
    dialog.close();
  });

  document.addEventListener("keydown", function (event) {
    if (dialog.open || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key !== "/" && event.key !== "s") return;
    if (editable(event.target)) return;
    event.preventDefault();
    open();
  });

  input.addEventListener("input", schedule);
  sortSelect.addEventListener("change", run);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  filtersBox.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.dataset.key) return;
    if (box.checked) selected[box.dataset.key].add(box.value);
    else selected[box.dataset.key].delete(box.value);
    run();
  });
  clearButton.addEventListener("click", function () {
    KEYS.forEach(function (key) {
      selected[key].clear();
      boxes[key].forEach(function (box) { box.input.checked = false; });
    });
    input.focus();
    run();
  });
  moreButton.addEventListener("click", function () {
    if (current && !current.pending) {
      showMore(current, false).catch(function () {
        forgetIndex();
        run();
      });
    }
  });
})();
