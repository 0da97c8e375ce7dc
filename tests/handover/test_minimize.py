"""minimize on hand-built contacts: what a business contact keeps and loses, and why."""

from __future__ import annotations

from handover_fakes import FakeEngine, contact, finding

from piiaudit.handover.fields import drop_fields
from piiaudit.handover.minimize import minimize
from piiaudit.model import (
    Address,
    Category,
    Contact,
    ContactClass,
    Email,
    MessagingId,
    Names,
    Phone,
    Photo,
    Severity,
)


def minimized(c: Contact, engine: FakeEngine | None = None):  # type: ignore[no-untyped-def]
    engine = engine or FakeEngine()
    return minimize(c, engine)


def test_business_contact_keeps_work_data_and_loses_personal_data() -> None:
    c = contact(
        0,
        names=Names(formatted="山田 太郎", family="山田", given="太郎", nicknames=("たろちゃん",)),
        organizations=("Example Trading Co.",),
        titles=("Sales Manager",),
        phones=(
            Phone("03-1234-5678", ("work",), number_type="fixed_line"),
            Phone("090-1111-2222", ("cell",), number_type="mobile"),
            Phone("03-9999-0000", ("home",), number_type="fixed_line"),
            Phone("080-3333-4444", ("work",), number_type="mobile"),
            Phone("0120-000-111", (), number_type="toll_free"),
            Phone("070-5555-6666", (), number_type="mobile"),
        ),
        emails=(
            Email("taro@example.co.jp", ("work",)),
            Email("taro.y@gmail.com", ()),
            Email("t@example.net", ("home",)),
        ),
        addresses=(
            Address(labels=("work",), locality="千代田区", street="丸の内1-1"),
            Address(labels=("home",), locality="世田谷区"),
        ),
        birthday="1980-04-01",
        anniversary="2010-06-01",
        notes=("met at the hospital",),
        urls=("https://example.jp",),
        related=("山田 花子",),
        photo=Photo(present=True, bytes=2048),
        other={"X-ANDROID-CUSTOM": ("vnd.android.cursor.item/nickname;Taro",)},
        messaging=(MessagingId("taro_line", ("line",)), MessagingId("t.yamada", ("work", "skype"))),
    )
    result = minimized(c)
    kept = result.contact
    assert kept.names == Names(formatted="山田 太郎", family="山田", given="太郎")
    assert kept.organizations == ("Example Trading Co.",)
    assert kept.titles == ("Sales Manager",)
    assert [p.value for p in kept.phones] == ["03-1234-5678", "080-3333-4444", "0120-000-111"]
    assert [e.value for e in kept.emails] == ["taro@example.co.jp"]
    assert [a.labels for a in kept.addresses] == [("work",)]
    assert kept.birthday is None and kept.anniversary is None
    assert kept.notes == () and kept.urls == () and kept.related == ()
    assert kept.photo == Photo()
    assert dict(kept.other) == {}
    assert kept.messaging == ()  # even a work account: a hand-over keeps phone, mail, address
    assert dict(result.removed) == {
        "mobile_phone": 2,
        "home_phone": 1,
        "personal_email": 2,
        "home_address": 1,
        "birthday": 1,
        "family_info": 2,
        "special_care": 1,  # the note, counted under its finding's category
        "photo": 1,
        "other_fields": 5,  # nickname, url, X-ANDROID-CUSTOM, two messenger IDs
    }


def test_every_serious_finding_is_gone_after_minimizing() -> None:
    c = contact(
        0,
        names=Names(formatted="Customer (病)"),
        organizations=("Example K.K.",),
        phones=(Phone("090-1", ("得意先",), number_type="mobile"),),
        emails=(Email("c@docomo.ne.jp", ("work",)),),
    )
    engine = FakeEngine()
    result = minimize(c, engine)
    assert all(f.severity <= Severity.LOW for f in engine.evaluate(result.contact).findings)
    assert result.contact.phones == ()  # an unlabelled-for-work mobile goes
    assert result.contact.emails == ()  # carrier mail goes even when labelled work
    # The remark with the finding goes, the name before it stays (review 10).
    assert result.contact.names.formatted == "Customer"


def test_findings_that_appear_only_after_reduction_are_removed_too() -> None:
    # A rule that only fires once the notes are gone (context changed): the re-check loop
    # must catch it.
    def late(c: Contact) -> tuple:  # type: ignore[type-arg]
        if c.notes or not c.titles:
            return ()
        return (finding("titles[0]", Category.OTHER_PII, Severity.MEDIUM),)

    c = contact(0, titles=("Director",), notes=("context",))
    engine = FakeEngine(findings=late)
    result = minimize(c, engine)
    assert result.contact.titles == ()
    assert result.removed["other_pii"] == 1
    assert result.removed["notes"] == 1


def test_a_finding_no_field_holds_clears_the_name_as_last_resort() -> None:
    def stubborn(c: Contact) -> tuple:  # type: ignore[type-arg]
        if c.names.family:
            return (finding("names.sort_as", Category.OTHER_PII),)
        return ()

    c = contact(0, names=Names(formatted="A B", family="B"), organizations=("Org",))
    engine = FakeEngine(findings=stubborn)
    result = minimize(c, engine)
    assert result.contact.names == Names()
    assert engine.evaluate(result.contact).findings == ()


def test_drop_fields_understands_every_field_name() -> None:
    c = contact(
        0,
        names=Names(formatted="F", family="Fa", nicknames=("n0", "n1")),
        phones=(Phone("1"), Phone("2"), Phone("3")),
        notes=("a", "b"),
        birthday="2000-01-01",
        photo=Photo(True, 10),
        other={"X-A": ("x0", "x1"), "X-B": ("y",)},
        messaging=(MessagingId("m0"), MessagingId("m1")),
    )
    out = drop_fields(
        c,
        [
            "phones[0]",
            "phones[2]",
            "notes[1]",
            "birthday",
            "photo",
            "names.family",
            "names.nicknames[0]",
            "other.X-A[1]",
            "other.X-B[0]",
            "messaging[0]",
            "no.such.field",
        ],
    )
    assert [p.value for p in out.phones] == ["2"]
    assert out.notes == ("a",)
    assert out.birthday is None and out.photo == Photo()
    assert out.names == Names(formatted="F", nicknames=("n1",))
    assert dict(out.other) == {"X-A": ("x0",)}
    assert out.messaging == (MessagingId("m1"),)
    assert drop_fields(c, ["no.such.field"]) is c


def test_a_mobile_email_is_the_phones_own_address_unless_marked_work() -> None:
    c = contact(
        0,
        emails=(
            Email("carrier@example.jp", ("cell",)),
            Email("work-phone@example.jp", ("cell", "work")),
            Email("plain@example.jp", ("internet",)),
        ),
    )
    result = minimized(c)
    assert [e.value for e in result.contact.emails] == [
        "work-phone@example.jp",
        "plain@example.jp",
    ]
    assert result.removed["personal_email"] == 1


def test_findings_count_even_when_the_engine_judged_the_contact_private() -> None:
    # The engine says private and reports nothing; a person overrode it to business.
    # minimize must still see what a business contact would be flagged for.
    c = contact(5, emails=(Email("friend@gmail.com"),), birthday="1990-01-01")
    engine = FakeEngine({5: ContactClass.PRIVATE}, quiet_on_private=True)
    assert engine.evaluate(c).findings == ()
    result = minimize(c, engine)
    assert result.contact.emails == ()
    assert result.removed["personal_email"] == 1


def test_a_low_finding_removes_a_value_only_when_it_calls_the_value_personal() -> None:
    # The home e-mail rule reports at `low`: its verdict is the rules' reading of the
    # label, and minimize follows it. Another low finding (a title) is kept.
    def low(c: Contact) -> tuple:  # type: ignore[type-arg]
        return (
            finding("emails[0]", Category.PERSONAL_EMAIL, Severity.LOW),
            finding("titles[0]", Category.OTHER_PII, Severity.LOW),
        )

    c = contact(
        0,
        titles=("Sales Manager",),
        emails=(Email("t@yamada.example.jp", ("internet",)), Email("t@example.co.jp")),
    )
    result = minimize(c, FakeEngine(findings=low))
    assert [e.value for e in result.contact.emails] == ["t@example.co.jp"]
    assert result.contact.titles == ("Sales Manager",)
    assert result.removed == {"personal_email": 1}
