// The bank's export links (the list's selection, and 导出全部): say the file is being written while the server streams it, and when it has arrived.
(function () {
  "use strict";
  var links = document.querySelectorAll("a.bank-export");
  var status = document.getElementById("bank-export-status");
  if (!links.length || !status) { return; }

  function arrived(token) {
    return document.cookie.split("; ").indexOf("bank_export_done=" + token) >= 0;
  }

  function start(event) {
    event.preventDefault();
    var base = event.currentTarget.getAttribute("href");
    var token = String(Date.now()) + String(Math.floor(Math.random() * 1e6));
    var started = Date.now();
    status.textContent = "正在导出题库，请稍候…";
    var timer = window.setInterval(function () {
      var seconds = Math.round((Date.now() - started) / 1000);
      if (arrived(token)) {
        window.clearInterval(timer);
        status.textContent = "导出完成（" + seconds + " 秒），文件已开始下载。";
      } else {
        status.textContent = "正在导出题库，已用 " + seconds + " 秒…";
      }
    }, 500);
    window.location.href = base + (base.indexOf("?") >= 0 ? "&" : "?") + "token=" + encodeURIComponent(token);
  }

  for (var i = 0; i < links.length; i += 1) { links[i].addEventListener("click", start); }
})();
