/*
 * Copy buttons of the citation box (leadctl/templates/citation_box.html). Every
 * citation is shown without JavaScript; this script reveals each style's copy
 * button (rendered hidden, since it cannot work without a script), puts the
 * citation's plain text on the clipboard and says so in the box's status line,
 * which screen readers announce.
 */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Without the asynchronous clipboard (a page opened over plain http): a selection.
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false;
      }
      document.body.removeChild(field);
      if (copied) resolve();
      else reject(new Error("copy refused"));
    });
  }

  function setUp(box) {
    var status = box.querySelector("[data-lead-cite-status]");
    Array.prototype.forEach.call(box.querySelectorAll("[data-lead-cite-copy]"), function (button) {
      var citation = button.parentElement.querySelector(".lead-citation");
      if (!citation) return;
      button.addEventListener("click", function () {
        var text = citation.textContent.replace(/\s+/g, " ").trim();
        copyText(text).then(
          function () {
            if (!status) return;
            // Emptied first, so that copying again is announced again.
            status.textContent = "";
            window.setTimeout(function () {
              status.textContent = status.getAttribute("data-lead-cite-copied") || "";
            }, 50);
          },
          function () {
            // The clipboard is refused: select the citation so that the reader can copy it.
            var range = document.createRange();
            range.selectNodeContents(citation);
            var selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
          }
        );
      });
      button.hidden = false;
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".lead-cite"), setUp);
})();
