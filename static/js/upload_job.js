// An upload job's page: poll its status until it finishes, then reload to show the documents or the reason.
(function () {
  "use strict";
  var box = document.getElementById("job-status");
  if (!box || box.dataset.final === "1") { return; }
  var url = box.dataset.statusUrl;
  var state = document.getElementById("job-state");
  var text = document.getElementById("job-progress-text");
  var bar = document.getElementById("job-progress");
  var delay = 300;

  function show(job) {
    state.textContent = job.state_label;
    text.textContent = job.progress_detail;
    if (bar) {
      if (job.total > 0) {
        bar.max = job.total;
        bar.value = job.done;
      } else {
        bar.removeAttribute("value");
      }
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (job) {
        show(job);
        if (job.finished) {
          window.location.reload();
          return;
        }
        delay = 1000;
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        text.textContent = "暂时连不上服务器，正在重试…";
        window.setTimeout(poll, 3000);
      });
  }

  window.setTimeout(poll, delay);
})();
