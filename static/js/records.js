/* 培训档案 (quiz/records): the hours charts drawn through static/js/charts.js
   from the page's JSON block. */
(function () {
  "use strict";
  var source = document.getElementById("charts-data");
  if (!source || !window.BanzuCharts) return;
  var data = JSON.parse(source.textContent);
  var BLUE = "#1f4e79", GREEN = "#2e7d32", ORANGE = "#c77700", RED = "#b3261e", GREY = "#8aa4bf";

  function workers(d) {
    var names = d.map(function (w) { return w.name; });
    function part(key, label, color) {
      return { name: label, type: "bar", stack: "hours", itemStyle: { color: color }, barMaxWidth: 28,
               data: d.map(function (w) { return w[key]; }) };
    }
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 44, right: 16, top: 34, bottom: 60 },
      xAxis: { type: "category", data: names, axisLabel: { interval: 0, rotate: names.length > 12 ? 45 : 0 } },
      yAxis: { type: "value", name: "学时" },
      series: [
        part("exam", "考试", BLUE), part("practice", "练习", GREY), part("offline", "线下培训", GREEN),
        { name: "应修学时", type: "line", step: "middle", symbol: "rect", itemStyle: { color: RED },
          lineStyle: { type: "dashed" }, data: d.map(function (w) { return w.required; }) }
      ]
    };
  }

  function teams(d) {
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 44, right: 16, top: 34, bottom: 30 },
      xAxis: { type: "category", data: d.map(function (t) { return t.name; }) },
      yAxis: { type: "value", name: "人", minInterval: 1 },
      series: [
        { name: "达标", type: "bar", stack: "people", itemStyle: { color: GREEN }, data: d.map(function (t) { return t.met; }) },
        { name: "学时不足", type: "bar", stack: "people", itemStyle: { color: ORANGE }, data: d.map(function (t) { return t.short; }) }
      ]
    };
  }

  // 每人学时 is empty when nobody has any hours: the 应修学时 line alone is not data.
  function someHours(d) {
    return d.some(function (w) { return w.exam > 0 || w.practice > 0 || w.offline > 0; });
  }

  var builders = { workers: workers, teams: teams };
  var drawn = { workers: someHours };
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var key = el.getAttribute("data-chart");
    if (!builders[key]) return;
    var rows = data[key] || [];
    var chart = window.BanzuCharts.draw(el, builders[key](rows), drawn[key] ? drawn[key](rows) : undefined);
    if (chart) window.addEventListener("beforeprint", function () { chart.resize(); });
  });
})();
