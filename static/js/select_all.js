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
