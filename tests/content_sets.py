"""Content sets made for the tests from the shipped one: deliberately short, long, too
long, and with a (made-up) signature and cover image."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "content"

TEST_SIGNATURE = """<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60" viewBox="0 0 240 60">
<title>Organisme fictif</title>
<rect width="60" height="60" rx="8" fill="#095797"/><circle cx="30" cy="30" r="16" fill="#ffffff"/>
<path d="M72 14h120v10H72zM72 34h90v8H72z" fill="#223654"/></svg>
"""


def _edit(content: Path, language: str, name: str, change) -> None:
    path = content / language / name
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def _without_introduction_and_team(content: Path, language: str) -> None:
    path = content / language / "organisation.yaml"
    organisation = yaml.safe_load(path.read_text(encoding="utf-8"))
    organisation.pop("introduction")
    organisation.pop("team")
    path.write_text(yaml.safe_dump(organisation, allow_unicode=True, sort_keys=False), encoding="utf-8")


def short(target: Path) -> Path:
    """The shipped services without the introduction and the team."""
    shutil.copytree(SHIPPED, target)
    for language in ("fr", "en"):
        _without_introduction_and_team(target, language)
    return target


def tiny(target: Path) -> Path:
    """One service, a summary and two roles; nothing else."""
    shutil.copytree(SHIPPED, target)
    for language in ("fr", "en"):
        data = yaml.safe_load((target / language / "services.yaml").read_text(encoding="utf-8"))
        service = data["services"][0]
        service["roles"]["items"] = service["roles"]["items"][2:4]
        service.pop("audiences", None)
        (target / language / "services.yaml").write_text(
            yaml.safe_dump({"services": [service]}, allow_unicode=True, sort_keys=False), encoding="utf-8")
        _without_introduction_and_team(target, language)
    return target


def longer(target: Path, copies: int) -> Path:
    """The shipped content with `copies` more copies of its PSOC service."""
    shutil.copytree(SHIPPED, target)
    for language in ("fr", "en"):
        data = yaml.safe_load((target / language / "services.yaml").read_text(encoding="utf-8"))
        extra = []
        for number in range(copies):
            for service in data["services"][1:2]:
                copy = yaml.safe_load(yaml.safe_dump(service))
                copy["id"] = f"{service['id']}-{number}"
                copy["title"] = f"{service['title']} {number + 2}"
                copy.pop("request", None)
                extra.append(copy)
        data["services"] += extra
        (target / language / "services.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return target


def with_images(target: Path) -> Path:
    """The shipped content with a made-up signature (SVG) and cover image (PNG)."""
    from PIL import Image, ImageDraw

    shutil.copytree(SHIPPED, target)
    (target / "images").mkdir()
    (target / "images" / "signature.svg").write_text(TEST_SIGNATURE, encoding="utf-8")
    image = Image.new("RGB", (900, 600), (200, 220, 235))
    draw = ImageDraw.Draw(image)
    for x in range(0, 900, 60):
        draw.ellipse((x, 220 + x % 140, x + 140, 360 + x % 140), fill=(9 + x % 90, 87, 151))
    image.save(target / "images" / "couverture.png")
    for language, alt in (("fr", "Des formes bleues sur un fond pâle"), ("en", "Blue shapes on a pale ground")):
        def change(text: str, alt: str = alt) -> str:
            text = text.replace("organisation:\n", "organisation:\n  signature: images/signature.svg\n", 1)
            return re.sub(r"\nhero:\n", f"\nhero:\n  image:\n    file: images/couverture.png\n    alt: {alt}\n", text,
                          count=1)
        _edit(target, language, "organisation.yaml", change)
    return target


OUTAOUAIS = ROOT / "examples" / "outaouais" / "content"


def half_outaouais(target: Path) -> Path:
    """Half the Outaouais offer's text: without its areas of action, roles and actions,
    and with the first three of its examples."""
    shutil.copytree(OUTAOUAIS, target)
    for language in ("fr", "en"):
        path = target / language / "practice.yaml"
        practice = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("areas_of_action", "roles", "actions"):
            practice.pop(key, None)
        practice["examples"] = practice["examples"][:3]
        path.write_text(yaml.safe_dump(practice, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return target


def third_outaouais(target: Path) -> Path:
    """Half the Outaouais offer's text without its examples: too short for six panels
    even at 13 pt, with its lists designed and the pull quote."""
    half_outaouais(target)
    for language in ("fr", "en"):
        path = target / language / "practice.yaml"
        practice = yaml.safe_load(path.read_text(encoding="utf-8"))
        practice.pop("examples", None)
        path.write_text(yaml.safe_dump(practice, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return target


def near_limit(target: Path) -> Path:
    """The shipped offer grown until it barely fits at the smallest body size: a second
    program like its PSOC service, and one more sentence in each description. Text a
    team could print (a reviewer reads it): whole sentences, titles of their own."""
    longer(target, 1)
    for language in ("fr", "en"):
        path = target / language / "services.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for service in data["services"]:
            if service["id"].endswith("-0"):  # a program of its own, not the PSOC's words again
                words = NEAR_LIMIT_WORDS[language]
                service["title"], service["summary"] = words["title"], words["summary"]
                for item, text in zip(service["roles"]["items"], words["roles"]):
                    item["text"] = text
            if service.get("description"):
                service["description"].append(NEAR_LIMIT_WORDS[language]["sentence"])
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return target


NEAR_LIMIT_WORDS = {
    "fr": {"title": "Programme de soutien aux initiatives locales",
           "summary": "Le programme appuie les projets que les comités de citoyens et les organismes mènent dans "
                      "leur quartier, de l'idée au bilan.",
           "roles": ["Accompagner les comités dans la définition de leur projet et le choix de leurs partenaires",
                     "Aider à préparer les demandes et les bilans remis aux bailleurs de fonds",
                     "Relier entre elles les initiatives d'un même territoire, et avec les services du réseau, pour "
                     "que les efforts se renforcent plutôt que de se chevaucher"],
           "sentence": "Ils travaillent avec les organismes du milieu et les partenaires du réseau."},
    "en": {"title": "Local initiatives support program",
           "summary": "The program backs the projects that citizen committees and organizations carry out in "
                      "their neighbourhood, from the idea to the review.",
           "roles": ["Help committees define their project and choose their partners",
                     "Help prepare the applications and reports sent to funders",
                     "Connect the initiatives of one area with each other and with the network's services, so that "
                     "efforts reinforce rather than overlap"],
           "sentence": "They work with local organizations and the network's partners."},
}


# What a team writes in place of the starter's placeholders (generator/content/placeholders.py).
MADE_OWN = {
    "Centre intégré de santé et de services sociaux de votre région":
        "Centre intégré de santé et de services sociaux des Basses-Terres",
    "CISSS de votre région": "CISSS des Basses-Terres",
    "Votre région": "Basses-Terres", "Your region": "Basses-Terres",
    "Votre ville": "Saint-Aubin", "Your city": "Saint-Aubin",
    "Votre premier territoire": "Saint-Aubin", "Your first area": "Saint-Aubin",
    "votre-etablissement.example": "cisss-basses-terres.org",
    "450 555-0100": "450 466-5000",
    "H0H 0H0": "J4B 5E4",
    "Décrivez votre équipe en quelques phrases": "Notre équipe soutient les communautés en quelques gestes",
    "Describe your team in a few sentences": "Our team supports the communities in a few ways",
    "Décrivez le service": "Le service soutient",
    "Describe the service": "The service supports",
}


def made_own(content: Path) -> Path:
    """A starter (offre new) with every placeholder replaced, as a team would."""
    for path in content.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for placeholder, own in MADE_OWN.items():
            text = text.replace(placeholder, own)
        path.write_text(text, encoding="utf-8")
    return content
