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

// Beside the pass mark: the total the rules add up to (the filled rule rows as typed plus the picked
// questions) and the pass mark as points and as a share of it, as the trainer types (the server
// renders the same line: papers.pass_share_text).
(function () {
  "use strict";
  var form = document.querySelector("form.paper-form");
  var line = form && form.querySelector(".pass-share");
  var pass = form && form.querySelector("[name=pass_score]");
  if (!line || !pass) { return; }
  var picked = parseFloat(line.getAttribute("data-picked-total")) || 0;

  function round(value, places) {
    var scale = Math.pow(10, places);
    return Math.round(value * scale + 1e-9) / scale;
  }

  function total() {
    var sum = picked;
    form.querySelectorAll("table.rules tbody tr").forEach(function (row) {
      var type = row.querySelector("[name$=-type]");
      var count = row.querySelector("[name$=-count]"), points = row.querySelector("[name$=-points]");
      var c = count ? parseInt(count.value, 10) : NaN, p = points ? parseFloat(points.value) : NaN;
      if (type && type.value && c > 0 && p > 0) { sum += c * p; }  // a row without a type is blank
    });
    return round(sum, 2);
  }

  function mode() {
    var chosen = form.querySelector("[name=mode]:checked") || form.querySelector("select[name=mode]");
    return chosen ? chosen.value : "exam";
  }

  function update() {
    var sum = total(), mark = parseFloat(pass.value), text = "总分" + sum + "分";
    if (isNaN(mark)) {  // no pass line: none for a practice, one still to fill in for an exam
      if (mode() !== "exam") { text += "；" + (line.getAttribute("data-no-pass-line") || ""); }
    } else {
      text += "，及格分" + round(mark, 2) + "分";
      if (sum > 0) { text += "，占总分的" + round(mark * 100 / sum, 1) + "%"; }
    }
    line.textContent = text;
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
}());

// 允许次数 and 及格分 follow the 类型 while the trainer has left them at the default: 不限 (0) tries and no
// pass line for a practice, one try and 80 for an exam (as the server takes a blank 允许次数:
// quiz.taking.views._apply; a blank 及格分 is no pass line for a practice, refused for an exam).
(function () {
  "use strict";
  var form = document.querySelector("form.paper-form");
  var mode = form && form.querySelector("select[name=mode]");
  if (!mode) { return; }
  var follow = [[form.querySelector("[name=max_attempts]"), {exam: "1", practice: "0"}],
                [form.querySelector("[name=pass_score]"), {exam: "80", practice: ""}]];
  var last = mode.value;
  mode.addEventListener("change", function () {
    follow.forEach(function (pair) {
      var field = pair[0], usual = pair[1];
      if (field && (field.value === "" || field.value === usual[last])) {
        field.value = usual[mode.value] || "";
        field.dispatchEvent(new Event("input", {bubbles: true}));  // the pass share follows
      }
    });
    last = mode.value;
  });
}());
