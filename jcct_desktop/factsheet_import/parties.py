"""Who committed, inferred from the wording of a commitment's sentences."""

from __future__ import annotations

import re

from jcct_desktop.core.model import Party

_US = r"(?:[Tt]he\s+)?(?:United\s+States|U_S_)(?:\s+government)?"
_CN = r"(?:[Tt]he\s+Chinese\s+government|China(?:’s|'s)?(?:\s+[A-Z][\w-]*)*|Chinese)"
_BOTH = (
    rf"(?:{_CN}\s+and\s+{_US}|{_US}\s+and\s+China|[Bb]oth\s+sides|[Tt]he\s+two\s+sides"
    r"|(?:[Tt]he\s+)?U_S_\s+Department\s+of\s+\w+\s+and\s+(?:the\s+|China(?:’s|'s)\s+)?"
    r"Ministry\s+of)"
)
# Verbs of a promise or an outcome; "is", "has", "plans" state facts as often as promises.
_PROMISE = (
    r"(?:agreed|agrees|agree|confirmed|confirms|announced|stated|welcomed|welcomes|intends|"
    r"assured|clarified|affirmed|committed|commits|will|shall|recognize|worked|held|"
    r"successfully|requested|reaffirmed|reaffirms|reaffirm|reiterated|reiterates|reiterate|"
    r"pledged|pledges|pledge|undertook|undertakes|undertake|"
    r"(?:is|are)\s+\w+ing|has\s+(?:established|issued|requested))"
)
_ANY_VERB = rf"(?:{_PROMISE}|is|are|has|have|plans)"
_BOTH_SUBJECT = re.compile(rf"(?:^|,\s*|\.\s+){_BOTH}[^.]{{0,120}}?\b{_ANY_VERB}\b")
_CHINA_SUBJECT = re.compile(rf"(?:^|,\s*|\.\s+){_CN}[^.]{{0,120}}?\b{_ANY_VERB}\b")
_US_SUBJECT = re.compile(rf"(?:^|,\s*|\.\s+){_US}[^.]{{0,60}}?\b{_ANY_VERB}\b")
_PROMISE_SUBJECT = re.compile(rf"^(?:[^,]{{0,200}},\s*)?(?:{_BOTH}|{_CN}|{_US})[^.]{{0,120}}?\b"
                              rf"{_PROMISE}\b")  # fmt: skip
# "In accord with its WTO commitments, it will publish …": a promise whose subject is a pronoun
# after a leading phrase (the party is then unsure and flagged)
_PRONOUN_PROMISE = re.compile(r"^[^,]{0,200},\s*(?:it|they)\s+(?:will|shall)\b")
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z“\"])")


def _mask(text: str) -> str:
    """ "U.S." without its periods (same length), so sentence and subject patterns see one word."""
    return text.replace("U.S.", "U_S_")


def first_sentence(text: str) -> str:
    return _SENTENCE.split(_mask(text).strip(), maxsplit=1)[0]


def infer_party(text: str) -> tuple[Party, bool]:
    """The party and whether the guess is sure (False: flag it for review)."""
    first = first_sentence(text)
    if _BOTH_SUBJECT.search(first):
        return Party.BOTH, True
    china, us = _CHINA_SUBJECT.search(first), _US_SUBJECT.search(first)
    if china and not us:
        return Party.CHINA, True
    if us and not china:
        return Party.UNITED_STATES, True
    if china and us:
        return (Party.CHINA if china.start() < us.start() else Party.UNITED_STATES), False
    if re.search(r"\bChin(?:a|ese)\b", first):
        return Party.CHINA, False
    return Party.BOTH, False


def opening_party(sentence: str) -> Party | None:
    """The party a sentence opens with as its subject, if any."""
    sentence = _mask(sentence)
    if re.match(_BOTH, sentence):
        return Party.BOTH
    if re.match(_US, sentence):
        return Party.UNITED_STATES
    if re.match(rf"{_CN}|SFDA|MOFCOM", sentence):
        return Party.CHINA
    return None


def states_a_commitment(text: str) -> bool:
    """A paragraph without a bullet or italics: does its first sentence commit a party?"""
    first = first_sentence(text)
    return bool(_PROMISE_SUBJECT.search(first) or _PRONOUN_PROMISE.search(first))
