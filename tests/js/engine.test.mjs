// The quiz's rule engine, run by `node --test tests/js/`. It imports the very
// module the page loads (theme/static/js/quiz/quiz.js; its engine part has no DOM). pytest (tests/unit/test_continuum_engine.py) runs this
// with CONTINUUM_PARITY_FILE pointing at answer sets (an example path of every
// way the build's walk can end, every persona, and random answer sets) with
// what the Python engine makes of them; the parity test replays each through
// this engine as a visitor would, so the two engines can never drift apart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { evaluate, matches, resultFor, inCrisis, firstLine, nextQuestion, askedAnswers } from "../../theme/static/js/quiz/quiz.js";

const SMALL = {
  questions: [
    { id: "danger", answers: [{ id: "yes", crisis: true }, { id: "no" }] },
    { id: "use", answers: [{ id: "yes" }, { id: "no" }] },
    { id: "opioids", ask_if: { use: ["yes"] }, answers: [{ id: "yes" }, { id: "no" }] },
    { id: "home", answers: [{ id: "safe" }, { id: "unsafe" }, { id: "none" }] },
    { id: "need", skip_below: 3, answers: [{ id: "high" }, { id: "low" }] },
  ],
  outcomes: [{ id: "crisis", kind: "crisis" }, { id: "res", kind: "level" }, { id: "iop", kind: "level" }, { id: "op", kind: "level" }],
  rules: [
    { id: "r1", priority: 1, when: { danger: ["yes"] }, outcome: "crisis", reason: "a" },
    { id: "r0", priority: 1, when: { use: ["yes"], opioids: ["yes"], home: ["none"] }, outcome: "crisis", call_first: "emergency", reason: "z" },
    { id: "r2", priority: 2, when: { home: ["unsafe", "none"] }, outcome: "res", reason: "b" },
    { id: "r3", priority: 3, when: { need: ["high"] }, outcome: "iop", reason: "c" },
    { id: "r4", priority: 3, when: { need: ["high"], home: ["safe"] }, outcome: "iop", reason: "d" },
    { id: "r6", priority: 3, when: { opioids: ["yes"] }, outcome: "iop", reason: "f" },
    { id: "r5", priority: 4, when: {}, outcome: "op", reason: "e" },
  ],
  cautions: [{ id: "c1", when_any: [{ opioids: ["yes"] }, { home: ["none"] }] }],
};

test("the first matching priority decides; every other match is listed after it", () => {
  const r = evaluate(SMALL, { danger: "no", use: "no", home: "safe", need: "high" });
  assert.equal(r.outcome, "iop");
  assert.deepEqual(r.rules.map((x) => x.id), ["r3", "r4"]);
  assert.deepEqual(r.also.map((x) => x.id), ["r5"]);
  assert.equal(evaluate(SMALL, { danger: "no", use: "no", home: "safe", need: "low" }).outcome, "op");
});

test("a condition lists any-of answers; all conditions must hold; {} matches anything", () => {
  assert.equal(matches(SMALL.rules[2], { home: "none" }), true);
  assert.equal(matches(SMALL.rules[4], { need: "high", home: "unsafe" }), false);
  assert.equal(matches(SMALL.rules[6], {}), true);
});

test("unanswered questions and inherited keys never match", () => {
  assert.equal(matches(SMALL.rules[0], {}), false);
  const rule = { id: "x", priority: 1, when: { constructor: ["function Object() { [native code] }"] }, outcome: "op" };
  assert.equal(matches(rule, {}), false);
  assert.equal(evaluate({ ...SMALL, rules: [rule] }, {}), null);
});

test("ask_if hides a question that does not apply, and its answer then counts for nothing", () => {
  assert.equal(nextQuestion(SMALL, { danger: "no", use: "no" }, 1), 3);
  assert.equal(nextQuestion(SMALL, { danger: "no", use: "yes" }, 1), 2);
  const r = evaluate(SMALL, { danger: "no", use: "no", opioids: "yes", home: "safe", need: "low" });
  assert.equal(r.outcome, "op");
  assert.deepEqual(r.cautions, []);
});

test("a question that can no longer change the result is skipped; cautions still show", () => {
  // home: none decides at priority 2 < skip_below 3, so `need` is not asked.
  assert.equal(nextQuestion(SMALL, { danger: "no", use: "yes", opioids: "yes", home: "none" }, 3), -1);
  const r = evaluate(SMALL, { danger: "no", use: "yes", opioids: "no", home: "none", need: "high" });
  assert.equal(r.outcome, "res");
  assert.deepEqual(r.also.map((x) => x.id), ["r5"]);      // r3 (need) was never asked
  assert.deepEqual(r.cautions.map((c) => c.id), ["c1"]);
  assert.deepEqual(Object.keys(askedAnswers(SMALL, { danger: "no", use: "yes", opioids: "no", home: "none", need: "high" })),
    ["danger", "use", "opioids", "home"]);
});

test("a crisis answer gives the crisis result at once and ends the questions", () => {
  assert.equal(inCrisis(SMALL, { danger: "yes" }), true);
  assert.equal(resultFor(SMALL, { danger: "yes" }).outcome, "crisis");
  assert.equal(nextQuestion(SMALL, { danger: "yes" }, 0), -1);
  assert.equal(inCrisis(SMALL, { danger: "no" }), false);
  assert.equal(firstLine(SMALL, { danger: "yes" }), "lifeline");
});

test("a crisis rule that reads several answers ends the questions once they all match, and names its first line", () => {
  const given = { danger: "no", use: "yes", opioids: "yes", home: "none" };
  assert.equal(inCrisis(SMALL, given), true);
  assert.equal(nextQuestion(SMALL, given, 3), -1);             // `need` is never asked
  assert.equal(resultFor(SMALL, given).outcome, "crisis");
  assert.equal(firstLine(SMALL, given), "emergency");
  assert.equal(inCrisis(SMALL, { ...given, home: "safe" }), false);
});

const fixturePath = process.env.CONTINUUM_PARITY_FILE;

test("parity: every answer set gives the Python engine's questions, outcome, reasons, cautions and first line",
  { skip: fixturePath ? false : "set CONTINUUM_PARITY_FILE (pytest does: tests/unit/test_continuum_engine.py)" },
  (t) => {
    const { quiz, cases } = JSON.parse(readFileSync(fixturePath, "utf8"));
    const ids = (list) => list.map((x) => x.id).join(",");
    const counts = {};
    let mismatches = 0;
    let first = "";
    for (const c of cases) {
      const answers = c.answers;
      // Walk the quiz as a visitor: the engine must ask exactly these questions, in this order.
      const asked = [];
      for (let i = nextQuestion(quiz, answers, -1); i !== -1; i = nextQuestion(quiz, answers, i)) {
        asked.push(quiz.questions[i].id);
        if (asked.length > quiz.questions.length) break;
      }
      const got = resultFor(quiz, answers);
      const mine = [asked.join(","), got && got.outcome, got && ids(got.rules), got && ids(got.also), got && ids(got.cautions),
        firstLine(quiz, askedAnswers(quiz, answers))];
      const theirs = [c.asked.join(","), c.outcome, c.rules.join(","), c.also.join(","), c.cautions.join(","), c.first];
      if (JSON.stringify(mine) !== JSON.stringify(theirs)) {
        mismatches += 1;
        if (!first) first = `${JSON.stringify(answers)}: python ${JSON.stringify(theirs)}, js ${JSON.stringify(mine)}`;
      }
      counts[c.outcome] = (counts[c.outcome] || 0) + 1;
    }
    assert.equal(mismatches, 0, `${mismatches} of ${cases.length} answer sets differ; first: ${first}`);
    t.diagnostic(`parity: ${cases.length} answer sets checked; outcomes ${JSON.stringify(counts)}`);
  });
