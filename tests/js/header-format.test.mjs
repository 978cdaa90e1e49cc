// The browser editor's page format (cms/header-format.js), run by `node --test tests/js/`
// (tests/editor/test_cms_format.py runs this file on its own in `make test`).
// Every page of content/pages/ and content/pages/es/ must come back byte for
// byte, and changing one field must rewrite that line only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeFormat, readHeader, LAYOUT_KEY, BODY_KEY } from "../../cms/header-format.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const config = JSON.parse(readFileSync(join(ROOT, "cms", "config.json"), "utf8"));
const { fromFile, toFile } = makeFormat(config.header_fields);

const PAGES = ["content/pages", "content/pages/es"].flatMap((dir) =>
  readdirSync(join(ROOT, dir)).filter((name) => name.endsWith(".md")).map((name) => `${dir}/${name}`));

const read = (path) => readFileSync(join(ROOT, path), "utf8");

/** Line numbers (1-based) where two texts differ, and whether the line count changed. */
function changedLines(before, after) {
  const a = before.split("\n");
  const b = after.split("\n");
  const lines = [];
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) if (a[i] !== b[i]) lines.push(i + 1);
  return { lines, sameCount: a.length === b.length };
}

test("there are pages in both languages to check", () => {
  assert.ok(PAGES.filter((p) => p.startsWith("content/pages/es/")).length >= 10);
  assert.ok(PAGES.filter((p) => !p.startsWith("content/pages/es/")).length >= 10);
});

for (const path of PAGES) {
  test(`${path}: read then write gives the same bytes`, () => {
    const text = read(path);
    assert.equal(toFile(fromFile(text)), text);
  });

  test(`${path}: changing one field rewrites only its line`, () => {
    const text = read(path);
    const data = fromFile(text);
    const { entries } = readHeader(text);
    let line = 0;
    for (const entry of entries) {
      line += entry.lines.length;
      const name = config.header_fields.find((f) => f.name.toLowerCase() === entry.key.toLowerCase())?.name ?? entry.key;
      if (!entry.value || entries.findIndex((e) => e.key.toLowerCase() === entry.key.toLowerCase()) !== entries.indexOf(entry)) continue;
      const changed = Array.isArray(data[name]) ? [...data[name].slice(1), data[name][0]] : `${data[name]} (changed)`;
      const after = toFile({ ...data, [name]: changed });
      const diff = changedLines(text, after);
      assert.ok(diff.sameCount, `${name}: the number of lines changed`);
      assert.deepEqual(diff.lines, [line - entry.lines.length + 1], `${name}: other lines changed`);
      assert.equal(fromFile(after)[name].toString(), changed.toString());
    }
  });

  test(`${path}: ends with one line end, as the editor writes every file`, () => {
    // Sveltia trims what a format writes and adds one "\n": a page ending in a
    // blank line would lose it on its first save from the browser.
    assert.match(read(path), /[^\n]\n$/);
  });

  test(`${path}: the text after the header is handed over untouched`, () => {
    const text = read(path);
    const data = fromFile(text);
    assert.ok(text.endsWith(data[BODY_KEY]));
    assert.ok(!config.collections[0].fields.map((f) => f.name).includes(LAYOUT_KEY), "no form shows the header as read");
  });
}

test("Sources is a list in the form and a comma list in the file", () => {
  const text = "Title: T\nSources: a, b,c\nOrder: 1\n\nText\n";
  const data = fromFile(text);
  assert.deepEqual(data.Sources, ["a", "b", "c"]);
  assert.equal(toFile(data), text, "an unchanged list keeps its own spacing");
  assert.equal(toFile({ ...data, Sources: ["a", "b", "c", "d"] }), "Title: T\nSources: a, b, c, d\nOrder: 1\n\nText\n");
});

test("an emptied optional field loses its line; a field left empty in the file keeps it", () => {
  const text = "Title: T\nURL:\nReview-every: 3 months\nOrder: 1\n\nText\n";
  const data = fromFile(text);
  assert.equal(toFile({ ...data, "Review-every": "" }), "Title: T\nURL:\nOrder: 1\n\nText\n");
  assert.equal(toFile({ ...data, "Review-every": null, URL: "" }), "Title: T\nURL:\nOrder: 1\n\nText\n");
});

test("a field the page did not have goes in its usual place", () => {
  const text = "Title: T\nSummary: S\nReviewed: 2026-11-23\nNext-review: 2027-11-23\nSources: a, b\nOrder: 3\n\nText\n";
  const data = fromFile(text);
  const after = toFile({ ...data, "Review-every": "6 months", "Clinical-review": "Jane Doe, MD, 2026-11-01" });
  assert.equal(after, "Title: T\nSummary: S\nReviewed: 2026-11-23\nNext-review: 2027-11-23\n"
    + "Review-every: 6 months\nClinical-review: Jane Doe, MD, 2026-11-01\nSources: a, b\nOrder: 3\n\nText\n");
});

test("a new page is written in the usual order, with one blank line before the text", () => {
  const after = toFile({ [BODY_KEY]: "Hello.\n", Order: 4, Sources: ["a", "b"], Title: "New page",
    Summary: "What it says.", Reviewed: "2026-12-07", "Next-review": "2027-12-07" });
  assert.equal(after, "Title: New page\nSummary: What it says.\nReviewed: 2026-12-07\nNext-review: 2027-12-07\n"
    + "Sources: a, b\nOrder: 4\n\nHello.\n");
});

test("numbers from the form match the same number in the file", () => {
  const text = "Title: T\nOrder: 7\n\nText\n";
  assert.equal(toFile({ ...fromFile(text), Order: 7 }), text);
});

test("a value the form gives on several lines is written on one line", () => {
  const text = "Title: T\nSummary: One.\n\nText\n";
  assert.equal(toFile({ ...fromFile(text), Summary: "One.\nTwo." }), "Title: T\nSummary: One. Two.\n\nText\n");
});

test("the header is read as the build reads it (iopguide/header.py)", () => {
  // A line indented by 4 spaces goes on with the value; a key's case does not matter;
  // the first of two equal keys counts; a line that is no field ends the header.
  const text = "Title: One\n    two\nFaq: yes\nTitle: Again\nnot a field\nSummary: body text\n";
  const data = fromFile(text);
  assert.equal(data.Title, "One two");
  assert.equal(data.FAQ, "yes");
  assert.equal(data.Summary, undefined);
  assert.equal(data[BODY_KEY], "not a field\nSummary: body text\n");
  assert.equal(toFile(data), text);
  assert.equal(toFile({ ...data, Title: "Three" }), "Title: Three\nFaq: yes\nTitle: Again\nnot a field\nSummary: body text\n");
});

test("Windows line ends and a missing final line end survive", () => {
  for (const text of ["Title: T\r\nOrder: 1\r\n\r\nText\r\n", "Title: T\nOrder: 1\n\nText", "Title: T\n"]) {
    assert.equal(toFile(fromFile(text)), text);
  }
});

test("the CMS trimming every string it hands back changes nothing", () => {
  // Sveltia trims string values (seen: the header as read lost its blank line)
  // and trims what toFile returns before adding one "\n".
  const trim = (data) => Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === "string" ? v.trim() : v]));
  for (const path of PAGES) {
    const text = read(path);
    assert.equal(`${toFile(trim(fromFile(text))).trim()}\n`, text, path);
  }
  const spaced = "Title: T\n\n\nText\n";
  assert.equal(toFile(trim(fromFile(spaced))), "Title: T\n\n\nText");
});
