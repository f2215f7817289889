// Signing out on a shared team-room PC: the exam and practice answers this browser keeps (attempt.js,
// "banzu-attempt-" + sitting id) leave with the person. Answers already on the server are cleared
// without a word; answers not yet sent (no network while answering) would be lost, so the worker is
// asked first: he can go back to the exam and let them save, or sign out and lose them knowingly.
// (Sending them from here would need the exam page's state; a page that could not send them then
// most likely cannot now either.)
(function () {
  "use strict";
  var PREFIX = "banzu-attempt-";
  function keptKeys() {
    var out = [];
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var key = localStorage.key(i);
        if (key && key.indexOf(PREFIX) === 0) out.push(key);
      }
    } catch (e) { /* no storage: nothing kept */ }
    return out;
  }
  function unsent(key) {  // answers (and drafts) not on the server: a draft the server holds is not
    try {
      var kept = JSON.parse(localStorage.getItem(key) || "{}") || {};
      var answers = kept.answers || kept;
      return Object.keys(answers).filter(function (pos) {
        var entry = answers[pos];
        return entry && typeof entry === "object" && !(entry.draft && entry.synced);
      }).length;
    } catch (e) { return 0; }
  }
  document.querySelectorAll("form[action$='/logout']").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var keys = keptKeys(), n = keys.reduce(function (sum, key) { return sum + unsent(key); }, 0);
      if (n && !window.confirm("还有 " + n + " 道题的答案没有上传，退出后将丢失。" +
          "可以先回到考试页面，等联网后显示「已保存」再退出。确定现在退出吗？")) {
        event.preventDefault();
        return;
      }
      keys.forEach(function (key) { try { localStorage.removeItem(key); } catch (e) { /* gone */ } });
    });
  });
}());
