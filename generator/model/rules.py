"""The kinds of eligibility rule (a requirement's `rule:`), and what each kind needs of its
question and its explain texts. A new kind of rule is a class here, a Tag in Rule, and its
lines in rule_problems and explain_needs."""
from __future__ import annotations

import difflib
from typing import Annotated, Literal, Optional, Union

from pydantic import Discriminator, Field, Tag

from .common import Broken, Duration, Id, Model


class AnswerRule(Model):
    question: Id
    met_by: list[Id] = Field(min_length=1)
    kind: Literal["answer"] = "answer"


class TimeRule(Model):
    question: Id
    at_least: Duration
    training_after: Optional[Duration] = None
    kind: Literal["time"] = "time"


def _rule_kind(value):
    """A rule with `at_least` (or `training_after`, or a misspelling of them) is a time rule; any other is an answer rule."""
    if isinstance(value, (TimeRule, AnswerRule)):
        return value.kind
    if not isinstance(value, dict):
        return "answer"
    time_keys = set(TimeRule.model_fields) - set(AnswerRule.model_fields)
    answer_keys = set(AnswerRule.model_fields) - set(TimeRule.model_fields)
    keys = {str(k) for k in value}
    if keys & time_keys:
        return "time"
    if keys & answer_keys:
        return "answer"
    misspelt_time = any(difflib.get_close_matches(k, time_keys, n=1, cutoff=0.6) for k in keys)
    return "time" if misspelt_time else "answer"


Rule = Annotated[Union[Annotated[TimeRule, Tag("time")], Annotated[AnswerRule, Tag("answer")]], Discriminator(_rule_kind)]


def rule_problems(rule: Rule, question, answer_sets: dict) -> list[Broken]:
    """What is wrong with `rule` for the question it names; paths are below the rule."""
    if isinstance(rule, TimeRule):
        if question.type != "month_year":
            return [Broken(("question",), f"'{question.id}' is not a month_year question, so it cannot have  at_least:",
                           "point the rule at a date question, or use  met_by:")]
        return []
    if question.type != "choice":
        return [Broken(("question",), f"'{question.id}' is a date question, so it needs  at_least:  not  met_by:",
                       "write  at_least: 1 year  (or another duration)")]
    if question.answers not in answer_sets:
        return []  # reported with the question
    values = [a.value for a in answer_sets[question.answers]]
    return [Broken(("met_by", k), f"'{v}' is not an answer of the question '{question.id}'", "use one of: " + ", ".join(values))
            for k, v in enumerate(rule.met_by) if v not in values]


def explain_needs(rule: Rule) -> list[str]:
    """The explain texts a requirement with this rule must have, besides met and unknown."""
    if isinstance(rule, TimeRule):
        return ["wait", "train_now"] if rule.training_after else ["wait"]
    return ["not_met"]
