// A part of a form that applies to one choice only (data-shown-for="kind=paper", "mode=exam", or several values
// "mode=exam daily"): shown while the form's control of that name holds one of those values, otherwise hidden
// and its fields disabled, so the form neither shows nor sends them (the server ignores them as well).
(function () {
  "use strict";
  document.querySelectorAll("[data-shown-for]").forEach(function (part) {
    var rule = part.getAttribute("data-shown-for").split("=");
    var name = rule[0], values = rule[1].split(" ");
    var form = part.closest("form");
    if (!form || !form.elements[name]) { return; }
    function follow() {
      var shown = values.indexOf(form.elements[name].value) >= 0;
      part.hidden = !shown;
      part.querySelectorAll("input, select, textarea").forEach(function (field) { field.disabled = !shown; });
    }
    form.addEventListener("change", function (event) { if (event.target.name === name) { follow(); } });
    follow();
  });
})();
