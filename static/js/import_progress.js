// The bank import: the preview's 确认导入 button is pressed once; the job page shows how many
// questions are stored while the import runs in the background, then goes to them (or says why not).
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (form) {
    form.addEventListener("submit", function () {
      document.getElementById("confirm-import").disabled = true;
      document.getElementById("import-status").textContent = "正在开始导入…";
    });
  }
  var box = document.getElementById("import-job");
  if (!box || box.dataset.final === "1") { return; }
  var state = document.getElementById("import-state");
  var status = document.getElementById("import-status");
  var bar = document.getElementById("import-progress");
  var message = document.getElementById("import-message");
  var next = document.getElementById("import-next");
  // Seconds count from when the import was confirmed (the server's figure), not from this page's load:
  // reloading the page or coming back to it later shows the time the import has really taken.
  var started = Date.now() - (Number(box.dataset.elapsed) || 0) * 1000;

  function poll() {
    fetch(box.dataset.progressUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (job) {
        if (typeof job.elapsed === "number") { started = Date.now() - job.elapsed * 1000; }
        var seconds = Math.round((Date.now() - started) / 1000);
        if (job.state === "done") {
          state.textContent = "已完成";
          status.textContent = job.message;
          window.location.assign(job.url);
          return;
        }
        if (job.state === "failed" || job.state === "interrupted") {
          state.textContent = job.state === "failed" ? "失败" : "已中断";
          status.textContent = "";
          bar.hidden = true;
          message.textContent = job.message;
          message.hidden = false;
          if (job.url) {
            next.href = job.url;
            next.textContent = "回到预览页";
          }
          return;
        }
        if (job.state === "running" && job.total > 0) {
          bar.max = job.total;
          bar.value = job.stored;
          status.textContent = "已导入 " + job.stored + " / " + job.total + " 道题，已用 " + seconds + " 秒…";
        } else {
          status.textContent = "正在准备，已用 " + seconds + " 秒…";
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        status.textContent = "暂时连不上服务器，正在重试…";
        window.setTimeout(poll, 3000);
      });
  }
  window.setTimeout(poll, 300);
})();
