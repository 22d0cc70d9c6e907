"""Phrases -> elementary edits: what an instruction does, in the terms of :mod:`conformed.ast`.

The rules, each small and named:

* targets, back references, anchors and new text come from :mod:`conformed.compose`;
* a deletion followed by "substituting ... therefor", "inserting ... in lieu thereof" or
  "replacing such word with ..." is one replacement; "respectively" pairs lists in order;
* a deleted provision replaced by new text is a restatement; new text that brings a provision
  of its own (a new clause, definitions in alphabetical order, "new Section 2.19") is an addition.

Anything that does not fit these rules is an ``unsupported`` edit carrying the reason, never a
guess.
"""
from __future__ import annotations

from dataclasses import replace

from . import ast, compose, compose_targets, compose_text, labels
from .ast import Anchor, Edit, NewText, Ref, Unit, Words
from .phrases import Following, Modifier, NewProvision, Punct, Quoted, Reading, Statement, Target

# ------------------------------------------------------------------------------ entry point
def edits_of(reading: Reading, payload: NewText | None, intro: ast.Target | None = None) -> tuple[list[Edit], ast.Target | None]:
    """The edits of one head. Returns (edits, intro target): the second is set when the head only
    introduces items ("Section 13 of the Agreement is hereby amended by:")."""
    notes = (reading.lead,) if reading.lead else ()
    if reading.proviso:
        notes += (reading.proviso,)
    ctx = compose.Context(payload, subject=intro, notes=notes)
    if reading.actions:
        return _actions(reading.actions, ctx), None
    out: list[Edit] = []
    for i, statement in enumerate(reading.statements):
        ctx.sibling = i > 0  # "Clause (c) ... is deleted and clause (d) is relettered": (d) is (c)'s sibling
        edits, opened = _statement(statement, ctx)
        if opened is not None:
            return out, opened
        out = _merge(out, edits, compose.Parts())  # "... is deleted and Exhibit B ... is substituted therefor"
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
            return [_unsupported(ctx, "the amendment describes the change (\"amended to reflect ...\", "
                                      "\"amended to provide that ...\") without giving the new words")], None
    if kind == "intro" or (kind == "amended" and not st.actions):
        return [], ctx.subject
    if kind == "restated" and ctx.payload is None and _only_as_follows(st):
        return [], ctx.subject  # "... is hereby amended as follows:" and items follow
    if kind == "amended":
        if all(a.verb == "amend" for a in st.actions) and not _has_new_text(st.actions):
            return [], ctx.subject  # "amended by amending the following definitions as indicated"
        return _actions(st.actions, ctx), None
    handler = _FRAMES.get(kind)
    if handler is None:
        return [_unsupported(ctx, f"a \"{kind}\" instruction is not supported")], None
    return handler(st, subject, ctx), None


# ------------------------------------------------------------------------------ frames
def _only_as_follows(st: Statement) -> bool:
    return len(st.elements) == 1 and isinstance(st.elements[0], Modifier) \
        and st.elements[0].name == "as_follows" and st.elements[0].text.lower() == "as follows"


def _restated(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    parts = compose.parts_of(st.elements + st.second)
    new = compose_text.attached_text(parts) or ctx.payload
    edits = [_edit(ctx, "restate", t, new_text=new) for t in compose_text.split_respectively(subject, new, parts)]
    return _shared_out(edits, new, parts)


def _shared_out(edits: list[Edit], new: NewText | None, parts: compose.Parts) -> list[Edit]:
    """Several provisions restated by one payload each take their own part of it (by defined
    term, or in order where the amendment says "respectively")."""
    pieces = _pieces(new, edits, "respectively" in parts.flags)
    return [replace(e, new_text=p) for e, p in zip(edits, pieces)] if pieces else edits


def _deleted(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    words = compose_targets.subject_words(st)
    if not st.second:
        if words:
            scope = compose_targets.scope_of(st.subject, ctx)
            return [_edit(ctx, "delete", scope, text=w) for w in words.words]
        return [_edit(ctx, "delete", t) for t in subject]
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
        return [_edit(ctx, "replace", _excluding(t, subject_parts, ctx, w), text=w, new_text=new,
                      occurrence=_occurrence(words, subject_parts)) for t in targets for w in words.words]
    new_provision = next((c.head for c in parts.withs if isinstance(c.head, NewProvision)), None)
    if new_provision is not None:  # "removed ... and is replaced by new Section 2.19"
        added = compose_targets.add_target(new_provision, ctx)
        return [_edit(ctx, "delete", t) for t in subject] + [_edit(ctx, "add", added, new_text=new)]
    action = "replace" if any(t.units for t in subject) else "restate"
    return [_edit(ctx, action, t, new_text=new) for t in compose_text.split_respectively(subject, new, parts)]


def _added(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    parts = compose.parts_of(st.subject + st.elements)
    return _insertion(parts, ctx, force_add=True)


def _renumbered(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    """"Sections 6.13 and 6.14 ... are renumbered as Sections 6.14 and 6.15, respectively",
    "clause (f) is relettered as clause (e)"."""
    renamed = compose.parts_of(st.elements).flags.get("renamed_as")
    if renamed is not None and subject:
        return _renumbering(subject, compose_targets.targets_of(renamed.target, [], ctx), ctx)
    return [_edit(ctx, "renumber", t, reason="renumbering described by its cause only") for t in subject] \
        or [_unsupported(ctx, "nothing to renumber")]


def _renumbering(olds: list[ast.Target], news: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    olds = [t for old in olds for t in compose_targets.expanded(old)]
    news = [t for new in news for t in compose_targets.expanded(new)]
    if len(olds) != len(news) or not olds:
        return [_unsupported(ctx, f"{len(olds)} provision(s) to renumber, {len(news)} new number(s)")]
    return [_edit(ctx, "renumber", old, renumber=((old.path[-1].value, new.path[-1].value),))
            for old, new in zip(olds, news)]


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
    return [_edit(ctx, "replace", scope, text=w, new_text=new_text, occurrence=_occurrence(words, subject_parts))
            for w in words.words]


def _phased(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    return [_unsupported(ctx, "the figure changes on several future dates; a conformed copy as of a date "
                              "needs those dates applied by hand")]


def _references(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    within = compose.parts_of(st.subject)
    old = next((c.words for c in st.subject if isinstance(c, Modifier) and c.name == "within_words"), None)
    parts = compose.parts_of(st.elements)
    new = compose_text.new_text_of(parts, ctx)
    if old is None or not isinstance(old, Quoted) or new is None:
        raise compose.NotUnderstood("\"all references to\" needs quoted words on both sides")
    scopes = [t for t in compose_targets.scope_targets(within, ctx) if t.path] or [ast.Target()]
    return [_edit(ctx, "replace", scopes[0], text=w, new_text=new, occurrence="all") for w in old.words]


def _deemed_replaced(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    return [_edit(ctx, "replace", t, new_text=ctx.payload) for t in subject]


def _reflect(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    return [_unsupported(ctx, "the amendment describes the change without giving the new words")]


def _renumber_reflect(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    return [_edit(ctx, "renumber", t, reason="the renumbering is described by its cause, not by the new numbers")
            for t in subject]


def _changed_from(st: Statement, subject: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    """"The Tenant's Share set forth in Section 1.1(f) is hereby changed from "12.5%" to "18.75%"."""
    return _from_to(list(st.elements), compose.parts_of(st.subject), ctx)


def _from_to(elements: list, scope_parts: compose.Parts, ctx: compose.Context) -> list[Edit]:
    quoted = [e for e in elements if isinstance(e, Quoted)]
    if len(quoted) != 2:
        raise compose.NotUnderstood("\"from ... to ...\" needs the old and the new words")
    old, new = quoted
    named = next((c for c in scope_parts.objects if isinstance(c.head, Target)), None)
    if named is not None and named.head.form == "doc" and named.containers:
        # "The Tenant's Share set forth in Section 1.1(f)": a thing described, in a provision named
        described = compose_targets.atom(named.head, ctx)[0].path
        scope = compose_targets.path_of(named.containers, ctx)
        scopes = [ast.Target(tuple(r for r in scope.path if r not in described), scope.units)]
    else:
        scopes = compose_targets.scope_targets(scope_parts, ctx) or [ctx.antecedent or ast.Target()]
    return [_edit(ctx, "replace", scopes[0], text=w, new_text=compose_text.inline_text(new)) for w in old.words]


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


# ------------------------------------------------------------------------------ actions
def _actions(actions: tuple, ctx: compose.Context) -> list[Edit]:
    out: list[Edit] = []
    for action in actions:
        parts = compose.parts_of(action.elements)
        if action.verb == "amend" and not action.elements:
            continue  # "amending and restating", "amending and supplementing": the second verb says it
        if action.verb == "amend":
            targets = compose_targets.object_targets(parts, ctx)
            if targets and not _has_new_text((action,)):
                ctx.scope = targets[0]
                continue
            raise compose.NotUnderstood("\"amending\" with new text is not a form the engine reads")
        if action.verb == "change":
            out.extend(_from_to(list(action.elements), parts, ctx))
            continue
        handler = {"delete": _delete, "insert": _insertion, "replace": _replace, "substitute": _substitute,
                   "restate": _restate_action, "renumber": _renumber}[action.verb]
        ctx.follows_deletion = bool(out) and out[-1].action == "delete" and out[-1].text is not None
        new = handler(parts, ctx)
        out = _merge(out, new, parts)
    return out


def _delete(parts: compose.Parts, ctx: compose.Context) -> list[Edit]:
    edits: list[Edit] = []
    anchor = compose_targets.anchor_of(parts, ctx)
    for chain in parts.objects:
        head = chain.head
        if isinstance(head, Quoted) and head.noun == "stricken text":
            return [_blackline(parts, ctx)]
        if isinstance(head, (Quoted, Punct)):
            occurrence = _occurrence(head, parts)
            for target in _words_where(chain, parts, ctx, anchor):
                for w in _quoted_words(head):
                    edits.append(_edit(ctx, "delete", _excluding(target, parts, ctx, w), text=w, anchor=anchor,
                                       occurrence=occurrence))
        elif isinstance(head, Target) and head.form == "references_elsewhere":
            edits.append(_unsupported(ctx, "\"all references thereto contained elsewhere\" names no words to delete"))
        elif isinstance(head, Target):
            for target in compose_targets.targets_of(head, chain.containers, ctx):
                edits.append(_edit(ctx, "delete", target))
    if not edits:
        raise compose.NotUnderstood("nothing to delete")
    return edits


def _where(chain: compose.Chain, parts: compose.Parts, ctx: compose.Context) -> list[ast.Target]:
    """Where quoted words are: their own scope ("the references in (b)(ii) to ..."), the places
    written after them ("in the third and fourth paragraphs of Section 2.08 and in Section
    2.11"), else the antecedent."""
    found: list[ast.Target] = []
    head = chain.head
    if isinstance(head, Quoted) and head.scope is not None:
        found.extend(compose_targets.targets_of(head.scope, chain.containers, ctx))
    elif chain.containers:
        found.extend(compose_targets.paths_of(chain.containers, ctx))
    found.extend(compose_targets.scope_targets(parts, ctx))
    return found or [ctx.antecedent or ast.Target()]


def _words_where(chain: compose.Chain, parts: compose.Parts, ctx: compose.Context,
                 anchor: Anchor | None) -> list[ast.Target]:
    """Where quoted words to delete or replace are: "the word "or" at the end of clause (c)" is
    in clause (c); otherwise as :func:`_where` says."""
    if anchor is not None and anchor.side in ("end", "start") and anchor.target is not None \
            and not chain.containers and anchor.words is None:
        return [anchor.target]
    return _where(chain, parts, ctx)


def _excluding(target: ast.Target, parts: compose.Parts, ctx: compose.Context, words: Words) -> ast.Target:
    """"each place it appears (other than in the definition thereof)", "except in Section 2.02":
    the target, with the place its words are not to be changed."""
    exclusion = parts.flags.get("exclusion")
    if exclusion is None or exclusion.target is None:
        return target
    if exclusion.target.form == "it" and exclusion.target.kind == "definition":  # the definition of these words
        path: tuple[Ref, ...] = (Ref("definition", words.text, f'the definition of "{words.text}"'),)
    else:
        found = compose_targets.targets_of(exclusion.target, [], ctx)
        path = found[0].path if found else ()
    return replace(target, exclude=path) if path else target


def _quoted_words(head: Quoted | Punct) -> tuple[Words, ...]:
    return (Words(head.mark, head.span.start, head.span.end),) if isinstance(head, Punct) else head.words


def _insertion(parts: compose.Parts, ctx: compose.Context, force_add: bool = False) -> list[Edit]:
    if any(isinstance(c.head, Quoted) and c.head.noun == "inserted text" for c in parts.objects):
        return [_blackline(parts, ctx)]
    new = compose_text.attached_text(parts) or compose_text.new_text_of(parts, ctx)
    anchor = compose_targets.anchor_of(parts, ctx)
    if "lieu" in parts.flags and "order" not in parts.flags and anchor is None:
        return [Edit("replace", None, None, new, reason="merge")]  # "inserting in place thereof ..."
    provision = next((c.head for c in parts.objects if isinstance(c.head, NewProvision)), None)
    following = next((c.head for c in parts.objects if isinstance(c.head, Following)), None)
    as_new = parts.flags.get("as_new")
    order = "alphabetical" if "order" in parts.flags else ""
    target = _destination(parts, ctx, anchor)
    units = (provision.units if provision is not None else ()) or (as_new.units if as_new is not None else ())
    if units:  # "as new third and fourth sentences": after the sentence before the first of them
        first = units[0]
        base = target or ast.Target()
        after = Anchor("after", target=ast.Target(base.path, base.units + (Unit(first.kind, first.index - 1),)))
        return [_edit(ctx, "insert", target, new_text=new, anchor=after)]
    label = _new_label(parts, provision, as_new, force_add, ctx, following)
    adds = force_add or label is not None or bool(order) or provision is not None \
        or (following is not None and following.noun.replace("new ", "") in compose.PROVISION_NOUNS) \
        or (anchor is not None and anchor.side in ("after", "before") and anchor.target is not None
            and not anchor.target.units and not anchor.words and not anchor.punct)
    if adds:
        if label is not None and label.path[:-1]:
            target = ast.Target(compose_targets.joined((target or ast.Target()).path, label.path[:-1]))
        blocks = compose_text.definition_blocks(new) if order or compose_text.about_definitions(following) else None
        if blocks and len(blocks) > 1:
            return [_edit(ctx, "add", target, new_text=b, anchor=anchor, order=order) for b in blocks]
        return [_edit(ctx, "add", target, new_text=new, anchor=anchor, order=order,
                      new_label=label.path[-1] if label else None, term=compose_text.term_of(parts))]
    if new is None and following is None:
        raise compose.NotUnderstood("no new text to insert")
    if anchor is None and ctx.follows_deletion:
        # the statute style "by striking "X" and inserting "Y"": the new words take the old ones' place
        return [Edit("replace", None, None, new, reason="merge")]
    if anchor is None:
        raise compose.NotUnderstood("the instruction does not say where to insert the new text")
    if anchor.each or "every" in parts.flags:
        occurrence = "all"
    else:
        occurrence = anchor.nth or (int(parts.flags["nth"].text) if "nth" in parts.flags else None)
    lines = compose_targets.anchor_lines(parts, ctx)
    if len(lines) > 1:  # "in each of the second and fifth lines": one insertion per line
        return [_edit(ctx, "insert", target, new_text=new, anchor=anchor, lines=(n,), occurrence=occurrence)
                for n in lines]
    return [_edit(ctx, "insert", target, new_text=new, anchor=anchor, occurrence=occurrence)]


def _destination(parts: compose.Parts, ctx: compose.Context, anchor: Anchor | None) -> ast.Target | None:
    """Where new text goes: the anchor's place, else the places written ("to such section",
    "to the Credit Support Annex"), else the antecedent."""
    if anchor is not None and anchor.target is not None and not (
            anchor.side in ("after", "before") and not anchor.words and not anchor.punct):
        return anchor.target
    for chain in parts.objects:
        if isinstance(chain.head, (Following, NewProvision)) and chain.containers:
            return compose_targets.path_of(chain.containers, ctx)
    scopes = compose_targets.scope_targets(parts, ctx)
    return scopes[0] if scopes else ctx.antecedent


def _new_label(parts: compose.Parts, provision: NewProvision | None, as_new: Modifier | None, force_add: bool,
               ctx: compose.Context, following: Following | None = None) -> ast.Target | None:
    """The designation a new provision will carry: "as a new Paragraph 13(b)(ii)(C)", "a new
    clause (t)", "the following new clause (b)", "a new annex thereto, entitled Annex A",
    "Article 39(f) shall be added"."""
    if as_new is not None and as_new.target is not None:
        return compose_targets.atom(as_new.target, ctx)[0]
    if following is not None and following.target is not None and following.target.form == "provisions":
        return compose_targets.atom(following.target, ctx)[0]
    if provision is not None and provision.num:
        return ast.Target((Ref(provision.kind, provision.num, f"{provision.kind} {provision.num}"),))
    title = parts.flags.get("title")
    if provision is not None and title is not None and title.text:
        return ast.Target((Ref(title.word or provision.kind, title.text, f"{title.word} {title.text}"),))
    if force_add:
        chain = next((c for c in parts.objects if isinstance(c.head, Target) and c.head.form == "provisions"), None)
        if chain is not None:
            return compose_targets.targets_of(chain.head, chain.containers, ctx)[0]
    return None


def _replace(parts: compose.Parts, ctx: compose.Context) -> list[Edit]:
    new = compose_text.new_text_of(parts, ctx)
    edits: list[Edit] = []
    respectively = "respectively" in parts.flags
    for chain in parts.objects:
        head = chain.head
        if isinstance(head, Target) and head.form == "it":
            return [Edit("replace", None, None, new, reason="merge")]
        if isinstance(head, (Quoted, Punct)):
            words = _quoted_words(head)
            news = list(new.blocks) if respectively and new is not None and len(new.blocks) == len(words) else None
            anchor = compose_targets.anchor_of(parts, ctx)
            for target in _words_where(chain, parts, ctx, anchor):
                for i, w in enumerate(words):
                    value = replace(new, blocks=(news[i],)) if news else new
                    edits.append(_edit(ctx, "replace", _excluding(target, parts, ctx, w), text=w, new_text=value,
                                       anchor=anchor, occurrence=_occurrence(head, parts)))
        elif isinstance(head, Target):
            for target in compose_targets.targets_of(head, chain.containers, ctx):
                edits.append(_edit(ctx, "restate", target, new_text=new))
    if not edits:
        raise compose.NotUnderstood("nothing to replace")
    return edits


def _substitute(parts: compose.Parts, ctx: compose.Context) -> list[Edit]:
    return [Edit("replace", None, None, compose_text.new_text_of(parts, ctx), reason="merge")]


def _restate_action(parts: compose.Parts, ctx: compose.Context) -> list[Edit]:
    new = compose_text.attached_text(parts) or ctx.payload
    targets = compose_targets.object_targets(parts, ctx)
    following = next((c.head for c in parts.objects if isinstance(c.head, Following)), None)
    if not targets and compose_text.about_definitions(following):
        return _restated_definitions(new, ctx)
    if not targets:
        raise compose.NotUnderstood("nothing to restate")
    return _shared_out([_edit(ctx, "restate", t, new_text=new) for t in targets], new, parts)


def _restated_definitions(new: NewText | None, ctx: compose.Context) -> list[Edit]:
    """"restating the following definitions in their entirety": each definition given restates
    the definition of its own term, wherever the antecedent says."""
    blocks = compose_text.definition_blocks(new) or []
    scope = ctx.antecedent or ast.Target()
    edits = []
    for block in blocks:
        term = labels.definition_term(block.blocks[0]) or ""
        target = ast.Target(scope.path + (Ref("definition", term, f'the definition of "{term}"'),))
        edits.append(_edit(ctx, "restate", target, new_text=block))
    if not edits:
        raise compose.NotUnderstood("the definitions to restate are not given after the colon")
    return edits


def _renumber(parts: compose.Parts, ctx: compose.Context) -> list[Edit]:
    renamed = parts.flags.get("renamed_as")
    targets = compose_targets.object_targets(parts, ctx)
    if renamed is not None and targets:
        return _renumbering(targets, compose_targets.targets_of(renamed.target, [], ctx), ctx)
    if "accordingly" in parts.flags:
        return [_edit(ctx, "renumber", ctx.antecedent, order="remaining")]
    raise compose.NotUnderstood("renumbering without the new numbers")


def _pieces(new: NewText | None, olds: list[Edit], respectively: bool) -> list[NewText] | None:
    """Give each deleted thing its part of the new text: in order ("respectively", or one inline
    quotation each), or by defined term when several definitions are replaced."""
    if new is None or len(olds) < 2:
        return None
    if (respectively or new.inline) and len(new.blocks) == len(olds):
        return [replace(new, blocks=(b,)) for b in new.blocks]
    blocks = compose_text.definition_blocks(new)
    terms = [o.target.path[-1].value.lower() for o in olds if o.target and o.target.path
             and o.target.path[-1].kind == "definition"]
    if blocks and len(terms) == len(olds):
        by_term = {(labels.definition_term(b.blocks[0]) or "").lower(): b for b in blocks}
        if all(t in by_term for t in terms):
            return [by_term[t] for t in terms]
    return None


def _merge(done: list[Edit], new: list[Edit], parts: compose.Parts) -> list[Edit]:
    """Join "deleting X ... and substituting Y therefor" into one replacement."""
    merging = [e for e in new if e.reason == "merge"] or (
        [e for e in new if e.action in ("insert", "add") and "lieu" in parts.flags and not e.order])
    if not merging or not done:
        return done + new
    replacement = merging[0]
    previous = [e for e in done if e.action == "delete"]
    if not previous:
        return done + new
    rest = [e for e in done if e.action != "delete"]
    merged = []
    news = _pieces(replacement.new_text, previous, "respectively" in parts.flags)
    for i, old in enumerate(previous):
        new_text = news[i] if news else replacement.new_text
        if old.text is not None:
            merged.append(replace(old, action="replace", new_text=new_text))
        else:
            action = "replace" if old.target and old.target.units else "restate"
            merged.append(replace(old, action=action, new_text=new_text))
    return rest + merged + [e for e in new if e is not replacement and e.reason != "merge"]


def _blackline(parts: compose.Parts, ctx: compose.Context) -> Edit:
    attachment = compose_text.attached_text(parts)
    return _edit(ctx, "restate", ast.Target(), new_text=attachment or NewText((), 0, 0, attachment="the attached pages"),
                 reason="the changes are marked on attached pages")


def _occurrence(head: Quoted | Punct, parts: compose.Parts) -> str | int | None:
    """"all" for "each place it appears", n for "the second occurrence of", else None."""
    if "every" in parts.flags or getattr(head, "each", False):
        return "all"
    if getattr(head, "nth", 0):
        return head.nth
    if "nth" in parts.flags:
        return int(parts.flags["nth"].text)
    return None


def _has_new_text(actions) -> bool:
    for action in actions:
        for el in action.elements:
            if isinstance(el, Modifier) and el.name == "with":
                return True
            if isinstance(el, (Quoted,)) and action.verb != "amend":
                return True
            if isinstance(el, Modifier) and el.name in compose.ANCHORS:
                return True
    return False


def _edit(ctx: compose.Context, action: str, target: ast.Target | None, *, text: Words | None = None,
          new_text: NewText | None = None, anchor: Anchor | None = None, occurrence=None,
          lines: tuple[int, ...] = (), order: str = "", new_label: Ref | None = None,
          renumber: tuple = (), reason: str = "", incipit: Words | None = None, term: str = "") -> Edit:
    lines = lines or (compose_targets.line_numbers(target) if target else ()) \
        or (compose_targets.line_numbers(anchor.target) if anchor else ())
    if target is not None and lines:
        target = replace(target, units=tuple(u for u in target.units if u.kind != "line"))
    if anchor is not None and anchor.target is not None and lines:
        anchor = replace(anchor, target=replace(anchor.target, units=tuple(
            u for u in anchor.target.units if u.kind != "line")))
    notes = ctx.notes + ((f'defines "{term}"',) if term else ())
    return Edit(action, target, text, new_text, anchor, occurrence, lines, order, new_label, renumber, reason,
                notes, incipit)


def _unsupported(ctx: compose.Context, reason: str) -> Edit:
    return Edit("unsupported", ctx.subject, reason=reason, notes=ctx.notes)
