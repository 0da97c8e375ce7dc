"""What a mail-domain entry may look like, in a pack's lists and in the profile.

An ``email_domain`` detector compares the part of an address after ``@`` with its
entries. An entry pasted as ``@kawasemi.example.co.jp``, ``kawasemi.example.co.jp.``,
``https://kawasemi.example.co.jp/`` or ``info@kawasemi.example.co.jp`` never equals
such a part, so every contact at that customer silently lost its signal, while the
profile refused the same mistake (QA round 12). Both now use :data:`DOMAIN_PATTERN`
(the profile through its schema, whose pattern a test holds equal to this one) and
a pack's entries get the fix with their line from :func:`domain_problem`.

Upper case and surrounding blanks are fine in a list: the detector reads entries
stripped and in lower case.
"""

from __future__ import annotations

import re

#: A mail domain, optionally ``*.`` first (that domain and its subdomains): labels joined
#: by single dots, no dot at either end, no blank, ``@``, ``/``, ``:`` or ``*`` in a label.
#: Letters of any script are fine: an internationalised domain (``müller-bau.example``,
#: ``例え.example.jp``) is matched as written, and the ASCII-only pattern of the first
#: version refused it, with no form left that would match (review 13).
DOMAIN_PATTERN = r"^(\*\.)?[^\s.@/:*]+(\.[^\s.@/:*]+)*$"
_DOMAIN = re.compile(DOMAIN_PATTERN)


def domain_problem(entry: str) -> str | None:
    """Why ``entry`` can never match a mail domain, with the fix; ``None`` when it can."""
    text = entry.strip()
    if _DOMAIN.match(text):
        return None
    if "://" in text or "/" in text:
        fix = "a URL: keep only the host name"
    elif text.startswith("@"):
        fix = "drop the '@': an entry is the part after it"
    elif "@" in text:
        fix = "a full address: keep only the part after '@'"
    elif text.endswith("."):
        fix = "drop the trailing dot"
    else:
        fix = "write it as example.co.jp, or *.example.co.jp for its subdomains too"
    return f"{entry!r} is not a mail domain ({fix})"
