// The review page's generate form: the chapters of the ticked documents only, and a running status while the
// server generates (the chosen kind's fields alone are shown and sent by shown_for.js).
(function () {
  "use strict";
  var form = document.getElementById("generate-form");
  if (!form) { return; }
  var kind = document.getElementById("generate-kind");
  var status = document.getElementById("generate-status");
  var button = document.getElementById("generate-submit");

  // The select holds only the ticked documents' chapters (every document's while none is ticked): groups
  // merely hidden stay in the list for keyboards, screen readers and phone pickers, so the others are taken
  // out and put back in the page's order. A chosen chapter whose document is unticked is no longer chosen.
  var chapter = document.getElementById("generate-chapter");
  var documents = form.querySelectorAll("input[name=documents]");
  var wasTicked = {};
  var groups = chapter ? Array.prototype.slice.call(chapter.querySelectorAll("optgroup")) : [];
  function showChapters() {
    var ticked = {};
    var any = false;
    Array.prototype.forEach.call(documents, function (box) {
      if (box.checked) { ticked[box.value] = true; any = true; }
    });
    var option = chapter.options[chapter.selectedIndex];
    var from = option && option.parentNode.getAttribute ? option.parentNode.getAttribute("data-document") : null;
    var picked = chapter.value;
    groups.forEach(function (group) {
      var shown = !any || ticked[group.getAttribute("data-document")] === true;
      if (shown) { chapter.appendChild(group); } else if (group.parentNode) { group.parentNode.removeChild(group); }
    });
    chapter.value = from && wasTicked[from] && !ticked[from] ? "" : picked;  // its document unticked
    if (chapter.value !== picked) { chapter.value = ""; }
    wasTicked = ticked;
  }
  if (chapter) {
    form.addEventListener("change", function (event) {
      if (event.target.name === "documents") { showChapters(); }
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
