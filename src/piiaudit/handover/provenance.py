"""What a hand-over run must know about its input before reading it: which export an
override file's ``index:`` entries belong to, and whether ``split`` already decided
every contact of the file.

Both questions are answered by SHA-256, never by file name: ``business.vcf`` is
recognised as ``split``'s output by the digest its manifest records, and an override
file's positions are applied only to the export whose digest it records. The QA case
behind this: ``minimize business.vcf`` re-classified the contacts the user had just
answered ``b`` for (and left them out as unknown), and ``--override overrides.yaml``
applied the export's ``index:2`` (a brother) to ``business.vcf``'s contact #2 (a
teacher).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from piiaudit.errors import ConfigError
from piiaudit.handover.manifest import OVERRIDES_NAME, SplitOutput
from piiaudit.handover.messages import say
from piiaudit.handover.overrides import IndexCheck, OverrideSet, index_check
from piiaudit.model import ContactClass
from piiaudit.shell import command_line as command

_SHOWN_DIGITS = 12  # of a SHA-256 in a message: enough to tell two files apart


def vet_overrides(
    overrides: OverrideSet,
    overrides_path: Path | None,
    input_name: str,
    input_sha256: Callable[[], str | None],
    lang: str,
    split_file: SplitOutput | None = None,
) -> str | None:
    """Raise :class:`ConfigError` (exit 2, before anything is read or written) when the
    override file's ``index:`` entries were recorded for another export, or cannot be
    checked (standard input); return a warning when the file does not say which export
    it was made for (an old or hand-written file), else ``None``.

    ``uid:`` and ``name:`` entries are not checked: they select a contact by its own
    data, so they mean the same contact in any file (a split output, a later export).
    """
    check = index_check(overrides, input_sha256)
    made_for = overrides.made_for
    count = len(overrides.index_entries())
    if check is IndexCheck.UNRECORDED:
        return say("overrides_unrecorded", lang, overrides=overrides_path, count=count)
    if made_for is None or check in (IndexCheck.NO_INDEX, IndexCheck.SAME_EXPORT):
        return None
    shown = made_for.file or made_for.sha256[:_SHOWN_DIGITS]
    if check is IndexCheck.UNCHECKABLE:
        raise ConfigError(say("overrides_stdin", lang, overrides=overrides_path, made_for=shown))
    business_file = (
        split_file is not None
        and split_file.unchanged
        and split_file.label is ContactClass.BUSINESS
    )
    hint = say("overrides_other_export_split_file", lang, input=input_name) if business_file else ""
    raise ConfigError(
        say(
            "overrides_other_export",
            lang,
            overrides=overrides_path,
            made_for=shown,
            expected=made_for.sha256[:_SHOWN_DIGITS],
            input=input_name,
            actual=(input_sha256() or "")[:_SHOWN_DIGITS],
            count=count,
            hint=hint,
        )
    )


@dataclass(frozen=True, slots=True)
class Decided:
    """The class every contact of the input already has by the user's decision (``None``:
    the engine classifies them), with what to tell the user about it. ``split_written``:
    the input is a file ``split`` wrote, unchanged since (its manifest records its
    SHA-256), so an empty one is a file no contact went to, not an unreadable input."""

    label: ContactClass | None = None
    note: str = ""  # said with the summary: why no contact was classified again
    warning: str = ""  # said first: a split output that changed since
    split_written: bool = False
    # --all-business on a file no manifest vouches for: every contact is business by the
    # user's word alone, so the run says how many the engine takes for private or unknown
    # (minimize of the original export handed over the owner's mother, QA hand-over).
    assumed: bool = False


def decided_class(
    split_file: SplitOutput | None, all_business: bool, input_name: str, lang: str
) -> Decided:
    """The class a file ``split`` wrote gives its contacts (business for
    ``business.vcf``), or ``--all-business``; a split output changed since is classified
    again, with a warning. ``--all-business`` on ``split``'s private file is refused,
    changed since or not: it would hand the employee's own contacts over. So is it on its
    review file: its contacts are the ones nobody decided yet, some of them the owner's,
    and only ``business.vcf`` is meant (decide them with ``split --interactive``)."""
    unchanged = split_file is not None and split_file.unchanged
    if split_file is not None and all_business and split_file.label is ContactClass.PRIVATE:
        # Edited or not: a card the owner added to private.vcf is theirs all the more.
        raise ConfigError(
            say(
                "minimize_all_business_conflict",
                lang,
                input=input_name,
                destination=say(f"dest_{split_file.destination}", lang),
            )
        )
    if split_file is not None and all_business and split_file.label is ContactClass.UNKNOWN:
        raise ConfigError(
            say(
                "minimize_all_business_review",
                lang,
                input=input_name,
                command=decide_again(split_file, Path(input_name).parent),
            )
        )
    if (
        split_file is not None
        and unchanged
        and (not all_business or split_file.label is ContactClass.BUSINESS)
    ):
        note = say(f"minimize_split_{split_file.destination}", lang, input=input_name)
        return Decided(split_file.label, note, split_written=True)
    if all_business:
        note = say("minimize_all_business", lang, input=input_name)
        return Decided(
            ContactClass.BUSINESS, note, split_written=unchanged, assumed=split_file is None
        )
    if split_file is not None and not split_file.unchanged:
        # split's private file holds the owner's contacts: --all-business is no advice there
        if split_file.label is ContactClass.PRIVATE:
            changed = say("minimize_split_changed_private", lang, input=input_name)
        elif split_file.label is ContactClass.UNKNOWN:  # --all-business is refused there
            changed = say("minimize_split_changed_review", lang, input=input_name)
        else:
            destination = say(f"dest_{split_file.destination}", lang)
            changed = say("minimize_split_changed", lang, input=input_name, destination=destination)
        return Decided(warning=changed)
    return Decided()


def decide_again(split_file: SplitOutput, folder: Path, extra: Sequence[str | Path] = ()) -> str:
    """The ``split`` command that asks about the undecided contacts of a split into
    ``folder`` again, keeping the answers already saved there (``--override``) and the
    region split used; ``extra`` (the options the caller was given) comes before
    ``--force``."""
    saved = folder / OVERRIDES_NAME
    return command(
        "split",
        split_file.export or "EXPORT.vcf",
        "--out-dir",
        folder,
        "--interactive",
        *(("--override", saved) if saved.is_file() else ()),
        *(
            ("--region", split_file.region)
            if split_file.region_chosen and split_file.region
            else ()
        ),
        *extra,
        "--force",
    )
