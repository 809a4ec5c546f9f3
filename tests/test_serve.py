"""`offre serve`: the preview follows the YAML as it is edited."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import CONTENT_SETS
from preview import get, serving, wait_for


def test_serve_rebuilds_when_yaml_changes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    with serving(content, tmp_path) as (home, log):
        assert wait_for(lambda: "Agir ensemble" in get(home), timeout=120), "preview never came up"
        organisation = content / "fr" / "organisation.yaml"
        organisation.write_text(
            organisation.read_text(encoding="utf-8").replace("title: Agir ensemble", "title: Agir ensemble, autrement"),
            encoding="utf-8",
        )
        assert wait_for(lambda: "Agir ensemble, autrement" in get(home), timeout=120), "edit not shown"
        # A broken edit: the problem is told in the terminal, the last good site stays served.
        organisation.write_text(organisation.read_text(encoding="utf-8") + "\n\tbroken: [\n", encoding="utf-8")
        assert wait_for(lambda: "organisation.yaml:" in log.read_text(encoding="utf-8"), timeout=120), \
            log.read_text(encoding="utf-8")
        assert "Agir ensemble, autrement" in get(home)
