// The review queue's keys: j/k next/previous, c confirm, x reject, e edit (Enter saves, Esc closes the form).
// After a decision htmx swaps the item in place; the next unchecked item takes the focus.
(function () {
  "use strict";
  function items() { return Array.from(document.querySelectorAll("#queue > li.review-item")); }
  function current() {
    var el = document.activeElement && document.activeElement.closest && document.activeElement.closest("li.review-item");
    return el || document.querySelector("#queue > li.review-item.current");
  }
  function focusItem(el) {
    if (!el) return;
    items().forEach(function (i) { i.classList.remove("current"); });
    el.classList.add("current");
    el.focus({preventScroll: true});
    el.scrollIntoView({block: "nearest"});
  }
  function move(step, undoneOnly) {
    var all = items(), at = all.indexOf(current());
    for (var i = at + step; i >= 0 && i < all.length; i += step) {
      if (!undoneOnly || !all[i].dataset.done) { focusItem(all[i]); return; }
    }
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var tag = (ev.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea") {
      if (ev.key === "Escape") {
        var d = ev.target.closest("details"); if (d) { d.open = false; focusItem(ev.target.closest("li.review-item")); }
      }
      return;
    }
    var item = current();
    if (ev.key === "j") { move(1, false); ev.preventDefault(); }
    else if (ev.key === "k") { move(-1, false); ev.preventDefault(); }
    else if (item && (ev.key === "c" || ev.key === "x")) {
      var b = item.querySelector('button[data-action="' + (ev.key === "c" ? "confirm" : "reject") + '"]');
      if (b) { b.click(); ev.preventDefault(); }
    } else if (item && ev.key === "e") {
      var det = item.querySelector("details.correct");
      if (det) { det.open = true; var f = det.querySelector("input:not([type=hidden]), select"); if (f) f.focus(); ev.preventDefault(); }
    }
  });
  var swapping = "";
  document.addEventListener("htmx:beforeRequest", function (ev) {
    var t = ev.detail.target; swapping = t && t.id ? t.id : "";
  });
  document.addEventListener("htmx:afterSettle", function () {
    var li = swapping && document.getElementById(swapping);
    if (li && li.matches("li.review-item") && li.dataset.done) { focusItem(li); move(1, true); }
  });
  document.addEventListener("DOMContentLoaded", function () { var all = items(); if (all.length) focusItem(all[0]); });
})();
