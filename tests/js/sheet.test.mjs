// The next-steps sheet's rule (theme/static/js/tools/sheet.js), run by
// `node --test tests/js/`. pytest (tests/unit/test_continuum_tools.py) runs
// this file with CONTINUUM_SHEET_FILE pointing at answer sets, ticked needs and
// the items the Python rule (iopguide/continuum/sheet.py) shows for them; the
// parity test replays each, so the page and the printed rules never drift apart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { sheetItems, showsItem } from "../../theme/static/js/tools/sheet.js";

const DATA = {
  outcomes: [{ id: "crisis", kind: "crisis" }, { id: "iop", kind: "level" }, { id: "opioids", kind: "level" }],
  sheet: {
    needs: [{ id: "work" }],
    items: [
      { id: "all", group: "programs" },
      { id: "opioid", group: "programs", when_any: [{ use: ["opioids"] }] },
      { id: "evening", group: "programs", needs: ["work"], when_any: [{ groups: ["hard"] }] },
      { id: "iop-only", group: "insurer", outcomes: ["iop"] },
      { id: "in-crisis", group: "waiting", outcomes: ["crisis"], when_any: [{ danger: ["now"] }] },
    ],
  },
};

test("an item for everyone shows with every result but the crisis one", () => {
  assert.deepEqual(sheetItems(DATA, "iop", {}), ["all", "iop-only"]);
  assert.deepEqual(sheetItems(DATA, "opioids", {}), ["all"]);
  assert.deepEqual(sheetItems(DATA, "crisis", {}), []);
});

test("answers and ticked needs add items; a crisis item needs its own answers", () => {
  assert.deepEqual(sheetItems(DATA, "opioids", { use: "opioids" }), ["all", "opioid"]);
  assert.deepEqual(sheetItems(DATA, "opioids", {}, new Set(["work"])), ["all", "evening"]);
  assert.deepEqual(sheetItems(DATA, "opioids", { groups: "hard" }), ["all", "evening"]);
  assert.deepEqual(sheetItems(DATA, "crisis", { danger: "now", use: "opioids" }), ["in-crisis"]);
  assert.equal(showsItem(DATA.sheet.items[1], "crisis", { use: "opioids" }, new Set(), "crisis"), false);
});

const file = process.env.CONTINUUM_SHEET_FILE;
if (file) {
  test("parity: the page shows the items the Python rule shows", () => {
    const { data, cases } = JSON.parse(readFileSync(file, "utf8"));
    for (const c of cases) {
      assert.deepEqual(sheetItems(data, c.outcome, c.given, new Set(c.needs)), c.items, JSON.stringify(c));
    }
    console.log(`sheet parity: ${cases.length} answer sets checked`);
  });
}
