"""Every possible set of quiz answers, checked at once with bitsets.

Answer combinations are numbered in mixed radix: the first question is the
most significant digit, the last varies fastest (the order of
itertools.product). Combination c has answer index (c // stride[i]) % radix[i]
for question i. A Python int with bit c set stands for a set of combinations,
so "which combinations does this rule match" is one AND of precomputed masks,
and checking hundreds of thousands of combinations takes milliseconds.

Semantics (shared with the JavaScript engine and rules.py): rules are checked
by priority, lowest number first; the first priority with a matching rule
decides; every rule that matches there must name the same outcome.
"""

from dataclasses import dataclass

MAX_COMBINATIONS = 20_000_000


@dataclass
class Coverage:
    radices: tuple          # answers per question
    total: int              # number of combinations
    outcome_masks: dict     # outcome id -> bitset of combinations it decides
    rule_masks: dict        # rule id -> bitset of combinations where it fires (at the deciding priority)
    undecided: int          # bitset of combinations no rule matches
    conflicts: list         # [(priority, outcome_a, outcome_b, bitset)] same-priority disagreements
    answer_masks: list      # answer_masks[i][a]: combinations where question i has answer a
    seconds: float = 0.0    # how long compute() took

    def counts(self):
        return {oid: mask.bit_count() for oid, mask in self.outcome_masks.items()}

    def outcome_of(self, combination):
        bit = 1 << combination
        return next((oid for oid, mask in self.outcome_masks.items() if mask & bit), None)

    def outcome_codes(self, outcome_ids):
        """bytes of length total: byte c is 1 + the index (in outcome_ids) of
        combination c's outcome, or 0 if it has none."""
        acc = 0
        for k, oid in enumerate(outcome_ids):
            mask = self.outcome_masks.get(oid, 0)
            if not mask:
                continue
            bits = format(mask, f"0{self.total}b")[::-1].encode("ascii")   # char c <-> combination c
            layer = bits.translate(bytes.maketrans(b"01", bytes([0, k + 1])))
            acc |= int.from_bytes(layer, "big")
        return acc.to_bytes(self.total, "big")


def combination_count(radices):
    total = 1
    for r in radices:
        total *= r
    return total


def decode(combination, radices):
    """Combination number -> tuple of answer indexes."""
    digits = []
    for r in reversed(radices):
        combination, d = divmod(combination, r)
        digits.append(d)
    return tuple(reversed(digits))


def lowest(mask):
    """The smallest combination number in a non-empty bitset."""
    return (mask & -mask).bit_length() - 1


def answer_masks(radices):
    """masks[i][a]: bitset of combinations in which question i has answer a.

    Within one period of question i (stride * radix combinations) answer a
    holds for the block of `stride` bits starting at a * stride; the period
    repeats through all combinations, so the block is copied by doubling
    (a few big-int shifts instead of building a string per answer)."""
    total = combination_count(radices)
    everything = (1 << total) - 1
    masks = []
    stride = total
    for r in radices:
        stride //= r
        period = stride * r
        per_answer = []
        for a in range(r):
            mask = ((1 << stride) - 1) << (a * stride)
            width = period
            while width < total:
                mask |= mask << width
                width *= 2
            per_answer.append(mask & everything)
        masks.append(per_answer)
    return masks


def compute(quiz):
    """Run every rule over every combination. Returns a Coverage."""
    questions = quiz.questions
    radices = tuple(len(q.answers) for q in questions)
    total = combination_count(radices)
    everything = (1 << total) - 1
    masks = answer_masks(radices)
    index = {q.id: (i, {a.id: j for j, a in enumerate(q.answers)}) for i, q in enumerate(questions)}

    def rule_mask(rule):
        mask = everything
        for qid, allowed in rule.when:
            i, answers = index[qid]
            cond = 0
            for aid in allowed:
                cond |= masks[i][answers[aid]]
            mask &= cond
        return mask

    remaining = everything
    outcome_masks = {o.id: 0 for o in quiz.outcomes}
    rule_masks = {}
    conflicts = []
    priorities = sorted({r.priority for r in quiz.rules})
    for priority in priorities:
        group = [r for r in quiz.rules if r.priority == priority]
        by_outcome = {}
        for rule in group:
            fired = rule_mask(rule) & remaining
            rule_masks[rule.id] = fired
            by_outcome[rule.outcome] = by_outcome.get(rule.outcome, 0) | fired
        names = list(by_outcome)
        for x in range(len(names)):
            for y in range(x + 1, len(names)):
                both = by_outcome[names[x]] & by_outcome[names[y]]
                if both:
                    conflicts.append((priority, names[x], names[y], both))
        decided = 0
        for oid, mask in by_outcome.items():
            outcome_masks[oid] = outcome_masks.get(oid, 0) | mask
            decided |= mask
        remaining &= ~decided
    return Coverage(radices=radices, total=total, outcome_masks=outcome_masks, rule_masks=rule_masks,
                    undecided=remaining, conflicts=conflicts, answer_masks=masks)
