"""What the brochure says, as sections made of blocks, in reading order.

A block is the smallest thing the layout never cuts: a heading, a paragraph, one item
of a list, a group of tags, an area of action (its title and its purpose). A section
may continue on the next panel only between blocks, and a heading (or the sentence
that introduces a list) always stays with the block after it: together they form a
`unit`, what the panel plan moves as one.

Each block has a key that is the same in French and in English (an item's id, a
paragraph's number), so the two brochures can share one panel plan: they break at the
same places. A section whose blocks do not pair up (its French has three paragraphs,
its English two) moves as one unit.

Pure Python: no layout here. The templates draw the blocks (templates/_blocks.j2);
layout.py measures them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..content import Offer
from ..strings import strings

SHORT_LIST = 4  # items: a list this short is never cut across two panels
SHORT_OFFER_LIST = 8  # … in a short offer, whose panels have room: a list this short
KEEP_WITH_NEXT = {"h2", "h3", "intro", "lead", "direction"}  # a heading, a service's summary, a list's lead-in


@dataclass(frozen=True)
class Block:
    """One block: `kind` says how it is drawn (h2, h3, intro, lead, p, note, li, tags, area)."""

    key: str  # the same in both languages: "h", "p-0", "li-organismes"
    kind: str  # request: `text` is the service's id
    text: str = ""
    items: tuple[str, ...] = ()  # tags
    title: str = ""  # area: its title (text: its purpose)
    group: str = ""  # li: the list it belongs to (consecutive items of one group form one <ul>)


@dataclass(frozen=True)
class Section:
    """A section of the inside panels: a service, the values, the team…"""

    key: str  # "service-psoc", "values"
    title: str
    where: str  # the content file and line it comes from, for messages
    blocks: tuple[Block, ...] = field(default=(), compare=False)

    def units(self, short_list: int = SHORT_LIST) -> list[tuple[int, int]]:
        """(first, end) block ranges that are never separated: a heading (or a summary,
        or a list's lead-in) and what follows; a list's first item and its second, its
        last and the one before (no item alone at a panel's top or foot); a list of
        `short_list` items or fewer whole."""
        found, start = [], 0
        for index in range(len(self.blocks)):
            if index + 1 < len(self.blocks) and not self._may_cut_after(index, short_list):
                continue
            found.append((start, index + 1))
            start = index + 1
        return found

    def _may_cut_after(self, index: int, short_list: int) -> bool:
        def item(at: int, group: str) -> bool:
            return 0 <= at < len(self.blocks) and self.blocks[at].kind == "li" and self.blocks[at].group == group

        block = self.blocks[index]
        if block.kind in KEEP_WITH_NEXT:
            return False
        if block.kind == "li" and item(index + 1, block.group):  # a cut inside a list:
            if sum(1 for other in self.blocks if other.kind == "li" and other.group == block.group) <= short_list:
                return False  # a short list is read whole
            if not item(index - 1, block.group):
                return False  # its first item would end the panel alone
            if not item(index + 2, block.group):
                return False  # its last item would start the next panel alone
        return True


def flowing_sections(offer: Offer) -> list[Section]:
    """The sections that flow through the inside flap and the inside panels, in order."""
    s = strings(offer.language)
    o = offer.organisation
    p = offer.practice
    found: list[Section] = []

    def add(key: str, title: str, where: str, blocks: list[Block]) -> None:
        found.append(Section(key, title, where, tuple(blocks)))

    if o.introduction:
        blocks = [Block("h", "h2", o.introduction.title)] if o.introduction.title else []
        blocks += _paragraphs("p", o.introduction.paragraphs)
        add("introduction", o.introduction.title or o.hero.title, offer.where("organisation.yaml", "introduction"),
            blocks)
    if o.team and (o.team.paragraphs or o.team.members):
        add("team", o.team.title or s["team"], offer.where("organisation.yaml", "team"),
            [Block("h", "h2", o.team.title or s["team"]), *_paragraphs("p", o.team.paragraphs),
             *_items("members", o.team.members)])
    for key, title in (("values", s["our_values"]), ("territories", s["territories"])):
        if getattr(p, key):
            add(key, title, offer.where("practice.yaml", key),
                [Block("h", "h2", title), Block("tags", "tags", items=tuple(i.text for i in getattr(p, key)))])
    if p.audiences:
        add("audiences", s["audiences"], offer.where("practice.yaml", "audiences"),
            [Block("h", "h2", s["audiences"]), *_items("audiences", p.audiences)])
    if p.areas_of_action:
        add("areas_of_action", s["areas_of_action"], offer.where("practice.yaml", "areas_of_action"),
            [Block("h", "h2", s["areas_of_action"]),
             *(Block(f"area-{area.id}", "area", area.purpose, title=area.title) for area in p.areas_of_action)])
    if p.roles or p.actions:
        blocks = [Block("h", "h2", s["roles_and_actions"])]
        for key, items in (("roles", p.roles), ("actions", p.actions)):
            if items:
                blocks += [Block(f"{key}-h", "h3", s[key]), Block(key, "tags", items=tuple(i.text for i in items))]
        add("roles_actions", s["roles_and_actions"], offer.where("practice.yaml", "roles" if p.roles else "actions"),
            blocks)
    if p.examples:
        add("examples", s["examples"], offer.where("practice.yaml", "examples"),
            [Block("h", "h2", s["examples"]), *_items("examples", p.examples)])
    # What the brochure says as a heading or on its cover: a service's summary that says
    # it again is left out (the shipped offer's « Un levier important au développement des
    # communautés » titled its flap and led its first service, side by side once opened).
    said = {_said(text) for text in (o.hero.title, o.hero.tagline, o.hero.subtitle,
                                     *(block.text for section in found for block in section.blocks
                                       if block.kind in ("h2", "h3")))
            if text}
    for service in offer.services.services:
        if service.brochure:
            add(f"service-{service.id}", service.title, offer.where("services.yaml", "services", service.id),
                _service_blocks(service, s, said))
    return found


def _said(text: str) -> str:
    """A text as compared with another: spaces, case and its closing punctuation aside."""
    return " ".join(text.split()).rstrip(" .!?:;…").casefold()


def _service_blocks(service: Any, s: dict[str, str], said: set[str]) -> list[Block]:
    # (left out, the lead stays a block, empty: the languages' blocks pair up, so that a
    # section is cut at the same places in both whatever each one repeats)
    blocks = [Block("h", "h2", service.title),
              Block("lead", "lead", "" if _said(service.summary) in said else service.summary)]
    if service.direction:
        blocks.append(Block("direction", "direction", service.direction))
    blocks += _paragraphs("desc", service.description)
    for name, items in (("roles", service.roles), ("audiences", service.audiences)):
        if items is None:
            continue
        if items.title:
            blocks.append(Block(f"{name}-h", "h3", items.title))
        intro = items.intro or (s["offered_to"] if name == "audiences" else None)
        if intro:
            blocks.append(Block(f"{name}-intro", "intro", intro))
        blocks += _items(name, items.items)
    if service.request is not None:  # how to ask, with its QR code: the last thing the service says
        blocks.append(Block("request", "request", service.id))  # its note inside: never parted
    blocks += [Block(f"note-{index}", "note", note) for index, note in enumerate(service.notes)]
    return blocks


def _paragraphs(prefix: str, paragraphs: list[str]) -> list[Block]:
    return [Block(f"{prefix}-{index}", "p", text) for index, text in enumerate(paragraphs)]


def _items(group: str, items: list[Any]) -> list[Block]:
    return [Block(f"li-{group}-{item.id}", "li", item.text, group=group) for item in items]


def brochure_text(section: Section) -> int:
    """Characters of text in a section: what a brochure can hold is bounded by it."""
    return sum(len(block.text) + len(block.title) + sum(len(item) for item in block.items)
               for block in section.blocks)
