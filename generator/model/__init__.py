"""The policy data model: one class per kind of entry in data/*.yaml, and Handbook, the whole.

pydantic checks types, required fields and unknown keys (extra="forbid", so a typo is an error),
and every rule about one file's own contents (unique ids, question kinds, settings, outcomes).
A broken rule is raised with the path of the offending value (common.report), so the loader
names its line. Checks that need more than one file live in generator/policy/crosscheck.py. rules.py holds
the kinds of rule a requirement can have (the `rule:` type is built from them; the self-check's evaluators
apply them); dated.py the values and entries that change on a date.
"""
from generator.model.common import (DURATION, MAX_DURATION_YEARS, RULE_ERROR, SOURCE_FILE, Broken, Cite, Cites, Duration, Entry, Id, Language, Model,
                     SearchWords, SourceFile, Text, TRANSLATED, UniqueIds, Verbatim, duration_months, report, search_words_in, walk, by_identity)
from generator.model.eligibility import (PLACEHOLDERS, SETTINGS, Answer, AskIf, ChoiceQuestion, DatedText, DateQuestion, Disqualifier,
                          Eligibility, Explain, Outcome, Outcomes, PolicyChoice, Question, Requirement, Rule, SelfCheck, When)
from generator.model.handbook import FILES, Handbook
from generator.model.start import Contact, Paragraph
from generator.model.people import Duties, Procedure, Role, Roles, Selection, Step
from generator.model.program import Program, Terms, Version
from generator.model.rules import AnswerRule, TimeRule  # the kinds of rule live with the self-check
from generator.model.sources import Difference, HeaderFact, Section, Source, Sources
from generator.model.topics import Activity, Glossary, Term, Tier, Tiers, Topic, Topics
