/* Progressive enhancement for the needs and offers tables: filters and sorting.
   Without JavaScript every table is complete and readable. No third-party code. */
(function () {
  "use strict";
  function setup() {
    document.querySelectorAll("form[data-pfp-filter]").forEach(function (form) {
      var table = document.getElementById(form.getAttribute("data-pfp-filter"));
      if (!table || form.dataset.ready) return;
      form.dataset.ready = "1";
      form.hidden = false;
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      var out = form.querySelector("[data-pfp-count]");
      function apply() {
        var shown = 0;
        var min = parseFloat(form.elements.amount.value);
        rows.forEach(function (row) {
          var ok = ["area", "kind", "status", "state"].every(function (name) {
            var v = form.elements[name].value;
            return !v || row.dataset[name] === v;
          });
          if (ok && !isNaN(min)) ok = row.dataset.amount !== "" && parseFloat(row.dataset.amount) >= min;
          row.hidden = !ok;
          if (ok) shown += 1;
        });
        if (out) {
          var template = out.getAttribute("data-template") || "{shown} / {total}";
          out.textContent = template.replace("{shown}", shown).replace("{total}", rows.length);
        }
      }
      form.addEventListener("input", apply);
      form.addEventListener("change", apply);
      form.addEventListener("reset", function () { setTimeout(apply, 0); });
      form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
      apply();
    });
    document.querySelectorAll("table[data-pfp-sortable]").forEach(function (table) {
      if (table.dataset.ready) return;
      table.dataset.ready = "1";
      var heads = table.tHead ? table.tHead.rows[0].cells : [];
      Array.prototype.forEach.call(heads, function (th, index) {
        var button = document.createElement("button");
        button.type = "button";
        while (th.firstChild) button.appendChild(th.firstChild);
        th.appendChild(button);
        button.addEventListener("click", function () {
          var asc = th.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", asc ? "ascending" : "descending");
          var numeric = th.dataset.sort === "number";
          var body = table.tBodies[0];
          var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
            var x = a.cells[index], y = b.cells[index];
            var p = x.dataset.value !== undefined ? x.dataset.value : x.textContent.trim();
            var q = y.dataset.value !== undefined ? y.dataset.value : y.textContent.trim();
            var r = numeric ? (parseFloat(p) || 0) - (parseFloat(q) || 0) : p.localeCompare(q);
            return asc ? r : -r;
          });
          sorted.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  }
  if (typeof document$ !== "undefined" && document$.subscribe) { document$.subscribe(setup); }
  else if (document.readyState !== "loading") { setup(); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
