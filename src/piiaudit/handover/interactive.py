"""``split --interactive``: a person decides each contact the engine could not.

Each undecided contact is shown as a short, masked summary (name, organisation,
phone *types*, masked emails, finding categories), enough to recognise a customer
or a friend without printing their data on a screen someone may be looking at.
Answers become overrides, so they are kept in a file and never asked twice.
Reading stops cleanly at ``q`` or end of input; unanswered contacts stay in review.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from piiaudit.handover.decide import Decision
from piiaudit.handover.messages import say, word
from piiaudit.handover.overrides import Override, OverrideSet, selector_for, shared_uids
from piiaudit.handover.plan import SplitPlan
from piiaudit.handover.policy import normalize_label, shown_labels
from piiaudit.masking import mask
from piiaudit.model import Contact, ContactClass, ValueKind
from piiaudit.reporters.i18n import messages
from piiaudit.textnorm import nfkc

ANSWERS = {"b": ContactClass.BUSINESS, "p": ContactClass.PRIVATE}
KEEP, QUIT = "r", "q"
# Phone labels a summary leaves out: how a vCard says a number takes calls (voice), is
# the one to try first (pref), or that a label is a person's own text (custom, shown
# as it is only with --show-pii); internet is an e-mail's type, seen on phones too.
NOISE_LABELS = frozenset({"voice", "pref", "preferred", "custom", "internet"})
# The reason an answer is saved with, in the language of the run: it is shown in the plan
# and written to overrides.yaml and the manifest (with --lang ja it stayed English, QA 15).


@dataclass(frozen=True, slots=True)
class Answers:
    answered: int
    left: int
    stopped: bool = False  # q or the end of input: no further questions this run


def ask_review(
    plan: SplitPlan,
    overrides: OverrideSet,
    stdin: TextIO,
    stdout: TextIO,
    *,
    lang: str,
    show_pii: bool = False,
) -> Answers:
    """Ask about every contact still in review; add the answers to ``overrides`` and
    apply them to ``plan``. With none to review nothing is said: "0 answered, 0 left for
    review." opened every ``--confirm-business`` run (the summary counts them anyway)."""
    pending = plan.review()
    if not pending:
        return Answers(answered=0, left=0)
    answered, stopped = _ask(plan, pending, overrides, stdin, stdout, lang, show_pii, "ask_prompt")
    left = len(plan.review())
    done = "ask_done" if left else "ask_done_all"  # not "0 left unclassified"
    stdout.write(say(done, lang, answered=answered, left=left) + "\n")
    return Answers(answered=answered, left=left, stopped=stopped)


def confirm_business(
    plan: SplitPlan,
    overrides: OverrideSet,
    stdin: TextIO,
    stdout: TextIO,
    *,
    lang: str,
    show_pii: bool = False,
) -> Answers:
    """``--confirm-business``: ask about every contact about to go to the company.

    The engine's "business" is a judgement: a brother with his employer's card, the
    leaver's own headhunter were handed over (QA round 18), and the company keeps what it
    gets. Each answer is an override as in :func:`ask_review` (``b`` confirms, so the
    decision is recorded with the rest); ``q`` or end of input leaves the rest business,
    as the engine decided them. ``left`` counts the business contacts not answered."""
    pending = [d for d in plan.top_level() if d.label is ContactClass.BUSINESS]
    prompt = "ask_business_prompt"
    answered, stopped = _ask(plan, pending, overrides, stdin, stdout, lang, show_pii, prompt)
    left = sum(1 for d in pending if overrides.find(d.result.contact) is None)
    done = "ask_business_done" if left else "ask_business_done_all"
    stdout.write(say(done, lang, answered=answered, left=left) + "\n")
    return Answers(answered=answered, left=left, stopped=stopped)


def _ask(
    plan: SplitPlan,
    pending: list[Decision],
    overrides: OverrideSet,
    stdin: TextIO,
    stdout: TextIO,
    lang: str,
    show_pii: bool,
    prompt: str,
) -> tuple[int, bool]:
    """Ask about each of ``pending`` not decided yet; the answers become overrides, applied
    to ``plan``. Returns how many were answered, and whether q or the end of input
    stopped the questions."""
    duplicates = shared_uids(d.result.contact for d in plan.decisions)
    answered = 0
    stopped = False
    # Numbered among those still undecided: one settled by --override or an earlier
    # question (--interactive, then --confirm-business) counted, and [1/3] came before [3/3].
    todo = [d for d in pending if overrides.find(d.result.contact) is None]
    for position, decision in enumerate(todo, start=1):
        if overrides.find(decision.result.contact) is not None:
            continue  # decided meanwhile (an earlier answer matched it too: a shared UID)
        stdout.write(describe(decision, position, len(todo), lang=lang, show_pii=show_pii))
        answer = _read_answer(stdin, stdout, lang, prompt)
        if answer == QUIT:
            stopped = True
            break
        if answer in ANSWERS:
            kind, key = selector_for(decision.result.contact, duplicates)
            reason = say("interactive_reason", lang)
            overrides.add(Override(kind, key, ANSWERS[answer], reason, "interactive"))
            answered += 1
    plan.redecide(overrides)
    return answered, stopped


def describe(decision: Decision, position: int, total: int, *, lang: str, show_pii: bool) -> str:
    """The masked summary shown before the question."""
    contact = decision.result.contact
    name = mask(contact.display_name(), ValueKind.NAME, show_pii=show_pii)
    lines = [
        say(
            "ask_header",
            lang,
            position=position,
            total=total,
            index=contact.source.index,
            line=contact.source.line,
            name=name or "-",
        )
    ]
    none = say("none", lang)
    separator = say("list_separator", lang)  # "、" in Japanese, on every line alike
    orgs = [mask(o, ValueKind.NAME, show_pii=show_pii) for o in contact.organizations if o.strip()]
    lines.append(say("ask_organization", lang, value=separator.join(orgs) or none))
    phones = _phone_types(contact, lang=lang, show_pii=show_pii)
    lines.append(say("ask_phones", lang, value=separator.join(phones) or none))
    emails = [mask(e.value, ValueKind.EMAIL, show_pii=show_pii) for e in contact.emails]
    lines.append(say("ask_emails", lang, value=separator.join(emails) or none))
    categories = sorted({f.category.value for f in decision.result.findings})
    found = [say(f"removed_{category}", lang) for category in categories]
    classification = decision.result.classification
    if not found and classification.label is ContactClass.UNKNOWN:
        # Contact details are findings on business contacts only: "findings: none" on an
        # unclassified card read as "nothing to worry about" (Japanese review, A1).
        lines.append(say("ask_findings_unchecked", lang))
    else:
        lines.append(say("ask_findings", lang, value=separator.join(found) or none))
    lines.append(
        say(
            "ask_scores",
            lang,
            business=classification.business_score,
            private=classification.private_score,
        )
    )
    return "\n".join(lines) + "\n"


def _phone_types(contact: Contact, *, lang: str, show_pii: bool) -> list[str]:
    """Each phone as its labels and number type (``cell (mobile)``, ``携帯（携帯番号）``),
    never its digits. A custom label is left out (people type names there, "Hanako's")
    unless values are shown, and so are the labels that say nothing to a salesperson
    (``voice``, ``pref``: ``携帯/音声/優先/携帯番号`` read as noise, QA)."""
    kinds = []
    for phone in contact.phones:
        labels = list(phone.labels) if show_pii else shown_labels(phone.labels)
        words = dict.fromkeys(
            word(label, lang) for label in labels if normalize_label(label) not in NOISE_LABELS
        )
        shown = "/".join(words)
        number_type = phone.number_type
        if number_type:
            named = messages(lang).word("phone_type", number_type) or number_type
            if not shown or named in words:
                shown = named
            else:
                shown = say("ask_phone_kind", lang, labels=shown, number_type=named)
        kinds.append(shown or "?")
    return kinds


def _read_answer(stdin: TextIO, stdout: TextIO, lang: str, prompt: str) -> str:
    """One of b, p, r, q; end of input counts as q (nothing is guessed)."""
    while True:
        stdout.write(say(prompt, lang))
        stdout.flush()
        line = stdin.readline()
        if not line:
            stdout.write("\n")
            return QUIT
        answer = nfkc(line).strip().lower()[:1]  # ｂ from a Japanese input method is b
        if answer in ANSWERS or answer in (KEEP, QUIT):
            return answer
        stdout.write(say("ask_again", lang) + "\n")
