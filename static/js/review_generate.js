// The review page's generate form: show only the fields of the chosen kind, the chapters of the ticked documents
// only, and a running status while the server generates.
(function () {
  "use strict";
  var form = document.getElementById("generate-form");
  if (!form) { return; }
  var kind = document.getElementById("generate-kind");
  var theory = form.querySelector(".generate-theory");
  var hazard = form.querySelector(".generate-hazard");
  var status = document.getElementById("generate-status");
  var button = document.getElementById("generate-submit");

  function showFields() {
    var isTheory = kind.value === "theory";
    theory.hidden = !isTheory;
    hazard.hidden = isTheory;
  }
  kind.addEventListener("change", showFields);
  showFields();

  var chapter = document.getElementById("generate-chapter");
  var documents = form.querySelectorAll("input[name=documents]");
  function showChapters() {  // every document's chapters while none is ticked
    var ticked = {};
    var any = false;
    Array.prototype.forEach.call(documents, function (box) {
      if (box.checked) { ticked[box.value] = true; any = true; }
    });
    Array.prototype.forEach.call(chapter.querySelectorAll("optgroup"), function (group) {
      var shown = !any || ticked[group.getAttribute("data-document")] === true;
      group.hidden = !shown;
      group.disabled = !shown;
    });
    var picked = chapter.options[chapter.selectedIndex];
    if (picked && picked.parentNode.disabled) { chapter.value = ""; }
  }
  if (chapter) {
    form.addEventListener("change", function (event) {
      if (event.target.name === "documents") { showChapters(); }
    });
    form.addEventListener("click", function (event) {  // 全选/全不选 tick without a change event
      if (event.target.closest("button[data-checks-set]")) { showChapters(); }
    });
    showChapters();
  }

  form.addEventListener("submit", function () {
    var started = Date.now();
    button.disabled = true;
    var hint = kind.value === "hazard" ? "（危险源辨识题要逐题校验，约需十几秒）" : "";
    status.textContent = "正在生成并校验试题…" + hint;
    window.setInterval(function () {
      var seconds = Math.round((Date.now() - started) / 1000);
      status.textContent = "正在生成并校验试题，已用 " + seconds + " 秒…" + hint;
    }, 1000);
  });
})();
