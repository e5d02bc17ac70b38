/* The form editor (/contribute/edit/): pick a State, change its entries in forms, take the new file.

   The forms, their choices and their limits are in the page (build_hooks/site/editor.py derives them
   from the model); the State files come from the editor's data (contribute/edit/states.json, written
   by the build: consent-filtered). The new file is written by PfpYaml.dump (assets/pfp-yaml.js), the
   same canonical layout as `pfp format`. Nothing is sent anywhere. No third-party code, no eval, no
   inline script; contributor text reaches the page only through textContent, value and setAttribute. */
(function () {
  "use strict";

  /* The day the checks use: UTC, as the validator's "today" (a date after it is refused). */
  function today() { return new Date().toISOString().slice(0, 10); }

  function copy(value) { return value === undefined ? undefined : JSON.parse(JSON.stringify(value)); }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function getPath(object, path) {
    var parts = path.split(".");
    for (var i = 0; i < parts.length; i++) {
      if (object === null || typeof object !== "object" || !(parts[i] in object)) return undefined;
      object = object[parts[i]];
    }
    return object;
  }

  function hasPath(object, path) {
    var parts = path.split(".");
    for (var i = 0; i < parts.length; i++) {
      if (object === null || typeof object !== "object" || !(parts[i] in object)) return false;
      object = object[parts[i]];
    }
    return true;
  }

  function setPath(object, path, value) {
    var parts = path.split(".");
    for (var i = 0; i < parts.length - 1; i++) {
      var next = object[parts[i]];
      if (next === null || typeof next !== "object" || Array.isArray(next)) { next = {}; object[parts[i]] = next; }
      object = next;
    }
    object[parts[parts.length - 1]] = value;
  }

  function deletePath(object, path) {
    var parts = path.split(".");
    for (var i = 0; i < parts.length - 1; i++) {
      object = object[parts[i]];
      if (object === null || typeof object !== "object") return;
    }
    delete object[parts[parts.length - 1]];
  }

  function isEmpty(value) {
    return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
  }

  /* Number of characters as the model counts them (code points, not UTF-16 units). */
  function length(text) { return Array.from(text).length; }

  var ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

  /* A date of the file (2027-12-31) written out in the page's language ("31 décembre 2027"), or "". */
  function sayDate(lang, value) {
    var m = ISO_DATE.exec(typeof value === "string" ? value : "");
    if (!m) return "";
    var day = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (isNaN(day.getTime()) || day.getUTCDate() !== +m[3]) return "";
    try {
      return new Intl.DateTimeFormat(lang || undefined, { dateStyle: "long", timeZone: "UTC" }).format(day);
    } catch (e) {
      return value;
    }
  }

  function sayNumber(lang, value) {
    try { return new Intl.NumberFormat(lang || undefined, { maximumFractionDigits: 20 }).format(value); }
    catch (e) { return String(value); }
  }

  function Editor(root) {
    this.root = root;
    this.messages = {};
    var self = this;
    root.querySelectorAll("[data-pfp-messages] [data-key]").forEach(function (node) {
      self.messages[node.getAttribute("data-key")] = node.textContent;
    });
    this.lang = document.documentElement.getAttribute("lang") || "";
    this.newLanguage = root.getAttribute("data-new-language") || "";
    this.reviewedKey = root.getAttribute("data-reviewed-key") || "";
    this.status = root.querySelector("[data-pfp-status]");
    this.saying = 0;  // the timer of the message about to be said (see announce, confirm, quiet)
    this.picker = root.querySelector("[data-pfp-pick]");
    this.select = this.picker.querySelector("select");
    this.file = root.querySelector("[data-pfp-file]");
    this.fileTitle = root.querySelector("[data-pfp-file-title]");
    this.withheld = root.querySelector("[data-pfp-withheld]");
    this.output = root.querySelector("[data-pfp-output]");
    this.text = root.querySelector("[data-pfp-text]");
    this.reviewed = root.querySelector("[data-pfp-reviewed]");
    this.forms = {};
    root.querySelectorAll("form[data-pfp-form]").forEach(function (form) {
      self.forms[form.getAttribute("data-pfp-form")] = form;
      self.wireForm(form);
    });
    root.querySelectorAll("[data-pfp-add]").forEach(function (button) {
      button.addEventListener("click", function () { self.openForm(button.getAttribute("data-pfp-add"), null, false, button); });
    });
    this.picker.addEventListener("submit", function (event) { event.preventDefault(); self.pick(); });
    this.reviewed.addEventListener("change", function () { self.setReviewed(); });
    root.querySelector("[data-pfp-copy]").addEventListener("click", function () { self.copyText(); });
    root.querySelector("[data-pfp-download]").addEventListener("click", function () { self.download(); });
    this.data = null;
    this.state = null;
  }

  Editor.prototype.msg = function (key, values) {
    var text = this.messages[key] || key;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(String(values[name])); });
    return text;
  };

  /* A new text node a moment after the region is emptied: screen readers announce it even when the words repeat. */
  var SAY_DELAY = 50;

  Editor.prototype.announce = function (text) {
    var status = this.status;
    this.quiet();
    this.saying = window.setTimeout(function () { status.textContent = text; }, SAY_DELAY);
  };

  /* Empties the page's status and every confirmation: only the latest message shows. */
  Editor.prototype.quiet = function () {
    window.clearTimeout(this.saying);  // a message still waiting to be said is not said: a newer one replaces it
    this.status.textContent = "";
    this.root.querySelectorAll("[data-pfp-said]").forEach(function (region) { region.textContent = ""; });
  };

  /* What was just done, said next to the control that did it (a polite live region there), not at the top of
     the page where a focal point at its bottom never sees it; then shown whole, with `around` (its entry). */
  Editor.prototype.confirm = function (region, text, around) {
    var self = this;
    this.quiet();
    this.saying = window.setTimeout(function () {
      region.textContent = text;
      self.reveal(around || region);
    }, SAY_DELAY);
  };

  /* The confirmation region of an entry of a list (made the first time it is needed; a list drawn again has none). */
  Editor.prototype.itemRegion = function (item) {
    var region = item.querySelector("[data-pfp-said]");
    if (region) return region;
    region = el("p", "pfp-editor-said");
    region.setAttribute("role", "status");
    region.setAttribute("data-pfp-said", "");
    item.appendChild(region);
    return region;
  };

  /* Where a confirmation about `control` is said: in its entry, or under its list's "Add" button. */
  Editor.prototype.regionNear = function (control, kind) {
    var item = control && control.closest(".pfp-editor-item");
    return item ? this.itemRegion(item) : this.root.querySelector('[data-pfp-said="' + kind + '"]');
  };

  /* Scrolls `node` into the part of the window that nothing floats over: below the theme's sticky header and
     below the place of its "Back to top" button (navigation.top), which shows whenever the page scrolls up,
     as it does to reach a saved entry; above the window's bottom. WCAG 2.4.11: focus not obscured. */
  Editor.prototype.reveal = function (node) {
    var top = 0;
    document.querySelectorAll(".md-header, .md-top").forEach(function (bar) {
      var box = bar.getBoundingClientRect();
      if (box.height > 0) top = Math.max(top, box.bottom);
    });
    var bottom = window.innerHeight;  // and above the theme's toast (.md-dialog, fixed at the bottom), shown or not
    document.querySelectorAll(".md-dialog").forEach(function (toast) {
      var box = toast.getBoundingClientRect();
      if (box.height > 0) bottom = Math.min(bottom, box.top);
    });
    var gap = 8;
    var box = node.getBoundingClientRect();
    var by = 0;
    if (box.top < top + gap) by = box.top - top - gap;
    else if (box.bottom > bottom - gap) by = Math.min(box.bottom - bottom + gap, box.top - top - gap);
    if (by !== 0) window.scrollBy({ top: by, left: 0, behavior: "instant" });
  };

  // --- opening a State's file ---------------------------------------------------------------

  Editor.prototype.pick = function () {
    var code = this.select.value;
    if (!code) {
      this.select.setAttribute("aria-invalid", "true");
      this.announce(this.msg("error_choose"));
      this.select.focus();
      return;
    }
    this.select.removeAttribute("aria-invalid");
    var name = this.select.options[this.select.selectedIndex].textContent;
    var self = this;
    this.announce(this.msg("loading", { state: name }));
    this.fetchData().then(function (data) {
      if (!data.states[code] || typeof window.PfpYaml === "undefined") throw new Error("no data");
      self.open(code, name, data.states[code]);
    }).catch(function () {
      self.announce(self.msg("load_failed"));
    });
  };

  Editor.prototype.fetchData = function () {
    if (this.data) return Promise.resolve(this.data);
    var self = this;
    var src = this.root.getAttribute("data-src");
    return fetch(new URL(src, window.location.href).href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (data) { self.data = data; return data; });
  };

  Editor.prototype.open = function (code, name, entry) {
    var self = this;
    this.closeForms();
    this.state = {
      code: code,
      name: name,
      entry: entry,
      data: copy(entry.data),
      pristine: copy(entry.data),
      added: {},
    };
    this.fileTitle.textContent = this.msg("file_heading", { state: name });
    var withheld = entry.withheld || 0;
    this.withheld.hidden = withheld === 0;
    this.withheld.querySelector("[data-pfp-withheld-text]").textContent = this.msg("withheld", { count: withheld });
    this.reviewed.checked = false;
    Object.keys(this.forms).forEach(function (kind) { self.renderList(kind); });
    this.file.hidden = false;
    this.output.hidden = false;
    var link = this.output.querySelector("[data-pfp-edit-link]");
    if (link && entry.edit_url) {
      link.setAttribute("href", entry.edit_url);
      link.setAttribute("rel", "noopener");
    }
    var mail = this.output.querySelector("[data-pfp-mail]");
    if (mail) {
      var address = mail.getAttribute("href").split("?")[0];
      mail.setAttribute("href", address + "?subject=" + encodeURIComponent(this.msg("mail_subject", { file: code + ".yml" })));
    }
    this.root.querySelector("[data-pfp-output-label]").textContent = this.msg("output_label", { file: code + ".yml" });
    this.root.querySelector("[data-pfp-download]").textContent = this.msg("download", { file: code + ".yml" });
    this.write();
    var data = this.state.data;
    var count = function (kind) { return Array.isArray(data[kind]) ? data[kind].length : 0; };
    this.announce(this.msg("loaded", { state: name, needs: count("needs"), offers: count("offers"), challenges: count("challenges") }));
    this.fileTitle.focus();
  };

  Editor.prototype.write = function () {
    this.text.value = window.PfpYaml.dump(this.state.data, this.state.entry.comments, this.data.key_order);
  };

  // --- the lists of entries ------------------------------------------------------------------

  Editor.prototype.choiceLabel = function (form, path, value) {
    var control = form.querySelector('[data-path="' + path + '"]');
    if (!control || control.tagName !== "SELECT") return String(value);
    for (var i = 0; i < control.options.length; i++) {
      if (control.options[i].value === value) return control.options[i].textContent;
    }
    return String(value);
  };

  Editor.prototype.consentControl = function (form) {
    return form.querySelector('input[type="checkbox"][data-value="flag"]');
  };

  Editor.prototype.renderList = function (kind) {
    var self = this;
    var form = this.forms[kind];
    var list = this.root.querySelector('[data-pfp-list="' + kind + '"]');
    var empty = this.root.querySelector('[data-pfp-empty="' + kind + '"]');
    var entries = Array.isArray(this.state.data[kind]) ? this.state.data[kind] : [];
    while (list.firstChild) list.removeChild(list.firstChild);
    empty.hidden = entries.length > 0;
    var statusPath = form.getAttribute("data-status");
    var closed = (form.getAttribute("data-closed") || "").split(" ").filter(Boolean);
    var consent = this.consentControl(form);
    entries.forEach(function (entry) {
      var id = String(entry.id);
      var item = el("li", "pfp-editor-item");
      item.setAttribute("tabindex", "-1");
      item.setAttribute("data-id", id);
      var text = el("span", "pfp-editor-item-text");
      text.appendChild(el("span", "pfp-id", id));
      text.appendChild(document.createTextNode(" "));
      var title = el("span", "pfp-editor-item-title", entry.title === undefined ? "" : String(entry.title));
      var language = entry.language || "en";
      if (language !== self.lang) title.setAttribute("lang", language);
      text.appendChild(title);
      var facts = [];
      if (statusPath) facts.push(self.choiceLabel(form, statusPath, getPath(entry, statusPath)));
      // the amount and the period as a reader would say them: a date typed in the wrong order shows here
      var amount = form.querySelector('[data-path="amount.value"]') ? entry.amount : undefined;
      if (amount && typeof amount === "object" && typeof amount.value === "number") {
        facts.push(sayNumber(self.lang, amount.value) + (amount.currency ? "\u00a0" + String(amount.currency) : ""));
      }
      var period = form.querySelector('[data-path="period.start"]') ? entry.period : undefined;
      if (period && typeof period === "object") {
        var start = sayDate(self.lang, period.start) || (period.start ? String(period.start) : "");
        var end = sayDate(self.lang, period.end) || (period.end ? String(period.end) : "");
        if (start && end) facts.push(self.msg("period", { start: start, end: end }));
        else if (start) facts.push(self.msg("period_from", { start: start }));
        else if (end) facts.push(self.msg("period_until", { end: end }));
      }
      if (kind === "challenges" && entry.category !== undefined) facts.push(self.choiceLabel(form, "category", entry.category));
      var given = consent && getPath(entry, consent.getAttribute("data-path")) === consent.value;
      if (consent) facts.push(self.msg(given ? "consent_given" : "consent_withdrawn"));
      text.appendChild(el("span", "pfp-editor-item-facts", " · " + facts.join(" · ")));
      var badge = self.state.added[id] ? "added" : self.changed(kind, entry) ? "changed" : "";
      if (badge) {
        text.appendChild(document.createTextNode(" "));
        text.appendChild(el("span", "pfp-badge pfp-editor-new", self.msg(badge)));
      }
      item.appendChild(text);
      var actions = el("span", "pfp-editor-item-actions");
      var button = function (label, action) {
        var b = el("button", "md-button pfp-editor-small");
        b.type = "button";
        b.appendChild(document.createTextNode(label));
        b.appendChild(el("span", "pfp-sr", " " + id));
        b.addEventListener("click", function () { action(b); });
        actions.appendChild(b);
      };
      button(self.msg("change"), function (b) { self.openForm(kind, id, false, b); });
      if (statusPath && closed.length && closed.indexOf(getPath(entry, statusPath)) < 0) {
        button(self.msg("close"), function (b) { self.openForm(kind, id, true, b); });
      }
      if (consent && given && !self.state.added[id]) {
        button(self.msg("withdraw"), function () { self.withdraw(id); });
      }
      if (self.state.added[id]) {
        button(self.msg("remove"), function () { self.remove(kind, id); });
      }
      item.appendChild(actions);
      list.appendChild(item);
    });
  };

  /* An entry of the file as it was opened that this session has changed (not yet proposed either). */
  Editor.prototype.changed = function (kind, entry) {
    var before = Array.isArray(this.state.pristine[kind]) ? this.state.pristine[kind] : [];
    for (var i = 0; i < before.length; i++) {
      if (before[i] && String(before[i].id) === String(entry.id)) return !same(before[i], entry);
    }
    return false;
  };

  Editor.prototype.entries = function (kind) {
    if (!Array.isArray(this.state.data[kind])) this.state.data[kind] = [];
    return this.state.data[kind];
  };

  Editor.prototype.find = function (kind, id) {
    var entries = Array.isArray(this.state.data[kind]) ? this.state.data[kind] : [];
    for (var i = 0; i < entries.length; i++) if (String(entries[i].id) === id) return i;
    return -1;
  };

  /* Focus on an entry of a list, with what was done to it said in it. */
  Editor.prototype.focusItem = function (kind, id, text) {
    var item = this.root.querySelector('[data-pfp-list="' + kind + '"] [data-id="' + id + '"]');
    if (!item) return;
    item.focus({ preventScroll: true });
    this.confirm(this.itemRegion(item), text, item);
  };

  Editor.prototype.withdraw = function (id) {
    var form = this.forms.challenges;
    var consent = this.consentControl(form);
    var index = this.find("challenges", id);
    if (index < 0 || !consent) return;
    setPath(this.state.data.challenges[index], consent.getAttribute("data-path"), consent.getAttribute("data-off"));
    this.closeForms();
    this.renderList("challenges");
    this.write();
    this.focusItem("challenges", id, this.msg("withdrawn", { id: id }));
  };

  Editor.prototype.remove = function (kind, id) {
    var index = this.find(kind, id);
    if (index < 0 || !this.state.added[id]) return;
    var entries = this.entries(kind);
    entries.splice(index, 1);
    if (entries.length === 0 && !Array.isArray(this.state.pristine[kind])) delete this.state.data[kind];
    delete this.state.added[id];
    this.closeForms();
    this.renderList(kind);
    this.write();
    var add = this.root.querySelector('[data-pfp-add="' + kind + '"]');
    add.focus();
    this.confirm(this.regionNear(add, kind), this.msg("removed", { id: id }));
  };

  Editor.prototype.nextId = function (kind) {
    var letter = this.forms[kind].getAttribute("data-letter");
    var prefix = this.state.code + "-" + letter + "-";
    var next = (this.state.entry.next_number && this.state.entry.next_number[kind]) || 1;
    (Array.isArray(this.state.data[kind]) ? this.state.data[kind] : []).forEach(function (entry) {
      var id = String(entry.id);
      if (id.indexOf(prefix) === 0 && /^[0-9]+$/.test(id.slice(prefix.length))) {
        next = Math.max(next, parseInt(id.slice(prefix.length), 10) + 1);
      }
    });
    var digits = String(next);
    while (digits.length < 3) digits = "0" + digits;
    return prefix + digits;
  };

  Editor.prototype.setReviewed = function () {
    var key = this.reviewedKey;
    if (!this.state || !key) return;
    if (this.reviewed.checked) {
      this.state.data[key] = today();
    } else if (key in this.state.pristine) {
      this.state.data[key] = copy(this.state.pristine[key]);
    } else {
      delete this.state.data[key];
    }
    this.write();
    this.confirm(this.root.querySelector('[data-pfp-said="reviewed"]'), this.msg(this.reviewed.checked ? "reviewed" : "not_reviewed"));
  };

  // --- the forms -------------------------------------------------------------------------------

  Editor.prototype.controls = function (form) {
    return Array.prototype.slice.call(form.querySelectorAll("[data-path]"));
  };

  Editor.prototype.wireForm = function (form) {
    var self = this;
    form.addEventListener("submit", function (event) { event.preventDefault(); self.save(form); });
    form.querySelector("[data-pfp-cancel]").addEventListener("click", function () {
      var opener = form._opener;
      var kind = form.getAttribute("data-pfp-form");
      self.closeForms();
      if (opener && document.body.contains(opener)) opener.focus();
      else opener = null;
      self.confirm(self.regionNear(opener, kind), self.msg("cancelled"));
    });
    form.querySelector("[data-pfp-full]").addEventListener("click", function () {
      self.shorten(form, null);
      var first = self.controls(form)[0];
      if (first) first.focus();
    });
    form.querySelectorAll("[data-pfp-errors]").forEach(function (summary) {
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[data-target]");
        if (!link) return;
        event.preventDefault();
        var target = document.getElementById(link.getAttribute("data-target"));
        if (target) { target.focus(); target.scrollIntoView({ block: "center" }); }
      });
    });
    form.querySelectorAll('input[type="date"]').forEach(function (control) {
      var update = function () { self.sayDateOf(control); };
      control.addEventListener("input", update);
      control.addEventListener("change", update);
    });
    form.querySelectorAll(".pfp-hint").forEach(function (hint) { hint._pfpText = hint.textContent; });
    var statusPath = form.getAttribute("data-status");
    var statusControl = statusPath ? form.querySelector('[data-path="' + statusPath + '"]') : null;
    if (statusControl) {
      statusControl.addEventListener("change", function () {
        var closed = (form.getAttribute("data-closed") || "").split(" ").filter(Boolean);
        var hint = document.getElementById(statusControl.id + "-hint");
        if (hint && hint.classList.contains("pfp-closing") && closed.indexOf(statusControl.value) < 0) {
          hint.textContent = hint._pfpText || "";
          hint.classList.remove("pfp-closing");
        }
      });
    }
    form.querySelectorAll("[data-pfp-eligible]").forEach(function (set) {
      var select = set.querySelector("select");
      var listed = set.querySelector('[data-pfp-mode="listed"]');
      select.addEventListener("change", function () { if (select.selectedOptions.length) listed.checked = true; });
    });
  };

  /* The date chosen, written out under its field (its description; polite, and only when it changes). */
  Editor.prototype.sayDateOf = function (control) {
    var said = document.getElementById(control.id + "-said");
    if (!said) return;
    var text = control.validity && control.validity.badInput ? "" : sayDate(this.lang, control.value);
    if (said.textContent !== text) said.textContent = text;
  };

  Editor.prototype.closeForms = function () {
    var self = this;
    Object.keys(this.forms).forEach(function (kind) {
      var form = self.forms[kind];
      form.hidden = true;
      self.clearErrors(form);
    });
  };

  /* The form for a new entry (id null) or an entry of the list. Closing is a short step: the status only,
     with the first status that closes the entry already chosen and said in its hint, for the focal point to
     confirm by saving; "Show all the fields" gives the whole form, filled the same. */
  Editor.prototype.openForm = function (kind, id, closing, opener) {
    if (!this.state) return;
    var form = this.forms[kind];
    this.closeForms();
    this.quiet();
    var index = id === null ? -1 : this.find(kind, id);
    var entry = index >= 0 ? this.state.data[kind][index] : null;
    var newId = entry ? id : this.nextId(kind);
    form._editing = entry ? id : null;
    form._newId = newId;
    form._opener = opener || null;
    this.fill(form, entry);
    var statusPath = form.getAttribute("data-status");
    var target = closing && entry && statusPath ? form.querySelector('[data-path="' + statusPath + '"]') : null;
    if (target) this.preselectClosed(form, target, newId);
    this.shorten(form, target, entry);
    form.hidden = false;
    if (!target) target = this.controls(form)[0];
    if (target) target.focus();
  };

  /* The short step that closes an entry (`keep`: its status control) or, with null, the whole form. Hidden
     fields keep the values they were filled with, so saving writes what the whole form would. */
  Editor.prototype.shorten = function (form, keep, entry) {
    var short = !!keep;
    form.querySelectorAll(".pfp-field, .pfp-editor-block").forEach(function (part) {
      part.hidden = short && !part.contains(keep);
    });
    form.querySelector("[data-pfp-full]").hidden = !short;
    var named = form.querySelector("[data-pfp-form-entry]");
    named.hidden = !short;
    if (short && entry) {
      named.textContent = entry.title === undefined ? "" : String(entry.title);
      var language = entry.language || "en";
      if (language !== this.lang) named.setAttribute("lang", language);
      else named.removeAttribute("lang");
    }
    var id = form._editing === null ? form._newId : form._editing;
    var heading = form.getAttribute(short ? "data-close-heading" : form._editing !== null ? "data-change-heading" : "data-new-heading");
    form.querySelector("[data-pfp-form-title]").textContent = heading.split("{id}").join(id);
    if (short) form.setAttribute("data-pfp-short", "");
    else form.removeAttribute("data-pfp-short");
  };

  Editor.prototype.preselectClosed = function (form, control, id) {
    var closed = (form.getAttribute("data-closed") || "").split(" ").filter(Boolean);
    var option = Array.prototype.filter.call(control.options, function (o) { return closed.indexOf(o.value) >= 0; })[0];
    if (!option) return;
    control.value = option.value;
    var hint = document.getElementById(control.id + "-hint");
    if (!hint) return;
    var save = form.querySelector('button[type="submit"]');
    hint.textContent = this.msg("closing", { id: id, status: option.textContent, save: save ? save.textContent.trim() : "" });
    hint.classList.add("pfp-closing");
  };

  Editor.prototype.controlValue = function (control) {
    var kind = control.getAttribute("data-value");
    if (kind === "flag") return control.checked ? "on" : "off";
    if (kind === "eligible") {
      var set = control.closest("[data-pfp-eligible]");
      var mode = set.querySelector("[data-pfp-mode]:checked");
      var codes = Array.prototype.map.call(control.selectedOptions, function (o) { return o.value; });
      return (mode ? mode.getAttribute("data-pfp-mode") : "") + "|" + codes.join(" ");
    }
    return control.value;
  };

  Editor.prototype.fill = function (form, entry) {
    var self = this;
    var today_ = today();
    form._filled = [];
    form.querySelectorAll(".pfp-hint.pfp-closing").forEach(function (hint) {
      hint.textContent = hint._pfpText || "";
      hint.classList.remove("pfp-closing");
    });
    this.controls(form).forEach(function (control) {
      var path = control.getAttribute("data-path");
      var kind = control.getAttribute("data-value");
      var value = entry ? getPath(entry, path) : undefined;
      if (!entry && control.hasAttribute("data-default")) value = control.getAttribute("data-default");
      if (control.hasAttribute("data-not-future")) control.setAttribute("max", today_);
      if (control.type === "checkbox") {
        if (!control.hasAttribute("data-required")) control.setAttribute("data-required", control.required ? "1" : "");
        // A new challenge needs its consent given; unticking an existing one withdraws it.
        control.required = !entry && control.getAttribute("data-required") === "1";
        control.checked = value === control.value;
      } else if (kind === "eligible") {
        var set = control.closest("[data-pfp-eligible]");
        var any = set.querySelector('[data-pfp-mode="any"]');
        var listed = set.querySelector('[data-pfp-mode="listed"]');
        any.checked = value === control.getAttribute("data-any");
        listed.checked = Array.isArray(value);
        Array.prototype.forEach.call(control.options, function (option) {
          option.selected = Array.isArray(value) && value.indexOf(option.value) >= 0;
        });
      } else if (kind === "list") {
        control.value = Array.isArray(value) ? value.join(control.tagName === "TEXTAREA" ? "\n" : ", ") : "";
      } else {
        control.value = value === undefined || value === null ? "" : String(value);
      }
      form._filled.push([control, self.controlValue(control)]);
      if (control.type === "date") self.sayDateOf(control);
    });
  };

  /* The control's value as data, or undefined when it is empty. */
  Editor.prototype.read = function (control) {
    var kind = control.getAttribute("data-value");
    if (kind === "flag") return control.checked ? control.value : control.getAttribute("data-off");
    if (kind === "number") return control.value === "" ? undefined : Number(control.value);
    if (kind === "eligible") {
      var set = control.closest("[data-pfp-eligible]");
      var mode = set.querySelector("[data-pfp-mode]:checked");
      if (!mode) return undefined;
      if (mode.getAttribute("data-pfp-mode") === "any") return control.getAttribute("data-any");
      return Array.prototype.map.call(control.selectedOptions, function (o) { return o.value; });
    }
    if (kind === "list") {
      var items = control.value.split(control.tagName === "TEXTAREA" ? /\n/ : /[\s,;]+/);
      items = items.map(function (s) { return s.trim(); }).filter(Boolean);
      return items.length ? items : undefined;
    }
    var text = control.tagName === "TEXTAREA" ? control.value.replace(/^\n+/, "").replace(/\s+$/, "") : control.value.trim();
    return text === "" ? undefined : text;
  };

  /* The entry with the form's values: a control the focal point did not touch leaves the data as it was. */
  Editor.prototype.collect = function (form, base) {
    var self = this;
    var entry = copy(base) || {};
    var blocks = {};
    (form._filled || []).forEach(function (pair) {
      var control = pair[0];
      var path = control.getAttribute("data-path");
      if (path.indexOf(".") > 0) blocks[path.split(".")[0]] = true;
      if (base && self.controlValue(control) === pair[1]) return;
      var value = self.read(control);
      var before = getPath(base, path);
      if (value === undefined) {
        if (isEmpty(before) && hasPath(base, path)) return;  // written empty in the file: left so
        deletePath(entry, path);
        return;
      }
      if (Array.isArray(value) && Array.isArray(before) && same(value.slice().sort(), before.slice().sort())) return;
      if (typeof value === "number" && before === value) return;
      setPath(entry, path, value);
    });
    Object.keys(blocks).forEach(function (name) {
      var block = entry[name];
      if (block && typeof block === "object" && !Array.isArray(block) && Object.keys(block).length === 0 && !(base && name in base)) {
        delete entry[name];
      }
    });
    return entry;
  };

  Editor.prototype.save = function (form) {
    var kind = form.getAttribute("data-pfp-form");
    if (!this.check(form)) return;
    var id = form._editing;
    var index = id === null ? -1 : this.find(kind, id);
    var before = index >= 0 ? this.state.data[kind][index] : null;
    var entry = this.collect(form, before);
    var today_ = today();
    if (!before) {
      id = form._newId;
      var fresh = { id: id };
      Object.keys(entry).forEach(function (key) { fresh[key] = entry[key]; });
      entry = fresh;
      if (this.newLanguage) entry.language = this.newLanguage;
      var posted = form.getAttribute("data-posted");
      if (posted) entry[posted] = today_;
      this.entries(kind).push(entry);
      this.state.added[id] = true;
    } else {
      var updated = form.getAttribute("data-updated");
      if (!same(entry, before) && updated && !this.state.added[id]) entry[updated] = today_;
      this.state.data[kind][index] = entry;
    }
    this.closeForms();
    this.renderList(kind);
    this.write();
    this.focusItem(kind, id, this.msg("saved", { id: id }));
  };

  // --- checks before output ----------------------------------------------------------------------

  Editor.prototype.clearErrors = function (form) {
    var summary = form.querySelector("[data-pfp-errors]");
    summary.hidden = true;
    var list = summary.querySelector("ul");
    while (list.firstChild) list.removeChild(list.firstChild);
    form.querySelectorAll("[data-pfp-error]").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (c) { c.removeAttribute("aria-invalid"); });
  };

  /* Requirements that depend on other controls, and the checks HTML cannot express, as custom validity. */
  Editor.prototype.prepare = function (form) {
    var self = this;
    var controls = this.controls(form);
    var byPath = {};
    controls.forEach(function (c) { byPath[c.getAttribute("data-path")] = c; });
    form.querySelectorAll("fieldset[data-together]").forEach(function (block) {
      var members = Array.prototype.slice.call(block.querySelectorAll("[data-path]"));
      var filled = members.some(function (c) { return c.value !== ""; });
      members.forEach(function (c) { if (c.hasAttribute("data-together")) c.required = filled; });
    });
    controls.forEach(function (control) {
      var rule = control.getAttribute("data-required-if");
      if (rule) {
        var parts = rule.split("=");
        var other = byPath[parts[0]];
        control.required = !!other && self.read(other) === parts[1];
      }
      control.setCustomValidity("");
      var message = self.custom(control, byPath);
      if (message) control.setCustomValidity(message);
    });
  };

  Editor.prototype.custom = function (control, byPath) {
    var kind = control.getAttribute("data-value");
    var value = control.value;
    if (kind === "eligible") {
      var mode = control.closest("[data-pfp-eligible]").querySelector("[data-pfp-mode]:checked");
      if (mode && mode.getAttribute("data-pfp-mode") === "listed" && control.selectedOptions.length === 0) return this.msg("error_states");
      return "";
    }
    if (kind === "flag" || value === "") return "";
    if (value.trim() === "") return control.required ? this.msg("error_missing") : "";
    var refuse = (control.getAttribute("data-refuse") || "").split(" ").filter(Boolean);
    for (var i = 0; i < refuse.length; i++) {
      if (value.indexOf(String.fromCodePoint(parseInt(refuse[i], 16))) >= 0) return this.msg("error_invisible", { code: refuse[i].toUpperCase() });
    }
    var min = control.getAttribute("minlength");
    if (min && kind === "text" && length(value.trim()) < parseInt(min, 10)) return this.msg("error_too_short", { min: min });
    var max = control.getAttribute("maxlength");
    if (max && kind === "text" && length(value) > parseInt(max, 10)) return this.msg("error_too_long", { max: max });
    var above = control.getAttribute("data-above");
    if (above !== null && kind === "number" && !(Number(value) > Number(above))) return this.msg("error_above", { min: above });
    var items = control.getAttribute("data-item-pattern");
    if (items && kind === "list" && control.tagName === "TEXTAREA") {
      var pattern = new RegExp(items, "u");
      var bad = value.split("\n").map(function (s) { return s.trim(); }).filter(function (s) { return s && !pattern.test(s); });
      if (bad.length) return this.msg("error_pattern");
    }
    // rule date-order: a period does not end before it starts
    var path = control.getAttribute("data-path");
    if (control.type === "date" && /\.end$/.test(path)) {
      var start = byPath[path.replace(/\.end$/, ".start")];
      if (start && start.value && value < start.value) return this.msg("error_order");
    }
    return "";
  };

  Editor.prototype.messageFor = function (control) {
    var v = control.validity;
    if (v.customError) return control.validationMessage;
    if (v.badInput) return this.msg(control.type === "number" ? "error_number" : "error_date");
    if (v.valueMissing) {
      if (control.type === "checkbox") return this.msg("error_consent");
      if (control.tagName === "SELECT" || control.type === "radio") return this.msg("error_choose");
      return this.msg("error_missing");
    }
    if (v.tooShort) return this.msg("error_too_short", { min: control.getAttribute("minlength") });
    if (v.tooLong) return this.msg("error_too_long", { max: control.getAttribute("maxlength") });
    if (v.rangeOverflow && control.hasAttribute("data-not-future")) return this.msg("error_future", { today: today() });
    if (v.rangeUnderflow || v.rangeOverflow) {
      if (control.type === "number") return this.msg("error_above", { min: control.getAttribute("min") });
      return this.msg("error_range", { min: control.getAttribute("min"), max: control.getAttribute("max") });
    }
    return this.msg("error_pattern");
  };

  Editor.prototype.labelOf = function (control) {
    var set = control.closest("[data-pfp-eligible]");
    var label = set ? set.querySelector("legend") : control.form.querySelector('label[for="' + control.id + '"]');
    return label && label.firstChild ? label.firstChild.textContent.trim() : "";
  };

  /* Native constraint validation first; every problem in the summary, each linked to its field. */
  Editor.prototype.check = function (form) {
    var self = this;
    this.clearErrors(form);
    this.prepare(form);
    var problems = [];
    var seen = {};
    Array.prototype.forEach.call(form.elements, function (control) {
      if (!control.willValidate || control.checkValidity()) return;
      var field = control.closest(".pfp-field");
      var key = control.name || control.id;
      if (seen[key]) return;
      seen[key] = true;
      problems.push({ control: control, field: field, message: self.messageFor(control) });
    });
    if (!problems.length) return true;
    if (form.hasAttribute("data-pfp-short")) this.shorten(form, null);  // a problem in a field the step hides: show them all
    var summary = form.querySelector("[data-pfp-errors]");
    var list = summary.querySelector("ul");
    problems.forEach(function (problem) {
      var control = problem.control;
      control.setAttribute("aria-invalid", "true");
      var error = problem.field ? problem.field.querySelector("[data-pfp-error]") : null;
      if (error) { error.textContent = problem.message; error.hidden = false; }
      var item = el("li");
      var link = el("a", "", self.labelOf(control) + self.msg("colon") + " " + problem.message);
      link.setAttribute("href", "#" + control.id);
      link.setAttribute("data-target", control.id);
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.hidden = false;
    summary.focus();
    this.announce(this.msg("errors", { count: problems.length }));
    return false;
  };

  // --- the new file ----------------------------------------------------------------------------

  Editor.prototype.copyText = function () {
    var self = this;
    var text = this.text.value;
    var said = this.root.querySelector('[data-pfp-said="copy"]');
    var fallback = function () {
      self.text.focus();
      self.text.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      self.confirm(said, self.msg(ok ? "copied" : "copy_failed"));
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { self.confirm(said, self.msg("copied")); }, fallback);
    } else {
      fallback();
    }
  };

  Editor.prototype.download = function () {
    if (!this.state) return;
    var blob = new Blob([this.text.value], { type: "text/yaml;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.setAttribute("href", url);
    link.setAttribute("download", this.state.code + ".yml");
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  };

  function setup() {
    var root = document.querySelector("[data-pfp-editor]");
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var nojs = document.querySelector("[data-pfp-editor-nojs]");
    if (nojs) nojs.hidden = true;
    root.hidden = false;
    new Editor(root);
  }

  if (typeof document$ !== "undefined" && document$.subscribe) { document$.subscribe(setup); }
  else if (document.readyState !== "loading") { setup(); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
