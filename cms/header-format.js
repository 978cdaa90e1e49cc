// The page format for the browser editor: a Markdown page whose header is
// "Key: value" lines (Python-Markdown's meta extension; iopguide/header.py
// is the reader the build uses, and this module reads the header the same way),
// then one blank line, then the text.
//
// Pelican does not read YAML front matter, so the CMS cannot use its built-in
// formats. This module is registered with CMS.registerCustomFormat() in
// admin.js and tested on its own by `node --test tests/js/` (no browser, no CMS).
//
// Two promises, both tested on every page of content/pages/ and content/pages/es/:
// - read then write gives back the same bytes;
// - changing one field rewrites only that field's line.
// The CMS re-orders an entry's keys in the order of the form's fields and passes
// only values to toFile, so fromFile keeps the header exactly as it was read
// under LAYOUT_KEY; toFile writes each line that still holds the same value
// exactly as it was, and only a changed, added or removed field differently.

// The same patterns as iopguide/header.py (META_LINE, META_MORE).
const META_LINE = /^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$/;
const META_MORE = /^[ ]{4,}(.*)$/;

// Where fromFile keeps the header as read (no form field shows it).
export const LAYOUT_KEY = "header_as_read";
export const BODY_KEY = "body";

/** Split text into lines that keep their line ends ("a\nb" -> ["a\n", "b"]). */
function splitLines(text) {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function stripEnd(line) {
  return line.replace(/\r?\n$/, "");
}

/**
 * Read a page's header the way header.py does.
 * Returns {entries: [{key, value, lines}], separator, body}: `lines` are the raw
 * lines of one field (a value may go on over lines indented by 4 spaces),
 * `separator` the blank line that ends the header ("" when there is none),
 * `body` everything after it.
 */
export function readHeader(text) {
  const lines = splitLines(text);
  const entries = [];
  let index = 0;
  let separator = "";
  for (; index < lines.length; index += 1) {
    const line = stripEnd(lines[index]);
    if (!line.trim()) {
      separator = lines[index];
      index += 1;
      break;
    }
    const field = META_LINE.exec(line);
    const more = META_MORE.exec(line);
    if (field) {
      entries.push({ key: field[1], value: field[2].trim(), lines: [lines[index]] });
    } else if (more && entries.length) {
      const last = entries[entries.length - 1];
      last.value = `${last.value} ${more[1].trim()}`.trim();
      last.lines.push(lines[index]);
    } else {
      break; // not a header line: the text starts here (make check reports it)
    }
  }
  return { entries, separator, body: lines.slice(index).join("") };
}

/** The header as fromFile read it: {header, lead, known} ({known: false} for a new page). */
function readLayout(value) {
  if (typeof value !== "string" || !value) return { header: "", lead: "", known: false };
  try {
    const { header = "", lead = "" } = JSON.parse(value);
    return { header: String(header), lead: String(lead), known: true };
  } catch {
    return { header: value, lead: "", known: true }; // not written by fromFile: read it as a header
  }
}

function sameValue(a, b) {
  return JSON.stringify(a ?? "") === JSON.stringify(b ?? "");
}

function isEmpty(value) {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length);
}

/**
 * Make the format's two functions for a set of fields.
 * fields: [{name, list}] in the order a new page's header is written
 * (cms/config.json's `header_fields`, generated from the site's rules). A
 * header key matches a field whatever its case ("FAQ" and "Faq"), as in the
 * build; `list` fields ("Sources") are comma-separated lists in the file and
 * arrays in the form.
 */
export function makeFormat(fields) {
  const byLowerName = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
  const order = new Map(fields.map((f, i) => [f.name, i]));
  const nameOf = (key) => byLowerName.get(key.toLowerCase())?.name ?? key;
  const isList = (name) => Boolean(byLowerName.get(name.toLowerCase())?.list);

  const toValue = (name, raw) => (isList(name) ? raw.split(",").map((s) => s.trim()).filter(Boolean) : raw);
  const toText = (name, value) => {
    const text = Array.isArray(value) ? value.join(", ") : String(value);
    return text.replace(/\s*\n\s*/g, " ").trim(); // a header value is one line
  };

  /** The page's text -> the form's values (plus the header as read). */
  function fromFile(text) {
    const { entries, separator, body } = readHeader(text);
    const data = {};
    for (const { key, value } of entries) {
      const name = nameOf(key);
      if (!(name in data)) data[name] = toValue(name, value); // the first one counts, as in the build
    }
    data[BODY_KEY] = body;
    // JSON, so the CMS's trimming of string values cannot eat the blank line
    // that ends the header, or blank lines the text starts with.
    data[LAYOUT_KEY] = JSON.stringify({
      header: entries.map((e) => e.lines.join("")).join("") + separator,
      lead: body.match(/^\s*/)[0],
    });
    return data;
  }

  /** The form's values -> the page's text. */
  function toFile(data) {
    const layout = readLayout(data[LAYOUT_KEY]);
    const read = readHeader(layout.header);
    const out = []; // [name or null, text of the line(s)]
    const written = new Set();
    for (const entry of read.entries) {
      const name = nameOf(entry.key);
      if (written.has(name)) {
        out.push([null, entry.lines.join("")]); // a repeated key: kept as it was (the build ignores it)
        continue;
      }
      written.add(name);
      const value = data[name];
      const before = toValue(name, entry.value);
      const same = sameValue(value, before) || (isEmpty(value) && isEmpty(before));
      if (!same && isEmpty(value)) continue; // the field was emptied: its line goes
      out.push([name, same ? entry.lines.join("") : `${entry.key}: ${toText(name, value)}\n`]);
    }
    // Fields the page did not have: each goes before the first line of a field
    // that comes after it in the usual order, so a new page reads Title first.
    for (const [name, value] of Object.entries(data)) {
      if (name === BODY_KEY || name === LAYOUT_KEY || written.has(name) || isEmpty(value)) continue;
      const rank = order.get(name) ?? Infinity;
      const at = out.findIndex(([other]) => other !== null && (order.get(other) ?? Infinity) > rank);
      const line = [name, `${name}: ${toText(name, value)}\n`];
      if (at === -1) out.push(line);
      else out.splice(at, 0, line);
      written.add(name);
    }
    const header = out.map(([, text]) => text).join("");
    let body = String(data[BODY_KEY] ?? "");
    if (layout.lead && !/^\s/.test(body)) body = layout.lead + body; // given back trimmed
    // A page read from a file keeps its own separator (none when a stray line
    // ended the header); a new page gets one blank line between header and text.
    const separator = layout.known ? read.separator : header && body ? "\n" : "";
    return header + separator + body;
  }

  return { fromFile, toFile };
}
