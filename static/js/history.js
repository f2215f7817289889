/* The score chart on 我的成绩, drawn through static/js/charts.js (暂无数据 before the first result). */
(function () {
  "use strict";
  var box = document.getElementById("score-chart");
  if (!box || !window.BanzuCharts) return;
  var series = JSON.parse(document.getElementById("series-data").textContent);
  var label = function (p) { return p.day || p.at.slice(5, 10).replace("-", "/"); };  // day: the mine's local date
  var PASS_COLOR = "#b3261e", PASSED_COLOR = "#1f4e79", FAILED_COLOR = "#d9822b";
  var PASS_ICON = "path://M0,0h7v3h-7z M10,0h7v3h-7z M20,0h7v3h-7z";  // three dashes (kept flat: symbolKeepAspect)
  var verdict = function (p) { return p.passed === true ? "合格" : p.passed === false ? "不合格" : ""; };
  // Each result's own pass mark (its paper's 及格分 as a percent of its total): a dashed step across
  // the result's band of the x axis, so one result's line spans the whole plot, results of one paper
  // join into one line, and a change of paper steps up or down. Practice (no pass mark) has none.
  var passStep = function (params, api) {
    var value = api.value(1);
    if (value === null || value === undefined || isNaN(value)) return null;
    var centre = api.coord([api.value(0), value]), width = api.size([1, 0])[0];
    return { type: "line", silent: true,
             shape: { x1: centre[0] - width / 2, y1: centre[1], x2: centre[0] + width / 2, y2: centre[1] },
             style: { stroke: PASS_COLOR, lineWidth: 2, lineDash: [6, 4] } };
  };
  var chart = window.BanzuCharts.draw(box, {
    animation: false,
    grid: { left: 40, right: 16, top: 30, bottom: 40 },
    tooltip: { trigger: "axis", formatter: function (items) {
      var p = series[items[0].dataIndex], esc = window.BanzuCharts.escape;
      var line = esc(p.title) + "\n" + esc(label(p)) + "：" + p.percent + "%";
      if (p.pass_percent !== null && p.pass_percent !== undefined) line += "（及格线 " + p.pass_percent + "%）";
      return line + (verdict(p) ? " " + verdict(p) : "");
    } },
    legend: { data: ["得分率", { name: "及格线", icon: PASS_ICON, symbolKeepAspect: true }], top: 0 },
    xAxis: { type: "category", data: series.map(label) },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
    series: [
      { name: "得分率", type: "line", symbolSize: 8, itemStyle: { color: PASSED_COLOR },
        // A point below its own paper's pass mark is orange (不合格); the rest are blue.
        data: series.map(function (p) {
          return p.passed === false ? { value: p.percent, itemStyle: { color: FAILED_COLOR } } : p.percent;
        }) },
      { name: "及格线", type: "custom", renderItem: passStep, itemStyle: { color: PASS_COLOR }, z: 1,
        encode: { x: 0, y: 1 }, tooltip: { show: false },
        data: series.map(function (p, i) { return [i, p.pass_percent === null ? NaN : p.pass_percent]; }) }
    ]
  }, series.length > 0);
  if (chart) box.dataset.drawn = String(series.length);
}());
