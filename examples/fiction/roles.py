"""One builder per kind of contact a salesperson's phone holds.

Which customer gets which exposure (a personal mobile, a home number, a note with
the spouse's name ...) follows the customer's position in the list, not chance,
so every kind of exposure is guaranteed to appear in the examples; the values
themselves (names, digits, streets) are drawn at random.
"""

from __future__ import annotations

from fiction.context import Context
from fiction.people import AddressEntry, EmailEntry, Name, Person, PhoneEntry

_MOBILE_LABELS_IOS = ("", "_$!<Mobile>!$_")


def _work_email(given: Name, family: Name, domain: str) -> EmailEntry:
    return EmailEntry(f"{given.romaji.lower()}.{family.romaji.lower()}@{domain}", "work")


def _company_en(slug: str) -> str:
    return " ".join(part.capitalize() for part in slug.split("-")) + " Co., Ltd."


def _work_address(ctx: Context, city_index: int) -> AddressEntry:
    city = ctx.pool["cities"][city_index]
    block = f"{ctx.rng.randint(1, 4)}-{ctx.rng.randint(1, 15)}-{ctx.rng.randint(1, 9)}"
    street = f"{city['towns'][0]}{block} {city['towns'][-1]}ビル{ctx.rng.randint(2, 9)}F"
    return AddressEntry("work", city["postal"], city["region"], city["locality"], street)


_PERSONAL_NOTE_AT = (4, 11, 17, 23, 29)
_SENSITIVE_NOTE_AT = (8, 26)


def _customer_note(ctx: Context, index: int, customer: Name) -> str:
    """Which note a customer gets depends on their place in the list (see module doc)."""
    notes = ctx.pool["customer_notes"]
    if index in _PERSONAL_NOTE_AT:
        template = str(notes["personal"][_PERSONAL_NOTE_AT.index(index)])
        _, spouse = ctx.namer.pick(female=not customer.female)
        _, child = ctx.namer.pick(female=False)
        return template.format(
            date=ctx.birthday()[5:].replace("-", "/"),
            partner="ご主人" if customer.female else "奥様",
            spouse=spouse.kanji,
            child=child.kanji,
        )
    if index in _SENSITIVE_NOTE_AT:
        return str(notes["sensitive"][_SENSITIVE_NOTE_AT.index(index)])
    if index % 3 == 0:
        return str(ctx.rng.choice(notes["plain"]))
    return ""


def customers(ctx: Context, count: int) -> list[Person]:
    """Customers at other companies: work details, and on many, personal ones too."""
    companies = ctx.pool["companies"]
    main_lines = {
        c["slug"]: ctx.numbers.fixed(ctx.pool["cities"][c["city"]]["area"]) for c in companies
    }
    people = []
    for index in range(count):
        company = companies[index % len(companies)]
        family, given = ctx.namer.pick()
        person = Person(
            role="customer",
            family=family,
            given=given,
            org=company["name"],
            org_en=_company_en(company["slug"]),
            dept=ctx.rng.choice(ctx.pool["departments"]),
            title=ctx.rng.choice(ctx.pool["titles"]),
            categories=["得意先"] if index % 2 == 0 else [],
        )
        domain = f"{company['slug']}.{company['tld']}"
        person.emails.append(_work_email(given, family, domain))
        person.phones.append(PhoneEntry(main_lines[company["slug"]], "work"))
        person.addresses.append(_work_address(ctx, company["city"]))
        if index % 3 != 2:
            label = ctx.pool["custom_mobile_labels"][index % 3] if index % 4 == 1 else ""
            person.phones.append(PhoneEntry(ctx.numbers.mobile(), "cell", label))
        if index % 7 == 3:
            person.phones.append(PhoneEntry(ctx.numbers.mobile(), "cell", "社用携帯"))
        if index % 4 == 0:
            area = ctx.pool["cities"][(index // 4) % len(ctx.pool["cities"])]["area"]
            person.phones.append(
                PhoneEntry(ctx.numbers.fixed(area), "home", "自宅" if index % 8 == 0 else "")
            )
        if index % 5 == 1:
            person.addresses.append(ctx.home_address())
        if index % 6 == 2:
            kind = "carrier_mail_domains" if index % 12 == 2 else "free_mail_domains"
            person.emails.append(ctx.private_email(given, kind))
        if index % 8 == 5:
            person.birthday = ctx.birthday()
        if index in (6, 19):
            person.photo = ctx.photo()
        person.note = _customer_note(ctx, index, given)
        people.append(person)
    return people


def colleagues(ctx: Context, count: int) -> list[Person]:
    """Colleagues at the owner's own company: company mail and company mobiles."""
    owner = ctx.pool["owner"]
    people = []
    for index in range(count):
        family, given = ctx.namer.pick()
        person = Person(
            role="colleague",
            family=family,
            given=given,
            org=owner["company"],
            dept=ctx.rng.choice(ctx.pool["departments"]),
            title=ctx.rng.choice(ctx.pool["titles"]),
            categories=["社内"],
        )
        person.emails.append(_work_email(given, family, owner["domain"]))
        person.phones.append(PhoneEntry(ctx.numbers.fixed("03"), "work"))
        person.phones.append(PhoneEntry(ctx.numbers.mobile(), "cell", "社用携帯"))
        if index == 5:
            person.phones.append(PhoneEntry(ctx.numbers.mobile(), "cell", "個人携帯"))
        people.append(person)
    return people


def family_members(ctx: Context) -> list[Person]:
    """The owner's family, stored the way people do: by relation, not by name."""
    owner_family = Name(**ctx.pool["owner"]["family"])
    people = []
    for entry in ctx.pool["family"]:
        label = str(entry["label"])
        person = Person(
            role="family", display=label, given=Name(label, "", ""), note=str(entry["note"])
        )
        person.categories.append("家族")
        if label == "実家":
            person.phones.append(PhoneEntry(ctx.numbers.fixed("052"), "home"))
            person.addresses.append(ctx.home_address(5))
        else:
            person.phones.append(PhoneEntry(ctx.numbers.mobile(), "cell"))
        if label in ("妻", "兄"):
            _, given = ctx.namer.pick(owner_family, female=label == "妻")
            person.family, person.given, person.display = owner_family, given, ""
            person.note = f"{label}"
            person.emails.append(ctx.private_email(given, "carrier_mail_domains"))
            person.birthday = ctx.birthday(1970, 1985)
        people.append(person)
    return people


def friends(ctx: Context, count: int) -> list[Person]:
    """Friends: free or carrier mail, a mobile, a note saying how they are known."""
    people = []
    for index in range(count):
        family, given = ctx.namer.pick()
        person = Person(role="friend", family=family, given=given, categories=["友人"])
        person.note = str(ctx.pool["friend_notes"][index % len(ctx.pool["friend_notes"])])
        person.phones.append(PhoneEntry(ctx.numbers.mobile("060" if index == 7 else None), "cell"))
        domains = "carrier_mail_domains" if index % 2 else "free_mail_domains"
        person.emails.append(ctx.private_email(given, domains))
        if index % 4 == 1:
            person.birthday = ctx.birthday(1972, 1982)
        people.append(person)
    return people


def services(ctx: Context) -> list[Person]:
    """Shops, clinics and services: organisation-only entries."""
    people = []
    for entry in ctx.pool["services"]:
        kind = entry["kind"]
        if kind == "toll_free":
            number = ctx.numbers.toll_free()
        elif kind == "ip":
            number = ctx.numbers.ip_phone()
        else:
            number = ctx.numbers.fixed(ctx.rng.choice(("03", "045")))
        person = Person(role="service", org=str(entry["org"]))
        person.phones.append(PhoneEntry(number, "work" if kind != "toll_free" else "main"))
        people.append(person)
    return people


def bare_contacts(ctx: Context, count: int) -> list[Person]:
    """Just a name and a mobile: nothing says whose contact this is."""
    people = []
    for index in range(count):
        family, given = ctx.namer.pick()
        person = Person(role="bare", given=given)
        if index % 2:
            person.family = family
        label = _MOBILE_LABELS_IOS[index % 2]
        person.phones.append(PhoneEntry(ctx.numbers.mobile(), "cell", label))
        people.append(person)
    return people
