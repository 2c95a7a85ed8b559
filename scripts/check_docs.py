#!/usr/bin/env python3
"""Checks the documentation: every relative link resolves, and the task table matches.

1. Every relative link of README.md, docs/*.md and the packages' pages
   (bindings/python/README.md, bindings/wasm/README.md) points at an existing file or
   folder, and a `#fragment` into a Markdown file at one of its headings (GitHub's
   anchors). Links in fenced code blocks and code spans are not links; `http(s):`,
   `mailto:` and other schemes are not checked.
2. scripts/check_dev_table.py: the task table of docs/development.md names exactly the
   targets of `make help`.

    python3 scripts/check_docs.py [FILE.md ...]

Exit status: 0 when everything holds, 1 otherwise (each problem on its own line).
Stdlib only.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import check_dev_table  # noqa: E402

# [text](target "title") and ![alt](target); the target may be wrapped in <>
_INLINE = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
# [label]: target
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def default_files() -> List[Path]:
    """README.md, docs/*.md and the packages' pages."""
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for page in ("bindings/python/README.md", "bindings/wasm/README.md"):
        if (ROOT / page).exists():
            files.append(ROOT / page)
    return files


def _prose_lines(text: str) -> Iterator[Tuple[int, str]]:
    """(line number, line) outside fenced code blocks, with code spans blanked."""
    fence: Optional[str] = None
    for n, line in enumerate(text.splitlines(), 1):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * len(m.group(1))
            continue
        if fence is not None:
            if m and m.group(1).startswith(fence):
                fence = None
            continue
        yield n, _CODE_SPAN.sub(lambda c: " " * len(c.group(0)), line)


def links(text: str) -> Iterator[Tuple[int, str]]:
    """(line number, target) of every link of a Markdown text."""
    for n, line in _prose_lines(text):
        for m in _INLINE.finditer(line):
            yield n, m.group(1)
        m = _REFERENCE.match(line)
        if m:
            yield n, m.group(1)


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lowercase, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link's text
    text = re.sub(r"<[^>]+>", "", text).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


_ANCHORS: Dict[Path, Set[str]] = {}


def anchors(path: Path) -> Set[str]:
    """The anchors of a Markdown file's headings (duplicates numbered as GitHub does)."""
    if path not in _ANCHORS:
        seen: Dict[str, int] = {}
        found: Set[str] = set()
        for _, line in _prose_lines(path.read_text(encoding="utf-8")):
            m = _HEADING.match(line)
            if not m:
                continue
            base = slug(m.group(2))
            k = seen.get(base, 0)
            seen[base] = k + 1
            found.add(base if k == 0 else f"{base}-{k}")
        for m in re.finditer(r"""<a\s+(?:name|id)=["']([^"']+)["']""", path.read_text(encoding="utf-8")):
            found.add(m.group(1))
        _ANCHORS[path] = found
    return _ANCHORS[path]


def check_file(path: Path) -> List[str]:
    """The broken relative links of one Markdown file."""
    problems: List[str] = []
    rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    for n, target in links(path.read_text(encoding="utf-8")):
        if _SCHEME.match(target) or target.startswith("//"):
            continue
        file_part, _, fragment = target.partition("#")
        file_part = unquote(file_part.split("?", 1)[0])
        if file_part.startswith("/"):
            dest = ROOT / file_part.lstrip("/")
        elif file_part:
            dest = (path.parent / file_part).resolve()
        else:
            dest = path
        if not dest.exists():
            problems.append(f"{rel}:{n}: {target}: no such file or folder")
            continue
        if fragment and dest.is_file() and dest.suffix.lower() == ".md":
            if unquote(fragment).lower() not in anchors(dest):
                problems.append(f"{rel}:{n}: {target}: no heading #{fragment} in {dest.name}")
    return problems


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    files = [Path(a).resolve() for a in args] if args else default_files()
    problems: List[str] = []
    for f in files:
        problems.extend(check_file(f))
    for p in problems:
        print(f"check_docs: {p}", file=sys.stderr)
    print(f"check_docs: {len(files)} files, {len(problems)} broken links")
    table = check_dev_table.main([])
    return 1 if problems or table != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
