"""The code's citations of docs/ name headings that exist, and no code cites a document outside the repository."""

from pathlib import Path

from workbench.devtools.doc_citations import anchors, broken_citations, outside_citations, slug

ROOT = Path(__file__).resolve().parents[3]


# The checker and this test write citations as examples of what they look for.
ABOUT_CITATIONS = {Path(__file__).resolve(), ROOT / "workbench" / "devtools" / "doc_citations.py"}


def python_sources() -> list[Path]:
    """The project's Python files: the package, the scripts and the deployment files (migrations included)."""
    return sorted(
        path
        for folder in ("workbench", "scripts", "deploy")
        for path in (ROOT / folder).rglob("*.py")
        if path not in ABOUT_CITATIONS and ".venv" not in path.parts
    )


def test_every_citation_of_docs_names_an_existing_heading():
    assert broken_citations(ROOT, python_sources()) == []


def test_no_code_cites_the_documents_outside_the_repository():
    assert outside_citations(ROOT, python_sources()) == []


def test_anchors_are_github_slugs_of_the_headings():
    # given headings with punctuation, CJK words, a repeated title and a heading-like line inside a code block
    markdown = (
        "# Definitions\n"
        "### Report: four-rates\n"
        "## org.csv — organisation units (公司)\n"
        "#### Summary rebuild by month\n"
        "#### Summary rebuild by month\n"
        "```sh\n# not a heading\n```\n"
        "not # a heading\n"
    )

    # when / then
    assert anchors(markdown) == {
        "definitions",
        "report-four-rates",
        "orgcsv--organisation-units-公司",
        "summary-rebuild-by-month",
        "summary-rebuild-by-month-1",
    }
    assert slug("Analysis reports on the city (PostgreSQL)") == "analysis-reports-on-the-city-postgresql"


def test_a_wrong_anchor_a_missing_file_and_an_outside_document_are_reported(tmp_path):
    # given a docs/ folder with one document and a source citing it rightly, wrongly, and citing what is not there
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "definitions.md").write_text("# Definitions\n### Distribution rate\n", encoding="utf-8")
    source = tmp_path / "module.py"
    source.write_text(
        '"""铺货率 (docs/definitions.md#distribution-rate)."""\n'
        "# see docs/definitions.md#movement-rate and docs/missing.md#anything\n"
        "# as metrics.md defines it (docs/metrics-local.md#numbers is a file of the repository)\n",
        encoding="utf-8",
    )

    # when / then
    assert broken_citations(tmp_path, [source]) == [
        "module.py:2: docs/definitions.md#movement-rate",
        "module.py:2: docs/missing.md#anything",
        "module.py:3: docs/metrics-local.md#numbers",
    ]
    assert outside_citations(tmp_path, [source]) == [
        "module.py:3: # as metrics.md defines it (docs/metrics-local.md#numbers is a file of the repository)"
    ]
