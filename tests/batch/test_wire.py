"""The worker-to-main hand-back: a result survives the wire whole, a whole file's
result travels packed, and reading it pauses the cyclic GC only for its own duration."""

from __future__ import annotations

import gc
import pickle

import pytest

from piiaudit.audit.wire import Packed, from_wire, to_wire
from piiaudit.model import FileResult
from piiaudit.parsers import PieceEnd
from reporters.factory import sample_case


def _result() -> FileResult:
    """A real audited file: contacts, findings with trails, classifications, issues."""
    first = sample_case().result.files[0]
    assert first.contacts and first.contacts[0].findings
    return first


def test_a_result_comes_back_equal() -> None:
    original = (_result(), 3)
    sent = to_wire(original)
    assert isinstance(sent, Packed)
    assert from_wire(pickle.loads(pickle.dumps(sent))) == original


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_leaves_the_collector_as_it_found_it(restore_gc: None, enabled: bool) -> None:
    data = to_wire((_result(),))
    if enabled:
        gc.enable()
    else:
        gc.disable()
    from_wire(data)
    assert gc.isenabled() is enabled


def test_a_corrupt_hand_back_raises_and_still_restores_the_collector(restore_gc: None) -> None:
    gc.enable()
    with pytest.raises(pickle.UnpicklingError):
        from_wire(Packed(b"\x80\x05not a pickle"))
    assert gc.isenabled()


def test_how_a_piece_ended_comes_back_equal() -> None:
    """A worker reading a piece of a large file also sends how the piece ended."""
    end = PieceEnd(clean=True, next_line=7, next_index=2)
    assert from_wire(to_wire((_result(), end))) == (_result(), end)


@pytest.mark.parametrize("formats", [("json",), ("terminal", "json", "html", "csv", "sarif")])
def test_a_files_share_of_the_report_comes_back_equal(formats: tuple[str, ...]) -> None:
    """A file's part is pickled with its listed contacts as columns (FilePart.__reduce__):
    every contact's part comes back, in order, as the named tuple it was."""
    from piiaudit.reporters import ReportOptions
    from piiaudit.reporters.parts import PartPlan, digest
    from piiaudit.reporters.parttypes import ListedPart

    part = digest(PartPlan(ReportOptions(), formats), _result())
    assert len(part.listed) > 1
    sent = to_wire((part,))
    assert sent == (part,), "a part is pickled by the pool, once, as it is"
    for back in (from_wire(pickle.loads(pickle.dumps(sent)))[0], pickle.loads(pickle.dumps(part))):
        assert back == part
        assert all(type(item) is ListedPart for item in back.listed)


def test_a_part_with_no_listed_contact_comes_back_equal() -> None:
    from dataclasses import replace

    from piiaudit.reporters import ReportOptions
    from piiaudit.reporters.parts import PartPlan, digest

    part = replace(digest(PartPlan(ReportOptions(), ("json",)), _result()), listed=())
    assert from_wire(pickle.loads(pickle.dumps(to_wire((part,))))) == (part,)
