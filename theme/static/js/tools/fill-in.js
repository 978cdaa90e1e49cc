// Call scripts and letters with blanks (pages with 'Tool: fill-in').
// Editors write a blank in Markdown as *your name*{: .blank } inside a
// <div class="fill-in">. Without JavaScript each blank prints as a line to
// write on, with its label under it. This script puts a labelled box above
// each script or letter for every blank in it; what is typed shows in the
// text at once (the same label is one value on the whole page, so "your
// name" is typed once), then Copy or Print only that script or letter.
// Nothing typed is stored or sent: the boxes are in no form and have no
// name, so Enter submits nothing and the address never changes.
import { copyText, el, printOnly, words } from "./common.js";

const values = new Map();      // label -> what the visitor typed (this page's memory only)

function labelOf(blank) {
  return blank.dataset.label || (blank.dataset.label = blank.textContent.trim());
}

function show(label) {
  const value = (values.get(label) || "").trim();
  for (const blank of document.querySelectorAll(".fill-in .blank")) {
    if (labelOf(blank) !== label) continue;
    blank.textContent = value || label;
    blank.classList.toggle("blank--filled", Boolean(value));
  }
  for (const input of document.querySelectorAll("input[data-blank]")) {
    if (input.dataset.blank === label && input.value !== (values.get(label) || "")) input.value = values.get(label) || "";
  }
}

// The text as it would be sent: filled blanks as typed, empty ones as [label].
function textOf(box) {
  const empty = [...box.querySelectorAll(".blank:not(.blank--filled)")];
  for (const blank of empty) blank.textContent = `[${labelOf(blank)}]`;
  const text = box.innerText.replace(/\n{3,}/g, "\n\n").trim();
  for (const blank of empty) blank.textContent = labelOf(blank);
  return text;
}

// A script prints with its heading; a letter prints as a letter, with no title.
function titleOf(box) {
  for (let node = box.previousElementSibling; node; node = node.previousElementSibling) {
    if (/^H[2-4]$/.test(node.tagName)) return node.textContent.trim();
  }
  return document.title;
}

function capital(text) {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

function enhance(box, index, say) {
  const labels = [...new Set([...box.querySelectorAll(".blank")].map(labelOf))];
  if (!labels.length) return;
  const uid = box.id || `fill-in-${index + 1}`;
  const fields = el("div", { class: "fill-in__fields" });
  labels.forEach((label, n) => {
    const id = `${uid}-field-${n + 1}`;
    const input = el("input", { type: "text", id, autocomplete: "off", "data-blank": label, value: values.get(label) || "" });
    input.addEventListener("input", () => {
      values.set(label, input.value);
      show(label);
    });
    fields.append(el("div", { class: "fill-in__field" }, el("label", { for: id, text: capital(label) }), input));
  });
  const panel = el("fieldset", { class: "fill-in__panel", "aria-describedby": `${uid}-hint` },
    el("legend", { text: say.fillTitle }), el("p", { class: "hint", id: `${uid}-hint`, text: say.fillHint }), fields);
  box.before(panel);
  const actions = el("div", { class: "fill-in__actions" });
  const status = el("p", { class: "tool-status", role: "status", "aria-live": "polite" });
  actions.append(
    el("button", { type: "button", class: "secondary", text: say.copy, on: { click: async () => {
      status.textContent = (await copyText(textOf(box))) ? say.copied : say.copyFailed;
    } } }),
    el("button", { type: "button", class: "secondary", text: say.print, on: { click: () => printOnly(box, box.classList.contains("fill-in--letter") ? null : titleOf(box)) } }),
    el("button", { type: "button", class: "secondary", text: say.clear, on: { click: () => {
      for (const label of labels) {
        values.delete(label);
        show(label);
      }
      status.textContent = say.cleared;
    } } }));
  box.after(actions);
  actions.after(status);
}

function start() {
  const say = words();
  document.querySelectorAll(".fill-in").forEach((box, i) => enhance(box, i, say));
  document.documentElement.classList.add("fill-in-ready");
}

start();
