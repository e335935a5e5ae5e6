// morgue serve: the only script. Everything works without it; it adds keyboard shortcuts.
// "/" focuses the search box (as on most search sites); Escape leaves it.
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    var box = document.getElementById("q");
    if (!box) return;
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      box.focus();
      box.select();
    } else if (e.key === "Escape" && document.activeElement === box) {
      box.blur();
    }
  });
})();
