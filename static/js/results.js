/* Charts of 班组成绩 (quiz/results), drawn through static/js/charts.js from the page's JSON block. */
(function () {
  "use strict";
  var source = document.getElementById("charts-data");
  if (!source || !window.BanzuCharts) return;
  var data = JSON.parse(source.textContent), esc = window.BanzuCharts.escape;
  var BLUE = "#1f4e79", GREEN = "#2e7d32", ORANGE = "#c77700", RED = "#b3261e";
  var pctAxis = { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } };

  function trend(d) {
    return {
      tooltip: { trigger: "axis" },
      legend: { data: ["平均得分率", "合格率", "答卷数"], top: 0 },
      grid: { left: 44, right: 44, top: 34, bottom: 30 },
      xAxis: { type: "category", data: d.map(function (w) { return w.start.slice(5).replace("-", "/") + "周"; }) },
      yAxis: [pctAxis, { type: "value", name: "份", minInterval: 1, splitLine: { show: false } }],
      series: [
        { name: "平均得分率", type: "line", data: d.map(function (w) { return w.average; }), connectNulls: true,
          itemStyle: { color: BLUE } },
        { name: "合格率", type: "line", data: d.map(function (w) { return w.pass_rate; }), connectNulls: true,
          itemStyle: { color: GREEN } },
        { name: "答卷数", type: "bar", yAxisIndex: 1, data: d.map(function (w) { return w.exams; }),
          itemStyle: { color: "#c9d6e3" }, barMaxWidth: 18 }
      ]
    };
  }

  function bands(d) {
    return {
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 16, top: 20, bottom: 40 },
      xAxis: { type: "category", data: d.labels, name: "得分率%", nameLocation: "middle", nameGap: 26 },
      yAxis: { type: "value", minInterval: 1, name: "份" },
      series: [{ type: "bar", data: d.counts.map(function (n, i) {
        return { value: n, itemStyle: { color: i >= 8 ? GREEN : (i >= 6 ? ORANGE : RED) } };
      }) }]
    };
  }

  function spots(d) {
    var rows = d.slice().reverse();
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, formatter: function (items) {
        var s = rows[items[0].dataIndex];
        return esc(s.label) + "\n正确率 " + s.rate + "%（" + s.correct + "/" + s.answers + "）";
      } },
      grid: { left: 8, right: 40, top: 10, bottom: 24, containLabel: true },
      xAxis: pctAxis,
      yAxis: { type: "category", data: rows.map(function (s) { return s.label; }),
               axisLabel: { width: 160, overflow: "truncate" } },
      series: [{ type: "bar", data: rows.map(function (s) {
        return { value: s.rate, answers: s.answers, itemStyle: { color: s.rate < 60 ? RED : (s.rate < 80 ? ORANGE : GREEN) } };
      }), label: { show: true, position: "right", formatter: "{c}%" } }]
    };
  }

  var SITTINGS = [["participation", "参与率", ORANGE], ["average", "平均得分率", BLUE], ["pass_rate", "合格率", GREEN]];
  var PURPLE = "#6a4c93";

  // Bars side by side per group; `keys` name each series' figure ([key, name, colour]); a figure may be
  // {value, answers}: a group without answers has no bar.
  function grouped(names, groups, keys) {
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 44, right: 16, top: 34, bottom: 30 },
      xAxis: { type: "category", data: names },
      yAxis: pctAxis,
      series: keys.map(function (k) {
        return { name: k[1], type: "bar", itemStyle: { color: k[2] },
                 data: groups.map(function (g) { return g[k[0]]; }) };
      })
    };
  }

  // Groups (党员 and the others, a unit's teams) named by `names`: the sitting figures, and the answers'
  // correct rate with practice (the table's last column), so weeks of practice only still draw; the tooltip
  // says how many answers each rate holds.
  function withAnswers(d, names) {
    var option = grouped(names, d.map(function (g) {
      return { participation: g.summary.participation, average: g.summary.average, pass_rate: g.summary.pass_rate,
               rate: { value: g.rate, answers: g.answers } };
    }), SITTINGS.concat([["rate", "答题正确率（含练习）", PURPLE]]));
    option.tooltip.formatter = function (items) {
      var i = items[0].dataIndex;
      return esc(names[i]) + items.map(function (p) {
        var v = p.value === null || p.value === undefined ? "—" : p.value + "%";
        return "\n" + p.marker + p.seriesName + "：" + v;
      }).join("") + "\n答题 " + d[i].answers + " 道（含练习）";
    };
    return option;
  }

  function heatmap(d) {
    // Colour from a little under the weakest cell to 100%, so differences between teams show.
    var lowest = Math.min.apply(null, d.cells.map(function (c) { return c[2]; }).concat([100]));
    var floor = Math.max(0, Math.floor((lowest - 5) / 10) * 10);
    return {
      tooltip: { formatter: function (p) {
        return esc(d.teams[p.value[1]]) + " · " + esc(d.categories[p.value[0]]) + "\n正确率 " + p.value[2] + "%（" + p.value[3] + "题次）";
      } },
      grid: { left: 8, right: 16, top: 10, bottom: 70, containLabel: true },
      xAxis: { type: "category", data: d.categories, axisLabel: { rotate: 30, width: 110, overflow: "truncate" } },
      yAxis: { type: "category", data: d.teams },
      visualMap: { dimension: 2, min: floor, max: 100, calculable: true, orient: "horizontal", left: "center", bottom: 0,
                   inRange: { color: [RED, "#f6d365", GREEN] }, text: ["100%", floor + "%"], itemHeight: 120 },
      series: [{ type: "heatmap", data: d.cells, label: { show: true, formatter: function (p) { return p.value[2]; } } }]
    };
  }

  function series(d) {
    return {
      tooltip: { trigger: "axis", formatter: function (items) {
        var p = d[items[0].dataIndex];
        return esc(p.title) + "\n" + p.date + "：" + p.percent + "%";
      } },
      grid: { left: 40, right: 16, top: 20, bottom: 30 },
      // The mine's date (attempts.score_series), as the table below shows it, not the UTC one in p.at.
      xAxis: { type: "category", data: d.map(function (p) { return p.day; }) },
      yAxis: pctAxis,
      series: [{ type: "line", data: d.map(function (p) { return p.percent; }), symbolSize: 8, itemStyle: { color: BLUE } }]
    };
  }

  var makers = {
    trend: function () { return trend(data.trend); },
    bands: function () { return bands(data.bands); },
    spots: function () { return spots(data.spots); },
    party: function () { return withAnswers(data.party, data.party.map(function (g) { return g.label; })); },
    teams: function () { return withAnswers(data.teams, data.teams.map(function (t) { return t.name; })); },
    heatmap: function () { return data.heatmap ? heatmap(data.heatmap) : {}; },
    series: function () { return series(data.series || []); }
  };

  Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), function (box) {
    var make = makers[box.dataset.chart];
    if (!make) return;
    var option = make();
    option.animation = false;
    window.BanzuCharts.draw(box, option);
  });
}());
