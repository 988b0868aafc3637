/* The share panel's copy button (overrides/partials/lead-share.html): shown only where the script
   runs, it copies the page's address and says so in the page's language. */
(function () {
  "use strict";

  function copy(button) {
    var field = document.getElementById("lead-share-url");
    var status = button.parentNode.querySelector(".lead-share__status");
    function done() {
      if (status) status.textContent = button.getAttribute("data-lead-share-copied");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
    } else {
      // Over plain http the clipboard API is missing: select the address and copy the selection.
      field.select();
      try {
        if (document.execCommand("copy")) done();
      } catch { /* the address stays selected for the reader to copy */ }
    }
  }

  function setUp() {
    document.querySelectorAll("[data-lead-share-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
