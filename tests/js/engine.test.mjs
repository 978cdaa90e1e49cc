// The quiz's rule engine, run by `node --test tests/js/`. It imports the very
// file the page loads. pytest (tests/unit/test_continuum_engine.py) runs this
// with CONTINUUM_PARITY_FILE pointing at the Python validator's outcome for
// every answer combination of the real data file; the parity test then checks
// all of them, so the JavaScript and Python engines can never drift apart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { evaluate, matches, resultFor, hasCrisisAnswer } from "../../theme/static/js/quiz/engine.js";

const SMALL = {
  questions: [
    { id: "danger", answers: [{ id: "yes", crisis: true }, { id: "no" }] },
    { id: "home", answers: [{ id: "safe" }, { id: "unsafe" }, { id: "none" }] },
    { id: "need", answers: [{ id: "high" }, { id: "low" }] },
  ],
  outcomes: [{ id: "crisis", kind: "crisis" }, { id: "res", kind: "level" }, { id: "iop", kind: "level" }, { id: "op", kind: "level" }],
  rules: [
    { id: "r1", priority: 1, when: { danger: ["yes"] }, outcome: "crisis", reason: "a" },
    { id: "r2", priority: 2, when: { home: ["unsafe", "none"] }, outcome: "res", reason: "b" },
    { id: "r3", priority: 3, when: { need: ["high"] }, outcome: "iop", reason: "c" },
    { id: "r4", priority: 3, when: { need: ["high"], home: ["safe"] }, outcome: "iop", reason: "d" },
    { id: "r5", priority: 4, when: {}, outcome: "op", reason: "e" },
  ],
};

test("the first matching priority decides, and every rule that fired there is given", () => {
  const r = evaluate(SMALL, { danger: "no", home: "safe", need: "high" });
  assert.equal(r.outcome, "iop");
  assert.deepEqual(r.rules.map((x) => x.id), ["r3", "r4"]);
  assert.equal(evaluate(SMALL, { danger: "yes", home: "none", need: "high" }).outcome, "crisis");
  assert.equal(evaluate(SMALL, { danger: "no", home: "none", need: "low" }).outcome, "res");
  assert.equal(evaluate(SMALL, { danger: "no", home: "safe", need: "low" }).outcome, "op");
});

test("a condition lists any-of answers; all conditions must hold; {} matches anything", () => {
  assert.equal(matches(SMALL.rules[1], { home: "none" }), true);
  assert.equal(matches(SMALL.rules[3], { need: "high", home: "unsafe" }), false);
  assert.equal(matches(SMALL.rules[4], {}), true);
});

test("unanswered questions and inherited keys never match", () => {
  assert.equal(matches(SMALL.rules[0], {}), false);
  const rule = { id: "x", priority: 1, when: { constructor: ["function Object() { [native code] }"] }, outcome: "op" };
  assert.equal(matches(rule, {}), false);
  assert.equal(evaluate({ ...SMALL, rules: [rule] }, {}), null);
});

test("a crisis answer gives the crisis result at once, before the other questions", () => {
  assert.equal(hasCrisisAnswer(SMALL, { danger: "yes" }), true);
  assert.equal(resultFor(SMALL, { danger: "yes" }).outcome, "crisis");
  assert.equal(hasCrisisAnswer(SMALL, { danger: "no" }), false);
});

const fixturePath = process.env.CONTINUUM_PARITY_FILE;

test("parity: every answer combination gives the Python validator's outcome and reasons",
  { skip: fixturePath ? false : "set CONTINUUM_PARITY_FILE (pytest does: tests/unit/test_continuum_engine.py)" },
  (t) => {
    const { quiz, codes, signatures } = JSON.parse(readFileSync(fixturePath, "utf8"));
    const n = quiz.questions.length;
    const radices = quiz.questions.map((q) => q.answers.length);
    const total = radices.reduce((a, b) => a * b, 1);
    assert.equal(codes.length, total, "one code per combination");
    const digits = new Array(n).fill(0);
    const answers = Object.create(null);
    const counts = {};
    let mismatches = 0;
    let first = "";
    for (let c = 0; c < total; c++) {
      for (let i = 0; i < n; i++) answers[quiz.questions[i].id] = quiz.questions[i].answers[digits[i]].id;
      const [outcome, ruleIds] = signatures[codes.charCodeAt(c) - 0x100];
      const got = evaluate(quiz, answers);
      const same = got && got.outcome === outcome && got.rules.map((r) => r.id).join(",") === ruleIds.join(",");
      if (!same) {
        mismatches += 1;
        if (!first) first = `${JSON.stringify(answers)}: python ${outcome} [${ruleIds}], js ${got && got.outcome} [${got && got.rules.map((r) => r.id)}]`;
      }
      // A crisis answer must give the crisis result even mid-quiz (resultFor).
      if (hasCrisisAnswer(quiz, answers)) assert.equal(resultFor(quiz, answers).outcome, "crisis");
      counts[outcome] = (counts[outcome] || 0) + 1;
      for (let i = n - 1; i >= 0; i--) {   // next combination: the last question varies fastest
        if (++digits[i] < radices[i]) break;
        digits[i] = 0;
      }
    }
    assert.equal(mismatches, 0, `${mismatches} of ${total} combinations differ; first: ${first}`);
    t.diagnostic(`parity: ${total} combinations checked; outcomes ${JSON.stringify(counts)}`);
  });
