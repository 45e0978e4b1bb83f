/* claimcheck review page: filters, details with word diffs, speaker tips, keyboard navigation.
   Text from the articles is only ever set with textContent, never parsed as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("claimcheck-data").textContent);
  var pieces = {};   // item id -> every element of the item (an item cut by a paragraph has several)
  Array.prototype.forEach.call(document.querySelectorAll("#articles [data-id]"), function (el) {
    (pieces[el.dataset.id] = pieces[el.dataset.id] || []).push(el);
  });
  var firsts = Array.prototype.filter.call(document.querySelectorAll("#articles [data-id][id]"), function (el) {
    return data[el.dataset.id];
  });
  var main = document.querySelector("main");
  var detail = document.getElementById("detail");
  var detailBody = document.getElementById("detail-body");
  var tip = document.getElementById("tip");
  var form = document.getElementById("filters");
  var selected = null;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  function each(id, fn) { (pieces[id] || []).forEach(fn); }

  /* --- filters ------------------------------------------------------------------ */
  function checked(name) {
    return Array.prototype.filter.call(form.querySelectorAll("input[name=" + name + "]"),
      function (i) { return i.checked; }).map(function (i) { return i.value; });
  }

  function wanted() {
    return { status: checked("status"), kind: checked("kind"), article: checked("article"),
             flag: form.elements.flag.value, speaker: form.elements.speaker.value };
  }

  function matches(item, f) {
    if (f.status.indexOf(item.status) < 0 || f.kind.indexOf(item.kind) < 0) { return false; }
    if (f.article.indexOf(item.article) < 0) { return false; }
    if (f.flag && item.flags.indexOf(f.flag) < 0) { return false; }
    if (f.speaker && item.speaker !== f.speaker) { return false; }
    return true;
  }

  function applyFilters() {
    var f = wanted(), shown = 0, total = 0;
    Object.keys(data).forEach(function (id) {
      var on = matches(data[id], f);
      total += 1;
      if (on) { shown += 1; }
      each(id, function (e) { e.classList.toggle("off", !on); });
    });
    Array.prototype.forEach.call(document.querySelectorAll("#articles article"), function (a) {
      a.hidden = f.article.indexOf(a.dataset.article) < 0;
    });
    document.getElementById("shown").textContent = shown + " of " + total + " items match the filters";
  }
  form.addEventListener("change", applyFilters);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });

  /* --- details ------------------------------------------------------------------ */
  function diffLine(ops) {
    var p = el("p", null, "diff");
    ops.forEach(function (op, i) {
      if (i) { p.appendChild(document.createTextNode(" ")); }
      var tag = op[0] === "delete" ? "del" : op[0] === "insert" ? "ins" : "span";
      var e = el(tag, op[1]);
      if (tag !== "span") { e.setAttribute("aria-label", (tag === "del" ? "removed: " : "added: ") + op[1]); }
      p.appendChild(e);
    });
    return p;
  }

  function verdictLine(review) {
    var text = "Verdict: " + review.verdict + (review.reviewer ? " by " + review.reviewer : "") +
      (review.date ? ", " + review.date : "") + (review.note ? ". " + review.note : "");
    var p = el("p", text);
    if (review.stale) {
      p.appendChild(el("strong", " Stale: the wording changed since the review; it read “" +
        (review.reviewed_text || "") + "”."));
    }
    return p;
  }

  function clearMarks() {
    Array.prototype.forEach.call(document.querySelectorAll(".selected, .counterpart"), function (e) {
      e.classList.remove("selected", "counterpart");
    });
  }

  function goTo(id) {
    var target = document.getElementById(id);
    if (!target || !data[id]) { return; }
    var art = target.closest("article");
    if (art && art.hidden) {  // bring back a filtered-out outlet rather than jump to nothing
      var box = form.querySelector("input[name=article][value=\"" + CSS.escape(art.dataset.article) + "\"]");
      if (box) { box.checked = true; applyFilters(); }
    }
    select(id, true);
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center" });
  }

  function select(id, focusStays) {
    var item = data[id];
    if (!item) { return; }
    clearMarks();
    selected = id;
    each(id, function (e) { e.classList.add("selected"); });
    detailBody.textContent = "";
    detailBody.appendChild(el("p", (item.kind === "quote" ? "Quote" : "Sentence") + " · " + item.statusLabel +
      " · " + item.outlet + (item.occurrences > 1 ? " · printed " + item.occurrences + " times in this article" : "")));
    if (item.kind === "quote") { detailBody.appendChild(el("p", "Speaker: " + item.said)); }
    var bq = el("blockquote", item.text);
    detailBody.appendChild(bq);
    detailBody.appendChild(el("p", null)).appendChild(el("code", id));
    if (item.review) { detailBody.appendChild(verdictLine(item.review)); }
    detailBody.appendChild(el("h3", item.matches.length ? "Matches in other articles (" +
      (item.moreMatches ? item.matches.length + " of " + (item.matches.length + item.moreMatches) : item.matches.length) + ")"
      : "Found in no other article"));
    if (item.matches.length) {
      var ol = el("ol");
      item.matches.forEach(function (m) {
        var li = el("li");
        li.className = "match";
        li.appendChild(el("strong", m.outlet));
        li.appendChild(document.createTextNode(": " + m.relation + ", score " + m.score.toFixed(1) +
          (m.speaker ? " · " + m.speaker : "")));
        m.flags.concat(m.changed).forEach(function (f) { li.appendChild(el("span", f, "lbl lbl-flag")); });
        if (m.same_origin) { li.appendChild(el("p", m.same_origin + ": not independent")); }
        li.appendChild(m.diff.length ? diffLine(m.diff) : el("p", "“" + m.text + "”"));
        if (m.where === "page") {
          var b = el("button", "Go to it in " + m.outlet);
          b.type = "button";
          b.addEventListener("click", function () { goTo(m.id); });
          li.appendChild(b);
        } else if (m.where === "copy") {
          li.appendChild(el("p", "In an exact copy of " + m.copyOf + ", where it is marked: " + m.id));
        } else {
          li.appendChild(el("p", "In the archive, not on this page: " + m.id));
        }
        ol.appendChild(li);
        each(m.id, function (e) { e.classList.add("counterpart"); });
      });
      detailBody.appendChild(ol);
    }
    if (item.moreMatches) {
      detailBody.appendChild(el("p", "And " + item.moreMatches + " more matches, every one in cluster " + item.cluster +
        " (report.json names them)."));
    }
    detail.hidden = false;
    main.classList.add("has-detail");
    if (!focusStays && item.matches.length) {
      var other = document.getElementById(item.matches[0].id);
      if (other) { other.scrollIntoView({ block: "nearest" }); }
    }
  }

  function closeDetail() {
    detail.hidden = true;
    main.classList.remove("has-detail");
    clearMarks();
    var back = selected && document.getElementById(selected);
    selected = null;
    if (back) { back.focus(); }
  }
  document.getElementById("detail-close").addEventListener("click", closeDetail);

  function itemOf(target) {
    var e = target.closest && target.closest("#articles [data-id]");
    // the innermost item: a quote inside a sentence wins
    return e && data[e.dataset.id] ? e : null;
  }

  document.getElementById("articles").addEventListener("click", function (ev) {
    var e = itemOf(ev.target);
    if (e && !e.classList.contains("off")) { select(e.dataset.id); }
  });

  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a[data-go]");
    if (a) { ev.preventDefault(); goTo(a.dataset.go); }
  });

  /* --- speaker on hover and focus ---------------------------------------------- */
  function showTip(e) {
    var item = data[e.dataset.id];
    if (!item) { return; }
    tip.textContent = (item.kind === "quote" ? item.said + " · " : "") + item.statusLabel;
    tip.hidden = false;
    var r = e.getBoundingClientRect();
    tip.style.left = Math.max(4, window.scrollX + r.left) + "px";
    tip.style.top = (window.scrollY + r.top - tip.offsetHeight - 4) + "px";
    e.setAttribute("aria-describedby", "tip");
  }
  function hideTip(e) {
    tip.hidden = true;
    if (e) { e.removeAttribute("aria-describedby"); }
  }
  var articles = document.getElementById("articles");
  articles.addEventListener("mouseover", function (ev) { var e = itemOf(ev.target); if (e) { showTip(e); } });
  articles.addEventListener("mouseout", function (ev) { hideTip(itemOf(ev.target)); });
  articles.addEventListener("focusin", function (ev) { var e = itemOf(ev.target); if (e) { showTip(e); } });
  articles.addEventListener("focusout", function (ev) { hideTip(itemOf(ev.target)); });

  /* --- keyboard ------------------------------------------------------------------ */
  function move(step) {
    var visible = firsts.filter(function (e) { return !e.classList.contains("off") && !e.closest("article").hidden; });
    if (!visible.length) { return; }
    var at = visible.indexOf(document.activeElement);
    if (at < 0 && selected) { at = visible.indexOf(document.getElementById(selected)); }
    var next = visible[at < 0 ? (step > 0 ? 0 : visible.length - 1) : (at + step + visible.length) % visible.length];
    next.focus();
  }
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (t.closest && t.closest("input, select, textarea, button") && ev.key !== "Escape") { return; }
    if (ev.altKey || ev.ctrlKey || ev.metaKey) { return; }
    if (ev.key === "j") { ev.preventDefault(); move(1); }
    else if (ev.key === "k") { ev.preventDefault(); move(-1); }
    else if (ev.key === "Escape" && !detail.hidden) { ev.preventDefault(); closeDetail(); }
    else if ((ev.key === "Enter" || ev.key === " ") && t.dataset && data[t.dataset.id]) {
      ev.preventDefault();
      select(t.dataset.id);
      document.getElementById("detail-h").focus();  // Tab then reaches the matches' buttons; Esc comes back
    }
  });

  applyFilters();
  document.documentElement.classList.add("js");
}());
