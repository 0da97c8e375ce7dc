"""Orchestration: run every input through parse -> evaluate -> aggregate.

This is the only package that knows all three stages; the CLI calls it and hands
the result to a reporter. Each file is parsed once and its contacts are
evaluated as they stream out of the parser. A newcomer's map:

* :mod:`~piiaudit.audit.options` — what a caller gives a run (:class:`AuditOptions`)
  and what it hears back (:class:`Progress`, :class:`Screen`);
* :mod:`~piiaudit.audit.run` — a whole run: :func:`audit_paths` (the whole
  :class:`~piiaudit.model.AuditResult`: ``contacts``, ``baseline create``) and
  :func:`audit_report` (what ``scan`` runs: each file's share of the report is
  built where the file is audited, :mod:`piiaudit.reporters.parts`);
* :mod:`~piiaudit.audit.one_file` — one input in the process that reads it;
* :mod:`~piiaudit.audit.withhold` — a file named after a contact the report's
  reader may not see goes under a placeholder (``--audience compliance``);
* :mod:`~piiaudit.audit.plan` — for ``jobs > 1``: whole files, and large vCard files
  cut into pieces of whole cards (:mod:`piiaudit.parsers.pieces`), largest first;
* :mod:`~piiaudit.audit.pool` and :mod:`~piiaudit.audit.wire` — the worker
  processes and how their results travel back;
* :mod:`~piiaudit.audit.settle` — ``scan --baseline`` screened file by file in any order.

Batch runs (issue 6) add three things, none of which may change the report:

* **discovery** — files and folders, ``--include``/``--exclude``
  (:mod:`piiaudit.discovery`); files are reported in the discovered order.
* **parallelism** — results are put back in input order and a file's pieces are
  joined only if the reader confirms each cut (otherwise the file is read again
  whole), so the report is byte-identical to ``jobs == 1``.
* **isolation** — a file that crashes the reader or the engine becomes a
  :class:`~piiaudit.model.FileResult` with ``info.error`` set; the other files are
  still audited, and the CLI exits with code 3 at the end (:func:`result_has_unreadable`).

Progress is reported through the small :class:`Progress` protocol so this
package never prints; the rich bar lives in :mod:`piiaudit.cli.progress`.
"""

from piiaudit.audit.one_file import audit_file, rescore
from piiaudit.audit.options import (
    GROUP_BY_CHOICES,
    AuditOptions,
    GroupBy,
    Progress,
    Screen,
    default_jobs,
    group_of,
    result_has_unreadable,
    unreadable_files,
)
from piiaudit.audit.run import audit_paths, audit_report, run_risk

__all__ = [
    "GROUP_BY_CHOICES",
    "AuditOptions",
    "GroupBy",
    "Progress",
    "Screen",
    "audit_file",
    "audit_paths",
    "audit_report",
    "default_jobs",
    "group_of",
    "rescore",
    "result_has_unreadable",
    "run_risk",
    "unreadable_files",
]
