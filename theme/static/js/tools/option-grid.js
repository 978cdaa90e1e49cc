// The option grid (pages with 'Tool: option-grid'; iopguide/continuum/render_grid.py).
// It works without this script: the "what matters most to me" choices are
// radio buttons outside any form, so nothing can be sent, and they print as
// chosen. This adds two buttons: print only the grid and the choices, and
// clear the choices. Nothing is stored: a reload starts with none chosen.
import { el, printOnly, words } from "./common.js";

function start() {
  const grid = document.querySelector("[data-option-grid]");
  const choices = grid && grid.querySelector("[data-grid-choices]");
  if (!choices) return;
  const say = words();
  const status = el("p", { class: "tool-status", role: "status", "aria-live": "polite" });
  choices.append(el("div", { class: "fill-in__actions" },
    el("button", { type: "button", class: "secondary", text: say.printChoices,
      on: { click: () => printOnly(grid) } }),          // the grid's caption is its title on paper
    el("button", { type: "button", class: "secondary", text: say.clearChoices, on: { click: () => {
      for (const input of choices.querySelectorAll("input:checked")) input.checked = false;
      status.textContent = say.cleared;
    } } })), status);
}

start();
