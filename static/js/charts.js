/* Every chart in Banzu is drawn through here (window.BanzuCharts), after the vendored ECharts:
   a chart with something to draw gets a canvas, one with nothing says 暂无数据 (styled by
   .chart.empty in app.css) instead of showing bare axes. Drawing the same box again (the contest
   screen polls) switches between the two. */
(function () {
  "use strict";
  if (!window.echarts) return;
  var NOTE = "暂无数据";
  var charts = [];

  // A value that draws something: a heatmap cell, a bar or point with answers behind it, a number but 0.
  function filled(v) {
    if (v === null || v === undefined) return false;
    if (Array.isArray(v)) return true;
    if (typeof v === "object") return "answers" in v ? v.answers > 0 : filled(v.value);
    return v !== 0;
  }

  function hasData(option) {
    return (option.series || []).some(function (s) { return (s.data || []).some(filled); });
  }

  function showEmpty(box) {
    if (box.dataset.drawn === "empty") return;
    if (!("label" in box.dataset)) box.dataset.label = box.getAttribute("aria-label") || "";
    var note = document.createElement("p");
    note.className = "muted chart-empty";
    note.textContent = NOTE;
    box.textContent = "";
    box.appendChild(note);
    box.classList.add("empty");
    box.setAttribute("aria-label", box.dataset.label + "：" + NOTE);
    box.dataset.drawn = "empty";
  }

  function clearEmpty(box) {
    if (box.dataset.drawn !== "empty") return;
    box.textContent = "";
    box.classList.remove("empty");
    box.setAttribute("aria-label", box.dataset.label);
  }

  /* Draw `option` in `box`, or say 暂无数据 when it has nothing to draw: by default when no series
     has a filled value; `drawn` (true/false) decides instead when the chart knows better. Returns
     the ECharts instance, or null for the note. The option replaces any earlier one (notMerge). */
  function draw(box, option, drawn) {
    var chart = window.echarts.getInstanceByDom(box);
    if (!(drawn === undefined ? hasData(option) : drawn)) {
      if (chart) {
        charts.splice(charts.indexOf(chart), 1);
        chart.dispose();
      }
      showEmpty(box);
      return null;
    }
    clearEmpty(box);
    richTips(option);
    if (!chart) {
      chart = window.echarts.init(box, null, { renderer: "canvas" });
      charts.push(chart);
    }
    chart.setOption(option, true);
    box.dataset.drawn = "1";
    return chart;
  }

  /* Tooltips are drawn by ECharts on the chart's canvas (renderMode "richText"), not as HTML: ECharts'
     HTML tooltips carry style="…" attributes (the series' colour dots, the layout of name and value),
     which the Content-Security-Policy (style-src 'self', no 'unsafe-inline') refuses — a console error
     on every hover and tooltips without their colour dots, names run into values. A formatter written
     here returns plain text: lines end with "\n", never "<br>". */
  function richTips(option) {
    if (option.tooltip && !Array.isArray(option.tooltip)) {
      option.tooltip.renderMode = "richText";
      option.tooltip.confine = true;
    }
  }

  /* Text put into a tooltip formatter: a title or team name a person typed (C卷<img …>, {a|b}) is shown
     as it was typed. A tooltip is no HTML, so nothing in it is markup; only ECharts' rich-text
     syntax {style|text} is, and a zero-width space after the brace keeps typed braces plain text.
     A formatter written here must put typed text through this. */
  function escape(text) {
    return String(text === null || text === undefined ? "" : text).replace(/\{(?=[A-Za-z0-9_]+\|)/g, "{\u200b");
  }

  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  window.BanzuCharts = { draw: draw, escape: escape };
}());
