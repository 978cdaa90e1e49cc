"""Typed, read-only view of a data file that has passed the schema check."""

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class LevelGrid:
    """A level's column in the option grid (its other rows are the level's own fields)."""
    label: str
    keeping_a_job: str
    evidence: str
    not_safe_for: str
    source: tuple      # keys of content/data/sources.yaml


@dataclass(frozen=True)
class Level:
    id: str
    asam: str
    name: str
    other_names: tuple
    hours_per_week: str
    where_you_live: str
    supervision: str
    fits: str
    typical_length: str
    relative_cost: str
    page: str
    source: tuple = ()     # keys of content/data/sources.yaml
    note: str = ""
    focus: bool = False
    grid: object = None    # LevelGrid, or None when the level is not in the option grid


@dataclass(frozen=True)
class Answer:
    id: str
    text: str
    crisis: bool = False
    urgent: bool = False


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    answers: tuple
    hint: str = ""
    ask_if: tuple = ()  # ((question_id, (answer_id, ...)), ...): ask only when all hold

    def answer(self, answer_id):
        return next((a for a in self.answers if a.id == answer_id), None)


@dataclass(frozen=True)
class Step:
    """A next step: words, and at most a call, a text and a page to act on."""
    text: str
    call: str = ""     # a key of CRISIS_LINES to call
    sms: str = ""      # a key of CRISIS_LINES to text
    page: str = ""     # a page slug to read


@dataclass(frozen=True)
class Outcome:
    id: str
    kind: str          # crisis | professional | level
    title: str
    summary: str
    next_steps: tuple  # of Step
    page: str          # for kind: level, defaults to the level's page
    level: str = ""
    help_lines: bool = False   # show the help lines with this result


@dataclass(frozen=True)
class Caution:
    id: str
    title: str
    text: str
    when_any: tuple    # (((question_id, (answer_id, ...)), ...), ...): any alternative, all its conditions
    source: tuple      # keys of content/data/sources.yaml
    page: str = ""

    def matches(self, answers):
        return any(all(answers.get(q) in allowed for q, allowed in alt) for alt in self.when_any)


@dataclass(frozen=True)
class Need:
    """A practical need a visitor can tick on the next-steps sheet."""
    id: str
    text: str


@dataclass(frozen=True)
class SheetItem:
    """A question to ask, or a step, on the next-steps sheet (iopguide/continuum/sheet.py decides who sees it)."""
    id: str
    group: str         # programs | insurer | waiting
    text: str
    when_any: tuple = ()   # like a caution's: any alternative, all its conditions
    needs: tuple = ()      # need ids
    outcomes: tuple = ()   # outcome ids; () = every outcome but crisis
    source: tuple = ()


@dataclass(frozen=True)
class Sheet:
    needs: tuple = ()
    items: tuple = ()


@dataclass(frozen=True)
class Rule:
    id: str
    priority: int
    when: tuple        # ((question_id, (answer_id, ...)), ...) in file order
    outcome: str
    reason: str
    call_first: str = "lifeline"   # crisis rules: the help line listed first (lifeline 988, emergency 911)

    def matches(self, answers):
        """answers: {question_id: answer_id}. Every condition must hold."""
        return all(answers.get(q) in allowed for q, allowed in self.when)


@dataclass(frozen=True)
class Quiz:
    minutes: int
    questions: tuple
    outcomes: tuple
    rules: tuple       # in priority order (file order, which validate.py checks)
    cautions: tuple = ()
    sheet: Sheet = Sheet()

    def question(self, question_id):
        return next((q for q in self.questions if q.id == question_id), None)

    def outcome(self, outcome_id):
        return next((o for o in self.outcomes if o.id == outcome_id), None)

    @property
    def crisis_outcome(self):
        return next((o for o in self.outcomes if o.kind == "crisis"), None)

    @cached_property
    def crisis_rules(self):
        """The rules that lead to the crisis outcome: when one matches, the quiz ends at once."""
        crisis = self.crisis_outcome
        return tuple(r for r in self.rules if crisis is not None and r.outcome == crisis.id)

    def crisis_now(self, answers):
        """The crisis rules that the answers given so far match (empty: no crisis yet)."""
        return tuple(r for r in self.crisis_rules if r.matches(answers))

    def first_line(self, answers):
        """Which help line leads for these answers: 'emergency' if a crisis rule
        that matches says so, else 'lifeline' (988)."""
        return "emergency" if any(r.call_first == "emergency" for r in self.crisis_now(answers)) else "lifeline"


@dataclass(frozen=True)
class Matter:
    id: str
    text: str


@dataclass(frozen=True)
class Grid:
    """The option grid: its words; its columns are the levels with a `grid`."""
    caption: str
    matters: tuple
    note: str = ""


@dataclass(frozen=True)
class Continuum:
    caption: str
    levels: tuple
    quiz: Quiz
    note: str = ""
    grid: object = None     # Grid, or None
    coverage: object = field(default=None, compare=False)   # set by validate.check()

    def level(self, level_id):
        return next((lv for lv in self.levels if lv.id == level_id), None)

    @property
    def grid_levels(self):
        """The levels in the option grid, least to most intensive."""
        return tuple(lv for lv in self.levels if lv.grid is not None)


def keys(value):
    """A source given as one key or a list of keys -> tuple of keys."""
    return (value,) if isinstance(value, str) else tuple(value or ())


def condition(when):
    return tuple((k, tuple(v)) for k, v in (when or {}).items())


def step(value):
    """A next step from the data file: plain text, or {text, call | sms | page}."""
    return Step(text=value) if isinstance(value, str) else Step(**value)


def level_grid(value):
    return None if value is None else LevelGrid(**dict(value, source=keys(value["source"])))


def sheet(value):
    value = value or {}
    return Sheet(needs=tuple(Need(**n) for n in value.get("needs") or ()),
                 items=tuple(SheetItem(id=i["id"], group=i["group"], text=i["text"],
                                       when_any=tuple(condition(w) for w in i.get("when_any") or ()),
                                       needs=tuple(i.get("needs") or ()), outcomes=tuple(i.get("outcomes") or ()),
                                       source=keys(i.get("source"))) for i in value.get("items") or ()))


def grid(value):
    return None if value is None else Grid(caption=value["caption"], note=value.get("note", ""),
                                           matters=tuple(Matter(**m) for m in value["matters"]))


def build(data):
    """Build the typed model from schema-valid data."""
    levels = tuple(Level(**dict(lv, other_names=tuple(lv["other_names"]), source=keys(lv.get("source")),
                                grid=level_grid(lv.get("grid"))))
                   for lv in data["levels"])
    by_level = {lv.id: lv for lv in levels}
    q = data["quiz"]
    questions = tuple(
        Question(id=qd["id"], text=qd["text"], hint=qd.get("hint", ""), ask_if=condition(qd.get("ask_if")),
                 answers=tuple(Answer(**a) for a in qd["answers"]))
        for qd in q["questions"])
    outcomes = []
    for od in q["outcomes"]:
        page = od.get("page") or (by_level[od["level"]].page if od.get("level") in by_level else "")
        outcomes.append(Outcome(id=od["id"], kind=od["kind"], title=od["title"], summary=od["summary"],
                                next_steps=tuple(step(s) for s in od["next_steps"]), page=page, level=od.get("level", ""),
                                help_lines=bool(od.get("help_lines"))))
    rules = tuple(Rule(id=r["id"], priority=r["priority"],
                       when=tuple((k, tuple(v)) for k, v in r["when"].items()),
                       outcome=r["outcome"], reason=r["reason"], call_first=r.get("call_first", "lifeline"))
                  for r in q["rules"])
    cautions = tuple(Caution(id=c["id"], title=c["title"], text=c["text"], source=keys(c["source"]),
                             when_any=tuple(condition(w) for w in c["when_any"]), page=c.get("page", ""))
                     for c in q.get("cautions") or ())
    return Continuum(caption=data["table"]["caption"], note=data["table"].get("note", ""), levels=levels,
                     quiz=Quiz(minutes=q["minutes"], questions=questions, outcomes=tuple(outcomes), rules=rules,
                               cautions=cautions, sheet=sheet(q.get("sheet"))),
                     grid=grid(data.get("grid")))
