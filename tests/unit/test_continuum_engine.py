"""Three implementations of the rule semantics must agree on every answer
combination of the real data file:

- coverage.py (bitsets, what the build checks),
- rules.py (the Python reference evaluator, one set of answers at a time),
- theme/static/js/quiz/engine.js (what the page runs), via `node --test tests/js/`.
"""

import itertools
import json
import os
import shutil
import subprocess

import pytest

from continuum_helpers import DATA_FILE, PAGES, ROOT, SHOWN, load, validate
from continuum import render_quiz, rules


@pytest.fixture(scope="module")
def model():
    data, lines = load.load(DATA_FILE, SHOWN)
    return validate.check(data, lines, SHOWN, known_pages=PAGES)


@pytest.fixture(scope="module")
def reference(model):
    """[(outcome, fired rule ids)] for every combination, in combination order."""
    quiz = model.quiz
    ids = [[a.id for a in q.answers] for q in quiz.questions]
    qids = [q.id for q in quiz.questions]
    out = []
    for combo in itertools.product(*ids):
        result = rules.evaluate(quiz, dict(zip(qids, combo)))
        out.append((result.outcome, result.rules) if result else (None, ()))
    return out


def test_reference_evaluator_agrees_with_the_bitset_check_everywhere(model, reference):
    cov = model.coverage
    outcome_ids = [o.id for o in model.quiz.outcomes]
    codes = cov.outcome_codes(outcome_ids)
    assert len(reference) == cov.total == len(codes)
    fired_bits = {rid: format(mask, f"0{cov.total}b")[::-1] for rid, mask in cov.rule_masks.items()}
    for c, (outcome, fired) in enumerate(reference):
        assert codes[c] and outcome_ids[codes[c] - 1] == outcome, c
        assert tuple(r.id for r in model.quiz.rules if fired_bits[r.id][c] == "1") == fired, c
    counts = {o: 0 for o in outcome_ids}
    for outcome, _ in reference:
        counts[outcome] += 1
    assert counts == cov.counts()
    print(f"\n{cov.total:,} combinations; outcomes: {counts}")


def test_crisis_answers_always_lead_to_crisis(model, reference):
    quiz = model.quiz
    crisis_id = quiz.crisis_outcome.id
    ids = [[a for a in q.answers] for q in quiz.questions]
    checked = 0
    for combo, (outcome, _) in zip(itertools.product(*ids), reference):
        if any(a.crisis for a in combo):
            assert outcome == crisis_id, [a.id for a in combo]
            checked += 1
        if any(a.urgent for a in combo):
            assert quiz.outcome(outcome).kind in ("crisis", "professional"), [a.id for a in combo]
    assert checked > 0


def test_javascript_engine_matches_python_on_every_combination(model, reference, tmp_path):
    node = shutil.which("node")
    assert node, "node (20+) is needed for the JavaScript engine tests"
    signatures, index, chars = [], {}, []
    for sig in reference:
        if sig not in index:
            index[sig] = len(signatures)
            signatures.append([sig[0], list(sig[1])])
        chars.append(chr(0x100 + index[sig]))
    fixture = tmp_path / "parity.json"
    fixture.write_text(json.dumps({"quiz": render_quiz.engine_data(model), "codes": "".join(chars),
                                   "signatures": signatures}, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([node, "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True,
                            env=dict(os.environ, CONTINUUM_PARITY_FILE=str(fixture)), timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "# fail 0" in output and "# skipped 0" in output, output
    assert f"parity: {model.coverage.total} combinations checked" in output, output
    print("\n" + next(line for line in output.splitlines() if "combinations checked" in line).strip())


def test_the_engine_module_is_small_and_dependency_free():
    for name in ("engine.js", "quiz.js"):
        text = (ROOT / "theme" / "static" / "js" / "quiz" / name).read_text(encoding="utf-8")
        imports = [line for line in text.splitlines() if line.startswith("import ")]
        assert all('from "./engine.js"' in line for line in imports), imports
        for banned in ("fetch(", "XMLHttpRequest", "localStorage", "sessionStorage", "indexedDB",
                       "document.cookie", "location.hash", "history.pushState", "history.replaceState",
                       "sendBeacon", "WebSocket", ".style", "innerHTML", "eval(", "new Function"):
            assert banned not in text, f"{name} uses {banned}"


@pytest.mark.parametrize("radices", [(5,), (2, 3), (3, 1, 2), (3, 3, 4, 5), (7, 2, 3, 2)])
def test_answer_masks_match_a_count_through_every_combination(radices):
    """The doubling construction gives the same sets as decoding each number."""
    from continuum import coverage

    masks = coverage.answer_masks(radices)
    total = coverage.combination_count(radices)
    for c in range(total):
        digits = coverage.decode(c, radices)
        for i, r in enumerate(radices):
            for a in range(r):
                assert bool(masks[i][a] >> c & 1) == (digits[i] == a), (radices, c, i, a)
    assert all(m < 1 << total for row in masks for m in row)
