"""data/eligibility.yaml › self_check: the self-check's own texts, around its questions (the start screen,
the next step and whom to contact)."""
from __future__ import annotations

from typing import Annotated, Optional, Union

from pydantic import Field, StrictInt, StringConstraints

from generator.model.common import Cites, Entry, Id, Model, Text, Verbatim


class Contact(Model):
    """Whom a parent can contact for the next step (the sources may give none: then the list is empty)."""
    name: Text
    area: Optional[Text] = None
    phone: Optional[Verbatim] = None
    email: Optional[Verbatim] = None
    hours: Optional[Text] = None


class Paragraph(Model):
    """A paragraph of the self-check's start screen; one that states policy cites where it comes from."""
    text: Text
    cite: Optional[Cites] = None


class SelfCheck(Model):
    title: Text
    intro: list[Union[Text, Paragraph]] = Field(min_length=1)
    """The start screen's paragraphs: plain text, or  {text: ..., cite: ...}  for one that states policy."""
    minutes: StrictInt = Field(gt=0, lt=60)
    quick_exit_url: Annotated[str, StringConstraints(pattern=r"^https://[^\s\"'<>]+$")]
    next_step: Entry
    contacts: list[Contact] = Field(default_factory=list)
    """Contact details for the next step, by area; shown on the result and in the handbook's referral section."""
    commitments: Optional[Id] = None
    """The id of the topic in commitments.yaml that says what it takes; shown before a parent starts and on the result."""
    no_js_intro: Text

    @property
    def paragraphs(self) -> list[Paragraph]:
        """The start screen's paragraphs, each as a Paragraph (a plain one without a cite)."""
        return [Paragraph(text=p) if isinstance(p, str) else p for p in self.intro]
