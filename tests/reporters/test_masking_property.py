"""Property test: whatever a contact holds, a masked report never shows it.

Hypothesis invents names, numbers, emails and notes (Japanese, English, digits,
markup characters) for a business contact; every reporter's output, decoded, must
contain none of them. Derandomised, so CI sees the same cases every run.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from piiaudit.model import Email, Names, Phone, ValueKind
from reporters.factory import sample_case
from reporters.helpers import FORMATS, readable, render
from reporters.rulebook import finding

# No '*' (the mask character), no whitespace and none of the name separators
# (・,、;), which masking keeps, so a value can never equal its own mask. Two or
# more kanji make a chance match with the report's own wording impossible.
KANJI = "山田花子佐藤鈴木太郎恵美"
LETTERS = st.sampled_from(list(KANJI + "XYZ<>&\"'=+@/_"))
WORD = st.text(LETTERS, min_size=4, max_size=8).filter(lambda w: sum(c in KANJI for c in w) >= 2)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # a failure is readable as it is
)
@given(
    family=WORD,
    given_name=WORD,
    number=st.from_regex(r"0[789]0-[0-9]{4}-[0-9]{4}", fullmatch=True),
    local=st.from_regex(r"[a-z]{6,10}", fullmatch=True),
    note=st.text(LETTERS, min_size=10, max_size=30).filter(
        lambda w: sum(c in KANJI for c in w) >= 3
    ),
)
def test_no_invented_value_survives_masking(
    family: str, given_name: str, number: str, local: str, note: str
) -> None:
    case = sample_case()
    target = case.result.files[0].contacts[0]
    email = f"{local}@example.ne.jp"
    contact = replace(
        target.contact,
        names=Names(formatted=f"{family} {given_name}", family=family, given=given_name),
        phones=(Phone(number, ("cell",)),),
        emails=(Email(email),),
        notes=(note,),
    )
    findings = (
        finding("PII101", "phones[0]", number, ValueKind.PHONE),
        finding("PII110", "emails[0]", email, ValueKind.EMAIL),
        finding("PII150", "notes[0]", note, ValueKind.TEXT),
    )
    case.result.files[0].contacts[0] = replace(target, contact=contact, findings=findings)
    secrets = [f"{family} {given_name}", family, given_name, number, email, local, note]
    for fmt in FORMATS:
        text = readable(fmt, render(fmt, case.result))
        assert [s for s in secrets if s in text] == [], fmt
