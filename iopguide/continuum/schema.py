"""The shape of the data file, as JSON Schema (checked with jsonschema).

Every property carries a `description`: it is what an editor is told is
expected when the value is missing or wrong. Meaning (references, order,
every answer combination) is checked afterwards in validate.py.
"""


ID = {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$", "maxLength": 60,
      "description": "an id: lowercase letters, digits and single hyphens, e.g. 'weekly-not-enough'"}
TEXT = {"type": "string", "minLength": 1, "maxLength": 300, "pattern": r"\S",
        "description": "plain text (1 to 300 characters)"}
PAGE = {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
        "description": "the slug of a page in content/pages/ (its file name without .md), e.g. 'what-is-iop'"}

SOURCE = {"description": "a key of content/data/sources.yaml, or a list of keys, e.g. asam-criteria",
          "oneOf": [dict(ID, description="a key of content/data/sources.yaml"),
                    {"type": "array", "items": ID, "minItems": 1, "uniqueItems": True}]}
WHEN = {"type": "object",
        "description": "a mapping of question id to a list of answer ids, e.g. {home: [unsafe]} "
                       "({} matches every set of answers)",
        "propertyNames": ID,
        "additionalProperties": {"type": "array", "items": ID, "minItems": 1, "uniqueItems": True,
                                 "description": "a list of answer ids, e.g. [unsafe, no-home]"}}

# A level's column in the option grid (<!-- continuum:option-grid -->). The grid's other rows
# (hours a week, where you sleep, cost) are the level's own fields, so the table and the
# grid cannot disagree.
LEVEL_GRID = {
    "type": "object",
    "description": "this level's column in the option grid: label, keeping_a_job, evidence, not_safe_for, source",
    "required": ["label", "keeping_a_job", "evidence", "not_safe_for", "source"],
    "additionalProperties": False,
    "properties": {
        "label": dict(TEXT, description="the option's short, everyday name in the grid, e.g. 'Weekly therapy'"),
        "keeping_a_job": dict(TEXT, description="can people keep working or going to school, in plain words"),
        "evidence": dict(TEXT, description="what studies show, in plain words (cite it in `source`)"),
        "not_safe_for": dict(TEXT, description="who this option is not safe or not enough for, in plain words"),
        "source": dict(SOURCE, description="where this column's facts come from: a key of "
                                           "content/data/sources.yaml, or a list of keys"),
    },
}

LEVEL = {
    "type": "object",
    "description": "a level of care",
    "required": ["id", "asam", "name", "other_names", "hours_per_week", "where_you_live", "supervision",
                 "fits", "typical_length", "relative_cost", "page", "source"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "asam": {"type": "string", "pattern": r"^[0-4](?:\.[0-9])?$",
                 "description": "the ASAM level as quoted text, e.g. \"2.1\" or \"4\""},
        "name": dict(TEXT, description="the level's ASAM 4th edition name"),
        "other_names": {"type": "array", "items": TEXT, "uniqueItems": True,
                        "description": "a list of other names people use (may be empty: [])"},
        "hours_per_week": dict(TEXT, description="hours of care a week, as plain text"),
        "where_you_live": TEXT,
        "supervision": TEXT,
        "fits": dict(TEXT, description="who the level fits, as plain text"),
        "typical_length": TEXT,
        "relative_cost": TEXT,
        "page": PAGE,
        "source": dict(SOURCE, description="where the level's facts come from: a key of "
                                           "content/data/sources.yaml, or a list of keys"),
        "note": dict(TEXT, description="a short note shown with the level in the table, e.g. what is new"),
        "focus": {"type": "boolean", "description": "true on the one level this site focuses on"},
        "grid": LEVEL_GRID,
    },
}


ANSWER = {
    "type": "object",
    "description": "an answer",
    "required": ["id", "text"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "text": TEXT,
        "crisis": {"type": "boolean", "description": "true if this answer means danger now"},
        "urgent": {"type": "boolean", "description": "true to show the help lines as soon as it is chosen"},
    },
}

QUESTION = {
    "type": "object",
    "description": "a question",
    "required": ["id", "text", "answers"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "text": TEXT,
        "hint": TEXT,
        "ask_if": dict(WHEN, description="ask this question only when earlier answers match, e.g. "
                                         "{opioids: [daily, sometimes]}; for questions that do not apply to "
                                         "everyone (a question with a crisis or urgent answer is always asked)"),
        "answers": {"type": "array", "items": ANSWER, "minItems": 2, "maxItems": 8,
                    "description": "a list of 2 to 8 answers"},
    },
}

LINE = dict(ID, description="the key of a help line in CRISIS_LINES (pelicanconf.py), e.g. helpline, poison")

STEP = {
    "type": "object",
    "description": "a next step with an action: {text: ..., call: helpline} (a call button), "
                   "{text: ..., sms: lifeline} (a text button), {text: ..., page: what-is-iop} (a link)",
    "required": ["text"],
    "minProperties": 2,
    "additionalProperties": False,
    "properties": {
        "text": dict(TEXT, description="the step in plain words"),
        "call": dict(LINE, description="a help line to call: a key of CRISIS_LINES in pelicanconf.py"),
        "sms": dict(LINE, description="a help line to text: a key of CRISIS_LINES that has an sms number"),
        "page": dict(PAGE, description="a page to read next: its slug, e.g. 'choosing-a-program'"),
    },
}

OUTCOME = {
    "type": "object",
    "description": "an outcome",
    "required": ["id", "kind", "title", "summary", "next_steps"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "kind": {"enum": ["crisis", "professional", "level"],
                 "description": "one of: crisis, professional, level"},
        "level": dict(ID, description="the id of a level in `levels` (only for kind: level)"),
        "title": TEXT,
        "summary": TEXT,
        "next_steps": {"type": "array", "items": {"anyOf": [TEXT, STEP],
                                                "description": "a next step: plain text (1 to 300 characters), or "
                                                               "{text: ..., call: helpline} with one of call, sms "
                                                               "or page"}, "minItems": 1,
                       "description": "a list of at least one next step: plain text, or {text, call | sms | page} "
                                      "for a step with a button or link"},
        "page": PAGE,
        "help_lines": {"type": "boolean", "description": "true to show the help lines (988, 911, the SAMHSA "
                                                         "National Helpline) with this result"},
    },
    "allOf": [
        {"if": {"properties": {"kind": {"const": "level"}}, "required": ["kind"]},
         "then": {"required": ["level"]},
         "else": {"required": ["page"], "not": {"required": ["level"]}}},
    ],
}

RULE = {
    "type": "object",
    "description": "a rule",
    "required": ["id", "priority", "when", "outcome", "reason"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "priority": {"type": "integer", "minimum": 1, "maximum": 99,
                     "description": "a whole number from 1 (checked first) to 99"},
        "when": WHEN,
        "outcome": dict(ID, description="the id of an outcome in quiz.outcomes"),
        "reason": dict(TEXT, description="a plain-language reason shown with the result"),
        "call_first": {"enum": ["lifeline", "emergency"],
                       "description": "only for rules that lead to the crisis outcome: which help line is listed "
                                      "first when they match: lifeline (988, the default) or emergency (911 and the "
                                      "emergency room)"},
    },
}

CAUTION = {
    "type": "object",
    "description": "a caution: a note shown on the result whatever outcome wins, when its answers were given",
    "required": ["id", "title", "text", "when_any", "source"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "title": dict(TEXT, description="a short heading, e.g. 'Do not stop suddenly'"),
        "text": dict(TEXT, description="the caution in plain words (1 to 300 characters)"),
        "when_any": {"type": "array", "items": WHEN, "minItems": 1,
                     "description": "a list of conditions; the caution shows when any one of them matches, "
                                    "e.g. [{daily-sedatives: [\"yes\"]}, {withdrawal: [severe-before]}]"},
        "source": dict(SOURCE, description="where the caution's facts come from: a key of "
                                           "content/data/sources.yaml, or a list of keys"),
        "page": dict(PAGE, description="a page to read more, e.g. 'medicines-for-addiction'"),
    },
}

SHEET_GROUPS = ("programs", "insurer", "waiting")

NEED = {
    "type": "object",
    "description": "a practical need a visitor can tick on the sheet, e.g. working in the day",
    "required": ["id", "text"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "text": dict(TEXT, description="the choice as the visitor says it, e.g. 'I work or go to school in the day'"),
    },
}

SHEET_ITEM = {
    "type": "object",
    "description": "a question to ask or a thing to do, shown on the next-steps sheet",
    "required": ["id", "group", "text"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "group": {"enum": list(SHEET_GROUPS),
                  "description": "where it goes: programs (questions for programs), insurer (questions for the "
                                 "health plan) or waiting (what to do while you wait)"},
        "text": dict(TEXT, description="the question or step in plain words"),
        "when_any": {"type": "array", "items": WHEN, "minItems": 1,
                     "description": "show it when any of these answer conditions matches, like a caution's "
                                    "when_any"},
        "needs": {"type": "array", "items": ID, "minItems": 1, "uniqueItems": True,
                  "description": "show it when the visitor ticks any of these needs (ids of quiz.sheet.needs)"},
        "outcomes": {"type": "array", "items": ID, "minItems": 1, "uniqueItems": True,
                     "description": "show it only with these results (outcome ids); without it, every result "
                                    "but the crisis one"},
        "source": dict(SOURCE, description="where its facts come from (needed when it states a figure or a rule): "
                                           "a key of content/data/sources.yaml, or a list of keys"),
    },
}

SHEET = {
    "type": "object",
    "description": "the next-steps sheet shown with every result: practical needs and the items to show",
    "required": ["items"],
    "additionalProperties": False,
    "properties": {
        "needs": {"type": "array", "items": NEED,
                  "description": "practical needs a visitor can tick to add items, e.g. working in the day"},
        "items": {"type": "array", "items": SHEET_ITEM, "minItems": 1,
                  "description": "the questions and steps; each shows for everyone, or for some answers, needs "
                                 "or results"},
    },
}

MATTER = {
    "type": "object",
    "description": "a 'what matters most to me' choice under the option grid",
    "required": ["id", "text"],
    "additionalProperties": False,
    "properties": {"id": ID, "text": dict(TEXT, description="the thing that may matter, e.g. 'Keeping my job'")},
}

GRID = {
    "type": "object",
    "description": "the option grid (<!-- continuum:option-grid -->): its caption, note and 'what matters most' "
                   "choices; its columns are the levels that have a `grid`",
    "required": ["caption", "matters"],
    "additionalProperties": False,
    "properties": {
        "caption": dict(TEXT, description="the sentence above the grid"),
        "note": dict(TEXT, description="a plain note shown under the grid"),
        "matters": {"type": "array", "items": MATTER, "minItems": 2, "maxItems": 10,
                    "description": "a list of 2 to 10 things that may matter most to a visitor"},
    },
}

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "description": "a mapping with 'table', 'levels' and 'quiz' (and 'grid')",
    "required": ["table", "levels", "quiz"],
    "additionalProperties": False,
    "properties": {
        "table": {"type": "object", "required": ["caption"], "additionalProperties": False,
                  "description": "table settings: {caption: ...}",
                  "properties": {"caption": TEXT,
                                 "note": dict(TEXT, description="a plain note shown under the table")}},
        "levels": {"type": "array", "items": LEVEL, "minItems": 2,
                   "description": "a list of at least 2 levels of care"},
        "grid": GRID,
        "quiz": {
            "type": "object",
            "description": "the self-check: minutes, questions, outcomes, rules, cautions, sheet",
            "required": ["minutes", "questions", "outcomes", "rules"],
            "additionalProperties": False,
            "properties": {
                "minutes": {"type": "integer", "minimum": 1, "maximum": 30,
                            "description": "about how many minutes the self-check takes (1 to 30)"},
                "questions": {"type": "array", "items": QUESTION, "minItems": 1,
                              "description": "a list of at least one question"},
                "outcomes": {"type": "array", "items": OUTCOME, "minItems": 2,
                             "description": "a list of at least 2 outcomes"},
                "rules": {"type": "array", "items": RULE, "minItems": 1,
                          "description": "a list of at least one rule"},
                "cautions": {"type": "array", "items": CAUTION,
                             "description": "a list of cautions shown on the result when their answers were given"},
                "sheet": SHEET,
            },
        },
    },
}

_validator = None


def validator():
    """The compiled schema. jsonschema is imported on first use: the import
    alone costs about 50 ms, which a build whose data already passed skips."""
    global _validator
    if _validator is None:
        import jsonschema

        _validator = jsonschema.Draft202012Validator(SCHEMA)
    return _validator
YAML_BOOLEAN_HINT = ("; YAML reads yes, no, on, off, true and false as true/false, "
                     "so put them in quotes, e.g. id: \"no\"")
TYPE_NAMES = {"string": "text", "object": "a mapping (key: value)", "array": "a list",
              "integer": "a whole number", "boolean": "true or false"}


def _shown(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (empty)"
    if isinstance(value, (dict, list)):
        return TYPE_NAMES["object" if isinstance(value, dict) else "array"]
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _message(error):
    """Turn one jsonschema error into (key-path parts, message)."""
    parts = tuple(error.absolute_path)
    schema = error.schema
    expected = schema.get("description")
    v = error.validator
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        # if/then branches hold no properties: fall back to the outcome's fields.
        sub = error.schema.get("properties", {}).get(missing) or OUTCOME["properties"].get(missing, {})
        what = sub.get("description") or TYPE_NAMES.get(sub.get("type"), "a value")
        return parts + (missing,), f"missing; expected {what}"
    if v == "additionalProperties":
        allowed = ", ".join(sorted(schema.get("properties", {})))
        extra = sorted(set(error.instance) - set(schema.get("properties", {})))
        return parts + (extra[0],) if len(extra) == 1 else parts, (
            f"unknown key{'s' if len(extra) > 1 else ''} {', '.join(repr(e) for e in extra)}; allowed keys: {allowed}")
    if v == "type":
        wanted = schema["type"]
        got = _shown(error.instance)
        hint = YAML_BOOLEAN_HINT if isinstance(error.instance, bool) and wanted == "string" else ""
        return parts, f"expected {expected or TYPE_NAMES.get(wanted, wanted)}, got {got}{hint}"
    if v == "if":
        return parts, error.message
    if v == "anyOf":
        return parts, f"{_shown(error.instance)} is not a valid choice; expected {expected or 'a valid value'}"
    if v == "not":
        return parts + ("level",), "only outcomes with kind: level may name a level"
    if v == "propertyNames":
        return parts, f"{_shown(error.instance)} is not a question id; expected {ID['description']}"
    got = _shown(error.instance)
    expected = expected or "a valid value"
    size = len(error.instance) if isinstance(error.instance, (list, str, dict)) else 0
    simple = {
        "minItems": f"has {size} item{'s' if size != 1 else ''}",
        "maxItems": f"has {size} items",
        "minLength": "is empty",
        "maxLength": f"is {size} characters long",
        "pattern": f"{got} does not fit",
        "enum": f"{got} is not allowed",
        "const": f"{got} is not allowed",
        "minimum": f"{got} is too small",
        "maximum": f"{got} is too big",
        "uniqueItems": "lists the same item twice",
    }
    if v in simple:
        return parts, f"{simple[v]}; expected {expected}"
    return parts, f"{error.message}; expected {expected or 'a valid value'}"


def check(data, problems):
    """Add a problem for every schema error. Return True if the shape is right."""
    errors = sorted(validator().iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    for error in errors:
        for err in (error.context or [error]) if error.validator == "allOf" else [error]:
            parts, message = _message(err)
            problems.add(parts, message)
    return not errors
