"""Write the fictional example exports in this folder.

Usage: ``python examples/generate.py [OUTPUT_DIR]`` (default: this folder).

Every file describes the phone of one invented salesperson (佐藤 健一 of
株式会社サンプル商事). Names are common family and given names combined at
random, companies are invented and live on reserved ``*.example.*`` domains, and
phone numbers are random digits inside valid Japanese ranges. A fixed seed makes
the output byte-for-byte reproducible, which ``tests/test_examples.py`` checks
against the committed files.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from fiction import android, csvs, ios  # noqa: E402
from fiction.book import build_people  # noqa: E402
from fiction.people import Person  # noqa: E402

SEED = 20240412
OUTPUTS = (
    "iphone-export.vcf",
    "android-export.vcf",
    "google-contacts.csv",
    "outlook-contacts.csv",
    "outlook-contacts-en.csv",
)


def _load(name: str) -> dict[str, object]:
    with (HERE / "data" / name).open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle)
    assert isinstance(loaded, dict), f"{name} must be a mapping"
    return loaded


def _by_role(people: list[Person], role: str) -> list[Person]:
    return [p for p in people if p.role == role]


def render_all() -> dict[str, bytes]:
    """Every example file's name and bytes; nothing is written."""
    people = build_people(_load("fiction.yaml"), SEED)
    headers = _load("csv_headers.yaml")
    customers = _by_role(people, "customer")
    pick = {
        role: _by_role(people, role)
        for role in ("colleague", "family", "friend", "service", "bare")
    }
    android_people = (
        customers[:18]
        + pick["colleague"][:4]
        + pick["family"][:4]
        + pick["friend"][:4]
        + pick["service"][:2]
        + pick["bare"][:2]
    )
    google_people = customers[10:30] + pick["friend"][:4] + pick["family"][:2]
    outlook_ja, outlook_en, google = headers["outlook_ja"], headers["outlook_en"], headers["google"]
    assert (
        isinstance(outlook_ja, dict) and isinstance(outlook_en, dict) and isinstance(google, list)
    )
    return {
        "iphone-export.vcf": ios.render(people),
        "android-export.vcf": android.render(android_people),
        "google-contacts.csv": csvs.google(google_people, google),
        "outlook-contacts.csv": csvs.outlook(customers[:22], outlook_ja, english=False),
        "outlook-contacts-en.csv": csvs.outlook(customers[20:32], outlook_en, english=True),
    }


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else HERE
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in render_all().items():
        (out_dir / name).write_bytes(data)
        print(f"wrote {out_dir / name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
