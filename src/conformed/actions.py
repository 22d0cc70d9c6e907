"""Actions -> edits: the active voice of an instruction ("amended by deleting ... and inserting
... in lieu thereof"), one function per verb. The verbs of one instruction are read in order, and
a deletion followed by its substitute is one replacement (:func:`conformed.editing.merge`).
"""
from __future__ import annotations

from dataclasses import replace

from . import ast, compose, compose_targets, compose_text, editing, labels
from .ast import Anchor, Edit, NewText, Ref, Unit, Words
from .phrases import Following, Modifier, NewProvision, Punct, Quoted, Target


def edits_of(actions: tuple, ctx: compose.Context) -> list[Edit]:
    """The edits of the actions of one instruction, in order; "amending the definition of X" opens
    X as the place the actions after it work in."""
    out: list[Edit] = []
    last: list[Edit] = []  # the edits of the action before this one
    for action in actions:
        parts = compose.parts_of(action.elements)
        if action.verb == "amend" and not action.elements:
            continue  # "amending and restating", "amending and supplementing": the second verb says it
        if action.verb == "amend":
            targets = compose_targets.object_targets(parts, ctx)
            if targets and not editing.has_new_text((action,)):
                ctx.scope = targets[0]
                continue
            raise compose.NotUnderstood("\"amending\" with new text is not a form the engine reads")
        if action.verb == "change":
            out.extend(editing.from_to(list(action.elements), parts, ctx))
            continue
        handler = {"delete": _delete, "insert": insertion, "replace": _replace, "substitute": _substitute,
                   "restate": _restate_action, "renumber": _renumber}[action.verb]
        ctx.follows_deletion = bool(out) and out[-1].action == "delete" and out[-1].text is not None
        new = handler(parts, ctx)
        out = editing.merge(out, new, parts, last)
        last = new
    return out


def _delete(parts: compose.Parts, ctx: compose.Context) -> list[Edit]:
    edits: list[Edit] = []
    anchor = compose_targets.anchor_of(parts, ctx)
    for chain in parts.objects:
        head = chain.head
        if isinstance(head, Quoted) and head.noun == "stricken text":
            return [_blackline(parts, ctx)]
        if isinstance(head, (Quoted, Punct)):
            occurrence = editing.occurrence(head, parts)
            for target in _words_where(chain, parts, ctx, anchor):
                for w in _quoted_words(head):
                    edits.append(editing.edit(ctx, "delete", editing.excluding(target, parts, ctx, w), text=w,
                                              anchor=anchor, occurrence=occurrence))
        elif isinstance(head, Target) and head.form == "references_elsewhere":
            edits.append(editing.unsupported(ctx, "\"all references thereto contained elsewhere\" names no words "
                                                  "to delete"))
        elif isinstance(head, Target):
            for target in compose_targets.targets_of(head, chain.containers, ctx):
                edits.append(editing.edit(ctx, "delete", target))
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


def _quoted_words(head: Quoted | Punct) -> tuple[Words, ...]:
    return (Words(head.mark, head.span.start, head.span.end),) if isinstance(head, Punct) else head.words


def insertion(parts: compose.Parts, ctx: compose.Context, force_add: bool = False) -> list[Edit]:
    """"inserting ..." and "adding ...": new words at an anchor, or a provision of their own (the
    statement "... is hereby added" forces the second)."""
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
        return [editing.edit(ctx, "insert", target, new_text=new, anchor=after)]
    label = _new_label(parts, provision, as_new, force_add, ctx, following)
    if force_add or _brings_provision(label, order, provision, following, anchor):
        return _addition(parts, ctx, target, new, anchor, order, label, following)
    return _words_inserted(parts, ctx, target, new, anchor, following)


def _brings_provision(label: ast.Target | None, order: str, provision: NewProvision | None,
                      following: Following | None, anchor: Anchor | None) -> bool:
    """Is the new text a provision of its own (a label, "in alphabetical order", "a new Section",
    "the following new clause", or placed after or before a whole provision) rather than words
    inside one?"""
    return label is not None or bool(order) or provision is not None \
        or (following is not None and following.noun.replace("new ", "") in compose.PROVISION_NOUNS) \
        or (anchor is not None and anchor.side in ("after", "before") and anchor.target is not None
            and not anchor.target.units and not anchor.words and not anchor.punct)


def _addition(parts: compose.Parts, ctx: compose.Context, target: ast.Target | None, new: NewText | None,
              anchor: Anchor | None, order: str, label: ast.Target | None, following: Following | None) -> list[Edit]:
    """A new provision added inside ``target`` (or where its label says); several definitions
    given together are one addition each, so each finds its own place in the order."""
    if label is not None and label.path[:-1]:
        target = ast.Target(compose_targets.joined((target or ast.Target()).path, label.path[:-1]))
    blocks = compose_text.definition_blocks(new) if order or compose_text.about_definitions(following) else None
    if blocks and len(blocks) > 1:
        return [editing.edit(ctx, "add", target, new_text=b, anchor=anchor, order=order) for b in blocks]
    return [editing.edit(ctx, "add", target, new_text=new, anchor=anchor, order=order,
                         new_label=label.path[-1] if label else None, term=compose_text.term_of(parts))]


def _words_inserted(parts: compose.Parts, ctx: compose.Context, target: ast.Target | None, new: NewText | None,
                    anchor: Anchor | None, following: Following | None) -> list[Edit]:
    """New words at an anchor ("immediately after the words X"), at each place or line named."""
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
        return [editing.edit(ctx, "insert", target, new_text=new, anchor=anchor, lines=(n,),
                             occurrence=occurrence) for n in lines]
    return [editing.edit(ctx, "insert", target, new_text=new, anchor=anchor, occurrence=occurrence)]


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
                    edits.append(editing.edit(ctx, "replace", editing.excluding(target, parts, ctx, w), text=w,
                                              new_text=value, anchor=anchor,
                                              occurrence=editing.occurrence(head, parts)))
        elif isinstance(head, Target):
            for target in compose_targets.targets_of(head, chain.containers, ctx):
                edits.append(editing.edit(ctx, "restate", target, new_text=new))
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
    return editing.shared_out([editing.edit(ctx, "restate", t, new_text=new) for t in targets], new, parts)


def _restated_definitions(new: NewText | None, ctx: compose.Context) -> list[Edit]:
    """"restating the following definitions in their entirety": each definition given restates
    the definition of its own term, wherever the antecedent says."""
    blocks = compose_text.definition_blocks(new) or []
    scope = ctx.antecedent or ast.Target()
    edits = []
    for block in blocks:
        term = labels.definition_term(block.blocks[0]) or ""
        target = ast.Target(scope.path + (Ref("definition", term, f'the definition of "{term}"'),))
        edits.append(editing.edit(ctx, "restate", target, new_text=block))
    if not edits:
        raise compose.NotUnderstood("the definitions to restate are not given after the colon")
    return edits


def _renumber(parts: compose.Parts, ctx: compose.Context) -> list[Edit]:
    renamed = parts.flags.get("renamed_as")
    targets = compose_targets.object_targets(parts, ctx)
    if renamed is not None and targets:
        return editing.renumbering(targets, compose_targets.targets_of(renamed.target, [], ctx), ctx)
    if "accordingly" in parts.flags:
        return [editing.edit(ctx, "renumber", ctx.antecedent, order="remaining")]
    raise compose.NotUnderstood("renumbering without the new numbers")


def _blackline(parts: compose.Parts, ctx: compose.Context) -> Edit:
    attachment = compose_text.attached_text(parts)
    return editing.edit(ctx, "restate", ast.Target(),
                        new_text=attachment or NewText((), 0, 0, attachment="the attached pages"),
                        reason="the changes are marked on attached pages")
