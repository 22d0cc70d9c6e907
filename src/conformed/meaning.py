"""Phrases -> elementary edits: what an instruction does, in the terms of :mod:`conformed.ast`.

The rules, each small and named:

* targets, back references, anchors and new text come from :mod:`conformed.compose` and its
  :mod:`~conformed.compose_targets` and :mod:`~conformed.compose_text`;
* a statement ("Section 2.1 is hereby deleted") is read here, by its frame; an instruction in the
  active voice ("amended by deleting ...") by :mod:`conformed.actions`, one function per verb;
  both build their edits with :mod:`conformed.editing`;
* a deletion followed by "substituting ... therefor", "inserting ... in lieu thereof" or
  "replacing such word with ..." is one replacement; "respectively" pairs lists in order;
* a deleted provision replaced by new text is a restatement; new text that brings a provision
  of its own (a new clause, definitions in alphabetical order, "new Section 2.19") is an addition.

Anything that does not fit these rules is an ``unsupported`` edit carrying the reason, never a
guess.
"""
from __future__ import annotations

from . import actions, ast, compose, compose_targets, compose_text, editing
from .ast import Edit, NewText
from .phrases import Modifier, NewProvision, Quoted, Reading, Statement, Target

# ------------------------------------------------------------------------------ entry point
def edits_of(reading: Reading, payload: NewText | None, intro: ast.Target | None = None) -> tuple[list[Edit], ast.Target | None]:
    """The edits of one head. Returns (edits, intro target): the second is set when the head only
    introduces items ("Section 13 of the Agreement is hereby amended by:")."""
    notes = (reading.lead,) if reading.lead else ()
    if reading.proviso:
        notes += (reading.proviso,)
    ctx = compose.Context(payload, subject=intro, notes=notes)
    if reading.actions:
        return actions.edits_of(reading.actions, ctx), None
    out: list[Edit] = []
    for i, statement in enumerate(reading.statements):
        ctx.sibling = i > 0  # "Clause (c) ... is deleted and clause (d) is relettered": (d) is (c)'s sibling
        edits, opened = _statement(statement, ctx)
        if opened is not None:
            return out, opened
        out = editing.merge(out, edits, compose.Parts())  # "... is deleted and Exhibit B ... is substituted therefor"
    return out, None


def _statement(st: Statement, ctx: compose.Context) -> tuple[list[Edit], ast.Target | None]:
    subject = compose_targets.subject_targets(st.subject, ctx) if st.subject else []
    if subject:
        if ctx.subject is not None:
            subject = [s.within(ctx.subject)
                       if compose_targets.is_relative_path(s) and compose_targets.needs_context(s, ctx)
                       else compose_targets.in_document(s, ctx) for s in subject]
        ctx.subject = subject[0]
        ctx.subjects = subject
    kind = st.kind
    if kind == "amended" and st.inner is not None:
        if st.inner.kind == "intro":
            return [], ctx.subject
        if st.inner.kind == "so_that" and st.inner.inner is not None:
            return _statement(st.inner.inner, ctx)
        if st.inner.kind == "reflect":
            return [editing.unsupported(ctx, "the amendment describes the change (\"amended to reflect ...\", "
                                             "\"amended to provide that ...\") without giving the new words")], None
    if kind == "intro" or (kind == "amended" and not st.actions):
        return [], ctx.subject
    if kind == "restated" and ctx.payload is None and _only_as_follows(st):
        return [], ctx.subject  # "... is hereby amended as follows:" and items follow
    if kind == "amended":
        if all(a.verb == "amend" for a in st.actions) and not editing.has_new_text(st.actions):
            return [], ctx.subject  # "amended by amending the following definitions as indicated"
        return actions.edits_of(st.actions, ctx), None
    handler = _FRAMES.get(kind)
    if handler is None:
        return [editing.unsupported(ctx, f"a \"{kind}\" instruction is not supported")], None
    return handler(st, subject, ctx), None


# ------------------------------------------------------------------------------ frames
def _only_as_follows(st: Statement) -> bool:
    return len(st.elements) == 1 and isinstance(st.elements[0], Modifier) \
        and st.elements[0].name == "as_follows" and st.elements[0].text.lower() == "as follows"


def _restated(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    parts = compose.parts_of(st.elements + st.second)
    new = compose_text.attached_text(parts) or ctx.payload
    edits = [editing.edit(ctx, "restate", t, new_text=new) for t in subject]
    return editing.shared_out(edits, new, parts)


def _deleted(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    words = compose_targets.subject_words(st)
    if not st.second:
        if words:
            scope = compose_targets.scope_of(st.subject, ctx)
            return [editing.edit(ctx, "delete", scope, text=w) for w in words.words]
        return [editing.edit(ctx, "delete", t) for t in subject]
    return _replaced_by(st, subject, compose.parts_of(st.second), ctx)


def _replaced(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    return _replaced_by(st, subject, compose.parts_of(st.elements), ctx)


def _replaced_by(st: Statement, subject: list[ast.Target], parts: compose.Parts, ctx: compose.Context) -> list[Edit]:
    words = compose_targets.subject_words(st)
    new = compose_text.new_text_of(parts, ctx)
    scopes = compose_targets.scope_targets(parts, ctx)
    if words:
        targets = scopes or [compose_targets.scope_of(st.subject, ctx)]
        subject_parts = compose.parts_of(st.subject + st.elements + st.second)
        return [editing.edit(ctx, "replace", editing.excluding(t, subject_parts, ctx, w), text=w, new_text=new,
                             occurrence=editing.occurrence(words, subject_parts))
                for t in targets for w in words.words]
    new_provision = next((c.head for c in parts.withs if isinstance(c.head, NewProvision)), None)
    if new_provision is not None:  # "removed ... and is replaced by new Section 2.19"
        added = compose_targets.add_target(new_provision, ctx)
        return [editing.edit(ctx, "delete", t) for t in subject] + [editing.edit(ctx, "add", added, new_text=new)]
    action = "replace" if any(t.units for t in subject) else "restate"
    return [editing.edit(ctx, action, t, new_text=new) for t in subject]


def _added(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    parts = compose.parts_of(st.subject + st.elements)
    return actions.insertion(parts, ctx, force_add=True)


def _renumbered(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    """"Sections 6.13 and 6.14 ... are renumbered as Sections 6.14 and 6.15, respectively",
    "clause (f) is relettered as clause (e)"."""
    renamed = compose.parts_of(st.elements).flags.get("renamed_as")
    if renamed is not None and subject:
        return editing.renumbering(subject, compose_targets.targets_of(renamed.target, [], ctx), ctx)
    return [editing.edit(ctx, "renumber", t, reason="renumbering described by its cause only") for t in subject] \
        or [editing.unsupported(ctx, "nothing to renumber")]


def _changed(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    words = compose_targets.subject_words(st)
    parts = compose.parts_of(st.elements)
    new = next((c.head for c in parts.objects if isinstance(c.head, Quoted)), None)
    if not words or new is None:
        raise compose.NotUnderstood("\"changed to\" needs the old and the new words")
    new_text = compose_text.inline_text(new)
    scope = compose_targets.targets_of(words.scope, [], ctx)[0] if words.scope is not None \
        else compose_targets.scope_of(st.subject, ctx)
    subject_parts = compose.parts_of(st.subject)
    return [editing.edit(ctx, "replace", scope, text=w, new_text=new_text,
                         occurrence=editing.occurrence(words, subject_parts)) for w in words.words]


def _phased(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    return [editing.unsupported(ctx, "the figure changes on several future dates; a conformed copy as of a date "
                                     "needs those dates applied by hand")]


def _references(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    within = compose.parts_of(st.subject)
    old = next((c.words for c in st.subject if isinstance(c, Modifier) and c.name == "within_words"), None)
    parts = compose.parts_of(st.elements)
    new = compose_text.new_text_of(parts, ctx)
    if old is None or not isinstance(old, Quoted) or new is None:
        raise compose.NotUnderstood("\"all references to\" needs quoted words on both sides")
    scopes = [t for t in compose_targets.scope_targets(within, ctx) if t.path] or [ast.Target()]
    return [editing.edit(ctx, "replace", scopes[0], text=w, new_text=new, occurrence="all") for w in old.words]


def _deemed_replaced(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    return [editing.edit(ctx, "replace", t, new_text=ctx.payload) for t in subject]


def _reflect(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    return [editing.unsupported(ctx, "the amendment describes the change without giving the new words")]


def _renumber_reflect(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    return [editing.edit(ctx, "renumber", t,
                         reason="the renumbering is described by its cause, not by the new numbers") for t in subject]


def _changed_from(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    """"The Tenant's Share set forth in Section 1.1(f) is hereby changed from "12.5%" to "18.75%"."""
    return editing.from_to(list(st.elements), compose.parts_of(st.subject), ctx)


def _substituted(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    """"... is deleted in its entirety and Exhibit B attached to this Amendment is substituted
    therefor": the new text of the provision the statement before deleted."""
    parts = compose.parts_of(st.subject + st.elements)
    new = compose_text.attached_text(parts, next((c.head for c in parts.objects if isinstance(c.head, Target)), None)) \
        or ctx.payload
    return [Edit("replace", None, None, new, reason="merge")]


_FRAMES = {"restated": _restated, "deleted": _deleted, "replaced": _replaced, "added": _added,
           "renumbered": _renumbered, "changed": _changed, "phased": _phased, "references": _references,
           "deemed_references": _changed, "deemed_replaced": _deemed_replaced, "reflect": _reflect,
           "renumber_reflect": _renumber_reflect, "changed_from": _changed_from, "substituted": _substituted}
