"""Copy the browser editor's files from tools/cms/node_modules into generator/editor/vendor/.

    make editor        (npm ci here, then this script)

The editor (Sveltia CMS) is shipped inside the generator so that `offre serve` and a
published `/admin/` work with Python alone: a communications officer never needs
Node.js. What is copied is exactly what the editor loads — its script, one chunk, the
interface strings of French and English, the three fonts its build would fetch from a
CDN — with their licences, and a MANIFEST.json naming each package's version and each
file's SHA-256 (the tests check the files against it).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULES = HERE / "node_modules"
VENDOR = HERE.parent.parent / "generator" / "editor" / "vendor"

# (package, file in the package, where it goes in vendor/)
FILES = [
    ("@sveltia/cms", "dist/sveltia-cms.js", "sveltia-cms.js"),
    ("@sveltia/cms", "dist/chunks/react-dom.js", "chunks/react-dom.js"),
    ("@sveltia/cms", "LICENSE.txt", "LICENSE-sveltia-cms.txt"),
    *[("@sveltia/cms", f"locales/{locale}.json", f"locales/{locale}.json")
      for locale in ("fr", "en-US", "en-CA", "en-GB")],
    ("@fontsource-variable/material-symbols-outlined", "files/material-symbols-outlined-latin-wght-normal.woff2",
     "fonts/material-symbols-outlined-latin-wght-normal.woff2"),
    ("@fontsource-variable/material-symbols-outlined", "LICENSE", "fonts/LICENSE-material-symbols-outlined.txt"),
    ("@fontsource-variable/source-sans-3", "files/source-sans-3-latin-wght-normal.woff2",
     "fonts/source-sans-3-latin-wght-normal.woff2"),
    ("@fontsource-variable/source-sans-3", "LICENSE", "fonts/LICENSE-source-sans-3.txt"),
    ("@fontsource/noto-mono", "files/noto-mono-latin-400-normal.woff2", "fonts/noto-mono-latin-400-normal.woff2"),
    ("@fontsource/noto-mono", "LICENSE", "fonts/LICENSE-noto-mono.txt"),
]


def main() -> int:
    if not MODULES.is_dir():
        print("tools/cms/node_modules is missing: run `make editor` (npm ci)", file=sys.stderr)
        return 1
    shutil.rmtree(VENDOR, ignore_errors=True)
    manifest: dict = {"packages": {}, "files": {}}
    for package, source, target in FILES:
        version = json.loads((MODULES / package / "package.json").read_text(encoding="utf-8"))["version"]
        manifest["packages"][package] = version
        destination = VENDOR / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(MODULES / package / source, destination)
        manifest["files"][target] = hashlib.sha256(destination.read_bytes()).hexdigest()
    (VENDOR / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    size = sum(path.stat().st_size for path in VENDOR.rglob("*") if path.is_file())
    print(f"Sveltia CMS {manifest['packages']['@sveltia/cms']} copied into {VENDOR.relative_to(HERE.parent.parent)} "
          f"({len(FILES)} files, {size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
