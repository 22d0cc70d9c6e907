"""Phrases -> the new text of an edit: quoted words, the payload after the colon, an exhibit
attached to the amendment, or a payload of several definitions split one per term.
"""
from __future__ import annotations

from dataclasses import replace

from . import labels
from .ast import NewText
from .compose import Context, Parts
from .phrases import Following, NewProvision, Quoted, Target


def new_text_of(parts: Parts, ctx: Context) -> NewText | None:
    for chain in parts.withs + parts.objects:
        head = chain.head
        if isinstance(head, Following):
            return ctx.payload
        if isinstance(head, Quoted) and head.words and chain in parts.withs:
            return inline_text(head)
        if isinstance(head, NewProvision) and chain in parts.withs:
            return ctx.payload
        if isinstance(head, Target) and chain in parts.withs:
            return attached_text(parts, head) or ctx.payload
    quoted = [c.head for c in parts.objects if isinstance(c.head, Quoted) and c.head.words]
    if quoted:
        return inline_text(quoted[0])
    if any(isinstance(c.head, NewProvision) for c in parts.objects) or "as_follows" in parts.flags:
        return ctx.payload
    return attached_text(parts)


def inline_text(quoted: Quoted) -> NewText:
    """Quoted new words; a list ("C" and "D", respectively) keeps one block a quotation."""
    first, last = quoted.words[0], quoted.words[-1]
    return NewText(tuple(w.as_new_words for w in quoted.words), first.start, last.end, inline=True)


def attached_text(parts: Parts, head: Target | None = None) -> NewText | None:
    """'as set forth on Schedule I attached hereto', 'Annex A hereto', '... attached hereto as Exhibit A'."""
    here = parts.flags.get("attached_here")
    attached = parts.flags.get("attached")
    renamed = parts.flags.get("renamed_as")
    name = ""
    if here is not None and here.text:
        name = f"{here.word.capitalize()} {here.text}"
    elif renamed is not None and renamed.target is not None and renamed.target.form == "provisions":
        name = renamed.target.written
    elif attached is not None and attached.target is not None:
        name = attached.target.written
    elif head is not None and head.form == "provisions" and any(
            c.name == "there" and c.word == "hereto" for c in parts.flags.values()):
        name = head.written
    if not name and here is not None:  # "replaced with Exhibit B attached hereto"
        name = next((c.head.written for c in parts.withs + parts.objects
                     if isinstance(c.head, Target) and c.head.form == "provisions"), "")
    if not name:
        for chain in parts.objects + parts.withs + parts.scopes:
            if any(m.name == "there" and m.word == "hereto" for m in chain.containers) and isinstance(chain.head, Target):
                name = chain.head.written
    return NewText((), 0, 0, attachment=name) if name else None


def about_definitions(following: Following | None) -> bool:
    return following is not None and any(w in following.noun for w in ("definition", "defined", "term"))


def definition_blocks(new: NewText | None) -> list[NewText] | None:
    """Split a payload of several definitions into one text per defined term."""
    if new is None or not new.blocks:
        return None
    groups: list[list[str]] = []
    for block in new.blocks:
        if labels.definition_term(block) or not groups:
            groups.append([block])
        else:
            groups[-1].append(block)
    return [replace(new, blocks=tuple(g)) for g in groups]


def term_of(parts: Parts) -> str:
    for chain in parts.scopes + parts.objects:
        for mod in chain.containers:
            if mod.name == "within_words" and isinstance(mod.words, Quoted) and mod.words.words:
                return mod.words.words[0].text
    return ""
