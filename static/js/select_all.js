// 全选本页: a checkbox with data-select-all="ids" ticks or clears every checkbox of that name in its
// form (and follows them: ticked when all are, half when some are). Hidden until this script runs.
(function () {
  "use strict";
  document.querySelectorAll("form").forEach(function (form) {
    var alls = form.querySelectorAll("input[data-select-all]");
    if (!alls.length) { return; }
    var boxes = form.querySelectorAll('input[type=checkbox][name="' + alls[0].dataset.selectAll + '"]');
    function follow() {
      var ticked = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
      alls.forEach(function (all) {
        all.checked = boxes.length > 0 && ticked === boxes.length;
        all.indeterminate = ticked > 0 && ticked < boxes.length;
      });
    }
    alls.forEach(function (all) {
      all.hidden = false;
      if (all.parentElement.tagName === "LABEL") { all.parentElement.hidden = false; }
      all.addEventListener("change", function () {
        boxes.forEach(function (box) { box.checked = all.checked; });
        follow();
      });
    });
    boxes.forEach(function (box) { box.addEventListener("change", follow); });
  });
})();

// A long list of checks (macros/forms.html render_field, fieldset[data-checks]): a filter box narrows the
// shown options (and their group headings); 全选/全不选 tick or clear the shown ones (each change announced).
// Hidden until this runs.
(function () {
  "use strict";
  document.querySelectorAll("fieldset[data-checks]").forEach(function (set) {
    var tools = set.querySelector(".checks-tools");
    var filter = set.querySelector("input[data-checks-filter]");
    var labels = set.querySelectorAll(".checks-box label.check");
    tools.hidden = false;
    filter.addEventListener("input", function () {
      var words = filter.value.trim().toLowerCase();
      labels.forEach(function (label) {
        label.hidden = words !== "" && label.textContent.toLowerCase().indexOf(words) < 0;
      });
      set.querySelectorAll(".checks-group").forEach(function (group) {
        group.hidden = !group.querySelector("label.check:not([hidden])");
      });
    });
    set.querySelectorAll("button[data-checks-set]").forEach(function (button) {
      button.addEventListener("click", function () {
        var on = button.dataset.checksSet === "all";
        labels.forEach(function (label) {
          var box = label.querySelector("input[type=checkbox]");
          if (label.hidden || box.checked === on) { return; }
          box.checked = on;  // as a click would: whatever follows the ticks (a list of chapters) hears it
          box.dispatchEvent(new Event("change", {bubbles: true}));
        });
      });
    });
  });
})();
