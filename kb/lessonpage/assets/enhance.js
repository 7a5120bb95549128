// Progressive enhancement of the lessons page. Without it everything still
// works through links and the form; with it:
//   - changing the sort order searches again at once;
//   - "/" moves the focus to the search box (unless typing in a field);
//   - after a search, filter or page change the focus starts at the
//     results, so keyboard and screen-reader users land on what changed.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var sort = document.getElementById("sort");
  var box = document.getElementById("q");
  if (form && sort) {
    sort.addEventListener("change", function () { form.submit(); });
  }
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || !box) return;
    var t = e.target && e.target.tagName;
    if (t === "INPUT" || t === "TEXTAREA" || t === "SELECT") return;
    e.preventDefault();
    box.focus();
    box.select();
  });
  var results = document.getElementById("results");
  var params = new URLSearchParams(window.location.search);
  var moved = ["q", "kind", "outcome", "industry", "reason_category", "page", "similar"].some(function (p) { return params.has(p); });
  if (results && moved && !document.querySelector(".problems")) {
    results.focus({ preventScroll: true });
  }
  document.documentElement.classList.add("js");
})();
