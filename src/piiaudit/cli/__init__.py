"""Command-line interface (placeholder replaced below)."""


def main() -> None:
    import importlib.resources as r

    print(sorted(p.name for p in (r.files("piiaudit") / "packs").iterdir()))
