/*
 * The reader's half of site search: queries one language's index (leadctl/writers/search_index.py
 * describes its files and splits text into terms the same way as termsOf below). Imported by
 * lead-search.js when the search dialog is first opened, or when a page is opened from a result.
 *
 *   const index = await openIndex(bundleUrl);
 *   const response = await index.search("words", { filters: { kind: { any: ["Event"] } }, sort: { date: "desc" } });
 *   response.results[0].data()  ->  { url, meta: { title, kind, lang }, excerpt: [[text, marked, lang], …] }
 *                                   (lang: "" or the language of a title or piece not in the page's)
 *   response.filters            ->  { kind: { Event: 3, … }, … }, once the page table is loaded
 *   await index.filters()       ->  the same counts over every page of the language
 *   highlight(element, "words") marks the words in a page's text.
 */

var HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
// Combining marks, each matched on its own: what is left of a letter once its accents are split off.
// eslint-disable-next-line no-misleading-character-class
var DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
var RUNS = new RegExp("([" + HAN + "]+)|((?:(?![" + HAN + "])[\\p{L}\\p{N}])+)", "gu");
var HAN_ONLY = new RegExp("^[" + HAN + "]+$", "u");
var HAN_RUNS = new RegExp("[" + HAN + "]+", "gu");
var HAN_CHARS = new RegExp("[" + HAN + "]", "gu");
var PREFIX_FROM = 3;          // a word of at least this many letters also finds longer words
var PREFIX_SHARE = 0.5;       // how much a longer word found by prefix counts
var EXCERPT_CHARS = 200;     // in Latin script; a Chinese character is wider and says more
var EXCERPT_BEFORE = 60;
var HAN_SHARE = 0.5;          // of a text's letters, above which it is read as Chinese
var VERSION = 1;              // of the index's files this script reads (search_index.VERSION)

export function fold(text) {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.normalize("NFKD").replace(DIACRITICS, "").toLowerCase();
}

export function stem(word) {
  if (word.length <= 3 || !/^[A-Za-z]+$/.test(word)) return word;
  var ends = function (suffix) { return word.slice(-suffix.length) === suffix; };
  if (ends("ies") && !ends("eies") && !ends("aies")) return word.slice(0, -3) + "y";
  if (ends("es") && !ends("aes") && !ends("ees") && !ends("oes")) return word.slice(0, -1);
  if (ends("s") && !ends("us") && !ends("ss")) return word.slice(0, -1);
  return word;
}

function pairs(han) {
  var chars = Array.from(han);
  var out = [];
  for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

// The terms of a page's text, as the index holds them (search_index.terms_of).
export function termsOf(text) {
  var terms = [];
  for (var match of fold(text).matchAll(RUNS)) {
    if (match[2]) terms.push(stem(match[2]));
    else terms.push.apply(terms, Array.from(match[1]).concat(pairs(match[1])));
  }
  return terms;
}

// A query's terms: each must be found. A Chinese run is found by its pairs of characters, or by
// its one character; a word long enough also finds the words it begins.
export function queryTerms(query) {
  var seen = new Set();
  var terms = [];
  function add(term, prefix) {
    if (seen.has(term)) return;
    seen.add(term);
    terms.push({ term: term, prefix: prefix });
  }
  for (var match of fold(query).matchAll(RUNS)) {
    if (match[2]) add(stem(match[2]), match[2].length >= PREFIX_FROM);
    else if (Array.from(match[1]).length === 1) add(match[1], false);
    else pairs(match[1]).forEach(function (pair) { add(pair, false); });
  }
  return terms;
}

// ---- Marking the words found in a text ---------------------------------------------------------

// A function giving [start, end) of every place in a text that a term of `query` matches:
// the query is read once for all the texts it marks.
function matcher(query) {
  var words = queryTerms(query).filter(function (t) { return !HAN_ONLY.test(t.term); });
  var hanRuns = Array.from(fold(query).matchAll(HAN_RUNS), function (run) { return run[0]; });
  return function (text) { return matches(text, words, hanRuns); };
}

function matches(text, words, hanRuns) {
  var spans = [];
  if (words.length) {
    for (var match of text.matchAll(RUNS)) {
      if (!match[2]) continue;
      var term = stem(fold(match[2]));
      var found = words.some(function (t) { return term === t.term || (t.prefix && term.indexOf(t.term) === 0); });
      if (found) spans.push([match.index, match.index + match[0].length]);
    }
  }
  // Chinese: the runs of the query as written, or failing that their pairs.
  var folded = fold(text);
  var sameLength = folded.length === text.length;   // positions in the folded text are the text's
  var source = sameLength ? folded : text;
  hanRuns.forEach(function (run) {
    var pieces = [run];
    if (source.indexOf(run) < 0 && Array.from(run).length > 1) pieces = pairs(run);
    pieces.forEach(function (piece) {
      for (var at = source.indexOf(piece); at >= 0; at = source.indexOf(piece, at + piece.length)) {
        spans.push([at, at + piece.length]);
      }
    });
  });
  spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  var merged = [];
  spans.forEach(function (span) {
    var last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push(span.slice());
  });
  return merged;
}

// A piece of `text` around the first place found, as [[text, marked, lang], …]: `lang` is the
// language of a piece that `langs` ([[start, end, lang], …]) says is not the page's, else "".
export function excerpt(text, query, langs) {
  var spans = matcher(query)(text);
  var sample = text.slice(0, 1000);
  var han = (sample.match(HAN_CHARS) || []).length;
  var letters = (sample.match(/[\p{L}\p{N}]/gu) || []).length;
  var chinese = han > letters * HAN_SHARE;
  var length = chinese ? EXCERPT_CHARS / 2 : EXCERPT_CHARS;
  var start = 0;
  if (spans.length) {
    start = Math.max(0, spans[0][0] - (chinese ? EXCERPT_BEFORE / 2 : EXCERPT_BEFORE));
    var space = text.indexOf(" ", start);
    if (start > 0 && space >= 0 && space < spans[0][0]) start = space + 1;   // start at a word, where there are words
  }
  var end = Math.min(text.length, start + length);
  if (end < text.length) {
    var lastSpace = text.lastIndexOf(" ", end);
    if (lastSpace > start + length / 2) end = lastSpace;
  }
  // Cut where a marked word or a language starts or ends; each piece is one or the other.
  var parts = (langs || []).filter(function (part) { return part[1] > start && part[0] < end; });
  var cuts = [start, end];
  spans.concat(parts).forEach(function (span) {
    if (span[0] > start && span[0] < end) cuts.push(span[0]);
    if (span[1] > start && span[1] < end) cuts.push(span[1]);
  });
  cuts = Array.from(new Set(cuts)).sort(function (a, b) { return a - b; });
  var pieces = [];
  for (var i = 0; i + 1 < cuts.length; i++) {
    var from = cuts[i];
    var marked = spans.some(function (span) { return span[0] <= from && from < span[1]; });
    var inside = parts.filter(function (part) { return part[0] <= from && from < part[1]; });
    var lang = inside.length ? inside[inside.length - 1][2] : "";
    var last = pieces[pieces.length - 1];
    if (last && last[1] === marked && last[2] === lang) last[0] += text.slice(from, cuts[i + 1]);
    else pieces.push([text.slice(from, cuts[i + 1]), marked, lang]);
  }
  if (start > 0) pieces.unshift(["… ", false, ""]);
  if (end < text.length) pieces.push([" …", false, ""]);
  return pieces;
}

// Marks the words of `query` in the text inside `root`, except in what search leaves out.
export function highlight(root, query) {
  var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: function (node) {
      var parent = node.parentElement;
      if (!parent || parent.closest("[data-search-ignore], [data-search-exclude], script, style, svg, mark")) return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  var nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  var marks = [];
  var find = matcher(query);
  nodes.forEach(function (node) {
    var text = node.nodeValue;
    var spans = find(text);
    if (!spans.length) return;
    var parts = [];
    var at = 0;
    spans.forEach(function (span) {
      if (span[0] > at) parts.push(document.createTextNode(text.slice(at, span[0])));
      var mark = document.createElement("mark");
      mark.className = "lead-search-highlight";
      mark.textContent = text.slice(span[0], span[1]);
      parts.push(mark);
      marks.push(mark);
      at = span[1];
    });
    if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
    node.replaceWith.apply(node, parts);
  });
  return marks;
}

// ---- The index -------------------------------------------------------------------------------

function getJson(url, revalidate) {
  return fetch(url, revalidate ? { cache: "no-cache" } : {}).then(function (response) {
    if (!response.ok) throw new Error(url + ": " + response.status);
    return response.json();
  });
}

export function openIndex(bundleUrl) {
  var base = new URL(bundleUrl, globalThis.document ? document.baseURI : undefined);
  return getJson(new URL("index.json", base), true).then(function (entry) {
    // A script kept from before a deploy must not misread a newer index: the search says it failed.
    if (entry.version !== VERSION) throw new Error("search index version " + entry.version);
    return new Index(base, entry);
  });
}

function Index(base, entry) {
  this.base = base;
  this.entry = entry;
  this.firsts = entry.chunks.map(function (chunk) { return chunk[0]; });
  this.chunks = new Map();
  this.table = null;
}

Index.prototype.fetch = function (path) {
  return getJson(new URL(path, this.base), false);
};

// The chunk a term is in, by halving over the chunks' first terms.
Index.prototype.chunkOf = function (term) {
  var low = 0;
  var high = this.firsts.length - 1;
  while (low < high) {
    var middle = (low + high + 1) >> 1;
    if (this.firsts[middle] <= term) low = middle;
    else high = middle - 1;
  }
  return low;
};

Index.prototype.chunk = function (number) {
  var self = this;
  if (!this.chunks.has(number)) {
    var loading = this.fetch("terms/" + this.entry.chunks[number][1]);
    loading.catch(function () { self.chunks.delete(number); });
    this.chunks.set(number, loading);
  }
  return this.chunks.get(number);
};

Index.prototype.loadTable = function () {
  var self = this;
  if (!this.table) {
    this.table = this.fetch(this.entry.table);
    this.table.catch(function () { self.table = null; });
  }
  return this.table;
};

// page -> score for one query term: the pages holding it, or a word it begins.
Index.prototype.scores = function (query) {
  if (!this.firsts.length) return Promise.resolve(new Map());
  var first = this.chunkOf(query.term);
  var last = first;
  if (query.prefix) {
    while (last + 1 < this.firsts.length && this.firsts[last + 1].indexOf(query.term) === 0) last += 1;
  }
  var wanted = [];
  for (var number = first; number <= last; number++) wanted.push(this.chunk(number));
  return Promise.all(wanted).then(function (chunks) {
    var scores = new Map();
    chunks.forEach(function (chunk) {
      Object.keys(chunk).forEach(function (term) {
        var exact = term === query.term;
        if (!exact && !(query.prefix && term.indexOf(query.term) === 0)) return;
        var postings = chunk[term];
        var rarity = (postings[0] / 1000) * (exact ? 1 : PREFIX_SHARE);
        var page = 0;
        for (var i = 1; i < postings.length; i += 2) {
          page += postings[i];
          var score = postings[i + 1] * rarity;
          if (!(scores.get(page) >= score)) scores.set(page, score);
        }
      });
    });
    return scores;
  });
};

Index.prototype.search = function (term, options) {
  var self = this;
  options = options || {};
  var filters = options.filters || {};
  var sort = options.sort || null;
  var terms = term ? queryTerms(term) : [];
  var filtered = Object.keys(filters).some(function (key) { return filters[key].any && filters[key].any.length; });
  if (!terms.length && !filtered) {
    return Promise.resolve({ results: [], filters: {} });
  }
  var needTable = filtered || Boolean(sort);
  return Promise.all([
    Promise.all(terms.map(function (query) { return self.scores(query); })),
    needTable ? this.loadTable() : Promise.resolve(null),
  ]).then(function (loaded) {
    var perTerm = loaded[0];
    var table = loaded[1];
    var found;
    if (perTerm.length) {
      perTerm.sort(function (a, b) { return a.size - b.size; });
      found = [];
      perTerm[0].forEach(function (score, page) {
        var total = score;
        for (var i = 1; i < perTerm.length; i++) {
          var other = perTerm[i].get(page);
          if (other === undefined) return;
          total += other;
        }
        found.push({ page: page, score: total });
      });
    } else {
      found = [];
      for (var page = 0; page < self.entry.pages; page++) found.push({ page: page, score: 0 });
    }
    if (filtered) found = found.filter(function (hit) { return matchesFilters(table, hit.page, filters); });
    found.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
    if (sort && sort.date) {
      var sign = sort.date === "asc" ? 1 : -1;
      var dates = table.dates;
      // Pages outside time come after the dated ones, in order of relevance.
      found.sort(function (a, b) {
        var da = dates[a.page];
        var db = dates[b.page];
        if (!da || !db) return (da ? 0 : 1) - (db ? 0 : 1);
        return da === db ? 0 : (da < db ? -sign : sign);
      });
    }
    var counts = self.table && table ? countValues(table, found) : {};
    return {
      results: found.map(function (hit) {
        return { id: hit.page, score: hit.score, data: function () { return self.page(hit.page, term || ""); } };
      }),
      filters: counts,
    };
  }).then(function (response) {
    // Counts come with any search once the table is there (lead-search.js loads it after the first results).
    if (needTable || !self.table) return response;
    return self.table.then(function (table) {
      var hits = response.results.map(function (result) { return { page: result.id }; });
      response.filters = countValues(table, hits);
      return response;
    });
  });
};

function matchesFilters(table, page, filters) {
  return Object.keys(filters).every(function (key) {
    var wanted = filters[key].any || [];
    if (!wanted.length) return true;
    var values = table.values[key] || [];
    var own = (table.filters[key] || [])[page] || [];
    return own.some(function (value) { return wanted.indexOf(values[value]) >= 0; });
  });
}

function countValues(table, hits) {
  var counts = {};
  Object.keys(table.values).forEach(function (key) {
    var names = table.values[key];
    var perPage = table.filters[key];
    var tally = {};
    hits.forEach(function (hit) {
      (perPage[hit.page] || []).forEach(function (value) {
        tally[names[value]] = (tally[names[value]] || 0) + 1;
      });
    });
    counts[key] = tally;
  });
  return counts;
}

Index.prototype.filters = function () {
  var self = this;
  return this.loadTable().then(function (table) {
    var all = [];
    for (var page = 0; page < self.entry.pages; page++) all.push({ page: page });
    return countValues(table, all);
  });
};

Index.prototype.page = function (number, term) {
  var self = this;
  return this.fetch(this.entry.texts + number + ".json").then(function (page) {
    var url = new URL("../" + page.url, self.base);
    if (term) url.searchParams.set("highlight", term);
    return {
      url: url.pathname + url.search,
      meta: { title: page.title, kind: page.kind, lang: page.title_lang || "" },
      excerpt: excerpt(page.text, term, page.langs),
    };
  });
};
