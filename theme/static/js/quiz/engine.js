// The self-check's rule engine: pure functions, no DOM, no dependencies.
// The page (quiz.js) and the tests (tests/js/) import this same file.
//
// Semantics (the same as plugins/continuum/rules.py and coverage.py, and the
// build checks every answer combination): rules come in priority order; the
// first priority with a matching rule decides; a rule matches when, for each
// question in its `when`, the answer given is one of those listed.

const own = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

/** Does `rule` match `answers` ({questionId: answerId}; missing = no match)? */
export function matches(rule, answers) {
  for (const questionId of Object.keys(rule.when)) {
    if (!own(answers, questionId) || !rule.when[questionId].includes(answers[questionId])) return false;
  }
  return true;
}

/**
 * The result for a set of answers: {outcome, priority, rules: [fired rules]},
 * or null when no rule matches. `rules` are those that fired at the deciding
 * priority and lead to its outcome: their reasons explain the result.
 */
export function evaluate(quiz, answers) {
  let fired = [];
  for (const rule of quiz.rules) {
    if (fired.length && rule.priority !== fired[0].priority) break;
    if (matches(rule, answers)) fired.push(rule);
  }
  if (!fired.length) return null;
  const outcome = fired[0].outcome;
  fired = fired.filter((rule) => rule.outcome === outcome);
  return { outcome, priority: fired[0].priority, rules: fired };
}

/** The answer object for a question and answer id, or undefined. */
export function answerOf(quiz, questionId, answerId) {
  const question = quiz.questions.find((q) => q.id === questionId);
  return question && question.answers.find((a) => a.id === answerId);
}

/** True if any answer given is marked crisis (the result is always crisis). */
export function hasCrisisAnswer(quiz, answers) {
  return quiz.questions.some((q) => own(answers, q.id) && Boolean(answerOf(quiz, q.id, answers[q.id])?.crisis));
}

/** The outcome object with kind "crisis". */
export function crisisOutcome(quiz) {
  return quiz.outcomes.find((o) => o.kind === "crisis");
}

/**
 * The result to show now. With a crisis answer the result is the crisis
 * outcome at once, even before every question is answered (the build checks
 * that a crisis answer always leads there).
 */
export function resultFor(quiz, answers) {
  const result = evaluate(quiz, answers);
  if (hasCrisisAnswer(quiz, answers)) {
    const crisis = crisisOutcome(quiz);
    if (!result || result.outcome !== crisis.id) return { outcome: crisis.id, priority: 0, rules: [] };
  }
  return result;
}
