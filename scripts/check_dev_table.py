#!/usr/bin/env python3
"""Checks that the task table of docs/development.md names exactly the Makefile's tasks.

The Makefile's tasks are the lines of its `help` target that read
`@echo "make NAME   description"`. The table is the Markdown table between the
`<!-- dev-table:start -->` and `<!-- dev-table:end -->` markers of docs/development.md;
a row counts when its first cell is `make NAME` in backticks (a row such as
`./scripts/test-all` is ignored). Only names are compared: descriptions may differ.

    python3 scripts/check_dev_table.py [--makefile Makefile] [--doc docs/development.md]

Exit status: 0 when both sides name the same tasks, 1 otherwise (each missing name is
listed), 2 when a file cannot be read or the table markers are missing. Stdlib only.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import List, Optional, Sequence

ROOT = Path(__file__).resolve().parent.parent
START = "<!-- dev-table:start -->"
END = "<!-- dev-table:end -->"

# `help:` (maybe with prerequisites), then its recipe lines (tab-indented)
_TARGET = re.compile(r"^help\s*:(?!=)")
# @echo "make NAME ..." or @echo 'make NAME ...' (also without @, or with printf)
_HELP_LINE = re.compile(r"""^\s*@?(?:echo|printf)\s+(?:-e\s+)?["']?\s*make\s+([A-Za-z0-9][A-Za-z0-9_.+-]*)""")
# | `make NAME ...` | ... |
_ROW = re.compile(r"^\s*\|\s*`make\s+([A-Za-z0-9][A-Za-z0-9_.+-]*)[^`]*`\s*\|")


class CheckError(Exception):
    """A file that cannot be read, or a document without its table markers."""


def help_targets(makefile_text: str) -> List[str]:
    """The task names that the `help` target's echo lines announce, in order."""
    names: List[str] = []
    lines = makefile_text.splitlines()
    i = 0
    while i < len(lines):
        if _TARGET.match(lines[i]):
            i += 1
            # the recipe: tab-indented lines, continuation lines, blank lines or comments
            while i < len(lines) and (
                lines[i].startswith("\t") or not lines[i].strip() or lines[i].startswith("#")
            ):
                m = _HELP_LINE.match(lines[i].lstrip("\t"))
                if m and m.group(1) not in names:
                    names.append(m.group(1))
                i += 1
            continue
        i += 1
    return names


def table_targets(doc_text: str) -> List[str]:
    """The `make NAME` rows of the table between the markers, in order."""
    if START not in doc_text or END not in doc_text:
        raise CheckError(f"the table markers {START} and {END} are missing")
    body = doc_text.split(START, 1)[1].split(END, 1)[0]
    names: List[str] = []
    for line in body.splitlines():
        m = _ROW.match(line)
        if m and m.group(1) not in names:
            names.append(m.group(1))
    return names


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        raise CheckError(f"cannot read {path}: {e}") from None


def check(makefile: Path, doc: Path) -> List[str]:
    """The problems found (empty when the table matches the Makefile)."""
    in_help = help_targets(_read(makefile))
    in_table = table_targets(_read(doc))
    problems: List[str] = []
    if not in_help:
        problems.append(f"{makefile}: no `@echo \"make NAME ...\"` line in its help target")
    for name in in_help:
        if name not in in_table:
            problems.append(f"make {name}: in {makefile}'s help, missing from the table of {doc}")
    for name in in_table:
        if name not in in_help:
            problems.append(f"make {name}: in the table of {doc}, missing from {makefile}'s help")
    return problems


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--makefile", type=Path, default=ROOT / "Makefile")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "development.md")
    args = parser.parse_args(argv)
    try:
        problems = check(args.makefile, args.doc)
    except CheckError as e:
        print(f"check_dev_table: {e}", file=sys.stderr)
        return 2
    for p in problems:
        print(f"check_dev_table: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"check_dev_table: ok, the table of {args.doc} names the tasks of make help")
    return 0


if __name__ == "__main__":
    sys.exit(main())
