// "My next steps": the printable sheet under every self-check result.
// quiz.js calls nextStepsSheet() once, after the result card. The items come
// from content/data/continuum.yaml (quiz.sheet), through the page's
// quiz-data.js; which ones show is the rule of iopguide/continuum/sheet.py
// (the tests hold the two equal):
//   - an item with `outcomes` shows only with those results; one without
//     shows with every result but the crisis one;
//   - an item with neither `when_any` nor `needs` is for everyone; otherwise
//     one of its answer conditions must match (answers to questions the
//     visitor was asked), or the visitor ticks one of its needs.
// The ticks live only in this page's memory. Nothing is stored or sent, and
// the address never changes.
import { el, printOnly, rich } from "./common.js";

function holds(when, given) {
  return Object.keys(when).every((q) => Object.prototype.hasOwnProperty.call(given, q) && when[q].includes(given[q]));
}

/** Does `item` show with this result (outcome id), these asked answers and ticked needs? */
export function showsItem(item, outcomeId, given, needs, crisisId) {
  if (item.outcomes && item.outcomes.length) {
    if (!item.outcomes.includes(outcomeId)) return false;
  } else if (outcomeId === crisisId) {
    return false;
  }
  const alts = item.when_any || [];
  const wanted = item.needs || [];
  if (!alts.length && !wanted.length) return true;
  return alts.some((alt) => holds(alt, given)) || wanted.some((n) => needs.has(n));
}

/** The ids of the items a visitor sees, in file order. */
export function sheetItems(data, outcomeId, given, needs = new Set()) {
  const crisis = data.outcomes.find((o) => o.kind === "crisis");
  return data.sheet.items.filter((item) => showsItem(item, outcomeId, given, needs, crisis && crisis.id))
    .map((item) => item.id);
}

function t(ui, key, values = {}) {
  return (ui[key] ?? key).replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// "Source: FDA": the publisher as the link's words (its full title in the link's title).
function sources(item, label, english) {
  if (!item.sources || !item.sources.length) return null;
  const p = el("span", { class: "sheet__source" }, ` (${label} `);
  item.sources.forEach((s, i) => {
    if (i) p.append("; ");
    p.append(s.href ? el("a", { href: s.href, lang: english, title: s.title, text: s.text }) : el("span", { lang: english, text: s.text }));
  });
  p.append(")");
  return p;
}

/**
 * The sheet for one result, as a <section>.
 * data: the page's quiz data; outcome: the result's outcome; result: the
 * engine's result (its cautions); given: the answers the visitor was asked.
 */
export function nextStepsSheet(data, { outcome, result, given }) {
  const sheet = data.sheet;
  if (!sheet) return null;
  const ui = { ...data.ui, ...sheet.ui };
  const english = data.lang !== "en" ? "en" : null;       // the sources are English documents
  const crisis = outcome.kind === "crisis";
  const needs = new Set();
  const uid = "next-steps";
  const section = el("section", { class: "sheet", id: uid, "aria-labelledby": `${uid}-title`, "data-sheet": outcome.id });
  section.append(el("h3", { id: `${uid}-title`, class: "sheet__title", text: ui.sheet_title }),
    el("p", { class: "sheet__lead", text: ui.sheet_lead }),
    el("p", { class: "sheet__result" }, el("strong", { text: t(ui, "sheet_result", { title: outcome.title }) }),
      outcome.level ? ` ${t(ui, "quiz_level_to_ask", outcome.level)}` : ""));
  if (result.cautions.length) {
    section.append(el("ul", { class: "sheet__cautions" }, ...result.cautions.map((c) => el("li", { "data-caution": c.id },
      el("strong", { text: `${c.title}.` }), " ", rich(c.text, "quiz-phone")))));
  }
  const status = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  const lists = el("div", { class: "sheet__groups" });
  const compareBody = el("tbody");

  const draw = () => {
    const shown = new Set(sheetItems(data, outcome.id, given, needs));
    const items = sheet.items.filter((item) => shown.has(item.id));
    const groups = ["programs", "insurer", "waiting"].map((group) => [group, items.filter((i) => i.group === group)])
      .filter(([, list]) => list.length);
    lists.replaceChildren(...groups.flatMap(([group, list]) => [
      el("h4", { class: "sheet__group", text: ui[`sheet_group_${group}`] }),
      el("ul", { class: "sheet__list", "data-group": group }, ...list.map((item) =>
        el("li", { "data-item": item.id }, rich(item.text, "quiz-phone"), sources(item, ui.quiz_source, english)))),
    ]));
    const row = (label, id) => el("tr", id ? { "data-item": id } : {}, el("th", { scope: "row" }, label),
      el("td"), el("td"), el("td"));
    compareBody.replaceChildren(row(ui.sheet_row_name),
      ...items.filter((i) => i.group === "programs").map((i) => row(rich(i.text), i.id)),
      row(ui.sheet_row_own), row(ui.sheet_row_notes));
    return items.filter((i) => i.group === "programs").length;
  };

  if (!crisis && sheet.needs.length) {
    const fieldset = el("fieldset", { class: "sheet__needs" },
      el("legend", { text: ui.sheet_needs }), el("p", { class: "hint", text: ui.sheet_needs_hint }));
    for (const need of sheet.needs) {
      const id = `${uid}-need-${need.id}`;
      const box = el("input", { type: "checkbox", id, value: need.id });
      box.addEventListener("change", () => {
        if (box.checked) needs.add(need.id); else needs.delete(need.id);
        status.textContent = t(ui, "sheet_added", { n: draw() });
      });
      fieldset.append(el("div", { class: "sheet__need" }, box, el("label", { for: id, text: need.text })));
    }
    section.append(fieldset);
  }
  section.append(status, lists);
  draw();
  if (!crisis) {
    section.append(el("h4", { class: "sheet__group", id: `${uid}-compare`, text: ui.sheet_compare }),
      el("p", { class: "hint", text: ui.sheet_compare_caption }),
      el("div", { class: "table-scroll sheet__compare", role: "region", "aria-labelledby": `${uid}-compare`, tabindex: "0" },
        el("table", {}, el("caption", { class: "visually-hidden", text: ui.sheet_compare }),
          el("thead", {}, el("tr", {}, el("th", { scope: "col", text: ui.sheet_question }),
            ...[1, 2, 3].map((n) => el("th", { scope: "col", text: t(ui, "sheet_program", { n }) })))),
          compareBody)));
    if (sheet.tools.length) {
      const tools = el("p", { class: "sheet__tools" }, `${ui.sheet_tools} `);
      sheet.tools.forEach((tool, i) => tools.append(i ? " · " : "", el("a", { href: tool.href, text: tool.title })));
      section.append(tools);
    }
  }
  section.append(el("p", { class: "sheet__private", text: ui.sheet_private }),
    el("div", { class: "quiz-actions sheet__actions" }, el("button", { type: "button", class: "secondary", text: ui.sheet_print,
      on: { click: () => printOnly(section) } })));
  return section;
}
