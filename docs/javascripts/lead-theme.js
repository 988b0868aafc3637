// Two corrections to how Material's pages behave. Loaded after Material's script
// (mkdocs.yml: extra_javascript) as a plain script, so it runs while the page is still being read.
(function () {
  "use strict";

  // The drawer and search toggles are checkboxes without autocomplete="off", which HTML does
  // not allow on them (overrides/base.html): Firefox would restore one left checked on reload.
  ["__drawer", "__search"].forEach(function (id) {
    var toggle = document.getElementById(id);
    if (toggle) toggle.checked = false;
  });

  // When the page has been read, Material's script fetches "sitemap.xml" beside the address of
  // every <link rel="alternate"> in the document, to map pages between language versions that
  // are whole sites of their own. Here each page's alternates are its own translations and its
  // feeds, so every one of those requests fails (the language menu already links each page's
  // counterpart). The links stay in the HTML for search engines and feed readers, and out of
  // the document only while Material's DOMContentLoaded listener on the document looks for
  // them: taken out now, put back in place by a listener on the window, which runs after
  // every listener on the document.
  if (document.readyState !== "loading") return;
  var hidden = Array.prototype.map.call(document.querySelectorAll("link[rel=alternate]"), function (link) {
    var mark = document.createComment("");
    link.replaceWith(mark);
    return [mark, link];
  });
  window.addEventListener(
    "DOMContentLoaded",
    function () {
      hidden.forEach(function (pair) {
        pair[0].replaceWith(pair[1]);
      });
    },
    { once: true }
  );
})();
