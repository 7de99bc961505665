"""data/eligibility.yaml: the questions, requirements and outcomes of the self-check, and every
rule about how they fit together inside the file (rules about other files are in generator/policy/crosscheck.py)."""
from __future__ import annotations

import difflib
import re
from typing import Annotated, ClassVar, Literal, Optional, Union

from pydantic import AfterValidator, Field, StrictBool, StrictInt, StringConstraints, model_validator

from generator.model.dated import Bounded
from generator.model.start import Paragraph, SelfCheck
from generator.model.common import Broken, Cites, Entry, Id, Model, SearchWords, Text, UniqueIds, report
from generator.model.rules import explain_needs, rule_problems, rule_type

SETTINGS = {
    "month_only_day": ("first", "last"),
    "missing_day": ("next-day", "last-day"),
    "training_when_silent": ("wait", "now"),
}
"""The self-check's settings that a policy choice can set, and the values each can take."""

Rule = rule_type()
"""A requirement's `rule:`: any kind of rule in generator/model/rules.py, told apart by its keys."""

PLACEHOLDERS = {"training_date", "partner_date"}
"""The dates an explain or outcome text can show, written {training_date}."""


def _known_placeholders(text: str) -> str:
    report(Broken((), f"'{{{name}}}' is not a date this text can show", "use {training_date} or {partner_date}, or remove the braces")
           for name in re.findall(r"\{([^{}]*)\}", text) if name not in PLACEHOLDERS and not re.fullmatch(r"[a-z0-9][a-z0-9-]*\.[a-z_]+(@[a-z0-9][a-z0-9-]*)?", name))
    return text


DatedText = Annotated[Text, AfterValidator(_known_placeholders)]
"""Text a parent sees, which may show {training_date} or {partner_date}."""


class Answer(Model):
    value: Id
    label: Text
    unsure: StrictBool = False
    """True for "Not sure" and "Prefer not to say": the answer leaves the rule open."""


class AskIf(Model):
    question: Id
    answers: list[Id] = Field(min_length=1)


class _Question(Model):
    id: Id
    text: Text
    hint: Optional[Text] = None
    error: Optional[Text] = None
    """The error message when it is not answered, in the question's own words."""
    items: list[Id] = Field(default_factory=list)
    """Disqualifier ids listed in the question (asked together)."""
    ask_if: Optional[AskIf] = None
    cite: Optional[Cites] = None
    """Where the hint's policy comes from, shown beside it: needed when the hint states policy (names a source,
    a glossary term or the program's word for its partners; generator/policy/naming.py)."""
    hints: ClassVar[dict[str, tuple[str, str]]] = {}
    """Plainer words for a missing key (a field) or a key not allowed here (not a field): (what, fix); {id} is the
    question's, and {name} lists the ids the file has under its key `name` (e.g. {answer_sets})."""


class ChoiceQuestion(_Question):
    type: Literal["choice"]
    answers: Id
    """The id of an answer set."""
    unsure_label: ClassVar[None] = None
    hints = {"answers": ("the choice question '{id}' has no  answers:", "add  answers:  with one of the  answer_sets:  {answer_sets}"),
             "unsure_label": ("unsure_label is only for month_year questions", "remove it; the answer set has the \"Not sure\" answer")}


class DateQuestion(_Question):
    type: Literal["month_year"]
    unsure_label: Text
    """The words of the "Not sure" box."""
    answers: ClassVar[None] = None
    hints = {"unsure_label": ("the date question '{id}' needs an  unsure_label:", 'add  unsure_label: "I\'m not sure of the date"'),
             "answers": ("a month_year question has no answer set", "remove the  answers:  line")}


Question = Annotated[Union[ChoiceQuestion, DateQuestion], Field(discriminator="type")]


class Explain(Model):
    met: DatedText
    not_met: Optional[DatedText] = None
    unknown: DatedText
    not_applicable: Optional[DatedText] = None
    wait: Optional[DatedText] = None
    """Time rules: shown with {training_date} and {partner_date} filled in."""
    train_now: Optional[DatedText] = None
    disputed: Optional[DatedText] = None
    """Not met, but a policy choice marks the requirement as disputed by the other source: both are named."""
    by_answer: dict[Id, DatedText] = Field(default_factory=dict)
    """What a parent reads after one answer of the rule's question (its value), instead of the status's text:
    for an answer that is not simply "not sure", such as "My children were never taken from my care"."""


class Requirement(Bounded):
    id: Id
    title: Text
    text: Text
    cite: Cites
    strength: Literal["required", "preferred"] = "required"
    kind: Literal["requirement", "disqualifier"] = "requirement"
    rule: Optional[Rule] = None
    not_asked: Optional[Text] = None
    """Why the self-check does not ask about this (who decides it, or when it applies)."""
    explain: Optional[Explain] = None
    search_words: SearchWords

    @model_validator(mode="after")
    def _asked_or_not(self):
        if self.rule is None and not self.not_asked:
            report([Broken((), f"the requirement '{self.id}' has no rule and no  not_asked:",
                           "add a  rule:  so the self-check asks about it, or  not_asked:  to say who decides it")])
        if self.rule is not None and self.explain is None:
            report([Broken((), f"the requirement '{self.id}' has a rule but no  explain:", "add  explain:  with the texts parents see")])
        return self


class Disqualifier(Bounded):
    id: Id
    text: Text
    plain: Text
    cite: Cites


class PolicyChoice(Model):
    id: Id
    title: Text
    gap: Text
    """What the sources leave open, in plain words."""
    reading: Text
    """The reading this handbook and the self-check use."""
    setting: Optional[Literal[tuple(SETTINGS)]] = None
    value: Optional[Id] = None
    disputes: list[Id] = Field(default_factory=list)
    """Requirements another source contradicts or widens: not meeting one gives the status `disputed`, never `not_met`."""
    questions: list[Id] = Field(default_factory=list)
    """The self-check's questions whose words follow this reading: the printable checklist links each to it."""
    cite: Cites

    @model_validator(mode="after")
    def _value_of_its_setting(self):
        if self.setting is None and self.value is not None:
            report([Broken(("value",), "a value without a  setting:", "add the setting it is for, or remove the value")])
        if self.setting is not None and self.value not in SETTINGS[self.setting]:
            report([Broken(("value",), f"'{self.value}' is not a value for {self.setting}", "write one of: " + ", ".join(SETTINGS[self.setting]))])
        return self


class When(Model):
    status: list[Literal["met", "not_met", "disputed", "unknown", "wait_training", "wait_partner", "not_applicable"]]
    strength: Optional[Literal["required", "preferred"]] = None
    kind: Optional[Literal["requirement", "disqualifier"]] = None


class Outcome(Model):
    id: Id
    title: DatedText
    text: DatedText
    when: Optional[When] = None
    """The first outcome whose `when` matches any requirement's result is given; the last has none."""
    cite: Optional[Cites] = None
    """Where its policy comes from, shown beside its text: needed when the text states policy (generator/policy/naming.py)."""
    more: Optional[Paragraph] = None
    """A paragraph shown after the next step, below the first screen (what comes later, such as certification),
    with its own  cite:  when it states policy."""


def _last_without_when(outcomes: list[Outcome]) -> list[Outcome]:
    last = len(outcomes) - 1
    report([Broken((o, "when"), "the last outcome must have no  when:", "remove its  when:  so it is shown when nothing else matches")
            for o, outcome in enumerate(outcomes) if o == last and outcome.when is not None] +
           [Broken((o,), f"the outcome '{outcome.id}' has no  when:", "add a  when:, or move it to the end of the list")
            for o, outcome in enumerate(outcomes) if o != last and outcome.when is None])
    return outcomes


Outcomes = Annotated[UniqueIds[Outcome], AfterValidator(_last_without_when), Field(min_length=1)]
"""Outcomes in the order they are tried: each has a  when:  but the last, which is given when nothing else matches."""


class Eligibility(Model):
    intro: list[Entry] = Field(default_factory=list)
    answer_sets: dict[Id, list[Answer]]
    questions: UniqueIds[Question] = Field(min_length=1)
    requirements: UniqueIds[Requirement] = Field(min_length=1)
    disqualifiers: UniqueIds[Disqualifier] = Field(default_factory=list)
    policy_choices: UniqueIds[PolicyChoice] = Field(default_factory=list)
    outcomes: Outcomes
    self_check: SelfCheck
    search_words: SearchWords

    @model_validator(mode="after")
    def _parts_fit_together(self):
        report([*_question_problems(self), *_requirement_problems(self), *_setting_problems(self), *_dispute_problems(self), *_choice_question_problems(self)])
        return self


def _question_problems(el: Eligibility):
    """Answer sets and disqualifiers named by questions exist, each disqualifier is asked, ask_if looks back."""
    index = {q.id: i for i, q in enumerate(el.questions)}
    disqualifiers = sorted(d.id for d in el.disqualifiers)
    for i, q in enumerate(el.questions):
        if q.type == "choice" and q.answers not in el.answer_sets:
            yield Broken(("questions", i, "answers"), f"there is no answer set '{q.answers}'", "use one of: " + ", ".join(el.answer_sets))
        for k, item in enumerate(q.items):
            if item not in disqualifiers:
                yield Broken(("questions", i, "items", k), f"there is no disqualifier '{item}'", "use one of: " + ", ".join(disqualifiers))
        if q.ask_if:
            if index.get(q.ask_if.question, i) >= i:
                yield Broken(("questions", i, "ask_if", "question"), f"ask_if names '{q.ask_if.question}', which is not a question before this one",
                             "name the id of an earlier question")
                continue
            gate = el.questions[index[q.ask_if.question]]
            values = [a.value for a in el.answer_sets[gate.answers]] if gate.answers in el.answer_sets else []
            yield from (Broken(("questions", i, "ask_if", "answers", k), f"'{v}' is not an answer of the question '{gate.id}'",
                               "use one of: " + ", ".join(values)) for k, v in enumerate(q.ask_if.answers) if values and v not in values)
    listed = {item for q in el.questions for item in q.items}
    for d, dq in enumerate(el.disqualifiers):
        if dq.id not in listed:
            yield Broken(("disqualifiers", d), f"the disqualifier '{dq.id}' is not asked by any question",
                         "add its id to the  items:  of the question that asks about disqualifiers")


def _requirement_problems(el: Eligibility):
    """Each rule names a question, fits it, and has the explain texts its kind and its question need."""
    questions = {q.id: q for q in el.questions}
    for r, req in enumerate(el.requirements):
        if req.rule is None:
            continue
        q = questions.get(req.rule.question)
        if q is None:
            close = difflib.get_close_matches(req.rule.question, list(questions), n=1)
            yield Broken(("requirements", r, "rule", "question"), f"there is no question '{req.rule.question}'",
                         f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(questions))
            continue
        for b in rule_problems(req.rule, q, el.answer_sets):
            yield b._replace(path=("requirements", r, "rule", *b.path))
        values = [a.value for a in el.answer_sets.get(q.answers or "", [])]
        for value in req.explain.by_answer if req.explain else ():
            if value not in values:
                yield Broken(("requirements", r, "explain", "by_answer", value), f"'{value}' is not an answer of the question '{q.id}'",
                             "use one of: " + ", ".join(values) if values else "remove  by_answer:  (a date question has no answers to name)")
        for name in explain_needs(req.rule) + (["not_applicable"] if q.ask_if else []):
            if not getattr(req.explain, name):
                yield Broken(("requirements", r, "explain"), f"the requirement '{req.id}' needs an  explain: {name}:  text",
                             f"add  {name}: \"...\"  with what a parent is told")


def _setting_problems(el: Eligibility):
    """Each setting is set by exactly one policy choice."""
    set_by: dict[str, int] = {}
    for c, choice in enumerate(el.policy_choices):
        if choice.setting in set_by:
            yield Broken(("policy_choices", c, "setting"), f"the setting '{choice.setting}' is set twice", "keep one policy choice for it")
        if choice.setting is not None:
            set_by[choice.setting] = c
    for name, allowed in SETTINGS.items():
        if name not in set_by:
            yield Broken(("policy_choices",), f"no policy choice sets '{name}'",
                         f"add a policy choice with  setting: {name}  and  value:  one of " + ", ".join(allowed))


def _choice_question_problems(el: Eligibility):
    """The questions a policy choice names exist."""
    ids = [q.id for q in el.questions]
    for c, choice in enumerate(el.policy_choices):
        for k, qid in enumerate(choice.questions):
            if qid not in ids:
                close = difflib.get_close_matches(qid, ids, n=1)
                yield Broken(("policy_choices", c, "questions", k), f"there is no question '{qid}'",
                             f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(ids))


def _dispute_problems(el: Eligibility):
    """A disputed requirement exists, has a rule and an  explain: disputed:  text."""
    reqs = {r.id: (i, r) for i, r in enumerate(el.requirements)}
    for c, choice in enumerate(el.policy_choices):
        for k, rid in enumerate(choice.disputes):
            if rid not in reqs or reqs[rid][1].rule is None:
                ruled = [r.id for r in el.requirements if r.rule]
                close = difflib.get_close_matches(rid, ruled, n=1)
                yield Broken(("policy_choices", c, "disputes", k), f"'{rid}' is not a requirement with a rule",
                             f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(ruled))
            elif not reqs[rid][1].explain.disputed:
                yield Broken(("requirements", reqs[rid][0], "explain"), f"the requirement '{rid}' needs an  explain: disputed:  text",
                             "add  disputed: \"...\"  naming both sources")
