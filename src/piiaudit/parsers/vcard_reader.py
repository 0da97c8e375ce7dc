"""Physical lines -> logical lines -> cards -> :class:`~piiaudit.model.Contact`, streaming.

Unfolding happens on bytes, before any decoding, so a UTF-8 character split
by a fold (ownCloud exports) is whole again before it is decoded. Three kinds
of continuation are joined:

* a line starting with a space or tab (RFC folding; 3.0/4.0 drop that one
  character, 2.1 keeps it, as its spec says);
* the line after a quoted-printable value ending in ``=`` (2.1 soft line
  break, perhaps followed by spaces, RFC 2045's transport padding; never
  indented, and it wins over everything else: a ``#`` there is data, not a
  comment), except ``END:VCARD``: a soft break written right before it is a
  writer's bug (the data is whole), reported at the value's line, and the END
  closes the card;
* in 2.1, the line after a value ending in a backslash, when it does not look
  like a property (the 2.1 grammar's backslash-CRLF), joined with a newline.

A 2.1 base64 body may also go on in lines that are not indented, up to a blank
line (vCard 2.1 section 2.1.3, older Android and feature phones): such a line has no
colon, and only then is it checked for being more of the body just read (only
counted, like every body), so ordinary lines pay nothing for it.

Cards: ``BEGIN:VCARD`` inside a 2.1 card opens a nested card (its own
contact, ``parent`` set); inside a 3.0/4.0 card it means the previous card
lacked its END, which is reported and the card closed there. A card without
END is closed at end of file with an issue; a 2.1 card still open there with
nothing of its own after its first nested card lacked its END before that card,
and is closed there instead (its nested cards become cards of their own). Lines
between cards are reported as one issue per run and skipped; a ``VERSION`` line
outside any card opens a card that lacks its BEGIN (reported), and so does a line
of contact data there: the rest of a card cut off at the top, read as an incomplete
contact (:mod:`.vcard_cut`). ``#`` lines are comments.

``AGENT:BEGIN:VCARD\\n...`` (3.0, an assistant's card escaped into one value)
is not turned into a contact of its own: its text is kept, unescaped, in
``other["AGENT"]``, where detectors see the phone numbers and names inside.
2.1 agents written as real nested ``BEGIN:VCARD`` blocks do become contacts.

Nested contacts are yielded right after their top-level card, in index order.

An address-book group card (``KIND:group``; Apple's ``X-ADDRESSBOOKSERVER-KIND:group``)
that holds only the group's name and references to its members' cards is no contact
(a member given by ``tel:`` or ``mailto:`` is read as one of its phones or e-mails,
and keeps it a contact): it is skipped, keeps
its index (the next card's is the same as before), and the file gets one issue
at its end, at the line of the first such card (:func:`.vcard_build.group_card`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from piiaudit.model import Contact, FileInfo, ParseIssue
from piiaudit.parsers.options import ParseOptions
from piiaudit.parsers.vcard_build import CardBuilder, RawProperty, build_simple, group_card
from piiaudit.parsers.vcard_cut import cut_card_issue, opens_cut_card
from piiaudit.parsers.vcard_data import tables
from piiaudit.parsers.vcard_values import (
    TRANSCODED,
    is_property_name,
    name_of,
    parse_head,
    soft_break,
    split_line,
    starts_property,
    transfer_decode,
    without_soft_break,
)

PROPERTY_START = re.compile(rb"^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?[;:]")
_BASE64_LINE = re.compile(rb"[A-Za-z0-9+/=\s]+")
_BASE64_NAMES = ("BASE64", "B")
_URL_VALUE = re.compile(rb"^\s*(?:https?|ftp|file|cid|urn|content):", re.IGNORECASE)
_DATA_URI_COMMA = re.compile(rb",|\\,")
WS = (b" ", b"\t")


class VcardReader:
    """The general reader: :meth:`feed` takes one physical line at a time (:mod:`.vcard_stream`)."""

    def __init__(self, info: FileInfo, options: ParseOptions, encoding: str) -> None:
        self.info = info
        self.options = options
        self.encoding = encoding
        self.stack: list[CardBuilder] = []
        self.held: list[Contact] = []
        self.next_index = 0
        self.junk_line = 0
        self.junk_count = 0
        self.last_end = 0
        self.lineno = 0
        self.groups_line = 0  # group cards skipped, and the line of the first (see finish)
        self.groups_skipped = 0
        self.groups_into: list[Contact] | None = None  # receives them (vcard_groups)
        # The logical line being assembled ("pending"): its physical parts and facts.
        self.parts: list[bytes] = []
        self.p_line = self.p_start = self.p_end = 0
        self.p_qp = self.p_cut = False
        # A quoted-printable value's last physical line ended in a soft break (=), and
        # whether that line is the last of ``parts`` (its = still to strip): a value cut at
        # the size limit or a binary one keeps no parts, yet its soft breaks still join its
        # lines; read off ``parts`` they did not, and each line left became an issue of
        # its own (QA round 16: a 4.4 MB file, 300,000 issues, 1.1 GB).
        self.p_soft = self.p_strip = False
        self.p_binary: bool | None = None
        self.p_count = self.p_size = 0
        self.p_tail = b""
        # A 2.1 base64 body that unindented lines may still continue (see _continues_body).
        self.body: _OpenBody | None = None
        binary = tables().binary
        self.binary_names = frozenset(n.encode() for n in binary)
        self.encoded_only = frozenset(n.encode() for n in tables().binary_only_when_encoded)
        self.special_names = self.binary_names | {b"BEGIN", b"END", b"VERSION"}
        # Properties that may make a card a group (KIND ...): the cheap test every card pays.
        self.group_kinds = tables().group_kind

    # ----------------------------------------------------------------- assembly

    def feed(self, content: bytes, start: int, end: int, dropped: int) -> list[Contact] | None:
        """Take one physical line; return the contacts it completed, if any.

        A line is held until the next one shows whether that continues it, so
        the contacts returned are those completed by the line *before*.
        """
        self.lineno += 1
        self.last_end = end
        done = None
        parts = self.parts
        if parts:
            joined = None
            if self.p_soft:
                if self.p_strip:
                    parts[-1] = without_soft_break(parts[-1])
                if content[:3].upper() == b"END" and content.strip().upper() == b"END:VCARD":
                    # A writer's bug: the value's last line ended in a soft break, and the
                    # card's END came next. Joined, END:VCARD became text of the value
                    # (a note read "大学の友人END:VCARD") and the card ran on into the next.
                    self._issue(self.lineno - 1, SOFT_BREAK_BEFORE_END)
                    self.p_soft = False
                elif starts_property(content) and not self._binary_pending():
                    # The same bug before a property: joined, a home address became words
                    # of a note and its finding was lost (hostile QA F10). A photo's bytes
                    # are no text: its lines go on whatever they hold (QA round 16).
                    self._issue(self.lineno - 1, SOFT_BREAK_BEFORE_PROPERTY)
                    self.p_soft = False
                else:
                    joined = content
            elif content[:1] in WS:
                joined = content if self._keeps_fold_space() else content[1:]
            elif (
                parts[-1].endswith(b"\\")
                and self._keeps_fold_space()
                and not PROPERTY_START.match(content)
            ):
                parts[-1] = parts[-1][:-1] + b"\n"
                joined = content
            if joined is not None:
                self._join(joined, end, dropped)
                return None
            done = self._pending()
        if not content or content.isspace():
            self._end_body()  # a blank line ends a 2.1 base64 body
            return done
        if content[:1] == b"#" and self.stack:
            return done
        self.parts = [content]
        self.p_line, self.p_start, self.p_end = self.lineno, start, end
        self.p_qp = soft_break(content) and b"QUOTED-PRINTABLE" in content.upper()
        self.p_soft = self.p_strip = self.p_qp
        self.p_binary = None
        self.p_count = dropped
        self.p_size = len(content)
        self.p_tail = content[-8:] if dropped else b""
        self.p_cut = bool(dropped)
        return done

    def _binary_pending(self) -> bool:
        """Whether the logical line being assembled is a binary body (a photo)."""
        if self.p_binary is None:
            self.p_binary = self.is_binary(self.parts[0])
        return self.p_binary

    def _join(self, joined: bytes, end: int, dropped: int) -> None:
        """Add a continuation line to the pending logical line (counted only, for bodies)."""
        self.p_end = end
        if self.p_binary is None:
            self.p_binary = self.is_binary(self.parts[0])
        soft = self.p_qp and soft_break(joined)
        self.p_soft, self.p_strip = soft, False
        if self.p_binary:
            body = joined.strip()
            self.p_count += len(body) + dropped
            self.p_tail = (self.p_tail + body)[-8:]
        elif (
            self.p_cut or dropped or self.p_size + len(joined) > self.options.max_value_bytes + 4096
        ):
            self.p_cut = True
        else:
            self.parts.append(joined)
            self.p_size += len(joined)
            self.p_strip = soft

    def _pending(self) -> list[Contact] | None:
        """Take the held logical line as complete."""
        parts, self.parts = self.parts, []
        if self._fast_property(parts, self.p_line, self.p_binary, self.p_cut):
            return None
        return self._logical(
            parts, self.p_line, self.p_start, self.p_end, self.p_binary, self.p_count,
            self.p_tail, self.p_cut,
        )  # fmt: skip

    def settle(self) -> list[Contact] | None:
        """Before a ``BEGIN:VCARD`` line: take the held line unless that line would continue it.

        A ``BEGIN:VCARD`` line never continues a line (it is neither indented
        nor a 2.1 backslash continuation), except after a quoted-printable
        soft line break.
        """
        if not self.parts or self.p_soft:
            return None
        return self._pending()

    def idle(self) -> bool:
        """Between cards, nothing held: a card may be read without this machine."""
        return not self.parts and not self.stack

    def between_cards(self) -> bool:
        """Nothing held, open or pending: a new reader would be in the same state here
        (but for its line and contact numbers), which is what lets a file be read in pieces.
        A reader that skipped group cards is not: their one issue per file comes at the end,
        so a file read in pieces is then read again whole."""
        return self.idle() and not self.held and not self.junk_count and not self.groups_skipped

    def add_plain(
        self, start: int, end: int, lines: int, version: str, properties: list[RawProperty]
    ) -> Contact | None:
        """A whole card read elsewhere (:mod:`.vcard_fast`), ``lines`` physical lines long;
        ``None`` for a group card, skipped.

        Only valid when :meth:`idle`: the card is then opened and closed exactly
        as its ``BEGIN``/``END`` lines would have done it here (with nothing
        open there is no parent and no nested card is held, so the card is the
        only contact it completes).
        """
        card = CardBuilder(self.next_index, self.lineno + 1, start, None)
        card.version = version
        card.properties = properties
        contact = card.build(self.info.path, end, self.encoding, self.options.region)
        return self._added(contact, lines, end)

    def add_simple(self, start: int, end: int, lines: int, body: list[bytes]) -> Contact | bool:
        """Like :meth:`add_plain`, for a card given as its property lines (``body``), read
        in one pass by :func:`.vcard_build.build_simple`; ``False``, with nothing changed
        here, when that pass declines the card, ``True`` when the card was a group, skipped."""
        card = CardBuilder(self.next_index, self.lineno + 1, start, None)
        contact = build_simple(
            card, body, self.special_names, path=self.info.path, end=end,
            encoding=self.encoding, region=self.options.region,
        )  # fmt: skip
        if contact is None:
            return False
        return self._added(contact, lines, end) or True

    def _added(self, contact: Contact, lines: int, end: int) -> Contact | None:
        """Account for a card read elsewhere, as its BEGIN and END lines would have here;
        ``None`` for a group card (skipped)."""
        if self.junk_count:
            self._flush_junk()
        self.next_index += 1
        self.lineno += lines
        self.last_end = end
        info = self.info
        if contact.issues:
            info.issues.extend(contact.issues)
        if not info.dialect:
            info.dialect = f"vcard-{contact.version}" if contact.version else "vcard"
        other = contact.other
        if other and not other.keys().isdisjoint(self.group_kinds) and group_card(contact):
            self._skip_group(contact)
            return None
        info.contacts += 1
        return contact

    def finish(self, cut: bool = False) -> Iterator[Contact]:
        """End of file: take the held line, close what is still open. ``cut``: the file
        ends inside a line of data (no line end after its last line, which is no part of
        an ``END:VCARD``): it was cut short there."""
        # A quoted-printable value whose last line ends in a soft break promised more.
        cut = cut or (bool(self.parts) and self.p_soft)
        if self.parts:
            done = self._pending()
            if done:
                yield from done
        yield from self._finish(self.lineno, cut)
        if self.groups_skipped:
            self.info.issues.append(ParseIssue(self.groups_line, _groups(self.groups_skipped)))

    def _skip_group(self, contact: Contact) -> None:
        if not self.groups_skipped:
            self.groups_line = contact.source.line
        self.groups_skipped += 1
        if self.groups_into is not None:
            self.groups_into.append(contact)

    def _fast_property(self, parts: list[bytes], line: int, binary: bool | None, cut: bool) -> bool:
        """Store an ordinary one-line property inside a card; ``False`` = take the full path.

        Most lines of an export are exactly this, so it skips everything the
        general path checks (structure lines, binary bodies, limits, quotes).
        """
        if len(parts) != 1 or binary or cut or not self.stack:
            return False
        raw = parts[0]
        colon = raw.find(b":")
        if colon <= 0 or len(raw) > self.options.max_value_bytes:
            return False
        head = raw[:colon]
        if name_of(head) in self.special_names or b'"' in head or not is_property_name(head):
            return False
        card = self.stack[-1]
        if len(card.properties) >= self.options.max_properties_per_card:
            return False
        card.properties.append((line, head, raw[colon + 1 :], -1))
        return True

    def _keeps_fold_space(self) -> bool:
        return bool(self.stack) and self.stack[-1].version == "2.1"

    def is_binary(self, first: bytes) -> bool:
        """PHOTO/LOGO bodies (and SOUND/KEY when encoded) are measured, never stored."""
        colon = first.find(b":")
        head = first[:colon] if colon >= 0 else first
        name = head.split(b";", 1)[0].rsplit(b".", 1)[-1].strip().upper()
        if name not in self.binary_names:
            return False
        value = first[colon + 1 :] if colon >= 0 else b""
        if value.lstrip()[:5].lower() == b"data:":
            return True
        if _URL_VALUE.match(value):
            return False
        if name in self.encoded_only:
            upper = head.upper()
            return b"BASE64" in upper or b"ENCODING=B" in upper
        return True

    # ------------------------------------------------------------ logical lines

    def _logical(
        self,
        parts: list[bytes],
        line: int,
        start: int,
        end: int,
        binary: bool | None,
        count: int,
        tail: bytes,
        cut: bool,
    ) -> list[Contact] | None:
        """Take one logical line; return the contacts it completed (at an END), if any."""
        raw = parts[0] if len(parts) == 1 else b"".join(parts)
        if raw[:1] in _STRAY_FIRST:
            stray = _STRAY.match(raw)
            if stray is not None:  # a second export's BOM, or DOS's end-of-file mark
                start += self.width(raw[: stray.end()])
                raw = raw[stray.end() :]
                if not raw.strip():
                    return None
        split = split_line(raw)
        if split is None:
            if not self.stack:
                self._junk(line, raw)
                return None
            if self.body is not None and self._continues_body(self.body, raw, count):
                return None
            if _BARE_NAME.fullmatch(raw.strip()):
                # A property's name alone (FN, or E where a file was cut in END): an
                # empty property, nothing to read and nothing lost (review 13).
                self._issue(line, BARE_NAME)
                return None
            if _ENCODED_LINE.search(raw) or _BASE64_ONLY.fullmatch(raw.strip()):
                # The rest of an encoded value (quoted-printable =E6=8C=81…, a photo's
                # base64): read as a note it was undecoded text the rules misread
                # (a password in base64), so it stays a part not read (review 14).
                self._issue(line, SKIPPED_LINE, "error", lost=True)
                return None
            # A value's line broken without folding (an address's city, a note's second
            # line): read as a note, so its text is kept and the rules read it, instead
            # of lost (QA round 10 found the lost city; review 13 the exit code).
            self._issue(line, NO_COLON_NOTE)
            split = (b"NOTE", raw)
        head, value = split
        name = name_of(head)
        if name == b"BEGIN" and value.strip().upper() == b"VCARD":
            return self._begin(line, start)
        if name == b"END":
            rest = value.strip().upper()
            if rest == b"VCARD":
                return self._end(line, end)
            between = _STRAY.sub(b"", rest[5:].lstrip()).lstrip()
            if rest.startswith(b"VCARD") and between.startswith(b"BEGIN:VCARD"):
                return self._joined(line, start, raw)
        if not self.stack:
            if name == b"VERSION":
                self._flush_junk()
                self._open(line, start)
                self._issue(line, "card has no BEGIN:VCARD; read from its VERSION line", "error")
            elif opens_cut_card(name, head):
                self._flush_junk()
                self._open(line, start)
                self.stack[-1].cut = True
            else:
                self._junk(line, raw)
                return None
        card = self.stack[-1]
        if not is_property_name(head):
            # A value's line broken without folding, holding a colon: its words are no
            # property's name. Read as a note, the rules read it; its text is never a
            # field's name in a report.
            self._issue(line, NOT_A_PROPERTY)
            head, value, name = b"NOTE", raw, b"NOTE"
        if name == b"VERSION":
            version = transfer_decode(value, parse_head(head).params) if b";" in head else value
            card.version = version.strip().decode("ascii", "replace")
        limit = self.options.max_properties_per_card
        if len(card.properties) >= limit:
            if not card.overflow:
                card.overflow = True
                message = "too many properties in this card; the rest were not read"
                self._issue(line, message, "error", lost=True)
            return None
        if binary is None and name in self.binary_names:
            binary = self.is_binary(raw)
        if binary:
            if card.version == "2.1" and _is_base64(head):
                self._open_body(card, line, head, value, count, tail)
            else:
                card.properties.append((line, head, b"", decoded_size(value, count, tail)))
                flaw = body_flaw(head, value, count, tail)
                if flaw is not None:
                    self._issue(line, f"{name.decode('ascii', 'replace')}: {flaw}")
            return None
        if cut or len(value) > self.options.max_value_bytes:
            value = value[: self.options.max_value_bytes]
            label = name.decode("ascii", "replace")
            self._issue(
                line,
                f"{label} value longer than {self.options.max_value_bytes} bytes was cut",
                "error",
                lost=True,
            )
        card.properties.append((line, head, value, -1))
        return None

    def _open_body(
        self, card: CardBuilder, line: int, head: bytes, value: bytes, count: int, tail: bytes
    ) -> None:
        """Measure a 2.1 base64 body as far as it has come, and keep it open for more."""
        self._end_body()
        chars, end = _extent(value, count, tail)
        measured = (line, head, b"", _size_of(chars, end))
        card.properties.append(measured)
        self.body = _OpenBody(card, measured, chars, end, _readable_start(head, value))

    def _end_body(self) -> None:
        """The open 2.1 base64 body (if any) is complete: say what is wrong with it, at
        its line (:func:`body_flaw`); a body is judged once, whole."""
        body, self.body = self.body, None
        if body is None:
            return
        line, head = body.measured[0], body.measured[1]
        flaw = _flaw(body.first_ok, body.chars, body.end)
        if flaw is not None:
            label = name_of(head).decode("ascii", "replace")
            body.card.issues.append(ParseIssue(line, f"{label}: {flaw}"))

    def _continues_body(self, body: _OpenBody, raw: bytes, dropped: int) -> bool:
        """Whether a line without a colon is more of the open 2.1 base64 body; if so, count it.

        vCard 2.1 (section 2.1.3) lets a base64 value run over lines that are not indented,
        up to a blank line; older Android and feature phones write it so. The body is
        still open only if nothing came between: no blank line (:meth:`feed` closes it),
        no other property (the card's last one is still the body) and no other card.
        Only base64 characters continue it: any other line is reported as before.
        """
        card = self.stack[-1]
        if body.card is not card or card.properties[-1] is not body.measured:
            return False
        if _BASE64_LINE.fullmatch(raw) is None:
            return False
        piece = b"".join(raw.split())
        chars = body.chars + len(piece) + dropped
        end = (body.end + piece)[-8:]
        line, head = body.measured[0], body.measured[1]
        measured = (line, head, b"", _size_of(chars, end))
        card.properties[-1] = measured
        self.body = _OpenBody(card, measured, chars, end, body.first_ok)
        return True

    # -------------------------------------------------------------------- cards

    def _open(self, line: int, start: int) -> None:
        parent = self.stack[-1].index if self.stack else None
        self.stack.append(CardBuilder(self.next_index, line, start, parent))
        self.next_index += 1

    def _begin(self, line: int, start: int) -> list[Contact] | None:
        self._flush_junk()
        done: list[Contact] | None = None
        top = self.stack[-1] if self.stack else None
        if top is not None and (top.version in ("3.0", "4.0") or (top.cut and not top.version)):
            # Repaired: the card ends where the next begins, nothing of either is lost. A
            # card cut off at the top has lost its VERSION: nesting is 2.1's alone, and
            # its END is as likely missing as any card's.
            self._issue(line, "card has no END:VCARD; closed at the next BEGIN:VCARD")
            done = []
            while self.stack:
                done.extend(self._close(start, line - 1))
        self._open(line, start)
        return done

    def _joined(self, line: int, start: int, raw: bytes) -> list[Contact] | None:
        """``END:VCARDBEGIN:VCARD``: two exports joined without a line break (Gmail ends
        its export without one, so ``cat a.vcf b.vcf`` makes this line). Read as the end
        of one card and the start of the next, cut where ``BEGIN`` starts; read as one
        property, the second card's whole contents went into the first."""
        cut = start + self.width(raw[: raw.upper().index(b"BEGIN:VCARD")])
        message = "END:VCARD and BEGIN:VCARD on one line (files joined without a line break)"
        self._issue(line, f"{message}; read as two cards")
        done = self._end(line, cut) or []
        done.extend(self._begin(line, cut) or [])
        return done or None

    def width(self, text: bytes) -> int:
        """How many bytes of the file ``text`` (bytes of a line as read) stands for: a
        UTF-16 file is read transcoded to UTF-8, two bytes a character (four beyond
        the BMP) where UTF-8 has one to four."""
        if self.encoding != TRANSCODED:
            return len(text)
        return len(text.decode("utf-8", "replace").encode("utf-16-le"))

    def _end(self, line: int, end: int) -> list[Contact] | None:
        if not self.stack:
            self._issue(line, "END:VCARD without BEGIN:VCARD; skipped")
            return None
        return self._close(end, line)

    def _close(self, end: int, last: int) -> list[Contact]:
        """Close the innermost card, whose bytes end at ``end`` and lines at ``last``."""
        self._end_body()
        card = self.stack.pop()
        if card.cut:
            card.issues.insert(0, cut_card_issue(card.line, last))
        contact = card.build(self.info.path, end, self.encoding, self.options.region)
        self.info.issues.extend(contact.issues)
        other = contact.other
        skipped = (
            bool(other) and not other.keys().isdisjoint(self.group_kinds) and group_card(contact)
        )
        if skipped:
            self._skip_group(contact)
        if self.stack:
            if not skipped:
                self.held.append(contact)
            return []
        if not self.info.dialect and (contact.version or not card.cut):
            self.info.dialect = f"vcard-{contact.version}" if contact.version else "vcard"
        done = [] if skipped else [contact]
        self.info.contacts += len(done) + len(self.held)
        if not self.held:
            return done
        held, self.held = sorted(self.held, key=lambda c: c.source.index), []
        return [*done, *held]

    def _finish(self, lineno: int, cut: bool) -> Iterator[Contact]:
        self._flush_junk()
        first = self._first_child_after_all_of_an_open_card()
        if first is not None:
            yield from self._close_before(first)
            return
        if self.stack and cut:
            # The file ends inside the card's data: the export was cut short there, and
            # the contact lacks the rest of it, as one cut off at the top lacks its
            # first lines: the file was not read in full (hostile QA F7: exit code 0).
            self._issue(lineno, CUT_AT_END, "error", lost=True)
        elif self.stack:
            # An error in the export (it may have been cut short between two lines), but
            # everything in the file was read: the report lists it, the exit code stays
            # (docs/ci.md).
            self._issue(lineno, "card has no END:VCARD; closed at end of file", "error")
        while self.stack:
            yield from self._close(self.last_end, lineno)

    def _first_child_after_all_of_an_open_card(self) -> Contact | None:
        """The first card nested in a top-level card still open at the end of the file,
        when all of that card's own lines come before it; else ``None``.

        A 2.1 card's ``BEGIN:VCARD`` nests a card (an agent; Android nests them so), so
        a card whose END is missing took every card after it as its nested cards, and
        ``split`` filed the customers that followed inside it, for review. Nesting ends
        with the parent's own lines and END after its nested cards (``N:parent``,
        nested cards, ``TEL:1``, ``END``); when the file ends instead, with nothing of the
        open card after its first nested card, the END was missing before that card."""
        if len(self.stack) != 1:
            return None
        card = self.stack[0]
        children = [c for c in self.held if c.source.parent == card.index]
        if not children:
            return None
        first = min(children, key=lambda c: c.source.index)
        last_own = max((line for line, *_ in card.properties), default=card.line)
        return first if last_own < first.source.line else None

    def _close_before(self, first: Contact) -> Iterator[Contact]:
        """Close the open card where ``first``, its first nested card, begins, and give
        its nested cards back their places as cards of their own."""
        parent = self.stack[0].index
        self._issue(first.source.line, "card has no END:VCARD; closed at the next BEGIN:VCARD")
        for contact in self._close(first.source.start, first.source.line - 1):
            if contact.source.parent == parent:
                contact = replace(contact, source=replace(contact.source, parent=None))
            yield contact

    # ------------------------------------------------------------------- issues

    def _issue(
        self, line: int, message: str, severity: str = "warning", *, lost: bool = False
    ) -> None:
        issue = ParseIssue(line, message, severity, lost)
        if self.stack:
            self.stack[-1].issues.append(issue)
        else:
            self.info.issues.append(issue)

    def _junk(self, line: int, raw: bytes = b"") -> None:
        if not self.junk_count:
            self.junk_line = line
        self.junk_count += 1
        if raw and card_in_other_encoding(raw):
            self._issue(line, MIXED_ENCODING, "error", lost=True)

    def _flush_junk(self) -> None:
        if self.junk_count:
            count, self.junk_count = self.junk_count, 0
            plural = "line" if count == 1 else "lines"
            self.info.issues.append(
                ParseIssue(self.junk_line, f"{count} {plural} outside any vCard skipped")
            )


SOFT_BREAK_BEFORE_END = (
    "quoted-printable value ends in a soft line break (=) right before END:VCARD; "
    "read as the end of the value and of the card"
)
SOFT_BREAK_BEFORE_PROPERTY = (
    "quoted-printable value ends in a soft line break (=), but the next line is a "
    "property of its own; read as the end of the value"
)
CUT_AT_END = (
    "card has no END:VCARD: the file ends inside its data (cut short); "
    "read as an incomplete contact"
)
NOT_A_PROPERTY = "line is not a property (a line break inside a value?); read as a note"
NO_COLON_NOTE = "line without ':' is not a property (a line break inside a value?); read as a note"
SKIPPED_LINE = "line without ':' is not a property; skipped"
# The rest of a quoted-printable value (two =XX escapes), or a line of base64 only.
# What ``cat`` or ``copy /b`` leaves where one export ends and the next begins: the
# second file's UTF-8 BOM, DOS's end-of-file mark (Ctrl-Z). Left in front of
# BEGIN:VCARD, the line was no BEGIN: two cards were read as one, the second's note
# filed under the first contact's name (QA formats).
_STRAY = re.compile(rb"(?:\xef\xbb\xbf|\x1a)+")
_STRAY_FIRST = frozenset((b"\xef", b"\x1a"))
_ENCODED_LINE = re.compile(rb"=[0-9A-Fa-f]{2}.*=[0-9A-Fa-f]{2}")
_BASE64_ONLY = re.compile(rb"[A-Za-z0-9+/]{16,}={0,2}")
BARE_NAME = "line without ':' is a property's name alone; read as empty"
# A property name with nothing after it: a known vCard name, an X- name, or the start of
# END cut off at the end of a file.
_BARE_NAME = re.compile(
    rb"(?i:E|EN|END|BEGIN|VERSION|FN|N|TEL|EMAIL|ADR|LABEL|ORG|TITLE|ROLE|NOTE|BDAY|URL|PHOTO"
    rb"|LOGO|NICKNAME|CATEGORIES|UID|REV|PRODID|SORT-STRING|SOUND|GEO|TZ|KEY|IMPP|KIND"
    rb"|GENDER|LANG|RELATED|MEMBER|ANNIVERSARY|CLASS|MAILER|AGENT|X-[A-Z0-9-]+)"
)
# A card written in another encoding than the file's: two exports joined with cat, one
# of them UTF-16. Its bytes read as junk, so it was lost without a word (QA round 6).
MIXED_ENCODING = (
    "a card in another encoding than the rest of the file (UTF-16 and UTF-8 joined) "
    "could not be read; save the exports in one encoding and audit them again"
)
_BEGIN_CARD = b"begin:vcard"


def card_in_other_encoding(raw: bytes) -> bool:
    """Whether skipped bytes hold a BEGIN:VCARD in another encoding: UTF-16 read as an
    8-bit or UTF-8 file (NULs between the letters), or UTF-8 read as UTF-16 (the
    reader then gives the transcoded garbage, whose UTF-16 bytes are the original)."""
    lowered = raw.lower()
    if b"\x00" in raw and _BEGIN_CARD in lowered.replace(b"\x00", b""):
        return True
    if raw.isascii():
        return False
    text = raw.decode("utf-8", "replace")
    for codec in ("utf-16-le", "utf-16-be"):
        if _BEGIN_CARD in text.encode(codec, "replace").lower():
            return True
    return False


def groups_skipped(message: str) -> bool:
    """Whether a file's issue is only the notice that group cards were skipped (what
    :func:`_groups` writes): no data was lost or repaired (``split`` copies those cards
    to the private file and says so)."""
    return _GROUPS_NOTICE.fullmatch(message) is not None


_GROUPS_NOTICE = re.compile(r"(?:1 group card|[0-9]+ group cards) \(KIND:group\) w.*")


def _groups(count: int) -> str:
    if count == 1:
        return "1 group card (KIND:group) was skipped: it lists members, it is not a contact"
    return f"{count} group cards (KIND:group) were skipped: they list members, not contacts"


@dataclass(frozen=True, slots=True)
class _OpenBody:
    """A 2.1 base64 body that unindented lines may continue: its card, the property
    that measures it (replaced as it grows), its base64 characters so far and its last 8."""

    card: CardBuilder
    measured: RawProperty
    chars: int
    end: bytes
    first_ok: bool  # its first line is base64 (see body_flaw)


def _is_base64(head: bytes) -> bool:
    encodings = parse_head(head).params.get("ENCODING", ())
    return bool(encodings) and encodings[-1].upper() in _BASE64_NAMES


#: What is wrong with a base64 body (a photo's): measured, never decoded, so said here.
BODY_NOT_BASE64 = "value is marked BASE64 but holds characters that are not base64"
BODY_CUT = "base64 value breaks off after 1 character of a group of 4 (cut short?)"
_BASE64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \t\r\n"


def body_flaw(head: bytes, value: bytes, extra_count: int, tail: bytes) -> str | None:
    """What is wrong with a binary body declared base64 (``ENCODING=BASE64``/``b``, or a
    ``data:...;base64,`` URI) whose first line is ``value`` and which goes on for
    ``extra_count`` more characters, the last of them ``tail``: its first line holds
    characters outside base64 (:data:`BODY_NOT_BASE64`), or its characters (padding
    aside) end one past a whole group of 4, which no encoder writes and a file cut
    inside the body leaves one time in four (:data:`BODY_CUT`, hostile QA F7); ``None``
    for a sound body or one not declared base64. Two or three characters past a group
    are unpadded base64, which some writers write, and a stray ``=`` more is harmless:
    neither is said. Only the first line is searched for other characters: the lines
    after it are counted, never read (a photo is megabytes)."""
    if not _declared_base64(head, value):
        return None
    chars, end = _extent(value, extra_count, tail)
    return _flaw(_readable_start(head, value), chars, end)


def _flaw(first_ok: bool, chars: int, end: bytes) -> str | None:
    if not first_ok:
        return BODY_NOT_BASE64
    padding = len(end) - len(end.rstrip(b"="))
    return BODY_CUT if (chars - padding) % 4 == 1 else None


def _declared_base64(head: bytes, value: bytes) -> bool:
    body = value.lstrip()
    if body[:5].lower() == b"data:":
        match = _DATA_URI_COMMA.search(body)
        return match is not None and b";base64" in body[: match.start()].lower()
    return _is_base64(head)


def _readable_start(head: bytes, value: bytes) -> bool:
    """Whether the first line of a body is base64 throughout, or the body is not declared
    base64 (then nothing is judged)."""
    if not _declared_base64(head, value):
        return True
    body = value.strip()
    if body[:5].lower() == b"data:":
        match = _DATA_URI_COMMA.search(body)
        body = body[match.end() :] if match else b""
    return not body.translate(None, _BASE64_ALPHABET)


def decoded_size(value: bytes, extra_count: int, tail: bytes) -> int:
    """Decoded bytes of a base64 body (or ``data:`` URI) from its length and padding."""
    return _size_of(*_extent(value, extra_count, tail))


def _extent(value: bytes, extra_count: int, tail: bytes) -> tuple[int, bytes]:
    """The base64 characters of a body (its first line ``value``, plus ``extra_count``
    characters after it, the last of them ``tail``) and its last 8 characters."""
    body = value.strip()
    if body[:5].lower() == b"data:":
        match = _DATA_URI_COMMA.search(body)
        body = body[match.end() :] if match else b""
    return len(body) - body.count(b" ") + extra_count, (body[-8:] + tail)[-8:]


def _size_of(count: int, end: bytes) -> int:
    """Decoded bytes of ``count`` base64 characters ending with ``end`` (its padding)."""
    end = end[-4:]
    padding = min(2, len(end) - len(end.rstrip(b"=")))
    return max(0, count * 3 // 4 - padding)
