"""The engine: one pass over a contact gives its class, findings and risk.

Order within the pass: build the normalised view once; run the rules that carry
classification evidence; weigh the evidence into a class; run the remaining
rules only if they apply to that class; keep the findings of rules that apply;
run composite rules on what fired; keep one finding per value and category;
apply the profile (severity overrides, suppressions); score. Everything is
compiled in :meth:`Engine.from_profile`; evaluating parses no rule or pattern.

Before the plain rules run, a :class:`~piiaudit.engine.gate.Gate` scans the
contact once and skips every rule that provably cannot fire on it; word lists
match with Python's ``re`` where it provably agrees with re2. Both only save
time: :meth:`Engine.evaluate_reference` runs every rule with re2 alone, and the
tests hold the two to the same results.
"""

from __future__ import annotations

import fnmatch
import functools
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from pathlib import Path

from piiaudit.engine.classify import classify
from piiaudit.engine.detectors import CompositeDetector, EvalContext, Match
from piiaudit.engine.detectors.keywords import KeywordsDetector
from piiaudit.engine.gate import Gate
from piiaudit.engine.loader import LoadResult, load_or_raise, shipped_pack_dirs
from piiaudit.engine.packsearch import PACK_FILE, profile_pack_dirs
from piiaudit.engine.placeholders import GUARDED_KINDS, PlaceholderGuard
from piiaudit.engine.profile import Profile, Suppression
from piiaudit.engine.rule import Rule
from piiaudit.engine.score import ScoringModel
from piiaudit.engine.view import MEMO_TEXT_MAX, ContactView, memo_ok
from piiaudit.errors import ConfigError
from piiaudit.model import (
    KEYWORD_HIT,
    Category,
    Classification,
    Contact,
    ContactClass,
    ContactResult,
    Finding,
    Reason,
    RiskLevel,
    RuleInfo,
    Text,
    Trail,
    ValueKind,
    fast_constructor,
)
from piiaudit.resources import package_path, read_shipped_yaml
from piiaudit.textnorm import normalize

PLACEHOLDER_LIST = "placeholders"
KNOWN_MAX = 4096  # remembered trails and reasons, each memo emptied when full

# Results are built without the frozen dataclasses' per-field setattr (same objects).
_new_finding = fast_constructor(Finding)
_new_trail = fast_constructor(Trail)
_new_reason = fast_constructor(Reason)
_new_result = fast_constructor(ContactResult)
_new_context = fast_constructor(EvalContext)


@dataclass(slots=True)
class Hit:
    """A rule's match with its confidence after context words."""

    rule: Rule
    match: Match
    confidence: float
    hotwords: tuple[str, ...]


class Engine:
    """Compiled rules plus the profile's choices. Build once per process."""

    def __init__(self, loaded: LoadResult, profile: Profile) -> None:
        self.profile = profile
        self.loaded = loaded
        disabled = set(profile.disable)
        self.rules = [r for r in loaded.rules if r.id not in disabled]
        for rule in self.rules:
            if rule.id in profile.severity:
                rule.severity = profile.severity[rule.id]
        plain = [r for r in self.rules if not r.is_composite]
        self.signals = [r for r in plain if r.evidence is not None]  # run on every contact
        self.detail = [r for r in plain if r.evidence is None]  # only when the class applies
        self.composite = [r for r in self.rules if r.is_composite]
        # The classes some composite rule applies to (for the others none can fire).
        self._composite_classes = frozenset(c for r in self.composite for c in r.applies_to)
        self.scoring = ScoringModel.build(profile.scoring)
        self.guard = PlaceholderGuard(loaded.lists.get(PLACEHOLDER_LIST, ()))
        self.gate = Gate(plain)
        # The kind each special-care rule finds (its id when its pack does not say).
        self._care_kinds = {r.id: r.special_care or r.id for r in self.rules}
        # The rules of the pack written for another law than the phone region's: where a
        # Japanese and a GDPR rule find one value alike, the report names the law the
        # company is under. Rules of no law's pack (core, a company's) are not affected.
        foreign = FOREIGN_PACK_JP if profile.region == "JP" else FOREIGN_PACK_OTHER
        self._foreign_rules = frozenset(r.id for r in self.rules if r.pack == foreign)
        # Rules whose first accepted match is all that counts (see _first_hit).
        self._first_hit_only = frozenset(r.id for r in plain if not r.report and r.hotwords is None)
        # Of those, the ones with one word list whose matches the placeholder guard
        # never checks: the list reads its fields only up to the first hit.
        self._first_keywords = {
            r.id: r.detectors[0]
            for r in plain
            if r.id in self._first_hit_only
            and len(r.detectors) == 1
            and isinstance(r.detectors[0], KeywordsDetector)
            and not (r.placeholder_guard and r.detectors[0].kind in GUARDED_KINDS)
        }
        self._trails: dict[tuple[object, ...], Trail] = {}
        self._reasons: dict[tuple[object, ...], Reason] = {}
        self._min_evidence = self.scoring.min_evidence
        self._min_margin = self.scoring.min_margin
        # What a contact no evidence rule fired on is classified as (immutable, shared).
        self._no_evidence = classify(
            (), min_evidence=self._min_evidence, min_margin=self._min_margin
        )
        # The context of the plain rules, per path (immutable: they read no fired rules).
        self._plain_contexts = (
            _new_context(profile.region, {}, frozenset(), False),
            _new_context(profile.region, {}, frozenset(), True),
        )
        # Whether any composite rule reads finding categories (else none are collected).
        self._composite_categories = any(
            isinstance(d, CompositeDetector) and d.categories
            for r in self.composite
            for d in r.detectors
        )

    @classmethod
    def from_profile(cls, profile: Profile, extra_packs: Sequence[Path] = ()) -> Engine:
        """Shipped packs, then the profile's packs (a pack or a folder of packs, found
        as ``--pack`` finds them), then ``extra_packs``."""
        profile_packs = profile_pack_dirs(profile)
        for directory in extra_packs:
            if not (directory / PACK_FILE).is_file():
                raise ConfigError(f"{directory} is not a rule pack (no {PACK_FILE})")
        # A pack named twice (the profile's packs: and --pack) is loaded once, where it
        # first comes: loaded again, its rules and lists would clash with themselves.
        directories: dict[Path, Path] = {}
        for directory in [*shipped_pack_dirs(), *profile_packs, *extra_packs]:
            directories.setdefault(directory.resolve(), directory)
        loaded = load_or_raise(directories.values(), profile.lists())
        check_profile_rules(profile, loaded.defined)
        return cls(loaded, profile)

    def rule_infos(self) -> list[RuleInfo]:
        return [r.info() for r in self.rules]

    # ------------------------------------------------------------------ evaluation

    def _hits(self, rule: Rule, view: ContactView, ctx: EvalContext) -> list[Hit]:
        if not ctx.exact and rule.id in self._first_hit_only:
            return self._first_hit(rule, view, ctx)
        detectors = rule.detectors
        if len(detectors) == 1:
            matches = detectors[0].find(view, ctx)
        elif rule.match_all:
            matches_per_detector = []
            for detector in detectors:  # the first that finds nothing settles it
                found = detector.find(view, ctx)
                if not found:
                    return []
                matches_per_detector.append(found)
            matches = matches_per_detector[0]
        else:
            matches = [m for d in detectors for m in d.find(view, ctx)]
        if not matches:
            return []
        hits: list[Hit] = []
        hotwords, min_confidence = rule.hotwords, rule.min_confidence
        guard = self.guard if rule.placeholder_guard else None
        fired: tuple[str, ...]
        for match in matches:
            if hotwords is None:
                confidence, fired, labelled = rule.confidence, (), False
            else:
                result = hotwords.apply(match, rule.confidence, exact=ctx.exact, view=view)
                confidence, fired = result.confidence, result.fired
                labelled = bool(fired) and any(word.startswith("+") for word in fired)
            if confidence < min_confidence:
                continue
            if (
                guard is not None
                and match.kind in GUARDED_KINDS
                and guard.is_placeholder(match.value, match.kind, labelled=labelled)
            ):
                continue
            hits.append(Hit(rule, match, confidence, fired))
        return hits

    def _first_hit(self, rule: Rule, view: ContactView, ctx: EvalContext) -> list[Hit]:
        """:meth:`_hits` for a rule that only classifies and has no hotwords: every
        match has the same confidence, so the class reads only the first accepted
        one (``max`` keeps the first of equals) and nothing else reads the rest."""
        if rule.confidence < rule.min_confidence:
            return []
        keywords = self._first_keywords.get(rule.id)
        if keywords is not None:  # no placeholder check: it reads fields up to the hit
            match = keywords.first(view, ctx)
            return [] if match is None else [Hit(rule, match, rule.confidence, ())]
        detectors = rule.detectors
        groups: Iterable[list[Match]]
        if len(detectors) == 1:
            groups = (detectors[0].find(view, ctx),)
        elif rule.match_all:
            found = [d.find(view, ctx) for d in detectors]
            groups = [found[0]] if all(found) else []
        else:
            groups = (d.find(view, ctx) for d in detectors)  # lazily: stop at a hit
        guard = self.guard if rule.placeholder_guard else None
        for matches in groups:
            for match in matches:
                if (
                    guard is not None
                    and match.kind in GUARDED_KINDS
                    and guard.is_placeholder(match.value, match.kind)
                ):
                    continue
                return [Hit(rule, match, rule.confidence, ())]
        return []

    def evaluate(self, contact: Contact, force_class: ContactClass | None = None) -> ContactResult:
        """Classify, find and score one contact (``force_class`` is for rule tests)."""
        return self._evaluate(contact, force_class, reference=False)

    def evaluate_reference(
        self, contact: Contact, force_class: ContactClass | None = None
    ) -> ContactResult:
        """:meth:`evaluate` the straightforward way: no prefilter, every word list on
        re2. Slow; it is the yardstick the fast path is tested against."""
        return self._evaluate(contact, force_class, reference=True)

    def _evaluate(
        self, contact: Contact, force_class: ContactClass | None, *, reference: bool
    ) -> ContactResult:
        view = ContactView(contact, reference=reference)
        region = self.profile.region
        ctx = self._plain_contexts[reference]  # the plain rules read no fired rules
        if ctx.region is not region:
            ctx = _new_context(region, {}, frozenset(), reference)
        plan = None if reference else self.gate.plan(view)
        signals, detail = (self.signals, self.detail) if plan is None else plan
        fired: dict[str, list[Hit]] = {}
        hits_of = self._hits
        # _hits sends these to _first_hit on the fast path; called directly here.
        first_only = frozenset() if reference else self._first_hit_only
        first_hit = self._first_hit
        for rule in signals:
            hits = first_hit(rule, view, ctx) if rule.id in first_only else hits_of(rule, view, ctx)
            if hits:
                fired[rule.id] = hits
        classification = self._classify(fired) if fired else self._no_evidence
        if force_class is not None:
            classification = replace(classification, label=force_class)
        label = classification.label
        for rule in detail:
            if label in rule.applies_to:
                hits = (
                    first_hit(rule, view, ctx)
                    if rule.id in first_only
                    else hits_of(rule, view, ctx)
                )
                if hits:
                    fired[rule.id] = hits
        findings: list[Finding] = []
        composite = label in self._composite_classes
        applicable: dict[str, list[Hit]] = {}  # read by the composite rules only
        finding = self._private_finding if label is ContactClass.PRIVATE else self._finding
        for rule_id, hits in fired.items():
            rule = hits[0].rule
            if label in rule.applies_to:
                if composite:
                    applicable[rule_id] = hits
                if rule.report:
                    if len(hits) == 1:
                        findings.append(finding(hits[0]))
                    else:
                        findings.extend(map(finding, hits))
        if composite:
            # One context serves every composite rule: it holds ``applicable`` itself,
            # so each rule sees the ones before it, and the categories of the plain rules.
            categories = (
                frozenset(f.category._value_ for f in findings)
                if self._composite_categories
                else frozenset()
            )
            ctx = _new_context(region, applicable, categories, reference)
            for rule in self.composite:
                hits = hits_of(rule, view, ctx) if label in rule.applies_to else []
                if hits:
                    applicable[rule.id] = hits
                    if rule.report:
                        findings.extend(map(finding, hits))
        # The profile's accepted findings go first: merged first, a suppressed rule that
        # won its value would take another rule's finding, which nobody accepted, with it.
        if self.profile.suppress:
            findings, suppressed = self._suppress(contact, findings)
            if len(suppressed) > 1:  # counted as the report would show them: one per value
                suppressed = _one_per_value(suppressed, self._care_kinds, self._foreign_rules)
        else:
            suppressed = []
        if len(findings) > 1:
            findings = _one_per_value(findings, self._care_kinds, self._foreign_rules)
        score, level = self.scoring.contact_score_and_level(findings, label)
        return _new_result(
            # baselined: 0, a baseline screens the result later (baseline.Screen)
            contact,
            classification,
            tuple(findings),
            score,
            level,
            tuple(suppressed),
            0,
        )

    def _classify(self, fired: dict[str, list[Hit]]) -> Classification:
        reasons = []
        known = self._reasons
        settled: frozenset[ContactClass] = frozenset()
        for hits in fired.values():
            rule = hits[0].rule
            if rule.evidence is None:
                continue
            if rule.evidence.settles:  # the owner's own card (--owner): see classify
                settled |= {rule.evidence.towards}
            best = hits[0] if len(hits) == 1 else max(hits, key=_confidence)
            match = best.match
            # Remembered per rule, confidence and value: an organisation's name or a
            # marker word recurs on many contacts.
            key = (rule.id, best.confidence, match.field, match.value, match.kind)
            reason = known.get(key)
            if reason is None:
                reason = self._reason(rule, best, key)
            reasons.append(reason)
        if not reasons:
            return self._no_evidence
        return classify(
            reasons,
            min_evidence=self._min_evidence,
            min_margin=self._min_margin,
            settled=settled,
        )

    def _reason(self, rule: Rule, best: Hit, key: tuple[object, ...]) -> Reason:
        """The reason a hit gives (and remember it under ``key``)."""
        match = best.match
        assert rule.evidence is not None
        reason = _new_reason(
            rule.id,
            rule.evidence.towards,
            round(rule.evidence.weight * best.confidence, 3),
            match.field,
            match.value,
            match.kind,
            rule.description,
            rule.evidence.veto,
        )
        if len(match.field) + len(match.value) <= MEMO_TEXT_MAX:  # memo_ok, inlined
            if len(self._reasons) >= KNOWN_MAX:
                self._reasons.clear()
            self._reasons[key] = reason
        return reason

    def _private_finding(self, hit: Hit) -> Finding:
        """A finding on the owner's own contact: private_advice.yaml's advice, not the
        rule's, which is the company's (see that file)."""
        return self._finding(hit, private_advice())

    def _finding(self, hit: Hit, recommendation: Text | None = None) -> Finding:
        rule, match = hit.rule, hit.match
        key = (rule.id, match.pattern, hit.hotwords, hit.confidence, match.notes)
        trail = self._trails.get(key)
        if trail is None:  # a rule's trails differ only in a few notes and words
            trail = _new_trail(
                _detector_kind(rule, match.pattern),
                match.pattern,
                hit.hotwords,
                rule.confidence,
                hit.confidence,
                match.notes,
            )
            if memo_ok(*match.notes):  # the pattern and words are the rule's own
                if len(self._trails) >= KNOWN_MAX:
                    self._trails.clear()
                self._trails[key] = trail
        return _new_finding(
            rule.id,
            rule.category,
            rule.severity,
            match.field,
            match.value,
            match.kind,
            rule.message,
            rule.recommendation if recommendation is None else recommendation,
            round(hit.confidence, 3),
            rule.references,
            trail,
        )

    def _suppress(
        self, contact: Contact, findings: list[Finding]
    ) -> tuple[list[Finding], list[Finding]]:
        if not self.profile.suppress:
            return findings, []
        kept, dropped = [], []
        for finding in findings:
            if any(_suppresses(s, contact, finding) for s in self.profile.suppress):
                dropped.append(finding)
            else:
                kept.append(finding)
        return kept, dropped

    def aggregate(self, results: Sequence[ContactResult]) -> tuple[int, RiskLevel]:
        """The score and level of a file or a whole run."""
        score = self.scoring.aggregate([r.risk_score for r in results])
        return score, self.scoring.level(score)


def _confidence(hit: Hit) -> float:
    return hit.confidence


_SPECIAL_CARE = Category.SPECIAL_CARE.value
FOREIGN_PACK_JP = "gdpr"  # in Japan: the pack written for the GDPR
FOREIGN_PACK_OTHER = "jp"  # elsewhere: the pack written for Japan's law alone


def _one_per_value(
    findings: list[Finding], care_kinds: Mapping[str, str], foreign_rules: AbstractSet[str]
) -> list[Finding]:
    """One finding per value and category in a field (the name's parts count as one
    field): a carrier address labelled HOME is one personal e-mail, reported by its
    most severe rule; among equally severe ones, by one not of the pack written for
    another law than the phone region's (``foreign_rules``), then the most certain. A
    child's ADHD in a Japanese note was found by the Japanese and the GDPR health rules
    alike, and the more certain GDPR one told a juku teacher in Yokohama about EU
    supervisory authorities (blind JP QA round 4); a German note's ADHD keeps the GDPR
    advice.

    Special-care data is kept once per kind (a rule's ``special_care``: health,
    beliefs, sex life, origin, criminal, victim): a note holding two kinds
    ("Diabetiker, Mitglied der IG Metall") must say both, because the controller's
    legal basis and a breach notification depend on every kind involved, while one
    kind in two languages ("Diabetes / 糖尿病") is one finding."""
    if len(findings) < 2:  # nothing to choose between (most contacts)
        return findings
    best: dict[tuple[str, str, str, str], Finding] = {}
    for finding in findings:
        category = finding.category._value_
        apart = care_kinds.get(finding.rule, finding.rule) if category == _SPECIAL_CARE else ""
        # The name's parts repeat each other (FN and N's given name both hold 一郎（奥様
        # 090-...）): one value there is one finding, whichever part holds it. minimize
        # still clears every part: it re-checks what it keeps until nothing is found.
        field = finding.field
        key = ("names" if field[:6] == "names." else field, category, finding.value, apart)
        current = best.get(key)
        if current is None or (
            finding.severity,
            finding.rule not in foreign_rules,
            finding.confidence,
        ) > (current.severity, current.rule not in foreign_rules, current.confidence):
            best[key] = finding
    return _without_inner_matches(list(best.values()))


def _without_inner_matches(findings: list[Finding]) -> list[Finding]:
    """Drop a passage of text that lies inside another passage one rule found in the same
    field: a rule matching a note by a keyword (the whole note) and by a pattern
    ("Ehefrau heißt Julia") found one thing twice, counted and scored twice (blind EU
    QA). Only text passages: two numbers are two values even when one's digits lie in
    the other's (保険証 4718 52 / 被保険者番号 18 52: diff review)."""
    if len(findings) < 2:
        return findings
    by_place: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        if finding.kind is _TEXT:
            by_place.setdefault((finding.rule, finding.field), []).append(finding)
    inner: set[int] = set()
    for same in by_place.values():
        if len(same) < 2:
            continue
        for finding in same:
            if any(
                other is not finding
                and len(finding.value) < len(other.value)
                and finding.value in other.value
                for other in same
            ):
                inner.add(id(finding))
    return [f for f in findings if id(f) not in inner] if inner else findings


_TEXT = ValueKind.TEXT


def _detector_kind(rule: Rule, pattern: str) -> str:
    """The kind of the detector that found a match (by what it says it looked for):
    a rule that matches any of several detectors names the one that fired."""
    detectors = rule.detectors
    if len(detectors) > 1:
        for detector in detectors:
            if isinstance(detector, KeywordsDetector):
                if pattern.startswith(KEYWORD_HIT):
                    return detector.name
            elif pattern in (getattr(detector, "pattern", None), detector.describe()):
                return detector.name
    return " + ".join(d.name for d in detectors)


def check_profile_rules(profile: Profile, known: set[str]) -> None:
    """A typo in a rule id would silently change nothing; name it instead, at its line.

    ``known`` is every rule the packs define, those a pack disabled included: the
    profile disabling one again changes nothing but is no typo either."""
    where = str(profile.source) if profile.source else "profile"
    checks = (
        ("disable", profile.disable, profile.disable_lines),
        ("severity", tuple(profile.severity), profile.severity_lines),
    )
    for key, ids, lines in checks:
        for rule_id in ids:
            if rule_id not in known:
                raise ConfigError(f"{key}: no rule {rule_id}", where, lines.get(rule_id))
    for item in profile.suppress:
        if item.rule != "*" and item.rule not in known:
            raise ConfigError(f"suppress: no rule {item.rule}", where, item.line or None)


def _suppresses(rule: Suppression, contact: Contact, finding: Finding) -> bool:
    if rule.rule not in ("*", finding.rule):
        return False
    if rule.file:  # case-insensitive, as --include globs are on every system
        glob = rule.file.casefold()
        path = contact.source.path.casefold()
        if not fnmatch.fnmatchcase(path, glob) and not fnmatch.fnmatchcase(Path(path).name, glob):
            return False
    kind, _, value = rule.contact.partition(":")
    if rule.contact == "*":
        return True
    if kind == "index":
        return value.isdigit() and int(value) == contact.source.index
    if kind == "uid":
        return contact.uid == value
    if kind == "name":  # as typed: NFKC, blanks collapsed (架空　次郎 is 架空 次郎)
        return _same_name(contact.display_name(), value)
    return False


def _same_name(a: str, b: str) -> bool:
    return " ".join(normalize(a).split()) == " ".join(normalize(b).split())


@functools.cache
def private_advice() -> Text:
    """The recommendation of every finding on a private contact (private_advice.yaml);
    one shared object, so reporters remember its text as they do a rule's."""
    data = read_shipped_yaml(package_path("engine", "private_advice.yaml"))
    return Text(en=str(data["en"]), ja=str(data["ja"]))
