// The bank import preview: once 确认导入 is pressed, show how many questions are stored while the server imports.
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (!form) { return; }
  var status = document.getElementById("import-status");
  var bar = document.getElementById("import-progress");
  var button = document.getElementById("confirm-import");
  var total = parseInt(form.dataset.total, 10) || 0;

  form.addEventListener("submit", function () {
    var started = Date.now();
    button.disabled = true;
    bar.hidden = false;
    status.textContent = "正在导入…";
    function poll() {
      fetch(form.dataset.progressUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (job) {
          var seconds = Math.round((Date.now() - started) / 1000);
          if (job && job.state === "running") {
            bar.value = job.stored;
            status.textContent = "已导入 " + job.stored + " / " + (job.total || total) + " 道题，已用 " + seconds + " 秒…";
          } else {
            status.textContent = "正在导入，已用 " + seconds + " 秒…";
          }
        })
        .catch(function () { /* the page is being replaced by the result */ })
        .then(function () { window.setTimeout(poll, 1000); });
    }
    window.setTimeout(poll, 500);
  });
})();
