"""Accuracy of the shipped rules on the hand-labelled evaluation set in ``tests/eval``.

Usage: ``python benchmarks/accuracy.py`` prints precision and recall per finding
category, the business/private/unknown confusion matrix, the business/private
accuracy and the share of contacts left unknown. :func:`evaluate` returns the
same figures, so ``tests/eval/test_accuracy.py`` can hold the engine to the
targets of the accuracy issue.

``--set holdout`` scores the held-out set in ``tests/eval/holdout`` instead: other
exporters and other writing styles, labelled by someone who never saw the rules,
so its figures say how the rules generalise (see ``docs/accuracy.md``).

Scoring is per contact: a category counts as predicted on a contact when at
least one unsuppressed finding of that category is on it, and as expected when
``labels.yaml`` lists it there. Contacts are matched to labels by their position
in the file, and the display name is checked so a parser that drops or splits a
contact is reported as such instead of shifting every later label.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from piiaudit.engine import Engine, load_profile
from piiaudit.errors import PiiauditError
from piiaudit.model import Category, ContactClass, ContactResult
from piiaudit.parsers import ParseOptions, open_input

EVAL_DIR = Path(__file__).resolve().parents[1] / "tests" / "eval"
HOLDOUT_DIR = EVAL_DIR / "holdout"
SETS = {"dev": EVAL_DIR, "holdout": HOLDOUT_DIR}  # --set name -> folder with labels.yaml
MIN_POSITIVES = 5  # below this, a category's precision and recall are too noisy to judge


class EvalSetError(Exception):
    """The evaluation set and the parser disagree on which contact is which."""


@dataclass(frozen=True, slots=True)
class Label:
    file: str
    index: int
    fn: str
    expected_class: ContactClass
    categories: frozenset[Category]


@dataclass(slots=True)
class CategoryScore:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def positives(self) -> int:
        return self.true_positives + self.false_negatives

    @property
    def precision(self) -> float:
        """1.0 when nothing was predicted: no prediction, no false alarm."""
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.positives if self.positives else 1.0


@dataclass(frozen=True, slots=True)
class Miss:
    """One contact where the engine disagreed with its label."""

    label: Label
    predicted_class: ContactClass
    missing: frozenset[Category]
    extra: frozenset[Category]


@dataclass(slots=True)
class Report:
    categories: dict[Category, CategoryScore] = field(default_factory=dict)
    confusion: Counter[tuple[ContactClass, ContactClass]] = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)
    contacts: int = 0

    @property
    def accuracy(self) -> float:
        """Share of contacts labelled business or private that got their label."""
        known = (ContactClass.BUSINESS, ContactClass.PRIVATE)
        total = sum(n for (label, _), n in self.confusion.items() if label in known)
        right = sum(self.confusion[(label, label)] for label in known)
        return right / total if total else 1.0

    @property
    def unknown_share(self) -> float:
        """Share of all contacts the engine called unknown."""
        unknown = sum(n for (_, got), n in self.confusion.items() if got is ContactClass.UNKNOWN)
        return unknown / self.contacts if self.contacts else 0.0

    def judged_categories(self) -> list[Category]:
        """Categories with enough positives for their figures to mean something."""
        return [c for c, s in self.categories.items() if s.positives >= MIN_POSITIVES]


def load_labels(path: Path) -> list[Label]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    labels = []
    for file_name, entries in document["files"].items():
        for entry in entries:
            labels.append(
                Label(
                    file=str(file_name),
                    index=int(entry["index"]),
                    fn=str(entry["fn"]),
                    expected_class=ContactClass(entry["class"]),
                    categories=frozenset(Category(c) for c in entry["categories"] or ()),
                )
            )
    return labels


def _same_name(shown: str, labelled: str) -> bool:
    """Names match ignoring spacing, and family/given order for CSV rows."""
    squeeze = "".join(shown.split())
    if squeeze == "".join(labelled.split()):
        return True
    return squeeze == "".join(reversed(labelled.split()))


def _results(engine: Engine, path: Path, options: ParseOptions) -> list[ContactResult]:
    with open_input(str(path), options) as parsed:
        results = [engine.evaluate(contact) for contact in parsed.contacts]
        if parsed.info.error:
            raise EvalSetError(f"{path.name}: {parsed.info.error}")
    return results


def _score(report: Report, label: Label, result: ContactResult) -> None:
    predicted_class = result.classification.label
    predicted = frozenset(f.category for f in result.findings)
    report.contacts += 1
    report.confusion[(label.expected_class, predicted_class)] += 1
    for category in Category:
        score = report.categories[category]
        if category in predicted and category in label.categories:
            score.true_positives += 1
        elif category in predicted:
            score.false_positives += 1
        elif category in label.categories:
            score.false_negatives += 1
    if predicted_class is not label.expected_class or predicted != label.categories:
        missing, extra = label.categories - predicted, predicted - label.categories
        report.misses.append(Miss(label, predicted_class, missing, extra))


def evaluate(eval_dir: Path = EVAL_DIR) -> Report:
    """Run the engine over every labelled file and score it against the labels."""
    profile = load_profile(eval_dir / "profile.yaml", eval_dir)
    engine = Engine.from_profile(profile)
    options = ParseOptions(region=profile.region, csv_columns=dict(profile.csv_columns))
    report = Report(categories={c: CategoryScore() for c in Category})
    labels = load_labels(eval_dir / "labels.yaml")
    for file_name in dict.fromkeys(label.file for label in labels):
        file_labels = [label for label in labels if label.file == file_name]
        results = _results(engine, eval_dir / file_name, options)
        if len(results) != len(file_labels):
            raise EvalSetError(
                f"{file_name}: the parser read {len(results)} contacts, "
                f"labels.yaml has {len(file_labels)}"
            )
        for label, result in zip(file_labels, results, strict=True):
            shown = result.contact.display_name()
            if not _same_name(shown, label.fn):
                raise EvalSetError(
                    f"{file_name}: contact {label.index} reads as {shown!r}, labelled {label.fn!r}"
                )
            _score(report, label, result)
    return report


def _names(categories: Iterable[Category]) -> str:
    return ", ".join(sorted(categories)) or "-"


def format_report(report: Report) -> str:
    lines = [f"contacts: {report.contacts}", "", "category         positives  precision  recall"]
    for category, score in report.categories.items():
        lines.append(
            f"{category:<18} {score.positives:>9}  {score.precision:>9.3f}  {score.recall:>6.3f}"
        )
    classes = list(ContactClass)
    lines += ["", "labelled \\ predicted  " + "  ".join(f"{c:>8}" for c in classes)]
    for labelled in classes:
        row = "  ".join(f"{report.confusion[(labelled, got)]:>8}" for got in classes)
        lines.append(f"{labelled:<20}  {row}")
    lines += [
        "",
        f"business/private accuracy: {report.accuracy:.3f}",
        f"unknown share:             {report.unknown_share:.3f}",
        "",
        f"contacts with a difference: {len(report.misses)}",
    ]
    for miss in report.misses:
        label = miss.label
        lines.append(
            f"  {label.file}:{label.index} {label.fn}: class {label.expected_class}"
            f" -> {miss.predicted_class}; missing {_names(miss.missing)};"
            f" extra {_names(miss.extra)}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the rules on a hand-labelled set.")
    parser.add_argument(
        "--set",
        choices=sorted(SETS),
        default="dev",
        dest="label_set",
        help="dev: tests/eval (the rules were tuned on it); holdout: tests/eval/holdout",
    )
    args = parser.parse_args(argv)
    try:
        report = evaluate(SETS[args.label_set])
    except EvalSetError as error:
        print(f"accuracy: the evaluation set does not line up: {error}", file=sys.stderr)
        return 2
    except PiiauditError as error:  # a broken profile or rule pack names its file and line
        print(f"accuracy: {error}", file=sys.stderr)
        return 2
    print(format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
