/* The score chart on 我的成绩, drawn with the vendored ECharts (static/vendor/echarts). */
(function () {
  "use strict";
  var box = document.getElementById("score-chart");
  if (!box || !window.echarts) return;
  var series = JSON.parse(document.getElementById("series-data").textContent);
  var label = function (p) { return p.day || p.at.slice(5, 10).replace("-", "/"); };  // day: the mine's local date
  var chart = window.echarts.init(box, null, { renderer: "canvas" });
  chart.setOption({
    animation: false,
    grid: { left: 40, right: 16, top: 30, bottom: 40 },
    tooltip: { trigger: "axis", formatter: function (items) {
      var p = series[items[0].dataIndex];
      return p.title + "<br>" + label(p) + "：" + p.percent + "%";
    } },
    legend: { data: ["得分率", "及格线"], top: 0 },
    xAxis: { type: "category", data: series.map(label) },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
    series: [
      { name: "得分率", type: "line", data: series.map(function (p) { return p.percent; }), symbolSize: 8,
        itemStyle: { color: "#1f4e79" } },
      { name: "及格线", type: "line", data: series.map(function () { return 80; }), symbol: "none",
        lineStyle: { type: "dashed", color: "#b3261e" } }
    ]
  });
  box.dataset.drawn = String(series.length);
  window.addEventListener("resize", function () { chart.resize(); });
}());
