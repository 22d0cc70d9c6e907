"""Building edits: the one constructor every rule of :mod:`conformed.meaning` and
:mod:`conformed.actions` uses, and the rules both share.

* a deletion followed by "substituting ... therefor" (an edit marked ``merge``) becomes one
  replacement; several things deleted take their parts of the new text in order ("respectively")
  or by defined term;
* "each place it appears", "the second occurrence of" and "other than in the definition thereof"
  qualify the words an edit changes;
* "from "X" to "Y"" and "renumbered as Sections 6.14 and 6.15" read the same whether a
  statement or an action says them.
"""
from __future__ import annotations

from dataclasses import replace

from . import ast, compose, compose_targets, compose_text, labels
from .ast import Anchor, Edit, NewText, Ref, Words
from .phrases import Modifier, Punct, Quoted, Target


def edit(ctx: compose.Context, action: str, target: ast.Target | None, *, text: Words | None = None,
         new_text: NewText | None = None, anchor: Anchor | None = None, occurrence=None,
         lines: tuple[int, ...] = (), order: str = "", new_label: Ref | None = None,
         renumber: tuple = (), reason: str = "", incipit: Words | None = None, term: str = "") -> Edit:
    """One edit, with the context's notes; "in the fourth line of Section 2.1" becomes the line
    qualifier 4 on Section 2.1, since lines are checked on the words found, not located."""
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


def unsupported(ctx: compose.Context, reason: str) -> Edit:
    """What the rules do not cover, with the reason: reported, never guessed at."""
    return Edit("unsupported", ctx.subject, reason=reason, notes=ctx.notes)


def merge(done: list[Edit], new: list[Edit], parts: compose.Parts, last: list[Edit] | None = None) -> list[Edit]:
    """Join "deleting X ... and substituting Y therefor" into one replacement. "Therefor" takes
    the deletions of the action just before it ("(i) deleting "and" ..., (ii) deleting the period
    ... and substituting "; and" therefor" replaces the period only); "in lieu thereof" takes every
    deletion before it."""
    substitutes = [e for e in new if e.reason == "merge"]
    merging = substitutes or (
        [e for e in new if e.action in ("insert", "add") and "lieu" in parts.flags and not e.order])
    if not merging or not done:
        return done + new
    replacement = merging[0]
    scope = [e for e in done if any(e is x for x in last)] if substitutes and last else done
    previous = [e for e in scope if e.action == "delete"] or [e for e in done if e.action == "delete"]
    if not previous:
        return done + new
    rest = [e for e in done if not any(e is p for p in previous)]
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


def shared_out(edits: list[Edit], new: NewText | None, parts: compose.Parts) -> list[Edit]:
    """Several provisions restated by one payload each take their own part of it (by defined
    term, or in order where the amendment says "respectively")."""
    pieces = _pieces(new, edits, "respectively" in parts.flags)
    return [replace(e, new_text=p) for e, p in zip(edits, pieces)] if pieces else edits


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


def occurrence(head: Quoted | Punct, parts: compose.Parts) -> str | int | None:
    """"all" for "each place it appears", n for "the second occurrence of", else None."""
    if "every" in parts.flags or getattr(head, "each", False):
        return "all"
    if getattr(head, "nth", 0):
        return head.nth
    if "nth" in parts.flags:
        return int(parts.flags["nth"].text)
    return None


def excluding(target: ast.Target, parts: compose.Parts, ctx: compose.Context, words: Words) -> ast.Target:
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


def has_new_text(actions) -> bool:
    """Do the actions bring words of their own ("with", a quotation, an anchor), or only open a
    provision for the items that follow ("amended by amending the following definitions")?"""
    for action in actions:
        for el in action.elements:
            if isinstance(el, Modifier) and el.name == "with":
                return True
            if isinstance(el, (Quoted,)) and action.verb != "amend":
                return True
            if isinstance(el, Modifier) and el.name in compose.ANCHORS:
                return True
    return False


def from_to(elements: list, scope_parts: compose.Parts, ctx: compose.Context) -> list[Edit]:
    """"changed from "12.5%" to "18.75%"", "changing ... from "X" to "Y"": the old words replaced
    by the new, where the scope parts say."""
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
    return [edit(ctx, "replace", scopes[0], text=w, new_text=compose_text.inline_text(new)) for w in old.words]


def renumbering(olds: list[ast.Target], news: list[ast.Target], ctx: compose.Context) -> list[Edit]:
    """Old numbers paired with new ones in order, ranges expanded ("Sections 6.13 through 6.15")."""
    olds = [t for old in olds for t in compose_targets.expanded(old)]
    news = [t for new in news for t in compose_targets.expanded(new)]
    if len(olds) != len(news) or not olds:
        return [unsupported(ctx, f"{len(olds)} provision(s) to renumber, {len(news)} new number(s)")]
    return [edit(ctx, "renumber", old, renumber=((old.path[-1].value, new.path[-1].value),))
            for old, new in zip(olds, news)]
