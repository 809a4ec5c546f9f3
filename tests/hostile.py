"""Content that tries to become markup: shared by the hostile-input and browser tests."""

from __future__ import annotations

from pathlib import Path


def replace(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace `old` in `path`; return the line where it was."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


INJECTIONS = {
    "service title": ('PSOC" onload="alert(1)"><meta http-equiv="refresh" content="0;url=https://evil.example/">'
                      ' & <script>alert(2)</script>'),
    "team name": 'Équipe "</title><script>alert(3)</script> & Cie',
    "hero title": "<i>x</i> & « Agir »",
    "markdown": "# *gras* [lien](javascript:alert(5)) {: onclick=\"alert(6)\" } `code` <!-- x -->",
    "entities": "&lt;b&gt; &amp; &#x3C;script&#x3E; &quot;",
    "link label": "Formulaire</a><a href=\"javascript:alert(7)\">clic",
    "contact text": "Appelez'\"><svg onload=alert(8)> au",
    "team acronym": 'R"C<b onmouseover=alert(9)>O</b>&C',
}


def inject(content: Path) -> dict[str, str]:
    """Put each payload in the French content; return what each text must read."""
    import yaml

    def quoted(value: str) -> str:
        return yaml.safe_dump(value, allow_unicode=True, default_style='"', width=10_000).strip()

    from generator.text import typography

    shown = {name: typography(payload, "fr") for name, payload in INJECTIONS.items()}  # French rules apply
    replace(content / "fr" / "services.yaml", "    title: Programme de soutien aux organismes communautaires (PSOC)",
            f"    title: {quoted(INJECTIONS['service title'])}")
    replace(content / "fr" / "organisation.yaml", "  team: Relations à la communauté et organisation communautaire",
            f"  team: {quoted(INJECTIONS['team name'])}")
    replace(content / "fr" / "organisation.yaml", "  team_short: RCOC", f"  team_short: {quoted(INJECTIONS['team acronym'])}")
    replace(content / "fr" / "organisation.yaml", "  title: Agir ensemble", f"  title: {quoted(INJECTIONS['hero title'])}")
    replace(content / "fr" / "services.yaml", "    title: Organisation communautaire",
            f"    title: {quoted(INJECTIONS['markdown'])}")
    replace(content / "fr" / "services.yaml", "    title: Soutien communautaire en logement social",
            f"    title: {quoted(INJECTIONS['entities'])}")
    replace(content / "fr" / "contact.yaml", "    label: Programme de soutien aux organismes communautaires (PSOC)",
            f"    label: {quoted(INJECTIONS['link label'])}")
    replace(content / "fr" / "contact.yaml", "      Pour être dirigé vers la personne répondante pour le service ou le secteur\n"
            "      demandé, composez le", f"      {INJECTIONS['contact text']}")
    return shown
