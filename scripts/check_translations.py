"""Check the translation catalogues: every message of the source is in the zh_Hans and en catalogues, translated
into Chinese (no empty or fuzzy entries), and the compiled .mo files match their .po files.

Run from the repository root: `.venv/bin/python scripts/check_translations.py`. It regenerates the catalogues
with `workbench makemessages` (needs GNU gettext) and exits non-zero with a list of what is missing.
"""

import ast
import gettext
import shutil
import subprocess
import sys
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "workbench" / "locale"
LANGUAGES = ("zh_Hans", "en")


def parse_po(path: Path) -> list[dict]:
    """The entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (list), fuzzy."""
    entries: list[dict] = []
    entry: dict = {}
    field = None

    def finish():
        if "msgid" in entry:
            entries.append(dict(entry))
        entry.clear()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            field = None
            continue
        if line.startswith("#,") and "fuzzy" in line:
            if "msgid" in entry:
                finish()
            entry["fuzzy"] = True
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            value = ast.literal_eval(line)
            if field == "msgstr":
                entry["msgstr"][-1] += value
            else:
                entry[field] += value
            continue
        keyword, _, rest = line.partition(" ")
        value = ast.literal_eval(rest)
        if keyword == "msgctxt" and "msgid" in entry:
            finish()
        if keyword.startswith("msgstr"):
            entry.setdefault("msgstr", []).append(value)
            field = "msgstr"
        else:
            entry[keyword] = value
            field = keyword
    finish()
    return entries


def check_language(language: str) -> list[str]:
    problems = []
    po_path = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo_path = po_path.with_suffix(".mo")
    entries = [e for e in parse_po(po_path) if e["msgid"]]
    for entry in entries:
        if entry.get("fuzzy"):
            problems.append(f"{language}: fuzzy: {entry['msgid']!r}")
        elif language != "en" and not all(entry.get("msgstr", [""])):
            problems.append(f"{language}: untranslated: {entry['msgid']!r}")
    if not mo_path.exists():
        return [*problems, f"{language}: {mo_path} is missing (run scripts/messages compile)"]
    with mo_path.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    for entry in entries:
        if entry.get("fuzzy") or not all(entry.get("msgstr", [""])):
            continue
        key = entry["msgid"] if "msgctxt" not in entry else f"{entry['msgctxt']}\x04{entry['msgid']}"
        if "msgid_plural" in entry:
            key = (key, 0)
        if catalog.get(key) != entry["msgstr"][0]:
            problems.append(f"{language}: {mo_path.name} is out of date for {entry['msgid']!r}")
    return problems


def main() -> int:
    if shutil.which("xgettext"):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "workbench",
                "makemessages",
                "--no-obsolete",
                "--no-location",
                *[f"-l{lang}" for lang in LANGUAGES],
                "-v0",
            ],
            check=True,
            cwd=LOCALE.parent,
        )
    problems = [p for lang in LANGUAGES for p in check_language(lang)]
    for problem in problems[:200]:
        print(problem)
    if problems:
        print(f"{len(problems)} translation problems")
        return 1
    print("translations complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
