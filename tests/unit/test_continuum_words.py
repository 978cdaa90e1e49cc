"""Plain language in the data file: every word a visitor reads from it
(questions, hints, answers, reasons, outcomes, levels) at Flesch-Kincaid
grade 8 or lower, measured the way checks/readability.py measures pages:
each text is its own sentence-like unit."""

import re

import pytest
import textstat

from continuum_helpers import fresh

NOT_SHOWN = {"id", "page", "level", "kind", "asam", "priority", "minutes", "focus", "crisis", "urgent",
             "call_first", "help_lines", "source", "ask_if", "when_any"}
GRADE_LIMIT = 8.0
MAX_WORDS_PER_SENTENCE = 25


def texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_SHOWN and key != "when":
                yield from texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)


def grade(units):
    text = "\n".join(u if u.endswith((".", "?", "!", ":", ";")) else u + "." for u in units)
    return textstat.flesch_kincaid_grade(text)


def groups():
    d = fresh()
    return {
        "levels and caption": list(texts(d["levels"])) + [d["table"]["caption"], d["table"]["note"]],
        "questions, hints and answers": list(texts(d["quiz"]["questions"])),
        "outcomes": list(texts(d["quiz"]["outcomes"])),
        "rule reasons": [r["reason"] for r in d["quiz"]["rules"]],
        "cautions": list(texts(d["quiz"]["cautions"])),
    }


@pytest.mark.parametrize("name", list(groups()))
def test_each_part_of_the_data_file_reads_at_grade_8_or_lower(name):
    units = groups()[name]
    assert units
    g = grade(units)
    print(f"\n{name}: grade {g:.1f} over {len(units)} texts")
    assert g <= GRADE_LIMIT, f"{name}: grade {g:.1f}"


def test_the_whole_data_file_reads_at_grade_8_or_lower():
    units = [u for part in groups().values() for u in part]
    assert grade(units) <= GRADE_LIMIT


def test_no_long_sentences():
    for part in groups().values():
        for text in part:
            for sentence in re.split(r"(?<=[.?!])\s+", text):
                assert len(sentence.split()) <= MAX_WORDS_PER_SENTENCE, sentence
