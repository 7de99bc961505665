"""The policy data model: one class per kind of entry in data/*.yaml, and Handbook, the whole.

pydantic checks types, required fields and unknown keys (extra="forbid", so a typo is an error),
and every rule about one file's own contents (unique ids, question kinds, settings, outcomes).
A broken rule is raised with the path of the offending value (common.report), so the loader
names its line. Checks that need more than one file live in generator/crosscheck.py.
"""
from .common import (DURATION, MAX_DURATION_YEARS, RULE_ERROR, SOURCE_FILE, Broken, Cite, Cites, Duration, Entry, Id, Language, Model,
                     SearchWords, SourceFile, Text, TRANSLATED, UniqueIds, Verbatim, duration_months, report, search_words_in, walk, by_identity)
from .eligibility import (PLACEHOLDERS, SETTINGS, Answer, AskIf, ChoiceQuestion, DatedText, DateQuestion, Disqualifier,
                          Eligibility, Explain, Outcome, Outcomes, PolicyChoice, Question, Requirement, Rule, SelfCheck, When)
from .handbook import FILES, Handbook
from .start import Contact, Paragraph
from .people import Duties, Procedure, Role, Roles, Selection, Step
from .program import Program, Terms, Version
from ..selfcheck.rules import AnswerRule, TimeRule  # the kinds of rule live with the self-check
from .sources import Difference, HeaderFact, Section, Source, Sources
from .topics import Activity, Glossary, Term, Tier, Tiers, Topic, Topics
