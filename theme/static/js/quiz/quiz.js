// The self-check, one question per screen (the GOV.UK question-page pattern).
// The page's quiz-data.js (made by iopguide/continuum from the same data as the
// printable guide) calls start() with this page's questions, rules and words.
// Without JavaScript the Start link opens the printable guide instead.
// Answers live only in this script's memory: never in the URL, cookies or any
// storage, and never sent anywhere. The browser's Back button steps back one
// screen: each screen is a history entry whose address carries only the
// screen (#question-3, #check-answers, #result), never an answer. A reload
// starts over. No inline styles: only classes and the `hidden` attribute
// (strict CSP). Every node is built with the DOM, never from HTML text.
//
// One module for the page (fewer requests on load): first the rule engine
// (pure functions, no DOM; tests/js/ imports them from this file and compares
// them with iopguide/continuum/rules.py), then the screens.

// ---- the rule engine --------------------------------------------------------
// Semantics (the same as iopguide/continuum/rules.py and coverage.py; the
// build walks every visitor path): questions come one at a time, in order. A
// question is not asked once the answers so far match a crisis rule (a rule
// that leads to the crisis outcome: a crisis answer, or a combination such as
// psychosis after a birth; the result shows at once), when its `ask_if` does
// not hold, or when a rule that already matched has a lower priority number
// than its `skip_below` (it can no longer change the result).
// Rules come in priority order; the first priority with a matching rule
// decides; a rule matches when, for each question in its `when`, the answer
// given is one of those listed. Every other matching rule and every matching
// caution is reported too.

const own = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

/** Does a `when` mapping hold for `answers` ({questionId: answerId}; missing = no match)? */
function holds(when, answers) {
  for (const questionId of Object.keys(when || {})) {
    if (!own(answers, questionId) || !when[questionId].includes(answers[questionId])) return false;
  }
  return true;
}

/** Does `rule` match `answers`? */
export function matches(rule, answers) {
  return holds(rule.when, answers);
}

/** The answer object for a question and answer id, or undefined. */
export function answerOf(quiz, questionId, answerId) {
  const question = quiz.questions.find((q) => q.id === questionId);
  return question && question.answers.find((a) => a.id === answerId);
}

/** The rules that lead to the crisis outcome. */
function crisisRules(quiz) {
  const crisis = crisisOutcome(quiz);
  return quiz.rules.filter((rule) => crisis && rule.outcome === crisis.id);
}

/** The crisis rules that `given` (answers actually asked) matches: non-empty means danger now. */
export function crisisMatches(quiz, given) {
  return crisisRules(quiz).filter((rule) => holds(rule.when, given));
}

/** Which help line leads for these answers: "emergency" (911) if a matching crisis rule says so, else "lifeline" (988). */
export function firstLine(quiz, given) {
  return crisisMatches(quiz, given).some((rule) => rule.call_first === "emergency") ? "emergency" : "lifeline";
}

/** Is question `index` asked, given the answers to the questions before it? */
function isAsked(quiz, index, given) {
  const q = quiz.questions[index];
  if (crisisMatches(quiz, given).length) return false;
  if (q.ask_if && !holds(q.ask_if, given)) return false;
  if (q.skip_below != null && quiz.rules.some((r) => r.priority < q.skip_below && holds(r.when, given))) return false;
  return true;
}

/** The answers a visitor following the quiz has given: only questions that are asked count. */
export function askedAnswers(quiz, answers) {
  const given = Object.create(null);
  quiz.questions.forEach((q, index) => {
    if (isAsked(quiz, index, given) && own(answers, q.id)) given[q.id] = answers[q.id];
  });
  return given;
}

/** The index of the next question to ask after `index` (-1: before the first), or -1 when done. */
export function nextQuestion(quiz, answers, index) {
  const given = Object.create(null);
  for (let i = 0; i < quiz.questions.length; i++) {
    if (i > index && isAsked(quiz, i, given)) return i;
    const id = quiz.questions[i].id;
    if (i <= index && isAsked(quiz, i, given) && own(answers, id)) given[id] = answers[id];
  }
  return -1;
}

/**
 * The result for a set of answers: {outcome, priority, rules, also, cautions},
 * or null when no rule matches. `rules` fired at the deciding priority (their
 * reasons explain the result); `also` are the other rules that matched, in
 * priority order; `cautions` the cautions that apply.
 */
export function evaluate(quiz, answers) {
  const given = askedAnswers(quiz, answers);
  const matched = quiz.rules.filter((rule) => holds(rule.when, given));   // rules are in priority order
  if (!matched.length) return null;
  const priority = matched[0].priority;
  const outcome = matched[0].outcome;
  const fired = matched.filter((rule) => rule.priority === priority && rule.outcome === outcome);
  return {
    outcome, priority, rules: fired,
    also: matched.filter((rule) => rule.priority !== priority),
    cautions: (quiz.cautions || []).filter((c) => c.when_any.some((alt) => holds(alt, given))),
  };
}

/** True if the answers a visitor gave match a crisis rule (the result is always crisis). */
export function inCrisis(quiz, answers) {
  return crisisMatches(quiz, askedAnswers(quiz, answers)).length > 0;
}

/** The outcome object with kind "crisis". */
export function crisisOutcome(quiz) {
  return quiz.outcomes.find((o) => o.kind === "crisis");
}

/**
 * The result to show now. Once a crisis rule matches, the result is the
 * crisis outcome at once, even before every question is answered (crisis
 * rules have the first priority, so nothing outranks them).
 */
export function resultFor(quiz, answers) {
  return evaluate(quiz, answers);
}

// ---- the screens ------------------------------------------------------------

const SCREEN_HASH = /^#(question-\d+|check-answers|result)$/;
const LINE_ORDER = { lifeline: ["lifeline", "emergency", "helpline"], emergency: ["emergency", "lifeline", "helpline"] };

// The same helper as tools/common.js's el(), copied rather than imported so
// the self-check page loads one script module with its data (the budget is 5
// requests on load); a unit test holds the two copies equal.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value == null) continue;
    if (key === "text") node.textContent = value;
    else if (key === "on") for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child != null && child !== false) node.append(child);
  return node;
}

// Text with links, from the data's segments: "plain" or {t, href}.
function rich(parts, linkClass) {
  const out = document.createDocumentFragment();
  for (const part of parts) {
    out.append(typeof part === "string" ? part : el("a", { href: part.href, class: linkClass, text: part.t }));
  }
  return out;
}

// The only addresses this script ever writes: the screen, never an answer.
function hashFor(screen) {
  if (screen.type === "question") return `#question-${screen.index + 1}`;
  if (screen.type === "check") return "#check-answers";
  if (screen.type === "result") return "#result";
  return "";
}

class Quiz {
  t(key, values = {}) {
    const text = this.data.ui[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  }

  constructor(root, data) {
    this.root = root;
    this.data = data;
    this.quiz = data;            // the engine reads questions, rules, outcomes and cautions from it
    this.answers = Object.create(null);
    this.returnToCheck = false;
    this.uid = root.id;
    this.title = document.title;
    this.startPanel = root.querySelector("[data-quiz-start]");
    this.app = root.querySelector("[data-quiz-app]");
    this.status = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
    this.screen = el("div", { class: "quiz-screen" });
    this.app.replaceChildren(this.status, this.screen);
    const link = root.querySelector("[data-quiz-start-link]");
    link.setAttribute("role", "button");
    link.addEventListener("click", (event) => {
      event.preventDefault();
      this.loadSheet();
      this.go({ type: "question", index: nextQuestion(this.quiz, this.answers, -1) });
    });
    // A reload (or an old link) to a screen starts over cleanly: answers were only in memory.
    const clean = SCREEN_HASH.test(location.hash) ? location.pathname + location.search : null;
    history.replaceState({ quiz: this.uid, screen: { type: "start" } }, "", clean);
    window.addEventListener("popstate", (event) => this.popped(event.state));
  }

  // The next-steps sheet under the result (tools/sheet.js) loads when the
  // visitor starts, not with the page: the page stays within its request
  // budget, and the file is the same for everyone (no answer is in the request).
  loadSheet() {
    this.sheetModule ??= import("../tools/sheet.js").catch(() => null);
    return this.sheetModule;
  }

  // ---- screens and history ---------------------------------------------
  go(screen) {
    history.pushState({ quiz: this.uid, screen }, "", hashFor(screen) || location.pathname + location.search);
    this.render(screen);
  }

  popped(state) {
    this.render(state && state.quiz === this.uid ? state.screen : { type: "start" });
  }

  render(screen) {
    if (screen.type === "question" && this.quiz.questions[screen.index]) return this.showQuestion(screen.index);
    if (screen.type === "check" && Object.keys(this.answers).length) return this.showCheck();
    if (screen.type === "result" && resultFor(this.quiz, this.answers)) return this.showResult();
    return this.showStart();
  }

  showStart() {
    this.root.classList.remove("continuum-quiz--active", "continuum-quiz--result");
    document.body.classList.remove("quiz-mode");
    this.startPanel.hidden = false;
    this.app.hidden = true;
    document.title = this.title;
  }

  show(children, { title, result = false } = {}) {
    this.startPanel.hidden = true;
    this.app.hidden = false;
    this.root.classList.add("continuum-quiz--active");
    this.root.classList.toggle("continuum-quiz--result", result);
    document.body.classList.add("quiz-mode");      // the theme hides the intro and related links while answering
    this.screen.replaceChildren(...children.filter(Boolean));
    this.status.textContent = "";
    document.title = `${title} – ${this.title}`;
    const heading = this.screen.querySelector("h2");
    this.root.scrollIntoView({ block: "start" });   // each screen starts at the top of the quiz
    if (heading) heading.focus({ preventScroll: true });
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
    const byKey = Object.fromEntries(this.data.lines.map((line) => [line.key, line]));
    return el("ul", { class: "quiz-lines" }, ...order.filter((key) => byKey[key]).map((key) => el(
      "li", { "data-line": key }, el("strong", { text: byKey[key].name }), " ", rich(byKey[key].parts))));
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
    const described = q.hint ? `${base}-hint` : null;
    const fieldset = el("fieldset", { class: "quiz-question", "aria-describedby": described });
    const progress = this.t("js_question", { n: this.position(index) });
    fieldset.append(el("legend", {}, this.heading(q.text, progress)));
    if (q.hint) fieldset.append(el("p", { class: "hint", id: `${base}-hint`, text: q.hint }));
    const list = el("div", { class: "quiz-answers" });
    // Help for a danger answer opens right under the chosen answer (GOV.UK's
    // conditional reveal), so the answer and the help are on screen together.
    const help = el("div", { class: "quiz-reveal", id: `${base}-help` });
    help.hidden = true;      // in the page from the start, so the answers' aria-controls points at it
    for (const a of q.answers) {
      const id = `${base}-${a.id}`;
      const input = el("input", { type: "radio", id, name: base, value: a.id, checked: this.answers[q.id] === a.id,
        "aria-controls": `${base}-help` });
      input.addEventListener("change", () => this.signal(help, q, a, true));
      list.append(el("div", { class: "quiz-answer", "data-answer": a.id }, input, el("label", { for: id, text: a.text })));
    }
    list.append(help);
    fieldset.append(list);
    const form = el("form", { method: "dialog", class: "quiz-form", novalidate: true }, fieldset,
      el("button", { type: "submit", class: "quiz-continue", text: this.t("js_continue") }));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.answer(index, form, fieldset);
    });
    this.show([this.back(), form], { title: `${progress}: ${q.text}` });
    const chosen = answerOf(this.quiz, q.id, this.answers[q.id]);
    if (chosen) this.signal(help, q, chosen, false);
  }

  // What this answer means now: "crisis" (a crisis rule would match), "urgent", or "".
  danger(q, answer) {
    const given = { ...askedAnswers(this.quiz, this.answers), [q.id]: answer.id };
    if (crisisMatches(this.quiz, given).length) return { kind: "crisis", order: LINE_ORDER[firstLine(this.quiz, given)] };
    if (answer.urgent) return { kind: "urgent", order: LINE_ORDER.lifeline };
    return { kind: "", order: [] };
  }

  // Danger answers show the help lines at once, under the chosen answer, announced once.
  signal(help, q, answer, reveal) {
    const { kind, order } = this.danger(q, answer);
    const row = this.screen.querySelector(`[data-answer="${CSS.escape(answer.id)}"]`);
    if (!kind) {
      help.hidden = true;
      help.replaceChildren();
      help.dataset.kind = "";
      return;
    }
    const changed = help.dataset.kind !== `${kind}:${order[0]}` || help.previousElementSibling !== row;
    if (changed) {
      const lead = kind === "crisis" ? this.t("js_danger_lead") : this.t("js_talk_lead");
      help.className = `quiz-reveal quiz-help quiz-help--${kind}`;
      help.replaceChildren(el("p", {}, el("strong", { text: lead })), this.lines(order));
      help.dataset.kind = `${kind}:${order[0]}`;
      row.after(help);
      help.hidden = false;
      if (reveal) this.status.textContent = `${lead} ${order.map((key) => this.data.lines.find((l) => l.key === key)?.name).join(" ")}`;
    }
    if (reveal) {
      // Bring the help fully into view, keeping the chosen answer on screen
      // below the sticky Exit button (the page's scroll-padding-top).
      const clear = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
      const top = row.getBoundingClientRect().top - clear;
      const over = help.getBoundingClientRect().bottom - window.innerHeight + 8;
      if (over > 0) window.scrollBy(0, Math.min(over, top));
      else if (top < 0) window.scrollBy(0, top);
    }
  }

  answer(index, form, fieldset) {
    const q = this.quiz.questions[index];
    const picked = form.querySelector("input:checked");
    if (!picked) {
      const errorId = `${this.uid}-js-${q.id}-error`;
      if (!fieldset.querySelector(".quiz-error")) {
        const first = form.querySelector("input");
        const summary = el("div", { class: "quiz-error-summary", role: "alert", tabindex: "-1" },
          el("h3", { text: this.t("js_error_status") }),
          el("a", { href: `#${first.id}`, text: this.t("js_select_answer"),
            on: { click: (event) => { event.preventDefault(); first.focus(); } } }));
        form.before(summary);
        fieldset.querySelector(".quiz-answers").before(el("p", { class: "quiz-error", id: errorId },
          el("span", { class: "visually-hidden", text: this.t("js_error_prefix") }), this.t("js_select_answer")));
        fieldset.classList.add("quiz-question--error");
        fieldset.setAttribute("aria-describedby", [fieldset.getAttribute("aria-describedby"), errorId].filter(Boolean).join(" "));
        document.title = `${this.t("js_error_prefix")}${document.title}`;
        summary.focus();
      } else {
        form.querySelector("input").focus();
      }
      return;
    }
    this.answers[q.id] = picked.value;
    if (crisisMatches(this.quiz, askedAnswers(this.quiz, this.answers)).length) return this.go({ type: "result" });
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
    const title = this.t("js_check_title");
    this.show([
      this.back(),
      this.heading(title),
      this.summary(true),
      el("button", { type: "button", class: "quiz-continue", text: this.t("js_see_result"), on: { click: () => this.go({ type: "result" }) } }),
    ], { title });
  }

  reasons(title, rules) {
    return rules.length ? [el("h3", { text: title }), el("ul", { class: "quiz-reasons" }, ...rules.map((r) => el("li", { text: r.reason })))] : [];
  }

  caution(c) {
    const english = this.data.lang !== "en" ? "en" : null;     // the sources are English documents
    const sources = el("p", { class: "quiz-caution__source" }, `${this.t("quiz_source")} `);
    (c.sources || []).forEach((s, i) => {
      if (i) sources.append("; ");
      sources.append(s.href ? el("a", { href: s.href, lang: english, text: s.text }) : el("span", { lang: english, text: s.text }));
    });
    sources.append(".");
    // The sources are long on a phone: folded under one line (opened for printing, see showResult).
    return el("li", { class: "quiz-caution", "data-caution": c.id },
      el("p", { class: "quiz-caution__title" }, el("strong", { text: `${c.title}.` }), " ", rich(c.text, "quiz-phone")),
      c.page && el("p", { class: "quiz-caution__more" }, el("a", { href: c.page.href, text: this.t("quiz_read_more", { title: c.page.title }) })),
      (c.sources || []).length > 0 && el("details", { class: "quiz-caution__sources" },
        el("summary", { text: this.t("quiz_sources_show", { count: c.sources.length }) }), sources));
  }

  // The numbered actions. One is primary (filled): the first, or on the
  // crisis result the call to the line the engine puts first (`preferred`).
  // A page link carries its full address for paper (site.css prints it).
  steps(outcome, preferred) {
    const actions = outcome.steps.flatMap((step) => step.actions || []);
    const primary = actions.find((action) => action.href === preferred) || actions[0];
    return el("ol", { class: "quiz-outcome__steps" }, ...outcome.steps.map((step) => {
      const item = el("li", {}, step.text);
      for (const action of step.actions || []) {
        const address = action.kind === "page" ? new URL(action.href, location.href).href.replace(/^https?:\/\//, "") : null;
        item.append(" ", el("a", { href: action.href, "data-print-url": address,
          class: `quiz-action quiz-action--${action.kind}${action === primary ? " quiz-action--primary" : ""}`, text: action.label }));
      }
      return item;
    }));
  }

  // "Printed on <date>": the date on the visitor's device when the page is
  // printed, in the page's language (US forms). It never leaves the browser.
  // On paper a folded list cannot be opened: `printing` opens every caution's sources.
  stampPrintDate(printing = false) {
    const line = this.screen.querySelector(".quiz-printed");
    if (!line) return;
    const locale = this.data.lang === "es" ? "es-US" : "en-US";
    line.textContent = this.t("js_printed_on", { date: new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(new Date()) });
    if (printing) for (const details of this.screen.querySelectorAll(".quiz-caution__sources")) details.open = true;
  }

  showResult() {
    const result = resultFor(this.quiz, this.answers);
    const outcome = this.quiz.outcomes.find((o) => o.id === result.outcome);
    const given = askedAnswers(this.quiz, this.answers);
    const title = this.t("js_result", { title: outcome.title });
    const crisis = outcome.kind === "crisis";
    const order = LINE_ORDER[firstLine(this.quiz, given)];
    // The result is a care card (docs/editing.md): emergency for the crisis
    // result, urgent when it shows the help lines, else non-urgent. The
    // heading above it is the card's band (site.css reads data-care).
    const care = crisis ? "emergency" : outcome.help_lines ? "urgent" : "non-urgent";
    this.root.dataset.care = care;
    const card = el("div", { class: `quiz-outcome quiz-outcome--${outcome.kind}`, "data-outcome": outcome.id, "data-care": care });
    card.append(el("p", { class: "quiz-printed" }));
    if (outcome.level) card.append(el("p", { class: "quiz-outcome__level", text: this.t("quiz_level_to_ask", outcome.level) }));
    card.append(el("p", { class: "quiz-outcome__summary", text: outcome.summary }));
    if (crisis || outcome.help_lines) card.append(el("div", { class: "quiz-help" }, this.lines(order)));
    // Every printed result has the help lines in full, even when the screen does not show them.
    else card.append(el("div", { class: "quiz-print-lines" }, el("p", {}, el("strong", { text: this.t("js_talk_lead") })), this.lines(order)));
    if (result.cautions.length) {
      card.append(el("div", { class: "quiz-important" }, el("h3", { text: this.t("js_important") }),
        el("ul", { class: "quiz-cautions" }, ...result.cautions.map((c) => this.caution(c)))));
    }
    const first = this.data.lines.find((line) => line.key === order[0]);
    const preferred = crisis ? first?.parts.find((part) => typeof part !== "string")?.href : null;
    card.append(el("h3", { class: "quiz-outcome__next", text: this.t("quiz_next_steps") }), this.steps(outcome, preferred));
    card.append(...this.reasons(this.t("js_why"), result.rules), ...this.reasons(this.t("js_also"), result.also));
    if (outcome.page) card.append(el("p", {}, el("a", { class: "quiz-outcome__link", href: outcome.page.href,
      text: this.t("quiz_read_more", { title: outcome.page.title }) })));
    // Filled as soon as the sheet's module is there (it is, unless the connection dropped:
    // then the result stands alone, and the printable guide still has every question).
    const sheetSlot = el("div", { class: "quiz-sheet-slot" });
    this.loadSheet().then((module) => {
      if (module && sheetSlot.isConnected) sheetSlot.replaceWith(module.nextStepsSheet(this.data, { outcome, result, given }));
    });
    this.show([
      this.back(),
      this.heading(title),
      card,
      sheetSlot,
      el("h3", { text: this.t("js_your_answers") }),
      this.summary(false),
      el("p", { class: "quiz-not-diagnosis" }, el("strong", { text: this.t("js_not_diagnosis") }), this.t("js_guide")),
      el("div", { class: "quiz-actions" },
        el("button", { type: "button", class: "secondary", text: this.t("js_print"), on: { click: () => window.print() } }),
        el("button", { type: "button", class: "secondary", text: this.t("js_start_again"), on: { click: () => this.restart() } })),
    ], { title, result: true });
    this.status.textContent = title;
    this.stampPrintDate();
    this.printDate ??= () => this.stampPrintDate(true);
    window.addEventListener("beforeprint", this.printDate);      // the same function: added once
  }

  restart() {
    this.answers = Object.create(null);
    this.returnToCheck = false;
    this.go({ type: "question", index: nextQuestion(this.quiz, this.answers, -1) });
  }
}

/** Run the self-check on this page with its data (called by the page's quiz-data.js). */
export function start(data) {
  const root = document.querySelector("[data-continuum-quiz]");
  if (root && root.querySelector("[data-quiz-app]")) {
    new Quiz(root, data);
    root.setAttribute("data-quiz-ready", "");   // Start now opens the first question (tests wait for this)
  }
}
