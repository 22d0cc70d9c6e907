"""Phrases -> target paths: containers composed outward as written, back references resolved,
ranges expanded, and the anchor that says where new text goes.

* "clause (a) therein" inside "the Recitals to the Symphony Exchange Agreement" is the path
  (document, Recitals, clause (a));
* "therein", "thereof", "such Section", "it" refer back to the nearest target in scope (the
  provision an "amending the definition of X" action opened, else the statement's subject);
* an anchor ("immediately after", "at the end", "before") takes the object or target after it.
"""
from __future__ import annotations

from dataclasses import replace

from . import ast, labels
from .ast import Anchor, Ref
from .compose import Context, NotUnderstood, Parts, parts_of
from .phrases import NewProvision, Punct, Quoted, Statement, Target


def subject_targets(elements, ctx: Context) -> list[ast.Target]:
    parts = parts_of(elements)
    out: list[ast.Target] = []
    for chain in parts.objects:
        if isinstance(chain.head, Target):
            out.extend(targets_of(chain.head, chain.containers, ctx))
    exclusion = parts.flags.get("exclusion")
    if exclusion is not None and out:
        excluded = targets_of(exclusion.target, [], ctx)
        out = [replace(t, exclude=tuple(r for e in excluded for r in e.path)) for t in out]
    return out


def subject_words(st: Statement) -> Quoted | None:
    return next((e for e in st.subject if isinstance(e, Quoted)), None)


def scope_of(elements, ctx: Context) -> ast.Target:
    parts = parts_of(elements)
    for chain in parts.objects:
        if isinstance(chain.head, Quoted) and chain.head.scope is not None:
            return targets_of(chain.head.scope, chain.containers, ctx)[0]
        if chain.containers:
            return path_of(chain.containers, ctx)
    scopes = scope_targets(parts, ctx)
    return scopes[0] if scopes else ast.Target()


def scope_targets(parts: Parts, ctx: Context) -> list[ast.Target]:
    out: list[ast.Target] = []
    for chain in parts.scopes:
        out.extend(paths_of(chain.containers, ctx))
    return out


def object_targets(parts: Parts, ctx: Context) -> list[ast.Target]:
    out: list[ast.Target] = []
    for chain in parts.objects:
        if isinstance(chain.head, Target):
            out.extend(targets_of(chain.head, chain.containers, ctx))
    return out


def targets_of(head: Target, containers: list, ctx: Context) -> list[ast.Target]:
    """Every target a written target names, each inside its containers."""
    outer = path_of(containers, ctx) if containers else None
    inners = atom(head, ctx)
    out = []
    for inner in inners:
        if outer is not None:
            inner = inner.within(outer)
        elif is_relative_path(inner) and ctx.antecedent is not None and head.form != "it" \
                and needs_context(inner, ctx):
            inner = inside(inner, _context_of(inner, ctx))
        out.append(in_document(inner, ctx))
    return out


def _alongside(inner: ast.Target, outer: ast.Target) -> bool:
    """Is ``inner`` a section numbered beside ``outer`` rather than inside it (2.11 and 2.08)?"""
    if not inner.path or not outer.path:
        return False
    a, b = inner.path[0], outer.path[-1]
    numbered = ("section", "article", "part", "paragraph")
    return a.kind in numbered and a.kind == b.kind and not a.value.startswith(b.value + ".") and a.value != b.value


def _context_of(inner: ast.Target, ctx: Context) -> ast.Target:
    """What a bare target is read in: the antecedent; but in a statement after another ("clause
    (c) ... is deleted and clause (d) is relettered"), a clause next to the clause just named."""
    antecedent = ctx.antecedent
    if ctx.sibling and ctx.scope is None and inner.path and antecedent.path \
            and inner.path[0].kind == antecedent.path[-1].kind == "clause":
        return ast.Target(antecedent.path[:-1])
    return antecedent


def in_document(target: ast.Target, ctx: Context) -> ast.Target:
    """"Section 13.4" in an instruction about "the Symphony Exchange Agreement" is in that document."""
    if ctx.antecedent is None or not is_relative_path(target):
        return target
    docs = tuple(r for r in ctx.antecedent.path if r.kind == "document")
    return target.within(ast.Target(docs)) if docs else target


def atom(head: Target, ctx: Context) -> list[ast.Target]:
    form = head.form
    if form == "provisions":
        out = []
        for item, is_range in zip(head.items, head.ranges):
            if is_range:
                out.append(ast.Target(item[0], until=item[1]))
            else:
                out.append(ast.Target(item))
        return out
    if form == "definitions":
        return [ast.Target((Ref("definition", w.text, f'the definition of "{w.text}"'),)) for w in head.terms]
    if form == "unit":
        return [ast.Target((), (u,)) for u in head.units] or [ast.Target()]
    if form == "caption":
        return [ast.Target((Ref("caption", w.text, f'the "{w.text}" provision'),)) for w in head.terms]
    if form in ("recitals", "preamble"):
        return [ast.Target((Ref(form, "", head.written),))]
    if form == "doc":  # "The Credit Agreement is hereby amended": the article is no part of the name
        written = "the" + head.written[3:] if head.written.startswith("The ") else head.written
        return [ast.Target((Ref("document", _doc_name(written), written),))]
    if form == "form":
        return [ast.Target((Ref("document", head.written, head.written),))]
    if form == "it":
        base = ctx.antecedent or ast.Target()
        if head.items:  # "such Section 5.2": the named one, where the antecedent is
            return [ast.Target(base.path[:-1] + item) for item in head.items]
        if head.kind and ctx.subjects and not ctx.scope:  # "each definition", "all such Sections"
            return list(ctx.subjects)
        return [base]
    if form == "each_of":
        return atom(head.inner, ctx)
    if form == "all_definitions":
        return [ast.Target((Ref("definitions", "", head.written),))]
    if form == "remaining":
        return [ctx.antecedent or ast.Target()]
    raise NotUnderstood(f"\"{head.written}\" is not a target the engine can find")


def path_of(containers: list, ctx: Context) -> ast.Target:
    targets = paths_of(containers, ctx)
    return targets[0] if targets else ast.Target()


def paths_of(containers: list, ctx: Context) -> list[ast.Target]:
    """'in the fourth line' + 'of Section 13.4' + 'therein' -> line 4 of Section 13.4 of <antecedent>."""
    results: list[ast.Target] = [ast.Target()]
    anchored = False
    for mod in containers:
        if mod.name == "there":
            outer = ctx.antecedent if mod.word.startswith("there") else None
            if outer is not None and results and _alongside(results[0], outer):
                # "Sections 2.08 and 2.11 ... in Section 2.11 therein": in what holds Section 2.08
                outer = ast.Target(outer.path[:-1], outer.units)
            if outer is not None:
                results = [inside(r, outer) if not contains(outer, r) else r for r in results]
                anchored = True
            continue
        if mod.name == "within_words" or mod.target is None:
            continue
        outers = atom(mod.target, ctx) if mod.target.form != "each_of" else atom(mod.target.inner, ctx)
        results = [r.within(o) for o in outers for r in results]
    if not anchored and ctx.antecedent is not None:
        results = [inside(r, ctx.antecedent) if is_relative_path(r) and needs_context(r, ctx) else r
                   for r in results]
    return [in_document(r, ctx) for r in results]


def expanded(target: ast.Target) -> list[ast.Target]:
    """A range written as one target, one target per provision: "clauses (f) through (h)" is
    (f), (g), (h); "Sections 6.13 through 6.15" is 6.13, 6.14, 6.15. Anything else as it is."""
    if not target.until or not target.path:
        return [target]
    first, last = target.path[-1], target.until[-1]
    values = _between(first.value, last.value)
    if values is None:
        return [target]
    return [ast.Target(target.path[:-1] + (Ref(first.kind, v, f"{first.kind} {v}"),), target.units) for v in values]


def _between(first: str, last: str) -> list[str] | None:
    head, _, a = first.rpartition(".")
    head_b, _, b = last.rpartition(".")
    if a.isdigit() and b.isdigit() and head == head_b and int(a) <= int(b):
        return [f"{head}.{n}" if head else str(n) for n in range(int(a), int(b) + 1)]
    for style, start in labels.styles(first, "paren"):
        end = labels.ordinal(last, style)
        if 0 < start <= end:
            return [labels.label_for(style, n) for n in range(start, end + 1)]
    return None


def contains(outer: ast.Target, inner: ast.Target) -> bool:
    return bool(inner.path) and inner.path[:len(outer.path)] == outer.path


def inside(inner: ast.Target, outer: ast.Target) -> ast.Target:
    """``inner`` read inside ``outer``, the steps they share written once (see :func:`joined`):
    "deleting from paragraph (3)" under "Paragraph (3) of Section 1.06" is still 1.06(3)."""
    return ast.Target(joined(outer.path, inner.path), outer.units + inner.units, inner.until,
                      inner.exclude + outer.exclude)


def joined(outer: tuple[Ref, ...], inner: tuple[Ref, ...]) -> tuple[Ref, ...]:
    """``inner`` read inside ``outer``, without repeating the steps they share: "Part 5(j)" in
    "Part 5 of the Schedule" is (Schedule, Part 5, clause (j)), not (Schedule, Part 5, Part 5, ...)."""
    def same(a: tuple[Ref, ...], b: tuple[Ref, ...]) -> bool:
        return all(x.kind == y.kind and x.value.lower() == y.value.lower() for x, y in zip(a, b))
    for k in range(min(len(outer), len(inner)), 0, -1):
        if same(outer[-k:], inner[:k]):
            return outer + inner[k:]
    return outer + inner


def is_relative_path(target: ast.Target) -> bool:
    return not any(r.kind in ("document",) for r in target.path)


def needs_context(inner: ast.Target, ctx: Context) -> bool:
    """A bare clause, unit or definition is read inside the antecedent; a numbered section is not."""
    if not inner.path:
        return True
    return inner.path[0].kind in ("clause", "definition", "caption")


def add_target(provision: NewProvision, ctx: Context) -> ast.Target:
    label = Ref(provision.kind, provision.num, f"{provision.kind.capitalize()} {provision.num}")
    base = ctx.subject or ast.Target()
    return ast.Target(base.path[:-1] + (label,))


def _doc_name(written: str) -> str:
    words = written.split()
    return " ".join(words[1:]) if words and words[0].lower() in ("the", "this", "said", "your") else written


def anchor_of(parts: Parts, ctx: Context) -> Anchor | None:
    """The insertion point: "immediately after the words X and before the semi-colon in the fourth
    line of Section 13.4" is after X, just before a ';', inside line 4 of Section 13.4."""
    anchor: Anchor | None = None
    punct = ""
    for chain in parts.anchors:
        head = chain.head
        target = path_of(chain.containers, ctx) if chain.containers else None
        if isinstance(head, Punct):
            if anchor is None and chain.side == "before":
                at_end = next((c for c in parts.anchors if c.side == "at_end" and c is not chain), None)
                where = path_of(at_end.containers, ctx) if at_end and at_end.containers else target
                return Anchor("before", punct=head.mark, target=where or _scope_or_none(parts, ctx))
            punct = head.mark
            if anchor is not None and target is not None and anchor.target is None:
                anchor = replace(anchor, target=target)
            continue
        if anchor is not None:
            if target is not None and anchor.target is None:
                anchor = replace(anchor, target=target)
            continue
        if isinstance(head, Quoted):
            anchor = Anchor(_side(chain.side), words=head.words[0], target=target, each=head.each, nth=head.nth)
        elif isinstance(head, Target):
            found = targets_of(head, chain.containers, ctx)
            anchor = Anchor(_side(chain.side), target=found[0] if found else None)
        elif chain.side in ("at_end", "at_start"):
            anchor = Anchor(_side(chain.side), target=target)
    if anchor is not None and anchor.target is None:
        anchor = replace(anchor, target=_scope_or_none(parts, ctx))
    if anchor is not None and punct:
        anchor = replace(anchor, punct=punct)
    return anchor


def _scope_or_none(parts: Parts, ctx: Context) -> ast.Target | None:
    scopes = scope_targets(parts, ctx)
    return scopes[0] if scopes else None


def anchor_lines(parts: Parts, ctx: Context) -> tuple[int, ...]:
    lines: list[int] = []
    for chain in parts.anchors + parts.scopes:
        for mod in chain.containers:
            if mod.name == "within" and mod.target is not None:
                target = mod.target.inner if mod.target.form == "each_of" else mod.target
                lines.extend(u.index for u in target.units if u.kind == "line")
    return tuple(lines)


def line_numbers(target: ast.Target | None) -> tuple[int, ...]:
    return tuple(u.index for u in target.units if u.kind == "line") if target else ()


def _side(name: str) -> str:
    return {"after": "after", "before": "before", "at_end": "end", "at_start": "start"}[name]
