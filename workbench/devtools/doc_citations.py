"""The citations of the project's documents in code: `docs/definitions.md#distribution-rate` must name a heading.

Docstrings and comments cite docs/ by file and anchor rather than repeat a definition or a measurement. An anchor
is the GitHub-style slug of a heading (lower case, punctuation dropped, spaces to hyphens, "-1", "-2" … for a
repeated heading), so renaming a heading silently breaks every citation of it: the tooling test finds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

# "docs/performance.md#summary-rebuild-by-month" (the anchor's characters are those a slug keeps).
CITATION = re.compile(r"docs/(?P<file>[\w.-]+\.md)#(?P<anchor>[\w-]+)")
HEADING = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
# Documents that live outside the repository; the code cites docs/ instead.
OUTSIDE_DOCUMENTS = re.compile(r"(?<![\w/-])(?:metrics|domain)\.md\b")


def slug(title: str) -> str:
    """GitHub's anchor of a heading: "Report: four-rates" → "report-four-rates", CJK letters kept."""
    kept = re.sub(r"[^\w\- ]", "", title.strip().lower())
    return kept.replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    """Every anchor of a Markdown text's headings (outside fenced code blocks)."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    fenced = False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        match = None if fenced else HEADING.match(line)
        if match is None:
            continue
        base = slug(match["title"])
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def broken_citations(root: Path, sources: Iterable[Path]) -> list[str]:
    """ "path:line: docs/x.md#anchor" for every citation whose file or heading does not exist under root/docs."""
    documents: dict[str, set[str] | None] = {}
    broken = []
    for source in sources:
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
            for match in CITATION.finditer(line):
                name = match["file"]
                if name not in documents:
                    path = root / "docs" / name
                    documents[name] = anchors(path.read_text(encoding="utf-8")) if path.is_file() else None
                known = documents[name]
                if known is None or match["anchor"] not in known:
                    broken.append(f"{source.relative_to(root)}:{number}: {match[0]}")
    return broken


def outside_citations(root: Path, sources: Iterable[Path]) -> list[str]:
    """ "path:line: text" for every line citing a document that is not in the repository (metrics.md, domain.md)."""
    return [
        f"{source.relative_to(root)}:{number}: {line.strip()}"
        for source in sources
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1)
        if OUTSIDE_DOCUMENTS.search(line)
    ]
