// The paper form: beside each rule, how many questions it can draw from after the rules above it
// (GET data-available with the form's fields; the count saving and publishing check), in red when
// the rule asks for more.
(function () {
  "use strict";
  var form = document.querySelector("form.paper-form");
  if (!form || !form.dataset.available || !window.fetch) { return; }
  var cells = form.querySelectorAll("td.available");
  var timer = null;
  var latest = 0;

  function show(rows) {
    cells.forEach(function (cell) {
      var row = cell.getAttribute("data-row");
      var size = rows[row];
      var count = form.querySelector('[name="sections-' + row + '-count"]');
      var wanted = count ? parseInt(count.value, 10) : NaN;
      if (size === undefined) {
        cell.textContent = "";
        cell.classList.remove("short");
        return;
      }
      var short = !isNaN(wanted) && wanted > size;
      cell.textContent = "可用 " + size + " 道" + (short ? "，不够" : "");
      cell.classList.toggle("short", short);
    });
  }

  function refresh() {
    var query = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrf_token" && typeof value === "string") { query.append(name, value); }
    });
    var ticket = ++latest;
    fetch(form.dataset.available + "?" + query.toString(), {credentials: "same-origin",
                                                             headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data && ticket === latest) { show(data.rows || {}); } })
      .catch(function () { /* the counts are a hint; saving still checks */ });
  }

  function later(event) {
    if (!event.target.closest || !event.target.closest("table.rules, [name=mode]")) { return; }
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 300);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
  refresh();
})();
