"""sitrep: source-linked situation, facts and events from conflict and security reporting.

    >>> import sitrep
    >>> doc = sitrep.analyze("Militants killed 12 soldiers in Quetta on Monday.", published="2024-05-15")
    >>> doc.to_json()

The public names below are imported on first use, so ``import sitrep`` stays cheap (no model is loaded until
the first analysis).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sitrep.core import analyze, analyze_document, analyze_documents
    from sitrep.errors import SitrepError
    from sitrep.model import Count, DateValue, Document, Entity, Event, Fact, Quantity, Span
    from sitrep.settings import Settings
    from sitrep.settings import load as load_settings
    from sitrep.store import Store

_WHERE = {
    "analyze": "core", "analyze_document": "core", "analyze_documents": "core",
    "SitrepError": "errors",
    "Count": "model", "DateValue": "model", "Document": "model", "Entity": "model", "Event": "model",
    "Fact": "model", "Quantity": "model", "Span": "model",
    "Settings": "settings", "load_settings": "settings",
    "Store": "store",
}  # fmt: skip

__all__ = [
    "Count", "DateValue", "Document", "Entity", "Event", "Fact", "Quantity", "Settings", "SitrepError", "Span",
    "Store", "analyze", "analyze_document", "analyze_documents", "load_settings",
]  # fmt: skip
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'sitrep' has no attribute {name!r}")
    module = import_module(f".{_WHERE[name]}", __name__)
    return getattr(module, "load" if name == "load_settings" else name)
