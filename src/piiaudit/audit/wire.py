"""How a worker's result travels back to the main process: a compact pickle."""

from __future__ import annotations

import copyreg
import dataclasses
import functools
import gc
import io
import pickle
from collections.abc import Callable
from typing import Any

from piiaudit import model


def to_wire(result: object) -> bytes:
    """Pickle a result with the model's dataclasses reduced to ``(class, field values)``.

    Sending results back is the main cost of parallelism besides the work itself:
    the main process unpickles every contact. The default pickling of slotted
    dataclasses runs Python code per object; this is about a third cheaper
    (2,000 audited contacts: 0.14 s to pickle and unpickle instead of 0.20 s).
    Pickle's memo still shares the rule texts and enums that findings point to.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _wire_table()
    pickler.dump(result)
    return buffer.getvalue()


def from_wire(data: bytes) -> Any:
    """Unpickle a worker's result with the cyclic GC paused.

    Unpickling only allocates (results hold no cycles), yet every few hundred
    objects it triggered a collection: pausing it makes this about 20% cheaper,
    and this runs in the main process, on a core the workers need.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        result = pickle.loads(data)  # noqa: S301 - our own worker's bytes, never user input
    finally:
        if paused:
            gc.enable()
    return result


@functools.cache
def _wire_table() -> dict[Any, Any]:
    table: dict[Any, Any] = dict(copyreg.dispatch_table)
    for cls in vars(model).values():
        if isinstance(cls, type) and dataclasses.is_dataclass(cls):
            fields = dataclasses.fields(cls)
            if all(f.init for f in fields):
                table[cls] = _reducer(cls, tuple(f.name for f in fields))
    return table


def _reducer(cls: type, names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    def reduce(obj: Any) -> tuple[Any, ...]:
        return cls, tuple([getattr(obj, name) for name in names])

    return reduce
