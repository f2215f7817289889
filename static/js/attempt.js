/* The taking page: one question per screen, each answer saved to the server when chosen.
 * Written for this app (no framework). Unsaved answers are kept in localStorage and sent again
 * until the server has them. Each save names the stored version it replaces (`base`, the item's
 * seq as this page last saw it): the server stores it only while that is still the stored one,
 * so a retry is saved once and a page that missed a newer save (the same sitting open in another
 * tab or phone) is refused for that question (412) and shown what is stored instead.
 * Typed blanks are answers like tapped options: kept at every keystroke, sent after a pause while
 * typing, on Enter or leaving the box, before another question is shown, before 交卷 and when the
 * page is hidden. Instant-feedback modes grade the first answer sent, so there an answer of several
 * parts (多选, 排序, 填空) is a draft (kept in the same store, marked `draft`, never sent as an
 * answer) until the worker confirms it: 确认答案, Enter in the last blank, or 交卷 (whose dialog
 * names each draft, with 确认 beside it, and grades the rest as they stand). Moving to another
 * question keeps a draft a draft, and a reload brings it back (the store outlives the page). Each
 * draft is also sent as a draft (`draft: true`, after a pause, on moving and when the page is
 * hidden): the server keeps it beside the question, never graded nor counted, so the sitting opened
 * on another device (or after the browser cleared its storage) shows it again; a draft this page
 * had sent gives way to the server's copy (changed or confirmed elsewhere), one it could not send
 * stays. A draft is not an answer yet: the 答题卡 marks it 未确认 and leaves it out of 已答, the
 * header never says 已保存 for it (未确认 N 题), and a draft left behind is named above the question
 * with a one-tap 确认. 交卷 always asks in the page's own dialog. Exams have no drafts: every tick
 * is saved. */
(function () {
  "use strict";
  var root = document.getElementById("quiz");
  if (!root) return;
  var state = JSON.parse(document.getElementById("attempt-data").textContent);
  var api = root.dataset.api, csrf = root.dataset.csrf, resultUrl = root.dataset.result;
  var articleBase = (root.dataset.article || "").replace(/0$/, "");
  var storeKey = "banzu-attempt-" + state.id;
  var pending = load();
  var current = 0, closed = false, retryTimer = null, typingTimer = null, draftTimer = null;
  var wanted = null;  // "worker" (交卷 confirmed) or "time" (time up): a hand-in to finish once the server answers
  var draftsOut = {};  // position -> true: its draft on the way to the server
  var inFlight = {};  // position -> its save on the way (one at a time per question), a promise
  var TYPING_PAUSE = 800;  // ms without a keystroke before a typed blank is sent
  var $ = function (id) { return document.getElementById(id); };

  // The store is stamped with its owner (state.owner: the person and this very sitting, signed by the
  // server): an entry under this key with another stamp (the previous worker on a shared PC, a sitting
  // id given again) is dropped, never shown nor sent. Sign-out clears the store (static/js/signout.js).
  function load() {
    try {
      var kept = JSON.parse(localStorage.getItem(storeKey) || "{}");
      return kept && kept.owner && kept.owner === state.owner && kept.answers ? kept.answers : {};
    } catch (e) { return {}; }
  }
  function keep() {
    if (closed) return;  // handed in or closed: the store is gone, and stays gone
    try { localStorage.setItem(storeKey, JSON.stringify({ owner: state.owner, answers: pending })); } catch (e) { /* private mode: memory only */ }
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function send(method, url, body, leaving) {
    return fetch(url, {
      method: method, credentials: "same-origin", keepalive: !!leaving,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) { return { status: r.status, data: data }; });
    });
  }

  // ------------------------------------------------------------ saving
  function savedWords() {  // the header once every answer is on the server: a draft is not 已保存
    var n = drafts().length;
    return n ? "未确认 " + n + " 题" + (unsynced().length ? "" : "（草稿已保存）") : "已保存";
  }
  function setSaveState(text, bad) {
    var node = $("save-state");
    node.textContent = text;
    node.className = "save-state" + (bad ? " unsaved" : " saved");
    $("retry").hidden = !bad;
    $("retry").textContent = wanted ? "重新交卷" : "重试保存";
  }
  function held(item) { return !!state.feedback && item.shape !== "single" && item.shape !== "judge"; }
  // graded: its feedback shown, or only the note of a question under seal (an open exam holds it)
  function locked(item) { return !!(state.feedback && (item.feedback || item.sealed)); }
  function hasAnswer(value) { return !!(value && value.some(function (a) { return a !== ""; })); }
  function sent(pos) { return pending[pos] && !pending[pos].draft; }
  function isDraft(pos) { return !!(pending[pos] && pending[pos].draft); }
  function drafts() { return state.items.filter(function (i) { return isDraft(i.position); }); }
  // how: "now" sends it, "typing" sends it after a pause, "draft" keeps it here until confirmed.
  function answer(item, value, how) {
    if (closed || locked(item)) return;
    var entry = pending[item.position];
    if (JSON.stringify(item.answer || []) === JSON.stringify(value) && !(entry && entry.draft && how !== "draft")) {
      if (how === "now" && entry) flush();  // a pause-save still waiting goes now
      return;
    }
    item.answer = value;
    // `lost`: answers sent on this base whose reply never came (they may be stored already)
    var lost = entry && entry.base === item.seq ? entry.lost : undefined;
    if (how === "draft" && !hasAnswer(value)) delete pending[item.position];
    else pending[item.position] = { answer: value, base: item.seq, draft: how === "draft" || undefined, lost: lost };
    keep();
    drawMap();
    clearTimeout(typingTimer);
    if (how === "now") flush();
    else if (how === "typing") typingTimer = setTimeout(flush, TYPING_PAUSE);
    else { showDraftState(); clearTimeout(draftTimer); draftTimer = setTimeout(syncDrafts, TYPING_PAUSE); }
  }
  // ------------------------------------------------------------ drafts kept on the server too
  function draftOf(item) { return isDraft(item.position) ? pending[item.position].answer : []; }
  function unsynced() {  // drafts (or a draft emptied) the server does not hold as this page does
    if (!state.feedback) return [];
    return state.items.filter(function (i) {
      return !locked(i) && !sent(i.position) && !draftsOut[i.position] && !same(draftOf(i), i.draft);
    });
  }
  function showDraftState() {  // unless the header tells of a save under way or failed
    if (!closed && $("retry").hidden && $("save-state").textContent !== "保存中…" &&
        (drafts().length || $("save-state").textContent.indexOf("未确认") === 0)) setSaveState(savedWords(), false);
  }
  function syncDrafts(leaving) {
    clearTimeout(draftTimer);
    unsynced().forEach(function (item) {
      var pos = item.position, value = draftOf(item);
      draftsOut[pos] = true;
      send("PUT", api + "/items/" + pos, { answer: value, draft: true }, leaving).then(function (res) {
        delete draftsOut[pos];
        if (res.status !== 200) return;  // kept on this device; sent again at the next change or leaving
        item.draft = value;
        var entry = pending[pos];
        if (entry && entry.draft && same(entry.answer, value)) { entry.synced = true; keep(); }
        if (unsynced().length) draftTimer = setTimeout(syncDrafts, TYPING_PAUSE);  // changed meanwhile
        showDraftState();
      }, function () { delete draftsOut[pos]; });
    });
  }
  function typed(item) {  // the blanks on screen, when `item` is the question shown; null otherwise
    var boxes = $("question").querySelectorAll("input.blank");
    if (item !== state.items[current] || item.shape !== "blank" || !boxes.length) return null;
    var values = Array.prototype.map.call(boxes, function (i) { return i.value; });
    return hasAnswer(values) ? values : [];
  }
  function commit(item) {  // the worker is done with this question for now: send what it holds
    if (!item || closed || locked(item)) return;
    var value = typed(item);
    if (value === null) value = item.answer || [];
    if (!held(item) || hasAnswer(value)) answer(item, value, "now");
  }
  function keepTyped(item) {  // what is in the boxes becomes the answer, without confirming a draft
    var value = typed(item);
    if (value !== null) answer(item, value, held(item) ? "draft" : "typing");
  }
  function same(a, b) { return JSON.stringify(a || []) === JSON.stringify(b || []); }
  function overruled(pos, data) {  // 412: another page saved this question since this page saw it
    var item = state.items[pos - 1], entry = pending[pos];
    item.seq = data.seq;
    if (entry && (entry.lost || []).some(function (a) { return same(a, data.answer); })) {
      entry.base = data.seq;  // it was this page's own earlier save, whose reply was lost: send again
      delete entry.lost;
      return false;
    }
    if (entry && !entry.draft) delete pending[pos];
    item.answer = data.answer;
    var note = $("conflict");
    note.textContent = data.error || ("第" + pos + "题已在另一个页面改过，这里已换成那边保存的答案。");
    note.hidden = false;
    if (current === pos - 1) draw();
    return true;
  }
  function flush(leaving) {
    clearTimeout(typingTimer);
    var positions = Object.keys(pending).filter(function (pos) { return sent(pos) && !inFlight[pos]; });
    var busy = Object.keys(inFlight).map(function (pos) { return inFlight[pos]; });
    if (!positions.length && !busy.length) return Promise.resolve(true);
    setSaveState("保存中…", false);
    var refused = null, again = false;
    return Promise.all(busy.concat(positions.map(function (pos) {
      var entry = pending[pos];
      return inFlight[pos] = send("PUT", api + "/items/" + pos, { answer: entry.answer, base: entry.base }, leaving).then(function (res) {
        delete inFlight[pos];
        var item = state.items[pos - 1];
        if (res.status === 412) { if (!overruled(pos, res.data)) again = true; return true; }
        if (res.status === 200) {
          item.seq = res.data.seq;
          item.draft = [];  // the answer replaces the server's draft
          if (pending[pos] === entry) delete pending[pos];
          else if (pending[pos]) { pending[pos].base = res.data.seq; delete pending[pos].lost; again = true; }  // changed meanwhile
          item.saved_at = res.data.saved_at;
          if (res.data.feedback || res.data.sealed) {
            item.feedback = res.data.feedback; item.sealed = res.data.sealed;
            if (current === pos - 1) draw();
          }
          return true;
        }
        if (res.status === 409 || res.status === 404) { // closed (time up / submitted): keep nothing more
          finish(res.data.error || "考试已结束。");
          return true;
        }
        if (res.status === 400) { delete pending[pos]; refused = res.data.error || "这个答案无效，没有保存。"; return true; }
        return false;
      }, function () {
        delete inFlight[pos];
        var now = pending[pos];
        if (now && now.base === entry.base) { now.lost = (now.lost || []).concat([entry.answer]); }
        return false;
      });
    }))).then(function (results) {
      keep();
      drawMap();  // saved cells lose their dashed "unsaved" border
      var failed = !results.every(Boolean), waiting = Object.keys(pending).some(sent);
      if (closed) { /* finish() has said why (time up, submitted); keep its message */ }
      else if (refused) { setSaveState(refused, true); }
      else if (failed) {
        setSaveState("未保存（网络中断，自动重试）", true);
        clearTimeout(retryTimer);
        retryTimer = setTimeout(resume, 5000);
      } else if (!waiting) { setSaveState(savedWords(), false); }
      // else: answers chosen meanwhile are on their way in a later flush, which reports them
      if ((again || waiting) && !failed && !refused && !closed) return flush(leaving);
      return !failed && !waiting;
    });
  }

  // ------------------------------------------------------------ drawing
  function chosen(item, key) { return (item.answer || []).indexOf(key) >= 0; }
  function draw() {
    var item = state.items[current], box = $("question");
    box.textContent = "";
    var head = el("p", "q-head");
    head.appendChild(el("span", "badge", item.type_label));
    head.appendChild(document.createTextNode(" 第 " + item.position + " / " + state.items.length + " 题（" + Number(item.points) + " 分）"));
    box.appendChild(head);
    box.appendChild(el("p", "stem", item.stem));
    var done = locked(item), fb = state.feedback ? item.feedback : null;
    if (item.shape === "blank") {
      for (var b = 0; b < item.blanks; b++) {
        var input = el("input", "blank");
        input.type = "text"; input.maxLength = 200; input.value = (item.answer || [])[b] || "";
        input.setAttribute("aria-label", "第" + (b + 1) + "空");
        input.disabled = done;
        input.enterKeyHint = "done";
        input.addEventListener("input", function () { keepTyped(item); });
        input.addEventListener("change", function () { if (!held(item)) commit(item); });  // left the box
        input.addEventListener("keydown", function (event) {
          if (event.key !== "Enter" || event.isComposing) return;
          event.preventDefault();
          var after = event.target.nextElementSibling;  // Enter in a blank before the last goes to the next one
          if (after && after.matches("input.blank")) { if (!held(item)) commit(item); after.focus(); }
          else commit(item);
        });
        box.appendChild(input);
      }
      // full width, apart from 纠错
      var save = el("button", "button primary wide", held(item) ? "确认答案" : "保存答案");
      save.type = "button";
      save.addEventListener("click", function () { commit(item); });
      if (!done) box.appendChild(save);  // graded: nothing left to confirm
    } else {
      var list = el("div", "options");
      item.options.forEach(function (opt) {
        var picked = chosen(item, opt.key), marked = fb && item.shape !== "order";
        var right = marked && fb.key.indexOf(opt.key) >= 0, wrong = marked && !right && picked;
        var button = el("button", "option" + (picked ? " chosen" : "") + (right ? " key-right" : "") + (wrong ? " key-wrong" : ""));
        button.type = "button"; button.disabled = done;
        button.setAttribute("aria-pressed", picked ? "true" : "false");
        button.appendChild(el("span", "key", opt.key));
        button.appendChild(el("span", "text", opt.text));
        if (right) button.appendChild(el("span", "mark", "✔ 正确答案" + (item.shape === "multi" && !picked ? "（漏选）" : "")));
        if (wrong) button.appendChild(el("span", "mark", "✘ 选错了"));
        if (item.shape === "order" && chosen(item, opt.key)) {
          button.appendChild(el("span", "badge", String(item.answer.indexOf(opt.key) + 1)));
        }
        button.addEventListener("click", function () {
          var now = (item.answer || []).slice();
          if (item.shape === "multi" || item.shape === "order") {
            var at = now.indexOf(opt.key);
            if (at >= 0) now.splice(at, 1); else now.push(opt.key);
            if (item.shape === "multi") now.sort();
          } else {
            now = [opt.key];
          }
          answer(item, now, held(item) ? "draft" : "now");
          draw();
        });
        list.appendChild(button);
      });
      box.appendChild(list);
      if (held(item) && !done) {
        var confirm = el("button", "button primary wide", "确认答案");
        confirm.type = "button"; confirm.disabled = !hasAnswer(item.answer);
        confirm.addEventListener("click", function () { commit(item); });
        box.appendChild(confirm);
      }
      if (item.shape === "multi" && !done) {
        box.appendChild(el("p", "hint", held(item) ? "多选题：选出全部正确答案，再点「确认答案」。" : "多选题：选出全部正确答案，每次点选都会自动保存。"));
      }
    }
    if (item.feedback) box.appendChild(feedback(item.feedback));
    else if (item.sealed) box.appendChild(el("p", "feedback sealed", item.sealed));  // no key, no right or wrong
    var flag = el("button", "link flag", "纠错");
    flag.type = "button";
    flag.addEventListener("click", function () { openFlag(item); });
    box.appendChild(flag);
    $("prev").disabled = current === 0;
    $("next").disabled = current === state.items.length - 1;
    drawMap();
  }
  function partly(fb) { return !!fb && !fb.correct && Number(fb.score) > 0; }  // e.g. a 多选 missing an option
  function feedback(fb) {
    var part = partly(fb), keyText = "正确答案：" + fb.key.join("；");
    var box = el("div", "feedback " + (fb.correct ? "right" : (part ? "partial" : "wrong")));
    box.appendChild(el("p", "verdict", fb.correct ? "✔ 回答正确"
      : (part ? "◐ 部分正确，得 " + Number(fb.score) + " 分，" + keyText : "✘ 回答错误，" + keyText)));
    if (fb.explanation) box.appendChild(el("p", "hint", fb.explanation));
    if (fb.article_id && articleBase) {
      var link = el("a", "source", "查看出处 " + (fb.citation || ""));
      link.href = articleBase + fb.article_id;
      box.appendChild(link);
    } else if (fb.citation) {
      box.appendChild(el("p", "hint", "出处：" + fb.citation));
    }
    return box;
  }
  function drawMap() {
    var map = $("qmap"), done = 0, unconfirmed = 0;
    map.textContent = "";
    state.items.forEach(function (item, index) {
      var draft = isDraft(item.position), answered = hasAnswer(item.answer) && !draft;
      if (answered) done += 1;
      if (draft) unconfirmed += 1;
      var li = el("li"), button = el("button", "cell" + (answered ? " answered" : "") + (index === current ? " current" : "") +
        (draft ? " draft" : (pending[item.position] ? " unsaved" : "")) +
        (item.feedback ? (item.feedback.correct ? " right" : (partly(item.feedback) ? " partial" : " wrong")) : ""),
        String(index + 1));
      button.type = "button";
      if (draft) button.appendChild(el("span", "cell-note", "未确认"));
      button.setAttribute("aria-label", "第" + (index + 1) + "题" + (draft ? "，未确认" : (answered ? "，已答" : "，未答")));
      button.addEventListener("click", function () { show(index); window.scrollTo(0, 0); });
      li.appendChild(button);
      map.appendChild(li);
    });
    $("answered").textContent = "已答 " + done + " / " + state.items.length + (unconfirmed ? " · 未确认 " + unconfirmed : "");
    drawDrafts();
  }

  // ------------------------------------------------------------ drafts left unconfirmed
  var SHAPE_NAME = { multi: "多选", order: "排序", blank: "填空" };
  var DRAFT_NOUN = { multi: "选择", order: "排序", blank: "填写" };
  var confirming = {};  // position -> true: confirmed from 交卷's dialog, said so there until it closes
  function picks(item) { return item.shape === "blank" ? "" : "（已选 " + item.answer.join("、") + "）"; }
  function draftLine(item, words, onConfirm) {
    var line = el("p", "draft-line");
    line.appendChild(el("span", "", words));
    var ok = el("button", "button primary", "确认");
    ok.type = "button";
    ok.setAttribute("aria-label", "确认第" + item.position + "题的答案");
    ok.addEventListener("click", onConfirm);
    line.appendChild(ok);
    return line;
  }
  function drawDrafts() {  // above the question: each draft the worker has moved away from
    var box = $("drafts"), left = drafts().filter(function (i) { return i !== state.items[current]; });
    box.textContent = "";
    left.forEach(function (item) {
      box.appendChild(draftLine(item, "第" + item.position + "题的" + DRAFT_NOUN[item.shape] + "还没有确认" + picks(item),
        function () { show(item.position - 1); window.scrollTo(0, 0); commit(item); }));
    });
    box.hidden = closed || !left.length;
    if ($("submit-dialog").open) drawSubmitDialog();
  }
  function drawSubmitDialog() {  // 交卷 with drafts: each named, 确认 beside it; the rest as they stand
    var list = $("submit-drafts"), waiting = drafts();
    list.textContent = "";
    Object.keys(confirming).forEach(function (pos) {
      if (!isDraft(pos)) list.appendChild(el("p", "draft-line", "第" + pos + "题" + (pending[pos] ? "正在确认…" : "已确认")));
    });
    waiting.forEach(function (item) {
      list.appendChild(draftLine(item, "第" + item.position + "题" + SHAPE_NAME[item.shape] + "未确认" + picks(item),
        function () { confirming[item.position] = true; commit(item); }));
    });
    var unanswered = state.items.filter(function (i) { return !hasAnswer(i.answer); }).length, say = [];
    if (unanswered) say.push("还有 " + unanswered + " 题未答。");
    if (waiting.length) say.push("未确认的题交卷时按当前选择评分。");
    $("submit-summary").textContent = say.join("");
  }

  // ------------------------------------------------------------ time, submit, focus
  function show(index) {  // another question: what this one holds is sent first; a draft stays a draft
    var leavingItem = state.items[current];
    if (held(leavingItem)) keepTyped(leavingItem); else commit(leavingItem);
    syncDrafts();
    current = index;
    draw();
  }
  var endAt = state.remaining_seconds === null ? null : Date.now() + state.remaining_seconds * 1000;
  function tick() {
    if (endAt === null || closed) return;
    var left = Math.max(0, Math.round((endAt - Date.now()) / 1000));
    var m = Math.floor(left / 60), s = left % 60;
    // A countdown for a time limit (and the last minutes of any deadline); a closing time as a time.
    if (state.time_limited || left < 300 || !state.deadline_label) {
      $("timer").textContent = "剩余 " + m + ":" + (s < 10 ? "0" : "") + s;
    } else {
      $("timer").textContent = state.deadline_label;
    }
    $("timer").className = "timer" + (left < 300 ? " low" : "");
    if (left <= 0) { submit(true); return; }
    setTimeout(tick, 1000);
  }
  function finish(message) {  // the server has closed the sitting: what it did not take never counts
    if (closed) return;
    var lost = Object.keys(pending).filter(sent);
    closed = true;
    try { localStorage.removeItem(storeKey); } catch (e) { /* no storage */ }
    setSaveState(message, false);
    if (lost.length) { tellLost(lost); return; }
    setTimeout(function () { window.location.href = resultUrl; }, 1500);
  }
  function tellLost(lost) {  // said plainly, and the page stays until the worker has read it
    if ($("submit-dialog").open) $("submit-dialog").close();
    var note = $("submit-note"), link = el("a", null, "查看成绩");
    note.textContent = "第 " + lost.join("、") + " 题的答案没能保存到服务器，没有计入成绩。";
    link.href = resultUrl;
    note.appendChild(document.createTextNode(" "));
    note.appendChild(link);
    note.hidden = false;
    drawMap();
  }
  // 交卷 is asked in the page's dialog, which stays open until handed in, so what happens is said
  // where the worker is looking (on a phone the header may be scrolled away): 正在交卷…, then the
  // result page, or why not with 重新交卷. When the server cannot be reached the page hands in by
  // itself once it can (the network is back, or a retry every few seconds): the answers kept on
  // the phone first, then the submit, which the server counts once however often it comes.
  // 返回作答 calls that off and says so beside 交卷. Time up hands in the same way without asking.
  // At time up a save that failed (a 503 when the whole shift hands in at once) is tried again with a
  // short backoff while the server still takes saves (state.grace_seconds past the deadline), and only
  // then handed in; answers the server never took are named to the worker (tellLost).
  var handing = false, handInError = null, timeTries = 0;
  function inGrace() {
    return endAt !== null && Date.now() < endAt + Math.max(0, (state.grace_seconds || 0) - 1) * 1000;
  }
  function submit(timeUp) {
    if (closed) return;
    keepTyped(state.items[current]);  // the text still in the box is an answer
    if (timeUp) { handIn(true); return; }
    confirming = {};  // always the page's own dialog: the 确认 beside each draft, the count unanswered
    handInError = null;
    $("submit-note").hidden = true;
    dialogSays(handing, "");
    drawSubmitDialog();
    $("submit-dialog").showModal();
  }
  function dialogSays(busy, error) {
    var go = $("submit-go");
    go.disabled = busy;
    go.textContent = busy ? "正在交卷…" : (handInError ? "重新交卷" : "交卷");
    if (error !== undefined) { $("submit-error").textContent = error; $("submit-error").hidden = !error; }
  }
  $("submit-form").addEventListener("submit", function (event) {
    if (!event.submitter || event.submitter.value !== "submit") return;  // 返回作答 closes it
    event.preventDefault();  // kept open: it says how the hand-in went
    handIn(false);
  });
  $("submit-dialog").addEventListener("close", function () {
    confirming = {};
    if (closed || wanted === "time" || !(wanted || handInError)) return;
    wanted = null;  // 返回作答 after a failed 交卷: not handed in, and not by itself later either
    clearTimeout(retryTimer);
    $("submit-note").textContent = "还没有交卷：" + (handInError || "交卷没有完成。") + "答完请再点「交卷」。";
    $("submit-note").hidden = false;
    handInError = null;
    setSaveState(Object.keys(pending).some(sent) ? "有未保存的答案，正在重试…" : savedWords(), false);
    flush();  // answers kept on the phone still go (and retry) as ever
  });
  function resume() {  // the network may be back: a hand-in still wanted goes now, else the answers
    if (wanted) handIn(wanted === "time"); else flush();
  }
  function handIn(timeUp) {
    if (closed) return;
    if (timeUp) wanted = "time"; else if (!wanted) wanted = "worker";
    if (handing) return;
    handing = true;
    clearTimeout(retryTimer);
    if (timeUp && $("submit-dialog").open) $("submit-dialog").close();
    dialogSays(true);
    Object.keys(pending).forEach(function (pos) { delete pending[pos].draft; });  // 交卷 confirms every draft
    keep();
    flush().then(function (saved) {
      if (closed) return null;  // flush found the sitting closed: finish() shows the result
      if (!saved && wanted !== "time") return { network: true, words: "有答案还没保存到服务器（网络中断）。" };
      if (!saved && inGrace()) return { again: true };
      return send("POST", api + "/submit").then(function (res) {
        if (res.status === 200) return { ok: true };
        return { network: res.status >= 500, words: res.status >= 500 ? "服务器暂时无法交卷。" : (res.data.error || "请重试。") };
      }, function () { return { network: true, words: "网络中断。" }; });
    }).then(function (outcome) {
      handing = false;
      if (!outcome) return;
      if (outcome.again) {  // time up, a save failed: again soon, while the server still takes it
        clearTimeout(retryTimer);
        retryTimer = setTimeout(function () { handIn(true); }, Math.min(400 * Math.pow(2, timeTries++), 1500));
        setSaveState("时间到，正在保存答案…", false);
        return;
      }
      if (outcome.ok) {
        var lost = Object.keys(pending).filter(sent);
        try { localStorage.removeItem(storeKey); } catch (e) { /* no storage */ }
        closed = true; wanted = null;
        setSaveState("已交卷", false);
        if (lost.length) { tellLost(lost); return; }
        window.location.href = resultUrl;
        return;
      }
      handInFailed(outcome);
    }, function () { handing = false; handInFailed({ network: true, words: "网络中断。" }); });
  }
  function handInFailed(outcome) {
    if (outcome.network && wanted) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(resume, 5000);
    } else if (wanted !== "time") { wanted = null; }
    handInError = outcome.words;
    var words = "交卷失败：" + outcome.words + (wanted ? "网络恢复后会先保存答案，再自动交卷。" : "");
    setSaveState(wanted ? "交卷失败，联网后自动交卷" : "交卷失败", true);
    if ($("submit-dialog").open) { $("retry").hidden = true; dialogSays(false, words); return; }  // 重新交卷 is in the dialog
    $("submit-note").textContent = words;  // time up, or the dialog closed meanwhile
    $("submit-note").hidden = false;
    if (!wanted) handInError = null;
  }
  if (state.mode === "exam") {
    // Counted when the worker comes back to the exam after switching away (another app or tab),
    // and after leaving the page itself (Back, a link) and coming back in the same tab: the page
    // marks the tab (sessionStorage) as it goes; a reload is not leaving, and closing the browser
    // (the mark goes with the tab) is not counted.
    var away = false, leftKey = "banzu-left-" + state.id;
    var countLeaving = function () { send("POST", api + "/focus-loss").catch(function () { /* best effort */ }); };
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { away = true; return; }
      if (away && !closed) { away = false; countLeaving(); }
    });
    var cameBack = function (reloaded) {
      var left = false;
      try { left = !!sessionStorage.getItem(leftKey); sessionStorage.removeItem(leftKey); } catch (e) { /* no storage */ }
      if (left && !reloaded && !closed) countLeaving();
    };
    window.addEventListener("pagehide", function () {
      if (closed) return;
      away = false;  // counted when the page is back (restored or opened again), not twice
      try { sessionStorage.setItem(leftKey, "1"); } catch (e) { /* no storage: not counted */ }
    });
    window.addEventListener("pageshow", function (event) { if (event.persisted) cameBack(false); });
    var navigation = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    cameBack(!!navigation && navigation.type === "reload");
    // Leaving an unfinished exam asks first (the answers are saved either way): the browser's own
    // prompt where it allows one, and this page's question for its own links (a phone may not prompt).
    var askedLeave = false, LEAVE = "考试还没有交卷，确定离开吗？已选的答案都已保存，可以从「考试练习」继续答题。";
    window.addEventListener("beforeunload", function (event) {
      if (closed || askedLeave) return;
      event.preventDefault();
      event.returnValue = LEAVE;
      return LEAVE;
    });
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || closed || link.target === "_blank" || link.getAttribute("href").charAt(0) === "#") return;
      if (!window.confirm(LEAVE)) { event.preventDefault(); return; }
      askedLeave = true;
    });
  }

  // ------------------------------------------------------------ the same sitting on another page
  // Two tabs answering one sitting overrule each other's answers (the server refuses the staler
  // one, see flush): each page says so while another page of this sitting is open in the browser.
  var others = {};
  if (window.BroadcastChannel) {
    var me = Math.random().toString(36).slice(2), pages = new BroadcastChannel(storeKey);
    var notice = $("other-tab");
    if (state.mode !== "exam") notice.textContent = "这次练习已在另一个页面打开，请只在一个页面作答。";
    var showOthers = function () { notice.hidden = !Object.keys(others).length; };
    pages.onmessage = function (event) {
      var msg = event.data || {};
      if (!msg.page || msg.page === me) return;
      if (msg.kind === "gone") delete others[msg.page]; else others[msg.page] = true;
      if (msg.kind === "open") pages.postMessage({ page: me, kind: "here" });
      showOthers();
    };
    pages.postMessage({ page: me, kind: "open" });
    window.addEventListener("pagehide", function () { pages.postMessage({ page: me, kind: "gone" }); });
    window.addEventListener("pageshow", function (event) { if (event.persisted) pages.postMessage({ page: me, kind: "open" }); });
  }

  // ------------------------------------------------------------ 纠错
  var flagging = null;
  function openFlag(item) {
    flagging = item;
    $("flag-message").textContent = "";
    $("flag-dialog").showModal();
  }
  $("flag-form").addEventListener("submit", function (event) {
    if (event.submitter && event.submitter.value !== "send") return;
    event.preventDefault();
    var form = event.target;
    send("POST", "/api/v1/questions/" + flagging.question_id + "/flags",
      { reason: form.reason.value, comment: form.comment.value, attempt_id: state.id }).then(function (res) {
      $("flag-message").textContent = res.data.message || res.data.error || "";
      if (res.status === 201) setTimeout(function () { $("flag-dialog").close(); form.comment.value = ""; }, 1200);
    }, function () { $("flag-message").textContent = "网络中断，请稍后再试。"; });
  });

  // ------------------------------------------------------------ start
  state.items.forEach(function (item) {   // answers kept locally but not yet on the server
    var mine = pending[item.position];
    item.draft = item.draft || [];
    if (mine && mine.draft && mine.synced) { delete pending[item.position]; mine = null; }  // the server's copy rules
    if (mine && mine.base === undefined && mine.seq > item.seq) mine.base = item.seq;  // kept by an older page
    if (mine && typeof mine.base === "number" && !locked(item) && !same(mine.answer, item.answer)) item.answer = mine.answer;
    else delete pending[item.position];
    if (!pending[item.position] && hasAnswer(item.draft) && held(item) && !locked(item)) {  // kept on the server
      pending[item.position] = { answer: item.draft, base: item.seq, draft: true, synced: true };
      item.answer = item.draft;
    }
  });
  keep();
  $("prev").addEventListener("click", function () { if (current > 0) show(current - 1); });
  $("next").addEventListener("click", function () { if (current < state.items.length - 1) show(current + 1); });
  $("retry").addEventListener("click", resume);
  function leaving() {  // the page is hidden or closed: a draft stays here, anything else goes now
    if (closed) return;
    if (!held(state.items[current])) keepTyped(state.items[current]);
    flush(true);  // keepalive: the request outlives the page
    syncDrafts(true);
  }
  window.addEventListener("pagehide", leaving);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") leaving(); });
  $("submit").addEventListener("click", function () { submit(false); });
  window.addEventListener("online", resume);
  var firstOpen = state.items.findIndex(function (i) { return !hasAnswer(i.answer) || isDraft(i.position); });
  current = firstOpen < 0 ? 0 : firstOpen;
  draw();
  var restored = [];
  if (state.answered) restored.push("已恢复 " + state.answered + " 题的答案");
  if (drafts().length) restored.push("未确认 " + drafts().length + " 题");
  setSaveState(Object.keys(pending).some(sent) ? "有未保存的答案，正在重试…" : restored.join("，"), false);
  flush();
  syncDrafts();
  tick();
}());
