// The top menu's groups open without this script (<details>); with it, an open group also closes
// on a click or tap outside it, and on Escape (which puts the focus back on the group's name).
(function () {
  "use strict";
  var groups = document.querySelectorAll(".nav-group");
  if (!groups.length) { return; }
  function closeAll(except) {
    groups.forEach(function (group) { if (group !== except) { group.open = false; } });
  }
  document.addEventListener("click", function (event) {
    closeAll(event.target.closest ? event.target.closest(".nav-group") : null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = document.querySelector(".nav-group[open]");
    if (!open) { return; }
    open.open = false;
    open.querySelector("summary").focus();
  });
})();
