// A form marked data-once is sent once: its buttons are disabled as it is submitted, so a second tap of
// 开始考试 or 去完成 while the first is on its way sends nothing (the server resumes the sitting anyway:
// attempts.start_or_resume). Coming back to the page (the browser's back button) offers them again.
(function () {
  "use strict";
  function buttons(form) {
    return form.querySelectorAll("button, input[type=submit]");
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-once]")) { return; }
    if (form.dataset.sent === "1") { event.preventDefault(); return; }
    form.dataset.sent = "1";
    // Disabled after this event's turn: the submission itself goes ahead.
    window.setTimeout(function () {
      buttons(form).forEach(function (button) { button.disabled = true; });
    }, 0);
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      delete form.dataset.sent;
      buttons(form).forEach(function (button) { button.disabled = false; });
    });
  });
})();
