"""piiaudit: audit phone contact exports for personal-information exposure (APPI, GDPR)."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
