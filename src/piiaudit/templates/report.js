(function () {
  "use strict";
  var table = document.getElementById("contacts");
  if (!table) { return; }
  var bodies = Array.prototype.slice.call(table.querySelectorAll("tbody.contact"));
  var kind = document.getElementById("filter-kind");
  var level = document.getElementById("filter-level");
  var category = document.getElementById("filter-category");
  var sort = document.getElementById("sort");
  var count = document.getElementById("count");

  function matches(body) {
    if (kind.value && body.getAttribute("data-kind") !== kind.value) { return false; }
    if (level.value && body.getAttribute("data-level") !== level.value) { return false; }
    if (category.value) {
      var cats = body.getAttribute("data-categories").split(" ");
      if (cats.indexOf(category.value) < 0) { return false; }
    }
    return true;
  }

  function applyFilters() {
    var shown = 0;
    bodies.forEach(function (body) {
      var ok = matches(body);
      body.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = count.getAttribute("data-template")
      .replace("{shown}", String(shown))
      .replace("{total}", String(bodies.length));
  }

  function applySort() {
    var mode = sort.value;
    var sorted = bodies.slice().sort(function (a, b) {
      var sa = Number(a.getAttribute("data-score"));
      var sb = Number(b.getAttribute("data-score"));
      // at the same score the owner's private contacts come after the others, as the
      // report lists them (view.riskiest_first)
      var pa = a.getAttribute("data-kind") === "private" ? 1 : 0;
      var pb = b.getAttribute("data-kind") === "private" ? 1 : 0;
      var diff = 0;
      if (mode === "risk-desc") { diff = sb - sa || pa - pb; }
      if (mode === "risk-asc") { diff = sa - sb || pb - pa; }
      return diff || Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
    });
    sorted.forEach(function (body) { table.appendChild(body); });
  }

  [kind, level, category].forEach(function (el) { el.addEventListener("change", applyFilters); });
  sort.addEventListener("change", applySort);
  document.getElementById("controls").hidden = false;
  applySort();
  applyFilters();
}());
