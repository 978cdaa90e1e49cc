// The self-check, one question per screen (the GOV.UK question-page pattern).
// Enhances the server-rendered quiz: without JavaScript the page already shows
// every question and a decision guide. Answers live only in this script's
// memory: never in the URL, cookies or any storage, and never sent anywhere.
// No inline styles: only classes and the `hidden` attribute (strict CSP).
import { answerOf, resultFor } from "./engine.js";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value == null) continue;
    if (key === "text") node.textContent = value;
    else if (key === "on") for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

// A copy of server-rendered markup, without ids (they would be duplicates).
function copy(node) {
  const clone = node.cloneNode(true);
  for (const n of [clone, ...clone.querySelectorAll("[id],[aria-labelledby]")]) {
    n.removeAttribute("id");
    n.removeAttribute("aria-labelledby");
  }
  return clone;
}

class Quiz {
  constructor(root) {
    this.root = root;
    this.quiz = JSON.parse(root.querySelector("[data-quiz-data]").textContent);
    this.answers = Object.create(null);
    this.returnToCheck = false;
    this.uid = root.id || "quiz";
    this.app = root.querySelector("[data-quiz-app]");
    this.status = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
    this.screen = el("div", { class: "quiz-screen" });
    this.app.replaceChildren(this.status, this.screen);
    root.querySelector("[data-quiz-static]").hidden = true;
    this.app.hidden = false;
    this.showStart(false);
  }

  lines() {
    return copy(this.root.querySelector(".quiz-outcome--crisis [data-quiz-lines]"));
  }

  show(children, { focus = true, result = false } = {}) {
    this.root.classList.toggle("continuum-quiz--result", result);
    this.screen.replaceChildren(...children.filter(Boolean));
    this.status.textContent = "";
    const heading = this.screen.querySelector("h2");
    if (!focus || !heading) return;
    this.screen.scrollIntoView({ block: "start" });   // scroll-margin keeps it clear of the Exit button
    heading.focus({ preventScroll: true });
  }

  back(fn) {
    return el("button", { type: "button", class: "quiz-back", text: "Back", on: { click: fn } });
  }

  heading(text, progress) {
    const h = el("h2", { tabindex: "-1", class: "quiz-screen__heading" });
    if (progress) h.append(el("span", { class: "quiz-progress", text: progress }), " ");
    h.append(text);
    return h;
  }

  showStart(focus = true) {
    const intro = copy(this.root.querySelector("[data-quiz-intro]"));
    this.show([
      this.heading("Start the self-check"),
      intro,
      el("button", { type: "button", class: "quiz-start", text: "Start", on: { click: () => this.showQuestion(0) } }),
    ], { focus });
  }

  showQuestion(index) {
    const q = this.quiz.questions[index];
    const total = this.quiz.questions.length;
    const base = `${this.uid}-js-${q.id}`;
    const alert = el("div", { class: "quiz-alert", "aria-live": "assertive" });
    const described = q.hint ? `${base}-hint` : null;
    const fieldset = el("fieldset", { class: "quiz-question", "aria-describedby": described });
    const h = this.heading(q.text, `Question ${index + 1} of ${total}`);
    fieldset.append(el("legend", {}, h));
    if (q.hint) fieldset.append(el("p", { class: "hint", id: `${base}-hint`, text: q.hint }));
    const list = el("div", { class: "quiz-answers" });
    for (const a of q.answers) {
      const id = `${base}-${a.id}`;
      const input = el("input", { type: "radio", id, name: base, value: a.id, checked: this.answers[q.id] === a.id });
      input.addEventListener("change", () => this.signal(alert, a));
      list.append(el("div", { class: "quiz-answer" }, input, el("label", { for: id, text: a.text })));
    }
    fieldset.append(list, alert);
    const form = el("form", { method: "dialog", class: "quiz-form", novalidate: true }, fieldset,
      el("button", { type: "submit", text: "Continue" }));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.answer(index, form, fieldset);
    });
    const previous = this.returnToCheck ? () => this.showCheck()
      : index === 0 ? () => this.showStart() : () => this.showQuestion(index - 1);
    this.show([this.back(previous), form]);
    const chosen = answerOf(this.quiz, q.id, this.answers[q.id]);
    if (chosen) this.signal(alert, chosen);
  }

  // Danger answers show the help lines at once, on this screen.
  signal(alert, answer) {
    if (!answer.crisis && !answer.urgent) {
      alert.replaceChildren();
      return;
    }
    const lead = answer.crisis ? "You may be in danger. Please get help now:"
      : "You do not have to wait. You can talk to someone now:";
    alert.replaceChildren(el("div", { class: "quiz-help" }, el("p", {}, el("strong", { text: lead })), this.lines()));
  }

  answer(index, form, fieldset) {
    const q = this.quiz.questions[index];
    const picked = form.querySelector("input:checked");
    if (!picked) {
      const errorId = `${this.uid}-js-${q.id}-error`;
      if (!fieldset.querySelector(".quiz-error")) {
        fieldset.querySelector(".quiz-answers").before(el("p", { class: "quiz-error", id: errorId },
          el("span", { class: "visually-hidden", text: "Error: " }), "Select an answer to continue."));
        fieldset.classList.add("quiz-question--error");
        fieldset.setAttribute("aria-describedby", [fieldset.getAttribute("aria-describedby"), errorId].filter(Boolean).join(" "));
      }
      this.status.textContent = "Error: select an answer to continue.";
      form.querySelector("input").focus();
      return;
    }
    this.answers[q.id] = picked.value;
    if (answerOf(this.quiz, q.id, picked.value).crisis) return this.showResult(index);
    if (this.returnToCheck || index + 1 === this.quiz.questions.length) return this.showCheck();
    this.showQuestion(index + 1);
  }

  summary() {
    const dl = el("dl", { class: "quiz-summary" });
    this.quiz.questions.forEach((q, index) => {
      const a = answerOf(this.quiz, q.id, this.answers[q.id]);
      if (!a) return;
      const change = el("button", { type: "button", class: "quiz-change", on: {
        click: () => { this.returnToCheck = true; this.showQuestion(index); } } },
      "Change", el("span", { class: "visually-hidden", text: ` your answer to: ${q.text}` }));
      dl.append(el("div", { class: "quiz-summary__row" },
        el("dt", { text: q.text }), el("dd", { text: a.text }), el("dd", { class: "quiz-summary__change" }, change)));
    });
    return dl;
  }

  showCheck() {
    this.returnToCheck = true;
    const last = this.quiz.questions.length - 1;
    this.show([
      this.back(() => { this.returnToCheck = false; this.showQuestion(last); }),
      this.heading("Check your answers"),
      this.summary(),
      el("button", { type: "button", text: "See my result", on: { click: () => this.showResult(null) } }),
    ]);
  }

  showResult(fromQuestion) {
    const result = resultFor(this.quiz, this.answers);
    const outcome = this.quiz.outcomes.find((o) => o.id === result.outcome);
    const card = copy(this.root.querySelector(`[data-outcome="${CSS.escape(outcome.id)}"]`));
    card.querySelector(".quiz-outcome__title")?.remove();
    for (const h4 of card.querySelectorAll("h4")) h4.replaceWith(el("h3", { class: h4.className, text: h4.textContent }));
    const why = result.rules.length ? [el("h3", { text: "Why we suggest this" }),
      el("ul", { class: "quiz-reasons" }, ...result.rules.map((r) => el("li", { text: r.reason })))] : [];
    card.querySelector(".quiz-outcome__next")?.before(...why);
    const summary = this.summary();
    for (const dd of summary.querySelectorAll(".quiz-summary__change")) dd.remove();
    const back = fromQuestion === null ? () => this.showCheck() : () => this.showQuestion(fromQuestion);
    this.show([
      this.back(back),
      this.heading(`Your result: ${outcome.title}`),
      card,
      el("h3", { text: "Your answers" }),
      summary,
      el("p", { class: "quiz-not-diagnosis" }, el("strong", { text: "This is not a diagnosis." }),
        " It is a guide to help you talk with a professional. Only a professional assessment can decide what care is right for you."),
      el("div", { class: "quiz-actions" },
        el("button", { type: "button", class: "secondary", text: "Print or save this summary", on: { click: () => window.print() } }),
        el("button", { type: "button", class: "secondary", text: "Start again", on: { click: () => this.restart() } })),
    ], { result: true });
    this.status.textContent = `Your result: ${outcome.title}`;
  }

  restart() {
    this.answers = Object.create(null);
    this.returnToCheck = false;
    this.showStart();
  }
}

for (const root of document.querySelectorAll("[data-continuum-quiz]")) new Quiz(root);
