// The self-check, one question per screen (the GOV.UK question-page pattern).
// Enhances the server-rendered quiz: without JavaScript the page already shows
// every question and a decision guide. Answers live only in this script's
// memory: never in the URL, cookies or any storage, and never sent anywhere.
// The browser's Back button steps back one screen: each screen is a history
// entry whose address carries only the screen (#question-3, #check-answers,
// #result), never an answer. A reload starts over.
// No inline styles: only classes and the `hidden` attribute (strict CSP).
import { answerOf, askedAnswers, nextQuestion, resultFor } from "./engine.js";

const SCREEN_HASH = /^#(question-\d+|check-answers|result)$/;

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

// The only addresses this script ever writes: the screen, never an answer.
function hashFor(screen) {
  if (screen.type === "question") return `#question-${screen.index + 1}`;
  if (screen.type === "check") return "#check-answers";
  if (screen.type === "result") return "#result";
  return "";
}

// The quiz, read from the server-rendered markup (templates/quiz.html): the
// no-JS version is the data, so the two can never disagree. Logic from data-*
// attributes (the same shape as render_quiz.engine_data, which a browser test
// checks), words from the elements' ids and labels. Throws when something is missing.
export function readQuiz(root) {
  const uid = root.id;
  const words = (id) => {
    const node = document.getElementById(`${uid}-${id}`);
    if (!node) throw new Error(`self-check: #${uid}-${id} is missing from the page`);
    return node.textContent.trim();
  };
  const list = (node) => node.dataset.answers.split(" ");
  const when = (scope, attr) => Object.fromEntries(
    [...scope.querySelectorAll(`[data-${attr}]`)].map((n) => [n.getAttribute(`data-${attr}`), list(n)]));
  const questions = [...root.querySelectorAll(".quiz-questions > [data-question]")].map((fieldset) => {
    const q = { id: fieldset.dataset.question };
    const askIf = when(fieldset, "ask-if");
    if (Object.keys(askIf).length) q.ask_if = askIf;
    if (fieldset.dataset.skipBelow) q.skip_below = Number(fieldset.dataset.skipBelow);
    q.answers = [...fieldset.querySelectorAll("input[type=radio]")].map((input) => {
      const a = { id: input.value };
      if ("crisis" in input.dataset) a.crisis = true;
      if ("urgent" in input.dataset) a.urgent = true;
      if (input.dataset.callFirst) a.call_first = input.dataset.callFirst;
      a.text = input.labels[0]?.textContent.trim();
      if (!a.text) throw new Error(`self-check: the answer ${q.id}/${a.id} has no label`);
      return a;
    });
    q.text = words(`q-${q.id}-text`);
    if (document.getElementById(`${uid}-q-${q.id}-hint`)) q.hint = words(`q-${q.id}-hint`);
    return q;
  });
  const outcomes = [...root.querySelectorAll(".quiz-outcome[data-outcome]")].map((section) => (
    { id: section.dataset.outcome, kind: section.dataset.kind, title: words(`outcome-${section.dataset.outcome}-title`) }));
  const rules = [...root.querySelectorAll(".quiz-guide > [data-rule]")].map((li) => (
    { id: li.dataset.rule, priority: Number(li.dataset.priority), when: when(li, "when"), outcome: li.dataset.outcome,
      reason: words(`reason-${li.dataset.rule}`) }));
  const cautions = [...root.querySelectorAll(".quiz-cautions-guide > [data-caution]")].map((li) => (
    { id: li.dataset.caution, when_any: [...li.querySelectorAll("[data-alternative]")].map((alt) => when(alt, "when")) }));
  if (!questions.length || !outcomes.length || !rules.length) throw new Error("self-check: the page has no quiz markup");
  return { questions, outcomes, rules, cautions };
}

class Quiz {
  // The words this script shows come with the quiz data ("ui", from
  // content/data/strings.yaml in the page's language): no language logic here.
  t(key, values = {}) {
    const text = this.ui[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  }

  constructor(root) {
    this.root = root;
    this.quiz = readQuiz(root);   // throws if the page is incomplete: the no-JS version then stays
    this.ui = JSON.parse(root.querySelector("[data-quiz-ui]").textContent);
    this.answers = Object.create(null);
    this.returnToCheck = false;
    this.uid = root.id;
    this.app = root.querySelector("[data-quiz-app]");
    this.status = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
    this.screen = el("div", { class: "quiz-screen" });
    this.app.replaceChildren(this.status, this.screen);
    root.querySelector("[data-quiz-static]").hidden = true;
    this.app.hidden = false;
    // A reload (or an old link) to a screen starts over cleanly: answers were only in memory.
    const clean = SCREEN_HASH.test(location.hash) ? location.pathname + location.search : null;
    history.replaceState({ quiz: this.uid, screen: { type: "start" } }, "", clean);
    window.addEventListener("popstate", (event) => this.popped(event.state));
    this.render({ type: "start" }, false);
  }

  // ---- screens and history ---------------------------------------------
  go(screen) {
    history.pushState({ quiz: this.uid, screen }, "", hashFor(screen) || location.pathname + location.search);
    this.render(screen);
  }

  popped(state) {
    const screen = state && state.quiz === this.uid ? state.screen : { type: "start" };
    this.render(screen);
  }

  render(screen, focus = true) {
    if (screen.type === "question" && this.quiz.questions[screen.index]) return this.showQuestion(screen.index);
    if (screen.type === "check" && Object.keys(this.answers).length) return this.showCheck();
    if (screen.type === "result" && resultFor(this.quiz, this.answers)) return this.showResult();
    return this.showStart(focus);
  }

  show(children, { focus = true, result = false } = {}) {
    this.root.classList.toggle("continuum-quiz--result", result);
    this.screen.replaceChildren(...children.filter(Boolean));
    this.status.textContent = "";
    const heading = this.screen.querySelector("h2");
    if (!focus || !heading) return;
    this.root.scrollIntoView({ block: "start" });   // each screen starts at the top of the quiz
    heading.focus({ preventScroll: true });
  }

  back() {
    return el("button", { type: "button", class: "quiz-back", text: this.t("js_back"), on: { click: () => history.back() } });
  }

  heading(text, progress) {
    const h = el("h2", { tabindex: "-1", class: "quiz-screen__heading" });
    if (progress) h.append(el("span", { class: "quiz-progress", text: progress }), " ");
    h.append(text);
    return h;
  }

  lines(order) {
    const list = copy(this.root.querySelector(".quiz-outcome--crisis [data-quiz-lines]"));
    for (const key of [...order].reverse()) {
      const item = list.querySelector(`[data-line="${key}"]`);
      if (item) list.prepend(item);
    }
    return list;
  }

  showStart(focus = true) {
    const intro = copy(this.root.querySelector("[data-quiz-intro]"));
    this.show([
      this.heading(this.t("js_start_title")),
      intro,
      el("button", { type: "button", class: "quiz-start", text: this.t("js_start"), on: { click: () => this.go({ type: "question", index: 0 }) } }),
    ], { focus });
  }

  // How many questions this visitor has been asked before question `index`, plus one.
  position(index) {
    const given = askedAnswers(this.quiz, this.answers);
    let n = 1;
    for (let i = nextQuestion(this.quiz, given, -1); i !== -1 && i < index; i = nextQuestion(this.quiz, given, i)) n += 1;
    return n;
  }

  showQuestion(index) {
    const q = this.quiz.questions[index];
    const base = `${this.uid}-js-${q.id}`;
    const alert = el("div", { class: "quiz-alert", "aria-live": "assertive" });
    const described = q.hint ? `${base}-hint` : null;
    const fieldset = el("fieldset", { class: "quiz-question", "aria-describedby": described });
    fieldset.append(el("legend", {}, this.heading(q.text, this.t("js_question", { n: this.position(index) }))));
    if (q.hint) fieldset.append(el("p", { class: "hint", id: `${base}-hint`, text: q.hint }));
    const list = el("div", { class: "quiz-answers" });
    for (const a of q.answers) {
      const id = `${base}-${a.id}`;
      const input = el("input", { type: "radio", id, name: base, value: a.id, checked: this.answers[q.id] === a.id });
      input.addEventListener("change", () => this.signal(alert, a, true));
      list.append(el("div", { class: "quiz-answer" }, input, el("label", { for: id, text: a.text })));
    }
    // The help box sits above the answers, so it is on screen as soon as it appears.
    fieldset.append(alert, list);
    const form = el("form", { method: "dialog", class: "quiz-form", novalidate: true }, fieldset,
      el("button", { type: "submit", text: this.t("js_continue") }));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.answer(index, form, fieldset);
    });
    this.show([this.back(), form]);
    const chosen = answerOf(this.quiz, q.id, this.answers[q.id]);
    if (chosen) this.signal(alert, chosen, false);
  }

  // Danger answers show the help lines at once, on this screen, in view.
  signal(alert, answer, reveal) {
    if (!answer.crisis && !answer.urgent) {
      alert.replaceChildren();
      return;
    }
    const lead = answer.crisis ? this.t("js_danger_lead") : this.t("js_talk_lead");
    const order = answer.call_first === "emergency" ? ["emergency", "lifeline", "helpline"] : ["lifeline", "emergency", "helpline"];
    alert.replaceChildren(el("div", { class: "quiz-help" }, el("p", {}, el("strong", { text: lead })), this.lines(order)));
    if (reveal) {
      const box = alert.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) alert.scrollIntoView({ block: "start" });
    }
  }

  answer(index, form, fieldset) {
    const q = this.quiz.questions[index];
    const picked = form.querySelector("input:checked");
    if (!picked) {
      const errorId = `${this.uid}-js-${q.id}-error`;
      if (!fieldset.querySelector(".quiz-error")) {
        fieldset.querySelector(".quiz-answers").before(el("p", { class: "quiz-error", id: errorId },
          el("span", { class: "visually-hidden", text: this.t("js_error_prefix") }), this.t("js_select_answer")));
        fieldset.classList.add("quiz-question--error");
        fieldset.setAttribute("aria-describedby", [fieldset.getAttribute("aria-describedby"), errorId].filter(Boolean).join(" "));
      }
      this.status.textContent = this.t("js_error_status");
      form.querySelector("input").focus();
      return;
    }
    this.answers[q.id] = picked.value;
    if (answerOf(this.quiz, q.id, picked.value).crisis) return this.go({ type: "result" });
    // Next unanswered question (a changed answer can make new questions apply), else the summary.
    let next = nextQuestion(this.quiz, this.answers, index);
    while (this.returnToCheck && next !== -1 && this.answers[this.quiz.questions[next].id] !== undefined) {
      next = nextQuestion(this.quiz, this.answers, next);
    }
    if (next === -1) return this.go({ type: "check" });
    this.go({ type: "question", index: next });
  }

  summary(changeable) {
    const dl = el("dl", { class: "quiz-summary" });
    const given = askedAnswers(this.quiz, this.answers);
    this.quiz.questions.forEach((q, index) => {
      const a = answerOf(this.quiz, q.id, given[q.id]);
      if (!a) return;
      const change = changeable && el("dd", { class: "quiz-summary__change" }, el("button", { type: "button", class: "quiz-change", on: {
        click: () => { this.returnToCheck = true; this.go({ type: "question", index }); } } },
      this.t("js_change"), el("span", { class: "visually-hidden", text: this.t("js_change_hidden", { question: q.text }) })));
      dl.append(el("div", { class: "quiz-summary__row" }, el("dt", { text: q.text }), el("dd", { text: a.text }), change));
    });
    return dl;
  }

  showCheck() {
    this.returnToCheck = true;
    this.show([
      this.back(),
      this.heading(this.t("js_check_title")),
      this.summary(true),
      el("button", { type: "button", text: this.t("js_see_result"), on: { click: () => this.go({ type: "result" }) } }),
    ]);
  }

  reasons(title, rules) {
    return rules.length ? [el("h3", { text: title }), el("ul", { class: "quiz-reasons" }, ...rules.map((r) => el("li", { text: r.reason })))] : [];
  }

  showResult() {
    const result = resultFor(this.quiz, this.answers);
    const outcome = this.quiz.outcomes.find((o) => o.id === result.outcome);
    const card = copy(this.root.querySelector(`.quiz-outcome[data-outcome="${CSS.escape(outcome.id)}"]`));
    card.querySelector(".quiz-outcome__title")?.remove();
    // After a medical emergency answer, 911 and the emergency room come first.
    const emergency = this.quiz.questions.some((q) => answerOf(this.quiz, q.id, this.answers[q.id])?.crisis
      && answerOf(this.quiz, q.id, this.answers[q.id]).call_first === "emergency");
    const lines = card.querySelector("[data-quiz-lines]");
    if (lines && emergency) lines.replaceWith(this.lines(["emergency", "lifeline", "helpline"]));
    for (const h4 of card.querySelectorAll("h4")) h4.replaceWith(el("h3", { class: h4.className, text: h4.textContent }));
    const cautions = result.cautions.length ? [el("h3", { text: this.t("js_important") }),
      el("ul", { class: "quiz-cautions" }, ...result.cautions.map((c) => el("li", { class: "quiz-caution", "data-caution": c.id },
        copy(this.root.querySelector(`[data-caution="${CSS.escape(c.id)}"] [data-caution-body]`)))))] : [];
    const why = [...this.reasons(this.t("js_why"), result.rules), ...this.reasons(this.t("js_also"), result.also)];
    card.querySelector(".quiz-outcome__next")?.before(...cautions, ...why);
    this.show([
      this.back(),
      this.heading(this.t("js_result", { title: outcome.title })),
      card,
      el("h3", { text: this.t("js_your_answers") }),
      this.summary(false),
      el("p", { class: "quiz-not-diagnosis" }, el("strong", { text: this.t("js_not_diagnosis") }),
        this.t("js_guide")),
      el("div", { class: "quiz-actions" },
        el("button", { type: "button", class: "secondary", text: this.t("js_print"), on: { click: () => window.print() } }),
        el("button", { type: "button", class: "secondary", text: this.t("js_start_again"), on: { click: () => this.restart() } })),
    ], { result: true });
    this.status.textContent = this.t("js_result", { title: outcome.title });
  }

  restart() {
    this.answers = Object.create(null);
    this.returnToCheck = false;
    this.go({ type: "start" });
  }
}

for (const root of document.querySelectorAll("[data-continuum-quiz]")) new Quiz(root);
