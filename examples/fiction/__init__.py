"""Builders for the fictional example exports in ``examples/``.

Kept apart from the ``piiaudit`` package on purpose: nothing here ships, and the
audit code must never depend on how its demo data was made.
"""
