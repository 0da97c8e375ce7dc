"""A per-contact prefilter: which rules cannot fire on this contact, decided cheaply.

Most rules find nothing on most contacts, yet each used to cost several re2
calls (one per selected field, each about 10 us through the Python wrapper).
The gate answers "can this rule fire at all?" for every rule at once:

* every regex pattern and every keyword list of every rule goes, unanchored,
  into ``re2.Set`` s searched once per contact: a few search the free text
  (notes, titles, organisations...; word lists apart from regexes, each set
  small, as re2 builds a big set's automaton slowly on text it has not seen),
  one the other fields; a pattern goes into the sets of each side its rule
  reads, so a word in a note does not wake a rule that reads only names;
* a detector that reads a field (phones, addresses, a birthday, a photo, the
  fields a word list or pattern reads) needs that field to be present; a phone
  detector with ``types`` needs a number of such a type (and notes, when it
  reads what notes say about labels), an e-mail detector an address at one of
  its domains, and a ``labels_any`` filter a value of the fields it reads with
  such a label (the same checks the detectors make, done once per contact and
  remembered per domain and labels); a ``person`` detector a name, number or
  address of the kinds it lists, and one that lists nothing (a run without
  ``--owner``) never runs.

Each rule's requirement is a conjunction of clauses over these tokens; the
plan (which rules to run) is remembered per set of tokens.

The gate may only say "no" when the rule's own detectors would find nothing
(a sound over-approximation); a "yes" runs the rule exactly as before, so the
decisions are unchanged. Why each "no" is certain:

* All fields' texts (and number forms) are joined by newlines. A regex match
  inside one field is also a match of the same span in the joined text, except
  for assertions tied to the text's edges: ``^`` and ``$`` are made to match at
  line ends (``(?m)``), ``\\b`` sees a newline as a non-word character just like
  a text edge, and a pattern with ``\\A``, ``\\z`` or a flag group that clears
  the multi-line flag is never gated. Extra matches across fields only make more rules run.
  The free text and the other fields are scanned apart (the free text's answer
  is remembered per text); that only adds one more text edge. A pattern read
  from both sides has one token, which either scan may give; a pattern read
  from one side only is searched there only, which is where its fields are.
* A keyword hit (any position, stand-alone or not, excluded or not) is an
  occurrence of one of the words, which the plain alternation finds.
* A pattern goes into the set widened (:mod:`piiaudit.engine.widen`): its Unicode
  property classes replaced by wider, far cheaper ones, so it matches wherever
  the rule's own pattern does, and more rules run, never fewer.
* re2 stays the matcher, so a hostile pattern cannot hang the gate either. A
  ``Set`` whose automaton runs out of memory reports no match at all; an
  always-matching sentinel pattern detects that, and then every rule runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass

import re2

from piiaudit.engine.detectors import Detector
from piiaudit.engine.detectors.base import label_hit
from piiaudit.engine.detectors.email import IN_TEXT_PATTERN, EmailDomainDetector, domain_of
from piiaudit.engine.detectors.keywords import KeywordsDetector
from piiaudit.engine.detectors.person import PersonDetector
from piiaudit.engine.detectors.phone import PhoneDetector
from piiaudit.engine.detectors.present import PresentDetector
from piiaudit.engine.detectors.regex import RegexDetector
from piiaudit.engine.rule import Rule
from piiaudit.engine.view import ANY_OTHER, FREE_GROUP_SET, ContactView, expand_selectors, memo_ok
from piiaudit.engine.widen import widened
from piiaudit.engine.words import re2_options

PHOTO = "photo"  # token: the contact has a photo
PHONE_TYPE = "phone:"  # + a number type (or "unparsed"): a number of that type is stored
UNTYPED_PHONE = "phone?"  # a number neither the parser nor the gate classified
_PHONE_TOKENS: dict[str | None, str] = {  # the usual types' tokens, made once
    t: PHONE_TYPE + t for t in ("mobile", "fixed_line", "fixed_line_or_mobile", "voip")
}
EMAIL_DOMAIN = "email:"  # + n: an address's domain is one e-mail detector n wants
LABEL = "label:"  # + n: some value of label set n's groups has a label with one of its words
LABELLED_GROUPS = ("phones", "emails", "addresses")  # the values that carry labels
DOMAINS_KNOWN_MAX = 4096  # remembered domain answers, emptied when full
LABELS_KNOWN_MAX = 4096  # remembered answers per group and labels, emptied when full
PLANS_KNOWN_MAX = 4096  # remembered rule plans per token set, emptied when full
FREE_TEXTS_KNOWN_MAX = 4096  # remembered free-text scans, emptied when full
FREE_TEXT_KNOWN_LEN = 512  # longer free texts (long notes) are scanned, not remembered
SENTINEL = 0  # index of the always-matching pattern in each set
# Assertions whose meaning the joined text would change; such patterns are not gated:
# \A and \z (the whole text's edges, not a field's) and a flag group that turns the
# multi-line flag off ((?-m:^) is then the joined text's start). Turning other flags
# off keeps the meaning: (?-i:Volvo) is as case-sensitive in the joined text as in a
# field, and the rule that holds it (GDPR-CLASS-015) had run on every contact.
_EDGE_ASSERTIONS = re.compile(r"\\[Az]|\(\?[A-Za-z]*-[A-Za-z]*m")
FREE, REST = 0, 1  # the two scopes: searched on the free text / on the other fields
FREE_SET_BYTES = 16_000  # the most bytes of patterns in one free-text set (_SetBuilder)

Token = str | int  # a group name, PHOTO, or a pattern's token
Clause = frozenset[Token]  # satisfied when the contact has any of these tokens


@dataclass(frozen=True, slots=True)
class Requirement:
    """What a rule needs to be able to fire: every clause must meet the contact.
    No clauses means "always run"; an empty clause means "can never fire"."""

    clauses: tuple[Clause, ...]

    def met(self, tokens: Set[Token]) -> bool:
        for clause in self.clauses:  # noqa: SIM110 - a loop, not all(generator): per new token set
            if clause.isdisjoint(tokens):
                return False
        return True


ALWAYS = Requirement(())


class _SetBuilder:
    """Collects the unanchored patterns one text is searched for; each pattern once,
    with the tokens of every (pattern, fields read) it stands for.

    ``budget``: the most UTF-8 bytes of patterns one set holds (None: no limit).
    re2 builds a set's automaton as texts come, one state per new place in a text,
    and a state costs in proportion to all the set's patterns that may be under way
    there: a set of the shipped packs' ~290 free-text patterns spent ~10 ms on each
    note it had not seen (3.8 of 4.4 s on the 365 contacts of five fictional trade
    exports), for ~0.02 ms on one it had. Sets of word lists apart from sets of
    regexes, each of at most ``budget`` bytes, cost a quarter of that on new notes
    (measured: 3.15 s -> 0.64 s on their 328 notes) and ~0.06 ms more on a note
    seen before (a few re2 calls instead of one), which the free-text memo absorbs.
    """

    def __init__(self, budget: int | None = None) -> None:
        self.patterns: list[str] = [""]  # SENTINEL: matches every text
        self.tokens: list[list[int]] = [[]]  # the sentinel stands for no token
        self.index: dict[str, int] = {"": SENTINEL}
        self.literal: list[bool] = [False]  # per pattern: a word list's alternation
        self.budget = budget

    def add(self, pattern: str, token: int, *, literal: bool = False) -> None:
        pattern = widened(pattern)  # cheaper to compile, matches at least as much
        at = self.index.get(pattern)
        if at is None:
            at = self.index[pattern] = len(self.patterns)
            self.patterns.append(pattern)
            self.tokens.append([])
            self.literal.append(literal)
        if token not in self.tokens[at]:
            self.tokens[at].append(token)

    def groups(self) -> list[tuple[int, ...]]:
        """The patterns' indices in sets of at most ``budget`` bytes, word lists and
        regexes apart, each in the order added (a longer pattern is a set of its own)."""
        indices = range(1, len(self.patterns))
        if self.budget is None:
            return [tuple(indices)]
        out: list[tuple[int, ...]] = []
        for literal in (True, False):
            group: list[int] = []
            size = 0
            for i in indices:
                if self.literal[i] != literal:
                    continue
                length = len(self.patterns[i].encode("utf-8", "surrogatepass"))
                if group and size + length > self.budget:
                    out.append(tuple(group))
                    group, size = [], 0
                group.append(i)
                size += length
            if group:
                out.append(tuple(group))
        return out

    def compile(self) -> Searcher | None:
        """The compiled sets; None when there is no pattern.

        Each group of :meth:`groups` is one set unless re2 refuses it (its memory
        budget: a company pack's catalogue of 33,000 product names did, QA round 18).
        Then its patterns are split in halves until each part compiles, and a pattern
        no set can hold counts as found in every text, so its rules always run.
        Before, a refused set answered "nothing found" and no rule that reads text
        ran at all: the shipped My Number and health rules fell silent and the scan
        said "none".
        """
        if len(self.patterns) == 1:
            return None
        groups = self.groups()
        if len(groups) == 1:
            whole = _compiled_set(self.patterns, groups[0])
            if whole is not None:
                return Searcher(whole, (), ())
        parts: list[tuple[re2.Set, tuple[int, ...]]] = []
        always: list[int] = []
        for group in groups:
            compiled = _compiled_set(self.patterns, group)
            if compiled is None:
                _split_compile(self.patterns, group, parts, always)
            else:
                parts.append((compiled, group))
        return Searcher(None, tuple(parts), tuple(always))


@dataclass(frozen=True, slots=True)
class Searcher:
    """One scope's compiled patterns: ``whole`` holds them all (the usual case),
    else ``parts`` each hold some (with their indices in the builder's list) and
    ``always`` are those none could hold, counted as found."""

    whole: re2.Set | None
    parts: tuple[tuple[re2.Set, tuple[int, ...]], ...]
    always: tuple[int, ...]


# Compiled sets by their patterns, for a process that builds engines again (the test
# suite, which builds thousands; a library caller): compiling the shipped packs' set
# takes ~0.15 s even widened (their word lists are long), and a compiled set is only
# ever matched, never changed. A scan builds one engine (its
# workers fork after it), so this costs it nothing. Bounded: emptied when full.
# The key holds re2's memory budget too: a set refused under one budget may compile
# under another.
_COMPILED: dict[tuple[object, ...], re2.Set | None] = {}
_COMPILED_MAX = 64  # the free text's sets of two profiles' packs, and the others


def forget_compiled_sets() -> None:
    """Empty the memo of compiled sets: for a benchmark whose repeated runs must each
    pay the set-up a scan pays once (a remembered set would make them look quicker)."""
    _COMPILED.clear()


def _compiled_set(patterns: Sequence[str], indices: Sequence[int]) -> re2.Set | None:
    """A set of the sentinel and ``patterns[i]`` for ``i`` in ``indices`` (in that
    order: the set's own index ``n`` is ``indices[n - 1]``); None if re2 refuses it."""
    chosen = (patterns[SENTINEL], *(patterns[i] for i in indices))
    options = re2_options()
    key = (options.max_mem, *chosen)
    if key in _COMPILED:
        return _COMPILED[key]
    compiled = re2.Set.SearchSet(options)
    result: re2.Set | None = compiled
    try:
        for pattern in chosen:
            compiled.Add(pattern)
        compiled.Compile()
    except re2.error:
        result = None
    if len(_COMPILED) >= _COMPILED_MAX:
        _COMPILED.clear()
    _COMPILED[key] = result
    return result


def _split_compile(
    patterns: Sequence[str],
    indices: tuple[int, ...],
    parts: list[tuple[re2.Set, tuple[int, ...]]],
    always: list[int],
) -> None:
    if len(indices) == 1:
        compiled = _compiled_set(patterns, indices)
        if compiled is None:
            always.append(indices[0])
        else:
            parts.append((compiled, indices))
        return
    for half in (indices[: len(indices) // 2], indices[len(indices) // 2 :]):
        compiled = _compiled_set(patterns, half)
        if compiled is None:
            _split_compile(patterns, half, parts, always)
        else:
            parts.append((compiled, half))


class _Builders:
    def __init__(self) -> None:
        # The free text's answer is remembered per text, so its scan may be a few re2
        # calls (see _SetBuilder); the other fields are scanned on every contact.
        self.scopes = (_SetBuilder(FREE_SET_BYTES), _SetBuilder())
        self.tokens: dict[tuple[str, frozenset[str]], int] = {}
        # Per token: the groups it reads on each side (FREE, REST).
        self.reads: list[tuple[frozenset[str], frozenset[str]]] = []
        self.email_detectors: list[EmailDomainDetector] = []
        self.label_sets: dict[tuple[frozenset[str], tuple[str, ...]], str] = {}

    def label_clause(self, words: frozenset[str], groups: Iterable[str]) -> tuple[Clause, ...]:
        """A label filter ``labels_any`` on the values of ``groups``: one of them must
        have a label holding one of ``words``. Only phones, e-mails and addresses
        carry labels, so a filter on other groups can never pass (empty clause)."""
        if not words:
            return ()
        labelled = tuple(g for g in LABELLED_GROUPS if g in set(groups))
        if not labelled:
            return (frozenset(),)
        key = (words, labelled)
        if key not in self.label_sets:
            self.label_sets[key] = f"{LABEL}{len(self.label_sets)}"
        return (frozenset({self.label_sets[key]}),)

    def email_token(self, detector: EmailDomainDetector) -> str:
        """The token present when one of the contact's addresses has a domain the
        detector wants (its label filter is left to the detector)."""
        self.email_detectors.append(detector)
        return f"{EMAIL_DOMAIN}{len(self.email_detectors) - 1}"

    def add(self, pattern: str, selectors: Iterable[str], *, literal: bool = False) -> int:
        """The token of ``pattern`` as read from the fields ``selectors`` name (one
        per pattern and groups): searched on each side of the texts those groups
        are on, and present when found on a side where one of them is present."""
        groups = frozenset(expand_selectors(tuple(selectors)))
        key = (pattern, groups)
        token = self.tokens.get(key)
        if token is None:
            token = self.tokens[key] = len(self.tokens)
            free = frozenset(g for g in groups if g in FREE_GROUP_SET or g.startswith("other."))
            self.reads.append((free, groups - free))
            for side, read in zip((FREE, REST), self.reads[token], strict=True):
                if read:
                    self.scopes[side].add(pattern, token, literal=literal)
        return token


def _groups(selectors: Iterable[str]) -> Clause:
    return frozenset(expand_selectors(tuple(selectors)))


def _words_clause(pattern: str | None, selectors: Iterable[str], sets: _Builders) -> Clause:
    if pattern is None:
        return frozenset()
    return frozenset({sets.add(pattern, selectors, literal=True)})


def _regex_clauses(detector: RegexDetector, sets: _Builders) -> tuple[Clause, ...] | None:
    if _EDGE_ASSERTIONS.search(detector.pattern):
        return None
    flags = "mi" if detector.ignore_case else "m"
    pattern = f"(?{flags}:{detector.pattern})"
    # A hit is in a field it reads, so one of those is present (the pattern, the
    # narrower clause, comes last: see _requirement).
    return (_groups(detector.fields), frozenset({sets.add(pattern, detector.fields)}))


def _detector_clauses(detector: Detector, sets: _Builders) -> tuple[Clause, ...] | None:
    """The clauses under which ``detector.find`` can return anything; None = always."""
    if isinstance(detector, RegexDetector):
        return _regex_clauses(detector, sets)
    if isinstance(detector, KeywordsDetector):
        words = _words_clause(detector.matcher.gate_pattern(), detector.fields, sets)
        return (_groups(detector.fields), words)
    if isinstance(detector, PhoneDetector):
        if not detector.types:
            clause = frozenset({"phones"})
        else:
            clause = frozenset({UNTYPED_PHONE, *(PHONE_TYPE + t for t in detector.types)})
        clauses = [clause, *sets.label_clause(detector.labels_any, ("phones",))]
        if detector.notes_label_any:  # a number is taken only when a note describes it
            clauses.append(frozenset({"notes"}))
        return tuple(clauses)
    if isinstance(detector, EmailDomainDetector):
        own = sets.email_token(detector)
        if not detector.in_text:  # every address it reports is one of the contact's
            return (frozenset({own}), *sets.label_clause(detector.labels_any, ("emails",)))
        return (frozenset({own, sets.add(f"(?:{IN_TEXT_PATTERN})", ("text",))}),)
    if isinstance(detector, PresentDetector):
        if detector.field == PHOTO:
            return (frozenset({PHOTO}),)
        groups = expand_selectors((detector.field,))
        clauses = [_groups((detector.field,)), *sets.label_clause(detector.labels_any, groups)]
        if detector.text_any:
            pattern = detector.text_any.gate_pattern()
            clauses.append(_words_clause(pattern, (detector.field,), sets))
        return tuple(clauses)
    if isinstance(detector, PersonDetector):
        # A match is in one of the groups it reads; with nothing listed (no --owner),
        # there is none, and the rule never runs (an empty clause).
        return (frozenset(detector.groups),)
    return None  # composite, or a detector the gate does not know: always run


def _requirement(rule: Rule, sets: _Builders) -> Requirement:
    per_detector = [_detector_clauses(d, sets) for d in rule.detectors]
    if rule.match_all:  # every detector must find something
        return Requirement(tuple(c for cs in per_detector if cs is not None for c in cs))
    if any(cs is None for cs in per_detector):
        return ALWAYS
    # Any one detector suffices. Each clause of a detector is necessary for it, so
    # the union of one clause per detector is necessary for the rule; the last
    # clause is the narrowest (a label, a word), so that one is taken.
    union: set[Token] = set()
    for clauses in per_detector:
        assert clauses is not None
        if not clauses:
            return ALWAYS
        union |= clauses[-1]
    return Requirement((frozenset(union),))


class Gate:
    """Compiled once per engine: each rule's requirement and the pattern sets."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        sets = _Builders()
        self.rules = list(rules)
        self.requirements = [_requirement(rule, sets) for rule in self.rules]
        self.sets = tuple(builder.compile() for builder in sets.scopes)
        self._token_of = tuple(tuple(map(tuple, b.tokens)) for b in sets.scopes)
        # Per side, per token: the groups the token reads there (see tokens).
        self._reads = tuple(tuple(r[side] for r in sets.reads) for side in (FREE, REST))
        self.email_detectors = tuple(sets.email_detectors)
        self.label_sets = tuple(sets.label_sets.items())
        self._email_tokens = tuple(f"{EMAIL_DOMAIN}{n}" for n in range(len(self.email_detectors)))
        self._by_domain: dict[str, tuple[str, ...]] = {}
        self._by_free: dict[str, tuple[int, ...]] = {}
        self._by_labels: dict[tuple[str, tuple[str, ...]], tuple[Token, ...]] = {}
        self._plans: dict[
            frozenset[Token], tuple[tuple[Rule, ...], tuple[Rule, ...], tuple[Rule, ...]]
        ] = {}
        self.pattern_count = len({p for b in sets.scopes for p in b.patterns[1:]})
        # Rules with one clause are found through the tokens that meet it.
        self._always: list[int] = []
        self._by_token: dict[Token, list[int]] = {}
        # Rules with several clauses are looked at only when a token meets their
        # narrowest clause (each clause is necessary), then checked in full.
        self._multi: dict[Token, list[tuple[int, Requirement]]] = {}
        for position, requirement in enumerate(self.requirements):
            if not requirement.clauses:
                self._always.append(position)
            elif len(requirement.clauses) == 1:
                for token in requirement.clauses[0]:
                    self._by_token.setdefault(token, []).append(position)
            else:
                narrowest = min(requirement.clauses, key=len)
                for token in narrowest:  # an empty clause: never met, never looked at
                    self._multi.setdefault(token, []).append((position, requirement))

    def __reduce__(self) -> tuple[type[Gate], tuple[list[Rule]]]:
        """An ``re2.Set`` does not pickle; a worker process rebuilds the gate."""
        return (Gate, (self.rules,))

    def tokens(self, view: ContactView) -> set[Token] | None:
        """What the contact offers; None when the gate cannot tell (run every rule)."""
        groups = view.groups
        present: set[Token] = set(groups)
        if view.other_groups:
            present.add(ANY_OTHER)
        contact = view.contact
        if contact.photo.present:
            present.add(PHOTO)
        labels = self._label_tokens if self.label_sets else None
        by_labels = self._by_labels  # _label_tokens' memo, read here first
        items = groups.get("phones")
        if items:
            phones = contact.phones  # the view keeps the numbers that are not blank
            for item in items:
                phone = phones[item.index]
                number_type = phone.number_type
                if number_type is None and phone.e164 is None:
                    present.add(UNTYPED_PHONE)  # the detector classifies it itself
                else:
                    token = _PHONE_TOKENS.get(number_type)
                    present.add(token or PHONE_TYPE + (number_type or "unparsed"))
                if labels is not None and item.labels:
                    known = by_labels.get(("phones", item.labels))
                    present.update(labels("phones", item.labels) if known is None else known)
        items = groups.get("emails")
        if items:
            by_domain = self._by_domain if self.email_detectors else None
            for item in items:
                if by_domain is not None:
                    domain = domain_of(item.raw)
                    found_domain = by_domain.get(domain)
                    present.update(
                        self._domain_tokens(domain) if found_domain is None else found_domain
                    )
                if labels is not None and item.labels:
                    known = by_labels.get(("emails", item.labels))
                    present.update(labels("emails", item.labels) if known is None else known)
        items = groups.get("addresses")
        if items and labels is not None:
            for item in items:
                if item.labels:
                    present.update(labels("addresses", item.labels))
        free, rest = view.texts()
        found = self._by_free.get(free)  # _free_tokens' memo, read here first
        if found is None:
            found = self._free_tokens(free)
            if found is None:
                return None
        # A pattern found on one side counts for the groups it reads there only:
        # a word in a note is no hit for a list that reads names and nicknames
        # when the contact has no nickname. (Only groups are compared here: the
        # pattern tokens added on the way are numbers, never a group's name.)
        if found:
            reads = self._reads[FREE]
            present.update([t for t in found if not reads[t].isdisjoint(present)])
        if self.sets[REST] is not None:
            found = self._matched(REST, rest)
            if found is None:
                return None
            if found:
                reads = self._reads[REST]
                present.update([t for t in found if not reads[t].isdisjoint(present)])
        return present

    def _matched(self, scope: int, text: str) -> tuple[int, ...] | None:
        """The tokens of the patterns of ``scope`` found in ``text``; None when the
        automaton gave up (no answer is not "no match")."""
        searcher = self.sets[scope]
        if searcher is None:
            return ()
        token_of = self._token_of[scope]
        whole = searcher.whole
        if whole is not None:
            matched = whole.Match(text)
            if not matched or SENTINEL not in matched:
                return None
            return tuple(token for i in matched for token in token_of[i])
        found = list(searcher.always)
        for compiled, indices in searcher.parts:
            matched = compiled.Match(text)
            if not matched or SENTINEL not in matched:
                return None
            found.extend(indices[i - 1] for i in matched if i != SENTINEL)
        return tuple(token for i in found for token in token_of[i])

    def _free_tokens(self, free: str) -> tuple[int, ...] | None:
        """The patterns found in the free text, remembered per text: the same
        organisations and notes come back on many contacts.

        Scanning the free text and the other fields apart, instead of joined,
        only adds text edges, which every pattern reads like the newline that
        joins fields (see the module docstring), so no match inside a field is lost."""
        known = self._by_free.get(free)
        if known is None:
            scanned = self._matched(FREE, free)
            if scanned is None:
                return None  # not remembered: giving up depends on the automaton's state
            known = scanned
            if len(free) <= FREE_TEXT_KNOWN_LEN:
                if len(self._by_free) >= FREE_TEXTS_KNOWN_MAX:
                    self._by_free.clear()
                self._by_free[free] = known
        return known

    def _label_tokens(self, group: str, labels: tuple[str, ...]) -> tuple[Token, ...]:
        """The label sets a value of ``group`` with ``labels`` hits, remembered per
        group and labels (CELL, WORK, 自宅... come back on most contacts)."""
        key = (group, labels)
        known = self._by_labels.get(key)
        if known is None:
            known = tuple(
                token
                for (words, wanted), token in self.label_sets
                if group in wanted and label_hit(labels, words) is not None
            )
            if memo_ok(*labels):
                if len(self._by_labels) >= LABELS_KNOWN_MAX:
                    self._by_labels.clear()
                self._by_labels[key] = known
        return known

    def _domain_tokens(self, domain: str) -> tuple[str, ...]:
        """The e-mail detectors that want ``domain``, remembered per domain (a few
        free-mail and carrier domains make up most addresses)."""
        known = self._by_domain.get(domain)
        if known is None:
            if len(self._by_domain) >= DOMAINS_KNOWN_MAX:
                self._by_domain.clear()
            known = self._by_domain[domain] = tuple(
                token
                for token, detector in zip(self._email_tokens, self.email_detectors, strict=True)
                if detector.wants(domain)
            )
        return known

    def candidates(self, view: ContactView) -> list[Rule]:
        """The rules that may fire on the contact, in their original order."""
        tokens = self.tokens(view)
        if tokens is None:
            return self.rules
        return list(self._plan(frozenset(tokens))[0])

    def plan(self, view: ContactView) -> tuple[Sequence[Rule], Sequence[Rule]] | None:
        """The candidates split into evidence rules and detail rules (each in the
        original order); None when the gate cannot tell and every rule must run."""
        tokens = self.tokens(view)
        if tokens is None:
            return None
        key = frozenset(tokens)
        known = self._plans.get(key)  # _plan's memo, read here first
        _, signals, detail = self._plan(key) if known is None else known
        return signals, detail

    def _plan(
        self, tokens: frozenset[Token]
    ) -> tuple[tuple[Rule, ...], tuple[Rule, ...], tuple[Rule, ...]]:
        """All candidates, the evidence ones, the others; remembered per token set,
        since contacts alike in shape (a mobile, a free-mail address, a company
        name) come back again and again."""
        known = self._plans.get(tokens)
        if known is None:
            if len(self._plans) >= PLANS_KNOWN_MAX:
                self._plans.clear()
            chosen = self._choose(tokens)
            known = self._plans[tokens] = (
                chosen,
                tuple([r for r in chosen if r.evidence is not None]),
                tuple([r for r in chosen if r.evidence is None]),
            )
        return known

    def _choose(self, tokens: frozenset[Token]) -> tuple[Rule, ...]:
        chosen = set(self._always)
        by_token = self._by_token
        multi = self._multi
        several: list[tuple[int, Requirement]] = []
        for token in tokens:
            found = by_token.get(token)
            if found:
                chosen.update(found)
            pending = multi.get(token)
            if pending:
                several.extend(pending)
        # Rules of several clauses once every single-clause rule is in (order-free:
        # each is checked against the whole token set).
        for position, requirement in several:
            if position not in chosen and requirement.met(tokens):
                chosen.add(position)
        rules = self.rules
        return tuple([rules[p] for p in sorted(chosen)])
