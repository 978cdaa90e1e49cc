"""Every path a visitor can take through the quiz, checked whenever the data
file or this plugin changes (a long-lived build, the live preview's, checks
an unchanged file once: plugin._checked).

The quiz has tens of millions of ways through it, so they are not listed one
by one. Three ideas keep the check exhaustive and fast:

1. Answers that no rule, caution or `ask_if` tells apart, and that carry the
   same flags, form one class (e.g. "None" and "Once a week, and it helps"
   to "What treatment do you get now?" when no rule reads either). Every
   check sees the same thing for each member of a class, so one member (the
   first, its representative) stands for them all.
2. Visitors do not answer every question (see rules.py): a crisis rule that
   matches (a crisis answer, or a combination of answers) ends the quiz,
   `ask_if` hides questions that do not apply, and questions that can no
   longer change the result are skipped. The walk follows the quiz as a
   visitor would, one question at a time.
3. What a visitor's future depends on is small: which conditions (a rule's
   `when`, a caution's alternative, a question's `ask_if`, a safety-contract
   entry) can still hold; which rules matched at the best priority so far (a
   rule with a higher number can never decide any more, so it is dropped);
   which cautions and contract entries already apply; and which danger
   answers were given. Visitors alike in all of these go on identically, so
   the walk merges them into one state (adding up how many paths and answer
   sets it stands for) instead of following each path on its own. Every path
   is still counted and checked: merging changes the work, not the coverage.
   (The other rules that matched, shown under "Other things your answers
   show", do not change the outcome, so endings do not keep them;
   rules.evaluate() gives them for any one visitor.)

The result is a list of endings: groups of visitor paths that end with the same
outcome, reasons, cautions, danger answers and contract entries met, each with
how many paths and answer sets it holds, how many screens they saw, and one
example path for messages. tests/unit/test_continuum_engine.py holds this
walk equal to rules.py (one visitor at a time) on every ending's example and
on random answer sets, and holds the JavaScript engine equal to both.

Skipping is safe by construction: a question is skipped only when a rule that
already matched has a lower priority number than every rule that reads it,
and the question triggers no caution, gates no question and has no crisis or
urgent answer; so no answer to it could change the outcome, the deciding
reasons or the cautions. A crisis answer always leads to the crisis outcome
whatever else is answered (validate.py proves this from the rules), so
stopping there changes nothing either.
"""

import time
from dataclasses import dataclass
from typing import NamedTuple

from .rules import skip_plan

MAX_STATES = 500_000     # distinct visitor states at one question: far above any real quiz


class Ending(NamedTuple):
    """Visitor paths that end with the same result (outcome and deciding rules)."""
    example: tuple      # ((question id, answer id), ...) in the order asked: class representatives
    paths: int          # how many visitor paths (one answer per class) end this way
    weight: int         # how many answer sets they stand for (class sizes multiplied out)
    outcome: str        # None if no rule matched
    priority: int
    rules: tuple        # rule ids that fired at the deciding priority
    conflict: tuple     # outcome ids that disagree at the deciding priority
    screens: tuple      # ((number of question screens, paths, answer sets), ...)

    def given(self):
        return dict(self.example)


@dataclass
class Coverage:
    classes: list           # classes[i][k]: answer ids in class k of question i (first = representative)
    endings: list           # every way a visitor path can end (see Ending)
    raw_total: int          # answer combinations if every question were asked (product of answer counts)
    asked: frozenset = frozenset()     # (question id, class representative) that some visitor answers
    shown: frozenset = frozenset()     # caution ids that some visitor is shown
    states: int = 0         # the most distinct visitor states at any one question
    seconds: float = 0.0

    @property
    def total(self):
        """Visitor paths (one answer per class) through the quiz."""
        return sum(e.paths for e in self.endings)

    @property
    def answer_sets(self):
        """Distinct sets of answers visitors can give (class sizes multiplied out)."""
        return sum(e.weight for e in self.endings)

    def counts(self, weighted=False):
        out = {}
        for e in self.endings:
            out[e.outcome] = out.get(e.outcome, 0) + (e.weight if weighted else e.paths)
        return out

    def screens(self, weighted=False):
        """{number of question screens: how many paths (or answer sets)}."""
        out = {}
        for e in self.endings:
            for n, paths, weight in e.screens:
                out[n] = out.get(n, 0) + (weight if weighted else paths)
        return dict(sorted(out.items()))


def answer_classes(quiz):
    """[[ [answer ids], ... ] per question]: answers grouped by everything any
    check can see of them (flags, and which rules, cautions and ask_if name them)."""
    out = []
    for q in quiz.questions:
        groups = {}
        for a in q.answers:
            sig = (a.crisis, a.urgent,
                   tuple(r.id for r in quiz.rules if any(qid == q.id and a.id in allowed for qid, allowed in r.when)),
                   tuple((c.id, n) for c in quiz.cautions for n, alt in enumerate(c.when_any)
                         if any(qid == q.id and a.id in allowed for qid, allowed in alt)),
                   tuple(other.id for other in quiz.questions
                         if any(qid == q.id and a.id in allowed for qid, allowed in other.ask_if)))
            groups.setdefault(sig, []).append(a.id)
        out.append(list(groups.values()))
    return out


class _Conditions:
    """Every condition the walk tracks, numbered: rules, caution alternatives
    and ask_if gates. For each: the questions it reads, which classes of each
    satisfy it, and the last question it reads."""

    def __init__(self, quiz, classes):
        index = {q.id: i for i, q in enumerate(quiz.questions)}
        self.reads = []       # cond -> {question index: frozenset of class indices that satisfy it}
        self.last = []        # cond -> last question index read (-1: reads none, always holds)
        self.rule_of = {}     # cond -> rule
        self.alt_of = {}      # cond -> caution id
        self.gate_of = {}     # question index -> cond

        def add(when):
            reads = {}
            for qid, allowed in when:
                qi = index[qid]
                reads[qi] = frozenset(k for k, members in enumerate(classes[qi]) if members[0] in allowed)
            self.reads.append(reads)
            self.last.append(max(reads, default=-1))
            return len(self.reads) - 1

        for r in quiz.rules:
            self.rule_of[add(r.when)] = r
        for c in quiz.cautions:
            for alt in c.when_any:
                self.alt_of[add(alt)] = c.id
        for i, q in enumerate(quiz.questions):
            if q.ask_if:
                self.gate_of[i] = add(q.ask_if)
        self.by_question = [[c for c, reads in enumerate(self.reads) if i in reads]
                            for i in range(len(quiz.questions))]


def compute(quiz, limit=MAX_STATES):
    """Walk every visitor path, merging those that go on identically. Raises
    OverflowError past `limit` distinct states at one question."""
    started = time.perf_counter()
    questions = quiz.questions
    classes = answer_classes(quiz)
    conds = _Conditions(quiz, classes)
    plan = skip_plan(quiz)
    rank = {r.id: (r.priority, k) for k, r in enumerate(quiz.rules)}
    priority = {c: r.priority for c, r in conds.rule_of.items()}
    crisis_ids = {r.id for r in quiz.crisis_rules}
    crisis_conds = frozenset(c for c, r in conds.rule_of.items() if r.id in crisis_ids)
    gate_question = {c: i for i, c in conds.gate_of.items()}
    no_rule = 10 ** 9
    asked = set()          # (question id, representative) answered by some visitor
    shown = set()          # cautions some visitor sees: once known, their alternatives need no tracking

    # A state: (conditions that can still hold, rules matched at the best
    # priority so far, gates that hold for questions still to come).
    def step(state, i, k):
        """The state after class k of question i is answered (k None: not asked),
        and whether a crisis rule matched."""
        pending, top, gates = state
        reads = conds.by_question[i]
        done = []
        keep = []
        if k is not None:
            for c in reads:
                if c in pending and k in conds.reads[c][i]:
                    (done if conds.last[c] == i else keep).append(c)
        best = min((priority[c] for c in top), default=no_rule)
        for c in done:
            if c in priority:
                if priority[c] < best:
                    best, top = priority[c], frozenset((c,))
                elif priority[c] == best:
                    top = top | {c}
            elif c in gate_question:
                gates = gates | {c}
            else:
                shown.add(conds.alt_of[c])
        # Forget what can no longer matter: rules that can never beat the best
        # priority, alternatives of cautions already shown to some visitor,
        # gates of past questions.
        pending = frozenset(c for c in pending.difference(reads).union(keep)
                            if not (c in priority and priority[c] > best)
                            and not (c in conds.alt_of and conds.alt_of[c] in shown))
        gates = frozenset(c for c in gates if gate_question[c] > i)
        return (pending, top, gates), bool(done) and not crisis_conds.isdisjoint(done)

    def merge(into, state, value):
        if state not in into:
            if len(into) >= limit:
                raise OverflowError(limit)
            into[state] = value
            return
        paths, weight, example, screens = into[state]
        for n, (p, w) in value[3].items():
            seen = screens.setdefault(n, [0, 0])
            seen[0] += p
            seen[1] += w
        into[state] = (paths + value[0], weight + value[1], example, screens)

    endings = {}
    # Conditions that read no question (`when: {}`) hold from the start.
    always = [c for c, last in enumerate(conds.last) if last < 0]
    first = min((priority[c] for c in always if c in priority), default=no_rule)
    shown.update(conds.alt_of[c] for c in always if c in conds.alt_of)
    start = (frozenset(c for c, last in enumerate(conds.last) if last >= 0),
             frozenset(c for c in always if priority.get(c) == first), frozenset())
    states = {start: (1, 1, (), {0: [1, 1]})}
    most = 1
    for i, q in enumerate(questions):
        gate = conds.gate_of.get(i)
        below = plan.get(q.id)
        after = {}
        for state, value in states.items():
            best = min((priority[c] for c in state[1]), default=no_rule)
            if (gate is not None and gate not in state[2]) or (below is not None and best < below):
                merge(after, step(state, i, None)[0], value)      # not asked
                continue
            paths, weight, example, screens = value
            for k, members in enumerate(classes[i]):
                asked.add((q.id, members[0]))
                n = len(members)
                new_value = (paths, weight * n, example + ((q.id, members[0]),),
                             {m + 1: [p, w * n] for m, (p, w) in screens.items()})
                new_state, crisis = step(state, i, k)
                if crisis:
                    merge(endings, new_state[1], new_value)   # a crisis rule matched: the result shows at once
                else:
                    merge(after, new_state, new_value)
        states = after
        most = max(most, len(states))
    for state, value in states.items():
        merge(endings, state[1], value)
    out = []
    for top, (paths, weight, example, screens) in endings.items():
        fired = sorted((conds.rule_of[c] for c in top), key=lambda r: rank[r.id])
        outcomes = tuple(dict.fromkeys(r.outcome for r in fired))
        out.append(Ending(example, paths, weight, fired[0].outcome if fired else None,
                          fired[0].priority if fired else 0, tuple(r.id for r in fired),
                          outcomes if len(outcomes) > 1 else (),
                          tuple((n, p, w) for n, (p, w) in sorted(screens.items()))))
    raw = 1
    for q in questions:
        raw *= len(q.answers)
    return Coverage(classes=classes, endings=out, raw_total=raw, asked=frozenset(asked), shown=frozenset(shown),
                    states=most, seconds=time.perf_counter() - started)
