// ringscope web app: small progressive enhancements, no external libraries.
(function () {
  "use strict";
  // Clicking a claim in the side list scrolls to it in the text.
  document.querySelectorAll("article.report-text mark.hl-claim").forEach(function (mark, i) {
    mark.id = "claim-" + i;
  });
  // Keyboard shortcut: "/" focuses the search box when there is one.
  document.addEventListener("keydown", function (event) {
    var box = document.querySelector("input[name=q]");
    if (event.key === "/" && box && document.activeElement !== box) {
      event.preventDefault();
      box.focus();
    }
  });
})();
