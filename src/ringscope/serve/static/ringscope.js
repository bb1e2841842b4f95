// ringscope web app: small progressive enhancements, no external libraries.
(function () {
  "use strict";
  // Keyboard shortcut: "/" focuses the search box when there is one.
  document.addEventListener("keydown", function (event) {
    var box = document.querySelector("input[name=q]");
    if (event.key === "/" && box && document.activeElement !== box) {
      event.preventDefault();
      box.focus();
    }
  });
})();
