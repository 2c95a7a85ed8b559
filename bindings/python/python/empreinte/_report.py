"""Footprint reports (the core's ``report`` module): a manifest in, the canonical report
JSON out, its renderings, and ``verify``."""

from __future__ import annotations

import datetime
import json
import os
import uuid
from typing import Any, Dict, Mapping, Optional, Union

from . import _core

__all__ = ["Report", "report", "verify"]

Source = Union[str, "os.PathLike[str]", Mapping[str, Any]]


def _text(source: Source) -> str:
    """The text of a manifest or report given as text, a path or a dict."""
    if isinstance(source, Mapping):
        return json.dumps(source, ensure_ascii=False)
    if isinstance(source, os.PathLike):
        with open(source, encoding="utf-8") as f:
            return f.read()
    if "\n" not in source and source.strip()[:1] not in ("{", "[") and os.path.isfile(source):
        with open(source, encoding="utf-8") as f:
            return f.read()
    return source


class Report:
    """A footprint report: ``to_json()`` (the canonical document), ``to_dict()``,
    ``to_html(lang="fr")``, ``to_markdown()``, ``to_text()``, ``verify()``."""

    __slots__ = ("_json",)

    def __init__(self, report_json: str) -> None:
        self._json = report_json

    def to_json(self) -> str:
        """The report JSON, as the core writes it (the digest covers its RFC 8785 form)."""
        return self._json

    def to_dict(self) -> Dict[str, Any]:
        """The report as a dict."""
        parsed: Dict[str, Any] = json.loads(self._json)
        return parsed

    def to_html(self, lang: str = "fr") -> str:
        """A self-contained HTML page, in French (``"fr"``, the authoritative text) or
        English (``"en"``)."""
        return _core.render(self._json, "html", lang)

    def to_markdown(self, lang: str = "fr") -> str:
        """Markdown."""
        return _core.render(self._json, "markdown", lang)

    def to_text(self, lang: str = "fr") -> str:
        """Plain text."""
        return _core.render(self._json, "text", lang)

    def verify(self) -> Dict[str, Any]:
        """The verdict of :func:`verify` on this report."""
        return verify(self._json)

    def __repr__(self) -> str:
        d = self.to_dict()
        return f"Report(report_id={d.get('report_id')!r}, schema={d.get('schema')!r})"


def report(
    manifest: Source,
    *,
    report_id: Optional[str] = None,
    generated_at: Optional[str] = None,
) -> Report:
    """Builds the report of a manifest (TOML or JSON text, a path to one, or a dict).

    ``report_id`` (a UUID) and ``generated_at`` (RFC 3339 UTC) default to a random UUID and
    the current time; give them to reproduce a report byte for byte. Raises an
    :class:`~empreinte.EmpreinteError` naming the manifest key at fault.
    """
    rid = report_id or str(uuid.uuid4())
    now = generated_at or datetime.datetime.now(datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    return Report(_core.report(_text(manifest), rid, now))


def verify(report: Union[Source, Report]) -> Dict[str, Any]:
    """Verifies a report (JSON text, a path, a dict or a :class:`Report`): recomputes it
    from its own inputs. Returns ``{"verdict": "valid" | "tampered" | "not_reproducible" |
    "invalid", …}`` with the details of the verdict."""
    text = report.to_json() if isinstance(report, Report) else _text(report)
    verdict: Dict[str, Any] = json.loads(_core.verify(text))
    return verdict
