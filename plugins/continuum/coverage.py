"""Every path a visitor can take through the quiz, checked whenever the data
file or this plugin changes (shape_cache.py remembers a pass).

Two ideas keep this exhaustive and fast:

1. Answers that no rule, caution or `ask_if` tells apart, and that carry the
   same flags, form one class (e.g. "None" and "Once a week, and it helps"
   to "What treatment do you get now?" when no rule reads either). Every
   check sees the same thing for each member of a class, so checking one
   member (the first, its representative) covers them all.
2. Visitors do not answer every question (see rules.py): a crisis answer
   ends the quiz, `ask_if` hides questions that do not apply, and questions
   that can no longer change the result are skipped. So instead of the
   product of all answer counts (65 million for the current file), the walk
   below follows the quiz as a visitor would, one question at a time, and
   visits each distinct visitor path once (about 15 thousand).

Skipping is safe by construction: a question is skipped only when a rule that
already matched has a lower priority number than every rule that reads it,
and the question triggers no caution, gates no question and has no crisis or
urgent answer; so no answer to it could change the outcome, the deciding
reasons or the cautions. A crisis answer always leads to the crisis outcome
whatever else is answered (validate.py proves this from the rules), so
stopping there changes nothing either. tests/unit/test_continuum_engine.py
also compares skipping with answering everything on random full answer sets.
"""

import time
from dataclasses import dataclass, field
from typing import NamedTuple

from .rules import skip_plan

MAX_PATHS = 2_000_000


class Path(NamedTuple):
    """One visitor path. A NamedTuple, not a dataclass: about 15 thousand are
    made on every build, and a tuple is several times cheaper to create."""
    answers: tuple      # ((question id, answer id), ...) in the order asked: class representatives
    weight: int         # how many answer sets this path stands for (product of the class sizes)
    outcome: str        # None if no rule matched
    priority: int
    rules: tuple        # rule ids that fired at the deciding priority
    also: tuple         # other matched rule ids, in priority order
    cautions: tuple
    conflict: tuple = ()  # outcome ids that disagree at the deciding priority

    def given(self):
        return dict(self.answers)


@dataclass
class Coverage:
    classes: list           # classes[i][k]: answer ids in class k of question i (first = representative)
    paths: list             # every visitor path (class level)
    raw_total: int          # answer combinations if every question were asked (product of answer counts)
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def total(self):
        return len(self.paths)

    @property
    def answer_sets(self):
        """Distinct sets of answers visitors can give (class sizes multiplied out)."""
        return sum(p.weight for p in self.paths)

    def counts(self, weighted=False):
        out = {}
        for p in self.paths:
            out[p.outcome] = out.get(p.outcome, 0) + (p.weight if weighted else 1)
        return out

    def caution_counts(self, weighted=False):
        out = {}
        for p in self.paths:
            for c in p.cautions:
                out[c] = out.get(c, 0) + (p.weight if weighted else 1)
        return out

    def screens(self, weighted=False):
        """{number of question screens: how many paths (or answer sets)}."""
        out = {}
        for p in self.paths:
            n = len(p.answers)
            out[n] = out.get(n, 0) + (p.weight if weighted else 1)
        return dict(sorted(out.items()))


def answer_classes(quiz):
    """[[ [answer ids], ... ] per question]: answers grouped by everything any
    check can see of them (flags, and which rules, cautions and ask_if name them)."""
    out = []
    for q in quiz.questions:
        groups = {}
        for a in q.answers:
            sig = (a.crisis, a.urgent, a.call_first,
                   tuple(r.id for r in quiz.rules if any(qid == q.id and a.id in allowed for qid, allowed in r.when)),
                   tuple((c.id, n) for c in quiz.cautions for n, alt in enumerate(c.when_any)
                         if any(qid == q.id and a.id in allowed for qid, allowed in alt)),
                   tuple(other.id for other in quiz.questions
                         if any(qid == q.id and a.id in allowed for qid, allowed in other.ask_if)))
            groups.setdefault(sig, []).append(a.id)
        out.append(list(groups.values()))
    return out


def _matches(when, given):
    for q, allowed in when:
        if given.get(q) not in allowed:
            return False
    return True


def compute(quiz, limit=MAX_PATHS):
    """Walk every visitor path. Raises OverflowError past `limit` paths."""
    started = time.perf_counter()
    questions = quiz.questions
    n = len(questions)
    index = {q.id: i for i, q in enumerate(questions)}
    classes = answer_classes(quiz)
    plan = skip_plan(quiz)
    # A rule can first match once its last question is answered.
    by_last = [[] for _ in range(n + 1)]
    always = []
    for r in quiz.rules:
        if r.when:
            by_last[max(index[q] for q, _ in r.when)].append(r)
        else:
            always.append(r)
    crisis_class = [[any(questions[i].answer(a).crisis for a in members) for members in cl]
                    for i, cl in enumerate(classes)]
    rank = {r.id: (r.priority, k) for k, r in enumerate(quiz.rules)}
    # Likewise a caution's condition, once its last question is answered.
    alts_by_last = [[] for _ in range(n + 1)]
    for c in quiz.cautions:
        for alt in c.when_any:
            alts_by_last[max(index[q] for q, _ in alt) if alt else 0].append((c.id, alt))
    caution_order = {c.id: k for k, c in enumerate(quiz.cautions)}
    # For each class of each question: the rules and caution conditions that
    # end there and accept it, with their other conditions left to test.
    def rest(when, qid):
        return tuple((q, frozenset(allowed)) for q, allowed in when if q != qid)

    ending = []
    for i, q in enumerate(questions):
        per_class = []
        for members in classes[i]:
            rep = members[0]
            rules_here = [(r, rest(r.when, q.id)) for r in by_last[i]
                          if rep in dict(r.when)[q.id]]
            alts_here = [(cid, rest(alt, q.id)) for cid, alt in alts_by_last[i] if rep in dict(alt).get(q.id, ())]
            per_class.append((rules_here, alts_here))
        ending.append(per_class)
    paths = []
    given = {}
    order = []
    shown_now = []

    def shown():
        return tuple(sorted(set(shown_now), key=caution_order.get))

    def finish(matched, weight):
        if len(paths) >= limit:
            raise OverflowError(limit)
        matched = sorted(matched, key=lambda r: rank[r.id])
        if not matched:
            paths.append(Path(tuple(order), weight, None, 0, (), (), shown()))
            return
        top = matched[0].priority
        fired = [r for r in matched if r.priority == top]
        outcomes = tuple(dict.fromkeys(r.outcome for r in fired))
        paths.append(Path(tuple(order), weight, fired[0].outcome, top, tuple(r.id for r in fired),
                          tuple(r.id for r in matched if r.priority != top), shown(),
                          outcomes if len(outcomes) > 1 else ()))

    def walk(i, matched, weight, best):
        if i == n:
            return finish(matched, weight)
        q = questions[i]
        if q.ask_if and not _matches(q.ask_if, given):
            return walk(i + 1, matched, weight, best)
        below = plan.get(q.id)
        if below is not None and best < below:
            return walk(i + 1, matched, weight, best)
        for k, members in enumerate(classes[i]):
            given[q.id] = members[0]
            order.append((q.id, members[0]))
            rules_here, alts_here = ending[i][k]
            new = [r for r, others in rules_here if _matches(others, given)]
            added = [cid for cid, others in alts_here if _matches(others, given)]
            shown_now.extend(added)
            now = matched + new
            low = min([best] + [r.priority for r in new])
            if crisis_class[i][k]:
                finish(now, weight * len(members))
            else:
                walk(i + 1, now, weight * len(members), low)
            order.pop()
            del given[q.id]
            del shown_now[len(shown_now) - len(added):]

    walk(0, list(always), 1, min([r.priority for r in always], default=10 ** 9))
    raw = 1
    for q in questions:
        raw *= len(q.answers)
    return Coverage(classes=classes, paths=paths, raw_total=raw, seconds=time.perf_counter() - started)

