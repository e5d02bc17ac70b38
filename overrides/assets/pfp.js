/* Progressive enhancement for the site's tables: sorting, and for the needs and offers lists their
   filters, kept in the page's address, and "Download these rows". Without JavaScript every table is
   complete and readable (the filter form is not shown). No third-party code, no inline script; data
   reaches the page only as text (textContent, attributes), never as markup.

   The address of a list says what it shows: ?area=clearance&status=open&amount=100000&sort=-amount
   (a minus sign: descending). Each change adds a history entry, so the back button returns to the
   previous choice, and a shared or bookmarked address shows the same rows. */
(function () {
  "use strict";
  var FILTERS = ["area", "kind", "status", "state", "amount"];
  var slice = Array.prototype.slice;

  // --- sorting --------------------------------------------------------------------------------------
  function sortable(table) {
    if (table.pfpSort) return table.pfpSort;
    var body = table.tBodies[0];
    var original = slice.call(body.rows);  // the order the page was written in
    var heads = table.tHead ? slice.call(table.tHead.rows[0].cells) : [];
    var current = "";
    var listeners = [];
    function keyOf(th, index) { return th.getAttribute("data-key") || String(index); }
    function apply(key, asc) {
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      var index = heads.findIndex(function (th, i) { return keyOf(th, i) === key; });
      if (index < 0) {
        current = "";
        original.forEach(function (row) { body.appendChild(row); });
        return;
      }
      var th = heads[index];
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var numeric = th.dataset.sort === "number";
      var sorted = original.slice().sort(function (a, b) {
        var x = a.cells[index], y = b.cells[index];
        var p = x.dataset.value !== undefined ? x.dataset.value : x.textContent.trim();
        var q = y.dataset.value !== undefined ? y.dataset.value : y.textContent.trim();
        var r = numeric ? (parseFloat(p) || 0) - (parseFloat(q) || 0) : p.localeCompare(q);
        return asc ? r : -r;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
      current = (asc ? "" : "-") + key;
    }
    heads.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        apply(keyOf(th, index), th.getAttribute("aria-sort") !== "ascending");
        listeners.forEach(function (f) { f(); });
      });
    });
    table.pfpSort = {
      // "amount" ascending, "-amount" descending, "" the page's own order
      set: function (value) {
        var desc = value.charAt(0) === "-";
        apply(desc ? value.slice(1) : value, !desc);
      },
      get: function () { return current; },
      onChange: function (f) { listeners.push(f); },
    };
    return table.pfpSort;
  }

  // --- the page's address ---------------------------------------------------------------------------
  function readAddress() {
    var params = new URLSearchParams(location.search);
    var state = { sort: params.get("sort") || "" };
    FILTERS.forEach(function (name) { state[name] = params.get(name) || ""; });
    return state;
  }

  function writeAddress(state, push) {
    var params = new URLSearchParams(location.search);  // other parameters (search's ?h=) are kept
    FILTERS.concat(["sort"]).forEach(function (name) {
      if (state[name]) params.set(name, state[name]); else params.delete(name);
    });
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url === location.pathname + location.search + location.hash) return;
    history[push ? "pushState" : "replaceState"](history.state, "", url);
  }

  // --- CSV ------------------------------------------------------------------------------------------
  function parseCsv(text) {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    var rows = [], row = [], field = "", quoted = false;
    for (var i = 0; i < text.length; i += 1) {
      var c = text.charAt(i);
      if (quoted) {
        if (c === '"' && text.charAt(i + 1) === '"') { field += '"'; i += 1; }
        else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") { row.push(field); field = ""; }
      else if (c === "\r" || c === "\n") {
        if (c === "\r" && text.charAt(i + 1) === "\n") i += 1;
        row.push(field); rows.push(row); row = []; field = "";
      } else field += c;
    }
    if (field !== "" || row.length) { row.push(field); rows.push(row); }
    return rows;
  }

  function csvLine(cells) {
    return cells.map(function (cell) {
      return /[",\r\n]/.test(cell) ? '"' + cell.replace(/"/g, '""') + '"' : cell;
    }).join(",");
  }

  // The rows shown, in the order shown, taken from the page's CSV files (same columns, same cells).
  function download(button, rows, done) {
    var urls = (button.getAttribute("data-pfp-download") || "").split(/\s+/).filter(Boolean);
    Promise.all(urls.map(function (url) {
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": HTTP " + r.status);
        return r.text();
      });
    })).then(function (texts) {
      var header = null, byId = {};
      texts.forEach(function (text) {
        var table = parseCsv(text);
        if (!table.length) return;
        if (header && header.join() !== table[0].join()) throw new Error("the CSV files have different columns");
        header = table[0];
        table.slice(1).forEach(function (cells) { byId[cells[0]] = cells; });
      });
      var shown = rows.filter(function (row) { return !row.hidden; }).map(function (row) { return row.dataset.id; });
      var missing = shown.filter(function (id) { return !byId[id]; });
      if (!header || missing.length) throw new Error("not in the CSV files: " + missing.join(" "));
      var lines = [csvLine(header)].concat(shown.map(function (id) { return csvLine(byId[id]); }));
      var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = urls[0].split("/").pop().replace(/\.csv$/, "") + "-selection.csv";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
      done("");
    }).catch(function (error) {
      if (window.console) console.error("pfp: download these rows:", error);
      done(button.getAttribute("data-pfp-error") || "");
    });
  }

  // --- a list's filters -----------------------------------------------------------------------------
  function filterForm(form) {
    var table = document.getElementById(form.getAttribute("data-pfp-filter"));
    if (!table || form.dataset.ready) return;
    form.dataset.ready = "1";
    var rows = slice.call(table.tBodies[0].rows);
    var sort = sortable(table);
    var out = form.querySelector("[data-pfp-count]");
    var typing = false;  // a number being typed is one history entry, not one per key

    function allowed(name) {
      var select = form.elements[name];
      var option = select.options[select.selectedIndex];
      return option && option.value ? (option.getAttribute("data-matches") || option.value).split(" ") : null;
    }
    function apply() {
      var keep = {};
      ["area", "kind", "status", "state"].forEach(function (name) { keep[name] = allowed(name); });
      var min = parseFloat(form.elements.amount.value);
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Object.keys(keep).every(function (name) {
          return !keep[name] || keep[name].indexOf(row.dataset[name]) >= 0;
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
    function current() {
      var state = { sort: sort.get() };
      FILTERS.forEach(function (name) { state[name] = form.elements[name].value.trim(); });
      return state;
    }
    function show(state) {  // the form and the table as an address says
      ["area", "kind", "status", "state"].forEach(function (name) {
        var select = form.elements[name];
        var known = slice.call(select.options).some(function (o) { return o.value === state[name]; });
        select.value = known ? state[name] : "";
      });
      var amount = parseFloat(state.amount);
      form.elements.amount.value = isNaN(amount) || amount < 0 ? "" : state.amount;
      sort.set(state.sort);
      showSort();
      apply();
    }
    function showSort() {  // the "Sort by" drop-down says how the table is sorted (by it or by a heading)
      var select = form.elements.sort;
      if (!select) return;
      var known = slice.call(select.options).some(function (o) { return o.value === sort.get(); });
      select.value = known ? sort.get() : "";
    }

    show(readAddress());
    form.addEventListener("change", function (event) {
      typing = false;
      if (event.target === form.elements.sort) sort.set(event.target.value);
      apply();
      writeAddress(current(), true);
    });
    form.elements.amount.addEventListener("input", function () {
      apply();
      writeAddress(current(), !typing);
      typing = true;
    });
    form.addEventListener("reset", function () {
      setTimeout(function () { sort.set(""); apply(); writeAddress(current(), true); }, 0);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    sort.onChange(function () { showSort(); writeAddress(current(), true); });
    window.addEventListener("popstate", function () { typing = false; show(readAddress()); });

    var button = form.querySelector("[data-pfp-download]");
    if (button) {
      button.addEventListener("click", function () {
        button.disabled = true;
        download(button, rows, function (message) {
          button.disabled = false;
          if (message && out) out.textContent = message;
        });
      });
    }
  }

  function setup() {
    document.querySelectorAll("form[data-pfp-filter]").forEach(filterForm);
    document.querySelectorAll("table[data-pfp-sortable]").forEach(sortable);
  }
  if (typeof document$ !== "undefined" && document$.subscribe) { document$.subscribe(setup); }
  else if (document.readyState !== "loading") { setup(); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
