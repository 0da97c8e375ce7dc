"""The values the company profile accepts, which ``minimize`` must not remove as personal.

A company profile (``piiaudit.yaml``) says two things about findings: ``suppress:``
accepts one rule's finding on some contacts ("会社支給の携帯番号として登録済み"), and
``disable:`` switches a rule off everywhere. ``scan`` then reports nothing on those
values. ``minimize`` removes what the rules report, which already leaves them alone,
but it also removes phones, e-mails and addresses by their labels alone (a ``cell``
label without a work label is a personal mobile): a mirror of the rules' own verdict,
kept so that the hand-over does not depend on a rule's class or severity. Judged by
its label, the company-issued mobile the profile accepts was still "personal" and
left the hand-over (QA round 10). So a value on which the profile accepted a finding,
or on which a rule it disabled would report one, of the kinds the labels decide
(personal mobile, home phone, personal e-mail, home address), is not removed by its
labels; any other rule's finding above ``low`` still removes it, as ``scan`` still
reports it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from piiaudit.engine import Engine
from piiaudit.handover.decide import Evaluator
from piiaudit.model import Category, Contact, ContactClass, ContactResult


@dataclass(frozen=True, slots=True)
class Disabled:
    """The rules the profile switched off, and an engine that still runs them (the same
    packs and profile otherwise), to find the values they would have reported."""

    rules: frozenset[str]
    engine: Evaluator


def disabled_rules(engine: Engine) -> Disabled | None:
    """``engine``'s profile's ``disable:`` list with an engine that runs those rules;
    ``None`` when the profile disables nothing (no second engine is built then)."""
    rules = frozenset(engine.profile.disable)
    if not rules:
        return None
    profile = dataclasses.replace(engine.profile, disable=(), suppress=())
    return Disabled(rules, Engine(engine.loaded, profile))


def accepted_fields(
    contact: Contact,
    results: Iterable[ContactResult],
    categories: frozenset[Category],
    disabled: Disabled | None,
) -> frozenset[str]:
    """Fields of ``contact`` (``phones[0]`` ...) on which the profile accepted a finding
    in one of ``categories``: suppressed in ``results`` (the contact evaluated as each
    class), or reported by a rule the profile disabled."""
    fields = {f.field for result in results for f in result.suppressed if f.category in categories}
    if disabled is not None:
        fields.update(
            f.field
            for label in ContactClass
            for f in disabled.engine.evaluate(contact, force_class=label).findings
            if f.rule in disabled.rules and f.category in categories
        )
    return frozenset(fields)
