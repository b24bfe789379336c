"""Fetch the front-end files the platform ships into workbench/static/vendor/ from the npm registry.

The platform runs on closed intranets with no CDN, so its few front-end libraries are committed to the
repository. This script is how they got there and how they are upgraded: for every pinned package it runs
`npm pack <name>@<version>` into a temporary folder, checks the tarball against the integrity npm published,
extracts it and copies the listed files, checking each one against the SHA-256 written below. A file whose
hash differs is not written and the script exits with status 1.

    .venv/bin/python scripts/vendor_static.py           # fetch, check and copy
    .venv/bin/python scripts/vendor_static.py --check   # check the committed files only (no network)

To upgrade a package: change its version, run the script, read the new hashes it reports, compare the files
with the release notes, then write the new hashes here.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
VENDOR_DIR = REPO_DIR / "workbench" / "static" / "vendor"
# Files only the browser tests load (axe-core): outside every static folder, so that no user is ever served them.
TESTING_VENDOR_DIR = REPO_DIR / "workbench" / "testing" / "vendor"


@dataclass(frozen=True)
class VendoredFile:
    """One file copied out of a package: where it is in the tarball, where it goes, and its SHA-256."""

    source: str  # path inside the tarball's "package/" folder
    target: str  # path below workbench/static/vendor/
    sha256: str


@dataclass(frozen=True)
class VendoredPackage:
    """An npm package pinned to an exact version, with the integrity the registry published for its tarball."""

    name: str
    version: str
    integrity: str  # the tarball's SRI hash (sha512-…), as `npm view <name>@<version> dist.integrity` shows it
    files: tuple[VendoredFile, ...]
    root: Path = VENDOR_DIR  # the folder the files' targets are below


PACKAGES = (
    # htmx 2 rather than 4: 4.0 changed attribute inheritance and event names, and every template here is
    # written against the 2.x documentation.
    VendoredPackage(
        name="htmx.org",
        version="2.0.11",
        integrity="sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA==",
        files=(
            VendoredFile(
                "dist/htmx.min.js",
                "htmx/htmx.min.js",
                "d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717",
            ),
            VendoredFile(
                "LICENSE",
                "htmx/LICENSE",
                "d3d2456f76414f2456104660ebd65aff1c04cd7966b942bdabd63f3cdb316a38",
            ),
        ),
    ),
    VendoredPackage(
        name="chart.js",
        version="4.6.1",
        integrity="sha512-hJyniucsFmq//EvXYvJ6c6mahPoI3kaxdjVH8awTaJ/fDNWeSqqqArixMJWkWNN6fcYvPU3HneSANFNYtRi61g==",
        files=(
            VendoredFile(
                "dist/chart.umd.min.js",
                "chart.js/chart.umd.min.js",
                "87364cc2b2a76a6684929e7d6b80b18a897794db38400caff1fcf1791c6925d2",
            ),
            # The minified build ends with a sourceMappingURL comment: ship the map so that browsers do not
            # ask for a missing file and a manifest static-files storage can resolve the reference.
            VendoredFile(
                "dist/chart.umd.min.js.map",
                "chart.js/chart.umd.min.js.map",
                "b4b4e658a3a10695139f5f2ac2a31a0a0b04619cbdddc4e0793b97a8e9804321",
            ),
            VendoredFile(
                "LICENSE.md",
                "chart.js/LICENSE.md",
                "41a84aa2caba645f966a18d9c2056b73e6d3a81d80bc0046bc0011a2634d4cce",
            ),
        ),
    ),
    # axe-core checks the pages against WCAG 2 A/AA in the browser tests (workbench/testing/browser.py injects
    # it into the page); it is never served to users, hence its own folder.
    VendoredPackage(
        name="axe-core",
        version="4.14.1",
        integrity="sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
        files=(
            VendoredFile(
                "axe.min.js",
                "axe-core/axe.min.js",
                "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c",
            ),
            VendoredFile(
                "LICENSE",
                "axe-core/LICENSE",
                "af175b9d96ee93c21a036152e1b905b0b95304d4ae8c2c921c7609100ba8df7e",
            ),
            VendoredFile(
                "LICENSE-3RD-PARTY.txt",
                "axe-core/LICENSE-3RD-PARTY.txt",
                "4f8563870d0fca38bbc3e00b6f670cb7fa9f380ba9f26a7f7d1184a6b18b1653",
            ),
        ),
        root=TESTING_VENDOR_DIR,
    ),
    # The spec picker's type-to-filter with chips (static/js/spec-picker.js): the "complete" build bundles the
    # remove-button plugin the chips use. It builds its DOM with no inline <style> or script, so the strict CSP
    # holds; the maps are shipped for the same reason as chart.js's.
    VendoredPackage(
        name="tom-select",
        version="2.6.2",
        integrity="sha512-eiXIkk82XzzUTOVQDFpy+ZGejuqdTvMukyUyeZBQaKnqW42UoTiTZnrod/eX0rkqJEc4rZY9DZ3zdjV07i29wQ==",
        files=(
            VendoredFile(
                "dist/js/tom-select.complete.min.js",
                "tom-select/tom-select.complete.min.js",
                "8f9d7d3420e938c2c9817818b56df43ea46feae5bf1f5a2e828863c034df0e37",
            ),
            VendoredFile(
                "dist/js/tom-select.complete.min.js.map",
                "tom-select/tom-select.complete.min.js.map",
                "1dba4701c4ac3c8caee0c0e7e94bfdb7eae421ea444b79107a64ff263e445821",
            ),
            VendoredFile(
                "dist/css/tom-select.min.css",
                "tom-select/tom-select.min.css",
                "073f20ac5a65dce1787c544acfc1da210f534815e2b3a6218a80bb8c51125b47",
            ),
            VendoredFile(
                "dist/css/tom-select.min.css.map",
                "tom-select/tom-select.min.css.map",
                "22ed41043e3253f46ea7d49a5d5fc574b2a10538542501aad8b943296d2707e9",
            ),
            VendoredFile(
                "LICENSE",
                "tom-select/LICENSE",
                "f15dc64ea1f373c8af0ee7c020064360497addf335c9c2bcf27c3a6f56a6f0bd",
            ),
        ),
    ),
    # The day's route map (static/visitplans/route.js): its points and path are vector layers (SVG), and with no
    # tile server configured the map has no tile layer at all. 1.9.4 is the last stable release (2.0 is an alpha).
    # The stylesheet's images are shipped because a manifest static-files storage resolves every url() in it.
    VendoredPackage(
        name="leaflet",
        version="1.9.4",
        integrity="sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
        files=(
            VendoredFile(
                "dist/leaflet.js",
                "leaflet/leaflet.js",
                "db49d009c841f5ca34a888c96511ae936fd9f5533e90d8b2c4d57596f4e5641a",
            ),
            VendoredFile(
                "dist/leaflet.js.map",
                "leaflet/leaflet.js.map",
                "600a10dc5cd110de0699510d322afcbe01c7ca90b4c5f48adc20314c70aac753",
            ),
            VendoredFile(
                "dist/leaflet.css",
                "leaflet/leaflet.css",
                "a7837102824184820dfa198d1ebcd109ff6d0ff9a2672a074b9a1b4d147d04c6",
            ),
            VendoredFile(
                "dist/images/layers.png",
                "leaflet/images/layers.png",
                "1dbbe9d028e292f36fcba8f8b3a28d5e8932754fc2215b9ac69e4cdecf5107c6",
            ),
            VendoredFile(
                "dist/images/layers-2x.png",
                "leaflet/images/layers-2x.png",
                "066daca850d8ffbef007af00b06eac0015728dee279c51f3cb6c716df7c42edf",
            ),
            VendoredFile(
                "dist/images/marker-icon.png",
                "leaflet/images/marker-icon.png",
                "574c3a5cca85f4114085b6841596d62f00d7c892c7b03f28cbfa301deb1dc437",
            ),
            VendoredFile(
                "LICENSE",
                "leaflet/LICENSE",
                "53e8dc25862014e4324741ca18fbe3611e11d42ef69f59f86ea8c5389647d4cb",
            ),
        ),
    ),
)


def sha256_of(path: Path) -> str:
    """The hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sri_of(path: Path, algorithm: str) -> str:
    """The Subresource-Integrity string (algorithm-base64digest) of a file, as npm writes it."""
    digest = hashlib.new(algorithm, path.read_bytes()).digest()
    return f"{algorithm}-{base64.b64encode(digest).decode('ascii')}"


def npm_pack(package: VendoredPackage, destination: Path) -> Path:
    """Download the package's tarball with `npm pack` and return its path."""
    result = subprocess.run(
        ["npm", "pack", f"{package.name}@{package.version}", "--json", "--pack-destination", str(destination)],
        cwd=destination,
        check=True,
        capture_output=True,
        text=True,
    )
    (packed,) = json.loads(result.stdout)
    return destination / packed["filename"]


def fetch(package: VendoredPackage, workdir: Path) -> list[str]:
    """Fetch one package and copy its files below its root; return the problems found (empty when all is well)."""
    tarball = npm_pack(package, workdir)
    algorithm = package.integrity.split("-", 1)[0]
    actual_integrity = sri_of(tarball, algorithm)
    if actual_integrity != package.integrity:
        return [f"{package.name}@{package.version}: tarball integrity {actual_integrity} != {package.integrity}"]
    extracted = workdir / f"{package.name}-{package.version}"
    with tarfile.open(tarball) as archive:
        # The "data" filter refuses absolute paths, links out of the folder and device files.
        archive.extractall(extracted, filter="data")
    problems = []
    for file in package.files:
        source = extracted / "package" / file.source
        actual = sha256_of(source)
        if actual != file.sha256:
            problems.append(f"{package.name}@{package.version} {file.source}: sha256 {actual} != {file.sha256}")
            continue
        target = package.root / file.target
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        print(f"{package.name}@{package.version} {file.source} -> {target.relative_to(REPO_DIR)}")
    return problems


def check() -> list[str]:
    """Check every committed vendored file against its listed SHA-256; return the problems found."""
    problems = []
    for package in PACKAGES:
        for file in package.files:
            target = package.root / file.target
            if not target.is_file():
                problems.append(f"{file.target}: missing")
            elif (actual := sha256_of(target)) != file.sha256:
                problems.append(f"{file.target}: sha256 {actual} != {file.sha256}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the committed files (no network)")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
    else:
        problems = []
        with tempfile.TemporaryDirectory(prefix="workbench-vendor-") as tmp:
            for package in PACKAGES:
                problems += fetch(package, Path(tmp))
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print("all vendored files match their pinned SHA-256")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
