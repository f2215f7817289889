/* The team-room screen of a contest (quiz/contests): polls the JSON board every few seconds and
   redraws the standings and the bar chart of the teams (static/js/charts.js). Text goes in by textContent only. */
(function () {
  "use strict";
  var root = document.getElementById("screen");
  if (!root) return;
  var url = root.dataset.url;
  var every = Math.max(3, parseInt(root.dataset.refresh, 10) || 10) * 1000;
  var box = window.BanzuCharts ? document.getElementById("team-chart") : null;
  var left = null, state = null, tick = null;

  function pct(v) { return v === null || v === undefined ? "—" : v + "%"; }
  function duration(s) { var m = Math.floor(s / 60), r = s % 60; return m + "分" + (r < 10 ? "0" : "") + r + "秒"; }
  function text(id, value) { var el = document.getElementById(id); if (el) el.textContent = value; }

  function rows(tbodyId, items, cells, empty, width) {
    var body = document.getElementById(tbodyId);
    if (!body) return;
    var fresh = document.createElement("tbody");
    fresh.id = tbodyId;
    if (!items.length) {
      var tr = document.createElement("tr"), td = document.createElement("td");
      td.colSpan = width; td.textContent = empty; tr.appendChild(td); fresh.appendChild(tr);
    }
    items.forEach(function (item) {
      var tr = document.createElement("tr");
      cells(item).forEach(function (value, i) {
        var td = document.createElement("td");
        td.textContent = value;
        if (i === 0) td.className = "rank";
        tr.appendChild(td);
      });
      fresh.appendChild(tr);
    });
    body.parentNode.replaceChild(fresh, body);
  }

  // Before anyone scores (no sittings yet) the chart says 暂无数据; the first score draws it.
  function draw(data) {
    if (!box) return;
    window.BanzuCharts.draw(box, {
      animation: false,
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.teams.map(function (t) { return t.name; }),
               axisLabel: { color: "#f4f6f8", fontSize: 18 } },
      yAxis: { type: "value", min: 0, max: data.max_score * data.top_n || null,
               axisLabel: { color: "#a9b8c8", fontSize: 14 }, splitLine: { lineStyle: { color: "#2c3e50" } } },
      series: [{ type: "bar", barMaxWidth: 80, data: data.teams.map(function (t, i) {
        return { value: t.score, itemStyle: { color: i === 0 ? "#ffd166" : "#4ea8de" } };
      }), label: { show: true, position: "top", color: "#f4f6f8", fontSize: 20 } }]
    });
    root.dataset.drawn = box.dataset.drawn;
  }

  function countdown() {
    if (left === null) return;
    var h = Math.floor(left / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
    var clock = (h ? h + ":" : "") + (m < 10 && h ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
    text("clock", state === "running" ? "剩余 " + clock : (state === "upcoming" ? "距开始 " + clock : ""));
    if (left > 0) left -= 1;
  }

  // Points as every page shows them (the `points` filter): to the cent, no trailing zeros (8, 1.5).
  function points(value) { return String(Math.round(value * 100) / 100); }

  function show(data) {
    state = data.state;
    left = data.state === "upcoming" ? data.seconds_to_start : data.seconds_left;
    text("state", data.state_label);
    text("counts", "已交卷 " + data.finished + " 人 · 答题中 " + data.running + " 人");
    rows("team-rows", data.teams, function (t) {
      return [t.rank, t.name, points(t.score), pct(t.percent), duration(t.seconds),
              t.finished + "/" + t.members + (t.running ? "（" + t.running + " 人答题中）" : ""), pct(t.participation)];
    }, "没有参赛班组。", 7);
    rows("person-rows", data.people.slice(0, 15), function (p) {
      return [p.rank, p.name, p.team, points(p.score), pct(p.percent), duration(p.seconds)];
    }, "还没有人交卷。", 6);
    draw(data);
    var now = new Date();
    text("updated", "更新于 " + now.toTimeString().slice(0, 8));
    document.getElementById("updated").className = "muted";
    countdown();
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error(r.status === 401 ? "登录已过期，请重新登录" : "读取失败（" + r.status + "）");
        return r.json();
      })
      .then(show)
      .catch(function (e) {
        text("updated", "未更新：" + (e.message || "网络中断") + "，稍后自动重试");
        document.getElementById("updated").className = "offline";
      })
      .then(function () { setTimeout(poll, every); });
  }

  if (!tick) tick = setInterval(countdown, 1000);
  poll();
}());
