// Test harness for tests/workflow/test_formatting.py: PfpYaml.dump, one case a line.
// Each line on stdin is {"data": ..., "comments": [...], "keyOrder": [...]} (JSON, ASCII only);
// each line on stdout is {"text": "..."} or {"error": "..."}, every non-ASCII character escaped
// so that a lone surrogate crosses the pipe as it is.
"use strict";
const path = require("path");
const readline = require("readline");
const PfpYaml = require(path.join(__dirname, "..", "..", "overrides", "assets", "pfp-yaml.js"));

function ascii(json) {
  return json.replace(/[\u007f-\uffff]/g, (ch) => "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0"));
}

readline.createInterface({ input: process.stdin, terminal: false }).on("line", (line) => {
  const job = JSON.parse(line);
  let result;
  try {
    result = { text: PfpYaml.dump(job.data, job.comments, job.keyOrder) };
  } catch (err) {
    result = { error: String(err && err.message) };
  }
  process.stdout.write(ascii(JSON.stringify(result)) + "\n");
});
