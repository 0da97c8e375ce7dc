"""Record the shipped rule files that pass the schema (see piiaudit/engine/checked.py).

Run after editing a shipped rule, pack or list file: ``.venv/bin/python scripts/record_checked.py``.
tests/engine/test_checked.py fails until the record matches the files.
"""

from piiaudit.engine.checked import main

if __name__ == "__main__":
    main()
