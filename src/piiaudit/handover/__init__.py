"""The hand-over at exit: ``split`` an export into business / private / review files
byte for byte, and ``minimize`` business contacts to what the company may keep.

Layer 3 (docs/architecture.md): uses the parsers and the engine, never the CLI.
The step-by-step workflow for users is in ``docs/handover.md``.
"""
