/* PfpYaml.dump(data, comments, keyOrder): a State file's text in the repository's canonical layout.

   The browser half of one contract: build_hooks/workflow/formatting.py (`pfp format`) writes
   exactly the same text from the same data, byte for byte, and its docstring states the layout
   and every decision. keyOrder is formatting.KEY_ORDER, which the build writes into the editor's
   data (it is never copied here); comments are formatting.comments_of(text) of the current file.
   Plain ES5, no dependencies, no eval. Throws an Error for data a State file cannot hold. */
(function (root) {
  "use strict";

  var PLAIN = /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[A-Za-z][A-Za-z0-9_.\-]*)$/;
  var RESERVED = ["true", "false", "null", "yes", "no", "on", "off", "y", "n"];
  var ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;
  var LONG_KEY = 128;

  function spaces(n) {
    var out = "";
    while (out.length < n) out += " ";
    return out;
  }

  function hex4(code) {
    var h = code.toString(16);
    while (h.length < 4) h = "0" + h;
    return "\\u" + h;
  }

  function isHigh(c) { return c >= 0xd800 && c <= 0xdbff; }
  function isLow(c) { return c >= 0xdc00 && c <= 0xdfff; }

  /* Escaped after JSON.stringify: C1 controls, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF, and a
     surrogate that is not half of a pair (JSON.stringify already does that in current engines). */
  function mustEscape(c) {
    return (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff;
  }

  function quoted(text) {
    var json = JSON.stringify(text);
    var out = "";
    for (var i = 0; i < json.length; i++) {
      var c = json.charCodeAt(i);
      if (isHigh(c) && i + 1 < json.length && isLow(json.charCodeAt(i + 1))) {
        out += json.charAt(i) + json.charAt(i + 1);
        i += 1;
      } else if (mustEscape(c) || isHigh(c) || isLow(c)) {
        out += hex4(c);
      } else {
        out += json.charAt(i);
      }
    }
    return out;
  }

  function plainOk(text) {
    return PLAIN.test(text) && RESERVED.indexOf(text.toLowerCase()) < 0;
  }

  /* Text a |- block holds exactly (formatting._literal_ok). */
  function literalOk(text, needsBreak) {
    if (!text || (needsBreak !== false && text.indexOf("\n") < 0)) return false;
    var first = text.charAt(0);
    if (first === " " || first === "\t" || first === "\n" || text.charAt(text.length - 1) === "\n") return false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if ((c < 0x20 && c !== 0x0a && c !== 0x09) || mustEscape(c)) return false;
      if (isHigh(c) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
        i += 1;
      } else if (isHigh(c) || isLow(c)) {
        return false;
      }
      if (c === 0x0a || i === text.length - 1) {
        var last = c === 0x0a ? text.charAt(i - 1) : text.charAt(i);
        if (last === " " || last === "\t") return false;
      }
    }
    return true;
  }

  /* Python's repr of a float: shortest round-trip digits, exponent below 1e-4 and from 1e16. */
  function floatRepr(x) {
    var sign = x < 0 ? "-" : "";
    var s = String(Math.abs(x));
    var exp = 0;
    var e = s.indexOf("e");
    if (e >= 0) {
      exp = parseInt(s.slice(e + 1), 10);
      s = s.slice(0, e);
    }
    var dot = s.indexOf(".");
    var intPart = dot < 0 ? s : s.slice(0, dot);
    var digits = intPart + (dot < 0 ? "" : s.slice(dot + 1));
    var point = intPart.length + exp; /* value = 0.DIGITS x 10^point */
    while (digits.length > 1 && digits.charAt(0) === "0") {
      digits = digits.slice(1);
      point -= 1;
    }
    digits = digits.replace(/0+$/, "") || "0";
    if (point < -3 || point > 16) {
      var e10 = point - 1;
      var mantissa = digits.charAt(0) + (digits.length > 1 ? "." + digits.slice(1) : "");
      var size = String(Math.abs(e10));
      return sign + mantissa + "e" + (e10 < 0 ? "-" : "+") + (size.length < 2 ? "0" : "") + size;
    }
    if (point <= 0) return sign + "0." + spaces(-point).replace(/ /g, "0") + digits;
    if (point >= digits.length) return sign + digits + spaces(point - digits.length).replace(/ /g, "0") + ".0";
    return sign + digits.slice(0, point) + "." + digits.slice(point);
  }

  function number(x) {
    if (x !== x) throw new Error("NaN cannot be written in a State file");
    if (x === Infinity) return "1e999";
    if (x === -Infinity) return "-1e999";
    if (Math.floor(x) === x && Math.abs(x) < 1e15) return String(x);
    return floatRepr(x);
  }

  function isScalar(value) {
    return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
  }

  function isMapping(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function scalar(value) {
    if (value === null) return "null";
    if (value === true) return "true";
    if (value === false) return "false";
    if (typeof value === "number") return number(value);
    if (typeof value === "string") return plainOk(value) ? value : quoted(value);
    throw new Error("a State file holds no " + typeof value + " values");
  }

  function isFlow(value) {
    if (!Array.isArray(value)) return false;
    for (var i = 0; i < value.length; i++) if (!isScalar(value[i])) return false;
    return true;
  }

  /* How a literal block holds the text (formatting._literal): ["|-", text], ["|", text less its one final
     line feed], or null. */
  function literal(text) {
    if (literalOk(text)) return ["|-", text];
    if (text.charAt(text.length - 1) === "\n" && literalOk(text.slice(0, -1), false)) return ["|", text.slice(0, -1)];
    return null;
  }

  function flow(items) {
    var parts = [];
    for (var i = 0; i < items.length; i++) parts.push(scalar(items[i]));
    return "[" + parts.join(", ") + "]";
  }

  function blockLines(text, indent) {
    var pad = spaces(indent);
    var lines = text.split("\n");
    for (var i = 0; i < lines.length; i++) lines[i] = lines[i] ? pad + lines[i] : "";
    return lines;
  }

  function codePoints(text) {
    var n = text.length;
    for (var i = 0; i + 1 < text.length; i++) {
      if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
        n -= 1;
        i += 1;
      }
    }
    return n;
  }

  function orderedKeys(mapping, keyOrder) {
    var keys = Object.keys(mapping); /* array indices first, in numeric order, then insertion order */
    var known = [];
    var rest = [];
    for (var i = 0; i < keys.length; i++) {
      if (keyOrder.indexOf(keys[i]) >= 0) known.push(keys[i]);
      else rest.push(keys[i]);
    }
    known.sort(function (a, b) { return keyOrder.indexOf(a) - keyOrder.indexOf(b); });
    var indices = [];
    var others = [];
    for (var j = 0; j < rest.length; j++) {
      if (ARRAY_INDEX.test(rest[j]) && Number(rest[j]) < 4294967295) indices.push(rest[j]);
      else others.push(rest[j]);
    }
    indices.sort(function (a, b) { return Number(a) - Number(b); });
    return known.concat(indices, others);
  }

  function opensBlock(value) {
    if (isMapping(value)) return Object.keys(value).length > 0;
    return Array.isArray(value) && value.length > 0 && !isFlow(value);
  }

  function pair(key, value, indent, top, keyOrder) {
    var pad = spaces(indent);
    var written = scalar(key);
    var lines = [];
    var head = pad + written + ":";
    if (codePoints(key) > LONG_KEY) {
      lines = [pad + "? " + written];
      head = pad + ":";
    }
    if (isMapping(value)) {
      if (!Object.keys(value).length) return lines.concat([head + " {}"]);
      return lines.concat([head], mapping(value, indent + 2, false, false, keyOrder));
    }
    if (Array.isArray(value)) {
      if (isFlow(value)) return lines.concat([head + " " + flow(value)]);
      return lines.concat([head], sequence(value, indent + 2, top, keyOrder));
    }
    var block = typeof value === "string" ? literal(value) : null;
    if (block) return lines.concat([head + " " + block[0]], blockLines(block[1], indent + 2));
    return lines.concat([head + " " + scalar(value)]);
  }

  function mapping(value, indent, top, atStart, keyOrder) {
    var out = [];
    var keys = orderedKeys(value, keyOrder);
    for (var i = 0; i < keys.length; i++) {
      var child = value[keys[i]];
      if (top && opensBlock(child) && (out.length || !atStart)) out.push("");
      out = out.concat(pair(keys[i], child, indent, top, keyOrder));
    }
    return out;
  }

  function item(value, indent, keyOrder) {
    var pad = spaces(indent);
    var inner;
    if (isMapping(value)) {
      if (!Object.keys(value).length) return [pad + "- {}"];
      inner = mapping(value, indent + 2, false, false, keyOrder);
    } else if (Array.isArray(value)) {
      if (isFlow(value)) return [pad + "- " + flow(value)];
      inner = sequence(value, indent + 2, false, keyOrder);
    } else if (typeof value === "string" && literal(value)) {
      var block = literal(value);
      return [pad + "- " + block[0]].concat(blockLines(block[1], indent + 2));
    } else {
      return [pad + "- " + scalar(value)];
    }
    inner[0] = pad + "- " + inner[0].slice(indent + 2);
    return inner;
  }

  function sequence(items, indent, separated, keyOrder) {
    var out = [];
    for (var i = 0; i < items.length; i++) {
      if (separated && i) out.push("");
      out = out.concat(item(items[i], indent, keyOrder));
    }
    return out;
  }

  function checkComment(comment) {
    if (typeof comment !== "string" || comment.charAt(0) !== "#" || /[\r\n\u0085\u2028\u2029]/.test(comment) ||
        /[ \t]$/.test(comment)) {
      throw new Error("not a one-line comment without trailing white space: " + comment);
    }
    return comment;
  }

  function dump(data, comments, keyOrder) {
    var lines = [];
    var order = keyOrder || [];
    for (var i = 0; i < (comments || []).length; i++) lines.push(checkComment(comments[i]));
    if (isMapping(data)) {
      lines = lines.concat(Object.keys(data).length ? mapping(data, 0, true, !lines.length, order) : ["{}"]);
    } else if (Array.isArray(data)) {
      lines = lines.concat(data.length ? sequence(data, 0, false, order) : ["[]"]);
    } else if (typeof data === "string" && literal(data)) {
      var block = literal(data);
      lines = lines.concat([block[0]], blockLines(block[1], 2));
    } else if (data !== null && data !== undefined) {
      lines.push(scalar(data));
    }
    return lines.length ? lines.join("\n") + "\n" : "";
  }

  var PfpYaml = { dump: dump };
  root.PfpYaml = PfpYaml;
  if (typeof module !== "undefined" && module.exports) module.exports = PfpYaml;
})(typeof globalThis !== "undefined" ? globalThis : typeof window !== "undefined" ? window : this);
