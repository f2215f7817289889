/* The score chart on 我的成绩, drawn with the vendored ECharts (static/vendor/echarts). */
(function () {
  "use strict";
  var box = document.getElementById("score-chart");
  if (!box || !window.echarts) return;
  var series = JSON.parse(document.getElementById("series-data").textContent);
  var label = function (p) { return p.day || p.at.slice(5, 10).replace("-", "/"); };  // day: the mine's local date
  var PASS = 80, PASS_COLOR = "#b3261e";
  var PASS_ICON = "path://M0,0h7v3h-7z M10,0h7v3h-7z M20,0h7v3h-7z";  // three dashes (kept flat: symbolKeepAspect)
  var chart = window.echarts.init(box, null, { renderer: "canvas" });
  chart.setOption({
    animation: false,
    grid: { left: 40, right: 16, top: 30, bottom: 40 },
    tooltip: { trigger: "axis", formatter: function (items) {
      var p = series[items[0].dataIndex];
      return p.title + "<br>" + label(p) + "：" + p.percent + "%";
    } },
    legend: { data: ["得分率", { name: "及格线", icon: PASS_ICON, symbolKeepAspect: true }], top: 0 },
    xAxis: { type: "category", data: series.map(label) },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
    series: [
      { name: "得分率", type: "line", data: series.map(function (p) { return p.percent; }), symbolSize: 8,
        itemStyle: { color: "#1f4e79" } },
      // The pass line across the whole plot, whatever the number of results (a series of 80s drew
      // nothing for one result and only from the first point to the last for more); its legend
      // marker is the same red dash (the legend's icon), not a dot.
      { name: "及格线", type: "line", data: [], symbol: "none",
        itemStyle: { color: PASS_COLOR }, lineStyle: { type: "dashed", color: PASS_COLOR },
        markLine: { silent: true, symbol: "none", label: { show: false }, data: [{ yAxis: PASS }],
                    lineStyle: { type: "dashed", width: 2, color: PASS_COLOR } } }
    ]
  });
  box.dataset.drawn = String(series.length);
  window.addEventListener("resize", function () { chart.resize(); });
}());
