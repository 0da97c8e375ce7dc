"""``piiaudit verify``: is what went to the company really gone from the phone?

The last step of the exit workflow (docs/handover.md, step 5) is to delete the
handed-over contacts from the phone, export it again and check. ``scan`` cannot check
that: it knows nothing of the hand-over, so the contacts the owner decided private in
review (by ``index:``, a position in the *old* export) come back as business or
unknown, and nothing says whether each contact that went to the company is gone. This
module reads the folder ``split`` wrote (``business``, ``private`` and ``review``
files, ``manifest.json`` for the phone region), reads the new export as every command
does (:func:`piiaudit.parsers.open_input`), places each of its contacts
(:mod:`piiaudit.handover.verify_match`) and lets the engine classify the ones added
since the split. It writes nothing, and changes no file it reads.

The reference for "handed over" is split's business file, not the file ``minimize``
made from it (``handed_over`` in the manifest): that one lacks the personal numbers and
addresses that identify a card, and the cards minimize left empty; every contact of
the business file is to be deleted from the phone (step 5.1).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from piiaudit.engine.profile import region_error
from piiaudit.errors import ConfigError, InputError
from piiaudit.handover.decide import Evaluator
from piiaudit.handover.digest import file_sha256
from piiaudit.handover.manifest import MANIFEST_NAME, SplitOutput, read_manifest, split_output
from piiaudit.handover.messages import say
from piiaudit.handover.policy import Policy
from piiaudit.handover.verify_match import PILES, Card, Index, Placed, place
from piiaudit.model import Contact, ContactClass, FileInfo, Phone
from piiaudit.parsers import ParseOptions, open_input
from piiaudit.parsers.sniff import EMPTY as EMPTY_FILE
from piiaudit.reporters.problems import translate

STDIN = "-"
BUSINESS, REVIEW, PRIVATE = PILES
_EXTENSIONS = ("vcf", "csv")  # what split writes: CSV out for CSV in


@dataclass(frozen=True, slots=True)
class HandoverFolder:
    """The folder ``split`` wrote: its three contact files (by pile; the private and
    review ones may be missing) and its manifest (``None``: none, or not piiaudit's)."""

    folder: Path
    files: Mapping[str, Path]
    manifest: Mapping[str, object] | None
    business: SplitOutput | None  # the business file as the manifest records it

    def recorded(self) -> dict[str, str]:
        """SHA-256 -> file name of the files the manifest records that cannot be a new
        export of the phone once a contact was handed over: the export that was split,
        split's business file and the file made for the company. (The private file can:
        exported again with only the owner's cards left, a phone can give its very bytes.)"""
        data = self.manifest or {}
        outputs = data.get("outputs")
        business = outputs.get(BUSINESS) if isinstance(outputs, Mapping) else None
        if not isinstance(business, Mapping) or not business.get("contacts"):
            return {}
        handed = data.get("handed_over")
        entries = [business, *(handed if isinstance(handed, list) else [])]
        entries.append(data.get("input"))  # last: a split that copied it whole names it
        return {
            str(e["sha256"]): str(e.get("file", ""))
            for e in entries
            if isinstance(e, Mapping) and e.get("sha256")
        }

    def handed_over(self) -> bool:
        """Whether the manifest records a file minimize made for the company."""
        handed = (self.manifest or {}).get("handed_over")
        return isinstance(handed, list) and bool(handed)


def open_folder(folder: Path, lang: str) -> HandoverFolder:
    """The hand-over in ``folder``; :class:`ConfigError` (exit 2) when it is no folder
    or holds no business file: there is nothing to check the phone against."""
    if not os.path.lexists(folder):
        raise ConfigError(say("verify_no_folder", lang, folder=folder))
    if not folder.is_dir():
        raise ConfigError(say("verify_not_a_folder", lang, folder=folder))
    manifest = read_manifest(folder / MANIFEST_NAME)
    names = _recorded_names(manifest) or _found_names(folder)
    files = {pile: folder / name for pile, name in names.items()}
    business = files[BUSINESS]
    if not business.is_file():
        raise ConfigError(say("verify_no_business", lang, folder=folder, file=business.name))
    written = split_output(business, lambda: file_sha256(business)) if manifest else None
    return HandoverFolder(folder, files, manifest, written)


def _recorded_names(manifest: Mapping[str, object] | None) -> dict[str, str]:
    """The three files' names as the manifest records them (a plain name each: a path
    in a manifest someone edited must not lead out of the folder)."""
    outputs = (manifest or {}).get("outputs")
    if not isinstance(outputs, Mapping):
        return {}
    names = {}
    for pile in PILES:
        entry = outputs.get(pile)
        name = entry.get("file") if isinstance(entry, Mapping) else None
        if not isinstance(name, str) or not name or Path(name).name != name:
            return {}
        names[pile] = name
    return names


def _found_names(folder: Path) -> dict[str, str]:
    """Without a manifest: the vCard files, else the CSV ones split would have written."""
    for extension in _EXTENSIONS:
        if (folder / f"{BUSINESS}.{extension}").is_file():
            return {pile: f"{pile}.{extension}" for pile in PILES}
    return {pile: f"{pile}.{_EXTENSIONS[0]}" for pile in PILES}


def numbers_region(
    given: str | None, business: SplitOutput | None, lang: str
) -> tuple[str | None, str]:
    """The region to read numbers in, and a note when it is the manifest's choice. split
    decided who went to the company on numbers read in the manifest's region, and a
    number read in another one (a Dutch ``06-12345678`` as an Osaka landline) is another
    number: so ``--region`` naming another region is refused (exit 2), as minimize
    refuses it. A manifest that records none leaves it to ``--region`` and the profile."""
    if business is None or business.region is None:
        return given, ""
    recorded = business.region
    if given is None:
        if not business.region_chosen:
            return recorded, ""
        return recorded, say("verify_region_from_manifest", lang, region=recorded)
    if region_error(given) or given.upper() == recorded:
        return given, ""  # an unknown region is refused as such, where options are read
    key = "verify_region_conflict" if business.region_chosen else "verify_region_conflict_default"
    raise ConfigError(say(key, lang, given=given.upper(), recorded=recorded))


def require_export(text: str, handover: HandoverFolder, lang: str) -> None:
    """Refuse (exit 2) a new export that does not exist, is a folder, or is a file the
    manifest records (:meth:`HandoverFolder.recorded`: the old export, the business file,
    the company's file): checked against itself, a hand-over looks undone, or done."""
    if text == STDIN:
        return
    if not os.path.lexists(text):
        raise ConfigError(say("verify_no_export", lang, input=text))
    if os.path.isdir(text):
        raise ConfigError(say("verify_export_is_folder", lang, input=text))
    recorded = handover.recorded()
    if not recorded or not os.path.isfile(text):
        return
    name = recorded.get(file_sha256(Path(text)))
    if name is not None:
        raise ConfigError(say("verify_export_recorded", lang, input=text, file=name))


@dataclass(slots=True)
class Reference:
    """The hand-over's cards, how many each file holds, and what to warn about."""

    cards: list[Card] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def read_reference(handover: HandoverFolder, options: ParseOptions, lang: str) -> Reference:
    """Read the three files. A missing private or review file is said (its contacts are
    then checked as new ones); a file that cannot be read is no hand-over (exit 2); an
    empty one, which split writes when no contact went there, holds no card."""
    reference = Reference()
    if handover.business is not None and not handover.business.unchanged:
        name = handover.files[BUSINESS].name
        reference.warnings.append(say("verify_business_changed", lang, file=name))
    for pile in PILES:
        path = handover.files[pile]
        if not path.is_file():
            reference.warnings.append(say(f"verify_missing_{pile}", lang, file=path))
            reference.counts[pile] = 0
            continue
        contacts, info = _read_all(str(path), options)
        if info.error and info.error != EMPTY_FILE:
            reason = translate(info.error, lang)
            raise ConfigError(say("verify_unreadable_file", lang, file=path, reason=reason))
        if info.read_in_part():
            reference.warnings.append(say("verify_file_in_part", lang, file=path))
        reference.cards += [Card(pile, contact) for contact in contacts]
        reference.counts[pile] = len(contacts)
    if handover.manifest is None:
        reference.warnings.append(say("verify_no_manifest", lang, folder=handover.folder))
    elif reference.counts[BUSINESS] and not handover.handed_over():
        reference.warnings.append(say("verify_not_handed_over", lang, folder=handover.folder))
    return reference


def _read_all(path: str, options: ParseOptions) -> tuple[list[Contact], FileInfo]:
    with open_input(path, options) as parsed:
        contacts = list(parsed.contacts)
        return contacts, parsed.info


@dataclass(frozen=True, slots=True)
class Checked:
    """One contact of the new export: where it belongs, and for one added since the
    split, the engine's class (``None`` for the others)."""

    contact: Contact
    placed: Placed
    label: ContactClass | None = None


@dataclass(slots=True)
class Verification:
    """The new export, contact by contact, against the hand-over."""

    path: str
    info: FileInfo
    reference: Reference
    checked: list[Checked]

    def of(self, pile: str) -> list[Checked]:
        return [c for c in self.checked if c.placed.pile == pile]

    def new(self, *labels: ContactClass) -> list[Checked]:
        """Contacts added since the split that the engine gives one of ``labels``."""
        return [c for c in self.checked if c.placed.pile is None and c.label in labels]

    def left(self, pile: str) -> int:
        """How many cards of ``pile`` are still on the phone (a card two contacts match
        counts once)."""
        found = {
            match.card.contact.source.index
            for c in self.of(pile)
            for match in (c.placed.business if pile == BUSINESS else (c.placed.best,))
            if match is not None and match.card.pile == pile
        }
        return len(found)

    @property
    def clean(self) -> bool:
        """No handed-over contact left, and no new one that looks like the company's. A
        new contact the rules cannot classify is listed to decide, but does not fail
        the check, as a contact left for review at the split does not: only what is
        known to be the company's does."""
        return not self.of(BUSINESS) and not self.new(ContactClass.BUSINESS)


def personal_numbers(policy: Policy) -> Callable[[Phone], bool]:
    """A number personal to one person: a mobile by its type or by its label, as
    minimize reads them (the rule packs' ``mobile-labels``)."""
    return lambda phone: (
        (phone.number_type or "") in policy.mobile_number_types
        or policy.is_mobile_label(phone.labels)
    )


def verify(
    path: str,
    reference: Reference,
    evaluator: Evaluator,
    options: ParseOptions,
    personal: Callable[[Phone], bool],
) -> Verification:
    """Place every contact of the new export at ``path``; :class:`InputError` (exit 3)
    when it cannot be read at all."""
    contacts, info = _read_all(path, options)
    if info.error:
        raise InputError(path, info.error)
    index = Index(reference.cards, contacts, personal)
    checked = []
    for contact in contacts:
        placed = place(index.matches(contact))
        label = None
        if placed.pile is None:
            label = evaluator.evaluate(contact).classification.label
        checked.append(Checked(contact, placed, label))
    return Verification(path, info, reference, checked)
