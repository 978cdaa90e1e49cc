// The self-check's rule engine: pure functions, no DOM, no dependencies.
// The page (quiz.js) and the tests (tests/js/) import this same file.
//
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
