"""Phrases -> elementary edits: what an instruction does, in the terms of :mod:`conformed.ast`.

The rules, each small and named:

* containers compose outward as written: "clause (a) therein" inside "the Recitals to the
  Symphony Exchange Agreement" is the path (document, Recitals, clause (a));
* "therein", "thereof", "such Section", "it" refer back to the nearest target in scope (the
  provision an "amending the definition of X" action opened, else the statement's subject);
* an anchor ("immediately after", "at the end", "before") takes the object or target after it;
* a deletion followed by "substituting ... therefor", "inserting ... in lieu thereof" or
  "replacing such word with ..." is one replacement; "respectively" pairs lists in order;
* a deleted provision replaced by new text is a restatement; new text that brings a provision
  of its own (a new clause, definitions in alphabetical order, "new Section 2.19") is an addition.

Anything that does not fit these rules is an ``unsupported`` edit carrying the reason, never a
guess.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from . import ast, labels
from .ast import Anchor, Edit, NewText, Ref, Unit, Words
from .phrases import Following, Modifier, NewProvision, Punct, Quoted, Reading, Statement, Target

WITHIN = ("within", "within_words", "there")
ANCHORS = ("after", "before", "at_end", "at_start")
OBJECTS = (Target, Quoted, Punct, Following, NewProvision)
PROVISION_NOUNS = ("definition", "definitions", "defined term", "defined terms", "section", "clause",
                   "paragraph", "provision", "provisions", "subsection", "item", "row", "rows", "table")


class NotUnderstood(Exception):
    """Raised for a combination of phrases the rules do not cover; becomes an unsupported edit."""


@dataclass
class Context:
    """What back references point to, and what the new text is."""

    payload: NewText | None
    subject: ast.Target | None = None
    subjects: list = field(default_factory=list)  # "Sections 703, 1004(b) ... are hereby amended"
    scope: ast.Target | None = None  # opened by "amending the definition of "Debt" therein by ..."
    notes: tuple[str, ...] = ()

    @property
    def antecedent(self) -> ast.Target | None:
        return self.scope or self.subject


@dataclass
class _Chain:
    """An object or an anchor with the containers written after it."""

    head: object = None
    side: str = ""
    containers: list = field(default_factory=list)


@dataclass
class _Parts:
    objects: list[_Chain] = field(default_factory=list)
    anchors: list[_Chain] = field(default_factory=list)
    scopes: list[_Chain] = field(default_factory=list)
    withs: list[_Chain] = field(default_factory=list)
    flags: dict[str, Modifier] = field(default_factory=dict)


# ------------------------------------------------------------------------------ entry point
def edits_of(reading: Reading, payload: NewText | None, intro: ast.Target | None = None) -> tuple[list[Edit], ast.Target | None]:
    """The edits of one head. Returns (edits, intro target): the second is set when the head only
    introduces items ("Section 13 of the Agreement is hereby amended by:")."""
    notes = (reading.lead,) if reading.lead else ()
    if reading.proviso:
        notes += (reading.proviso,)
    ctx = Context(payload, subject=intro, notes=notes)
    if reading.actions:
        return _actions(reading.actions, ctx), None
    out: list[Edit] = []
    for statement in reading.statements:
        edits, opened = _statement(statement, ctx)
        if opened is not None:
            return out, opened
        out.extend(edits)
    return out, None


def _statement(st: Statement, ctx: Context) -> tuple[list[Edit], ast.Target | None]:
    subject = _subject(st.subject, ctx) if st.subject else []
    if subject:
        if ctx.subject is not None:
            subject = [s.within(ctx.subject) if _is_relative_path(s) and _needs_context(s, ctx) else
                       _in_document(s, ctx) for s in subject]
        ctx.subject = subject[0]
        ctx.subjects = subject
    kind = st.kind
    if kind == "amended" and st.inner is not None:
        if st.inner.kind == "intro":
            return [], ctx.subject
        if st.inner.kind == "so_that" and st.inner.inner is not None:
            return _statement(st.inner.inner, ctx)
        if st.inner.kind == "reflect":
            return [_unsupported(ctx, "the amendment describes the change (\"amended to reflect ...\") "
                                      "without giving the new words")], None
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


def _restated(st: Statement, subject: list[ast.Target], ctx: Context) -> list[Edit]:
    parts = _parts(st.elements + st.second)
    new = _attachment(parts) or ctx.payload
    return [_edit(ctx, "restate", t, new_text=new) for t in _split_respectively(subject, new, parts)]


def _deleted(st: Statement, subject: list[ast.Target], ctx: Context) -> list[Edit]:
    words = _subject_words(st)
    if not st.second:
        if words:
            return [_edit(ctx, "delete", ctx.subject_scope, text=w) for w in words.words] \
                if hasattr(ctx, "subject_scope") else [_edit(ctx, "delete", _scope_of(st.subject, ctx), text=w)
                                                       for w in words.words]
        return [_edit(ctx, "delete", t) for t in subject]
    return _replaced_by(st, subject, _parts(st.second), ctx)


def _replaced(st: Statement, subject: list[ast.Target], ctx: Context) -> list[Edit]:
    return _replaced_by(st, subject, _parts(st.elements), ctx)


def _replaced_by(st: Statement, subject: list[ast.Target], parts: _Parts, ctx: Context) -> list[Edit]:
    words = _subject_words(st)
    new = _new_text(parts, ctx)
    scopes = _scopes(parts, ctx)
    if words:
        targets = scopes or [_scope_of(st.subject, ctx)]
        return [_edit(ctx, "replace", t, text=w, new_text=new) for t in targets for w in words.words]
    new_provision = next((c.head for c in parts.withs if isinstance(c.head, NewProvision)), None)
    if new_provision is not None:  # "removed ... and is replaced by new Section 2.19"
        added = _add_target(new_provision, ctx)
        return [_edit(ctx, "delete", t) for t in subject] + [_edit(ctx, "add", added, new_text=new)]
    action = "replace" if any(t.units for t in subject) else "restate"
    return [_edit(ctx, action, t, new_text=new) for t in _split_respectively(subject, new, parts)]


def _added(st: Statement, subject: list[ast.Target], ctx: Context) -> list[Edit]:
    parts = _parts(st.subject + st.elements)
    return _insertion(parts, ctx, force_add=True)


def _renumbered(st: Statement, subject: list[ast.Target], ctx: Context) -> list[Edit]:
    return [_edit(ctx, "renumber", t, reason="renumbering described by its cause only") for t in subject] \
        or [_unsupported(ctx, "nothing to renumber")]


def _changed(st: Statement, subject: list[ast.Target], ctx: Context) -> list[Edit]:
    words = _subject_words(st)
    parts = _parts(st.elements)
    new = next((c.head for c in parts.objects if isinstance(c.head, Quoted)), None)
    if not words or new is None:
        raise NotUnderstood("\"changed to\" needs the old and the new words")
    new_text = _inline(new)
    scope = _scope_of(st.subject, ctx)
    return [_edit(ctx, "replace", scope, text=w, new_text=new_text) for w in words.words]


def _phased(st: Statement, subject: list[ast.Target], ctx: Context) -> list[Edit]:
    return [_unsupported(ctx, "the figure changes on several future dates; a conformed copy as of a date "
                              "needs those dates applied by hand")]


def _references(st: Statement, subject: list[ast.Target], ctx: Context) -> list[Edit]:
    within = _parts(st.subject)
    old = next((c.words for c in st.subject if isinstance(c, Modifier) and c.name == "within_words"), None)
    parts = _parts(st.elements)
    new = _new_text(parts, ctx)
    if old is None or not isinstance(old, Quoted) or new is None:
        raise NotUnderstood("\"all references to\" needs quoted words on both sides")
    scopes = [t for t in _scopes(within, ctx) if t.path] or [ast.Target()]
    return [_edit(ctx, "replace", scopes[0], text=w, new_text=new, occurrence="all") for w in old.words]


def _deemed_replaced(st: Statement, subject: list[ast.Target], ctx: Context) -> list[Edit]:
    return [_edit(ctx, "replace", t, new_text=ctx.payload) for t in subject]


def _reflect(st: Statement, subject: list[ast.Target], ctx: Context) -> list[Edit]:
    return [_unsupported(ctx, "the amendment describes the change without giving the new words")]


def _renumber_reflect(st: Statement, subject: list[ast.Target], ctx: Context) -> list[Edit]:
    return [_edit(ctx, "renumber", t, reason="the renumbering is described by its cause, not by the new numbers")
            for t in subject]


_FRAMES = {"restated": _restated, "deleted": _deleted, "replaced": _replaced, "added": _added,
           "renumbered": _renumbered, "changed": _changed, "phased": _phased, "references": _references,
           "deemed_references": _changed, "deemed_replaced": _deemed_replaced, "reflect": _reflect,
           "renumber_reflect": _renumber_reflect}


# ------------------------------------------------------------------------------ actions
def _actions(actions: tuple, ctx: Context) -> list[Edit]:
    out: list[Edit] = []
    for action in actions:
        parts = _parts(action.elements)
        if action.verb == "amend":
            targets = _object_targets(parts, ctx)
            if targets and not _has_new_text((action,)):
                ctx.scope = targets[0]
                continue
            raise NotUnderstood("\"amending\" with new text is not a form the engine reads")
        handler = {"delete": _delete, "insert": _insertion, "replace": _replace, "substitute": _substitute,
                   "restate": _restate_action, "renumber": _renumber}[action.verb]
        new = handler(parts, ctx)
        out = _merge(out, new, parts)
    return out


def _delete(parts: _Parts, ctx: Context) -> list[Edit]:
    edits: list[Edit] = []
    anchor = _anchor(parts, ctx)
    for chain in parts.objects:
        head = chain.head
        if isinstance(head, Quoted) and head.noun == "stricken text":
            return [_blackline(parts, ctx)]
        if isinstance(head, (Quoted, Punct)):
            words = (Words(head.mark, head.span.start, head.span.end),) if isinstance(head, Punct) else head.words
            occurrence = "all" if "every" in parts.flags or getattr(head, "each", False) else None
            for target in _where(chain, parts, ctx):
                for w in words:
                    edits.append(_edit(ctx, "delete", target, text=w, anchor=anchor, occurrence=occurrence))
        elif isinstance(head, Target) and head.form == "references_elsewhere":
            edits.append(_unsupported(ctx, "\"all references thereto contained elsewhere\" names no words to delete"))
        elif isinstance(head, Target):
            for target in _targets(head, chain.containers, ctx):
                edits.append(_edit(ctx, "delete", target))
    if not edits:
        raise NotUnderstood("nothing to delete")
    return edits


def _where(chain: _Chain, parts: _Parts, ctx: Context) -> list[ast.Target]:
    """Where quoted words are: their own scope ("the references in (b)(ii) to ..."), the places
    written after them ("in the third and fourth paragraphs of Section 2.08 and in Section
    2.11"), else the antecedent."""
    found: list[ast.Target] = []
    head = chain.head
    if isinstance(head, Quoted) and head.scope is not None:
        found.extend(_targets(head.scope, chain.containers, ctx))
    elif chain.containers:
        found.extend(_compose_all(chain.containers, ctx))
    found.extend(_scopes(parts, ctx))
    return found or [ctx.antecedent or ast.Target()]


def _insertion(parts: _Parts, ctx: Context, force_add: bool = False) -> list[Edit]:
    if any(isinstance(c.head, Quoted) and c.head.noun == "inserted text" for c in parts.objects):
        return [_blackline(parts, ctx)]
    new = _attachment(parts) or _new_text(parts, ctx)
    anchor = _anchor(parts, ctx)
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
    label = _new_label(parts, provision, as_new, force_add, ctx)
    adds = force_add or label is not None or bool(order) or provision is not None \
        or (following is not None and following.noun.replace("new ", "") in PROVISION_NOUNS) \
        or (anchor is not None and anchor.side in ("after", "before") and anchor.target is not None
            and not anchor.target.units and not anchor.words and not anchor.punct)
    if adds:
        if label is not None and label.path[:-1]:
            target = ast.Target((target or ast.Target()).path + label.path[:-1]) if not _contains(
                target or ast.Target(), label) else ast.Target(label.path[:-1])
        blocks = _definition_blocks(new) if order or _about_definitions(following) else None
        if blocks and len(blocks) > 1:
            return [_edit(ctx, "add", target, new_text=b, anchor=anchor, order=order) for b in blocks]
        return [_edit(ctx, "add", target, new_text=new, anchor=anchor, order=order,
                      new_label=label.path[-1] if label else None, term=_term_of(parts))]
    if new is None and following is None:
        raise NotUnderstood("no new text to insert")
    if anchor is None:
        raise NotUnderstood("the instruction does not say where to insert the new text")
    occurrence = "all" if anchor.each or "every" in parts.flags else None
    lines = _anchor_lines(parts, ctx)
    if len(lines) > 1:  # "in each of the second and fifth lines": one insertion per line
        return [_edit(ctx, "insert", target, new_text=new, anchor=anchor, lines=(n,), occurrence=occurrence)
                for n in lines]
    return [_edit(ctx, "insert", target, new_text=new, anchor=anchor, occurrence=occurrence)]


def _destination(parts: _Parts, ctx: Context, anchor: Anchor | None) -> ast.Target | None:
    """Where new text goes: the anchor's place, else the places written ("to such section",
    "to the Credit Support Annex"), else the antecedent."""
    if anchor is not None and anchor.target is not None and not (
            anchor.side in ("after", "before") and not anchor.words and not anchor.punct):
        return anchor.target
    for chain in parts.objects:
        if isinstance(chain.head, (Following, NewProvision)) and chain.containers:
            return _compose(chain.containers, ctx)
    scopes = _scopes(parts, ctx)
    return scopes[0] if scopes else ctx.antecedent


def _new_label(parts: _Parts, provision: NewProvision | None, as_new: Modifier | None, force_add: bool,
               ctx: Context) -> ast.Target | None:
    """The designation a new provision will carry: "as a new Paragraph 13(b)(ii)(C)", "a new
    clause (t)", "a new annex thereto, entitled Annex A", "Article 39(f) shall be added"."""
    if as_new is not None and as_new.target is not None:
        return _atom(as_new.target, ctx)[0]
    if provision is not None and provision.num:
        return ast.Target((Ref(provision.kind, provision.num, f"{provision.kind} {provision.num}"),))
    title = parts.flags.get("title")
    if provision is not None and title is not None and title.text:
        return ast.Target((Ref(title.word or provision.kind, title.text, f"{title.word} {title.text}"),))
    if force_add:
        chain = next((c for c in parts.objects if isinstance(c.head, Target) and c.head.form == "provisions"), None)
        if chain is not None:
            return _targets(chain.head, chain.containers, ctx)[0]
    return None


def _replace(parts: _Parts, ctx: Context) -> list[Edit]:
    new = _new_text(parts, ctx)
    edits: list[Edit] = []
    respectively = "respectively" in parts.flags
    for chain in parts.objects:
        head = chain.head
        if isinstance(head, Target) and head.form == "it":
            return [Edit("replace", None, None, new, reason="merge")]
        if isinstance(head, Quoted):
            news = list(new.blocks) if respectively and new is not None and len(new.blocks) == len(head.words) else None
            for target in _where(chain, parts, ctx):
                for i, w in enumerate(head.words):
                    value = replace(new, blocks=(news[i],)) if news else new
                    edits.append(_edit(ctx, "replace", target, text=w, new_text=value,
                                       occurrence="all" if "every" in parts.flags else None))
        elif isinstance(head, Target):
            for target in _targets(head, chain.containers, ctx):
                edits.append(_edit(ctx, "restate", target, new_text=new))
    if not edits:
        raise NotUnderstood("nothing to replace")
    return edits


def _substitute(parts: _Parts, ctx: Context) -> list[Edit]:
    return [Edit("replace", None, None, _new_text(parts, ctx), reason="merge")]


def _restate_action(parts: _Parts, ctx: Context) -> list[Edit]:
    new = _attachment(parts) or ctx.payload
    targets = _object_targets(parts, ctx)
    if not targets:
        raise NotUnderstood("nothing to restate")
    return [_edit(ctx, "restate", t, new_text=new) for t in targets]


def _renumber(parts: _Parts, ctx: Context) -> list[Edit]:
    renamed = parts.flags.get("renamed_as")
    targets = _object_targets(parts, ctx)
    if renamed is not None and targets:
        new_names = _targets(renamed.target, [], ctx)
        pairs = tuple((t.path[-1].value, n.path[-1].value) for t, n in zip(targets, new_names))
        return [_edit(ctx, "renumber", targets[0], renumber=pairs)]
    if "accordingly" in parts.flags:
        return [_edit(ctx, "renumber", ctx.antecedent, reason="reletter the remaining clauses")]
    raise NotUnderstood("renumbering without the new numbers")


def _pieces(new: NewText | None, olds: list[Edit], respectively: bool) -> list[NewText] | None:
    """Give each deleted thing its part of the new text: in order ("respectively", or one inline
    quotation each), or by defined term when several definitions are replaced."""
    if new is None or len(olds) < 2:
        return None
    if (respectively or new.inline) and len(new.blocks) == len(olds):
        return [replace(new, blocks=(b,)) for b in new.blocks]
    blocks = _definition_blocks(new)
    terms = [o.target.path[-1].value.lower() for o in olds if o.target and o.target.path
             and o.target.path[-1].kind == "definition"]
    if blocks and len(terms) == len(olds):
        by_term = {(labels.definition_term(b.blocks[0]) or "").lower(): b for b in blocks}
        if all(t in by_term for t in terms):
            return [by_term[t] for t in terms]
    return None


def _merge(done: list[Edit], new: list[Edit], parts: _Parts) -> list[Edit]:
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


# ------------------------------------------------------------------------------ phrase plumbing
def _parts(elements) -> _Parts:
    parts = _Parts()
    current: _Chain | None = None
    pending: _Chain | None = None
    for el in elements:
        if isinstance(el, OBJECTS):
            if pending is not None:
                pending.head = el
                current, pending = pending, None
            else:
                current = _Chain(el)
                parts.objects.append(current)
        elif isinstance(el, Modifier) and el.name in WITHIN:
            if pending is not None:  # "at the end of Section 13.4": the anchor's own target
                pending.containers.append(el)
                continue
            if current is None:
                current = _Chain()
                parts.scopes.append(current)
            current.containers.append(el)
        elif isinstance(el, Modifier) and el.name in ("at_end", "at_start"):
            current = _Chain(None, el.name)  # "at the end of Section 13.4": its containers follow
            parts.anchors.append(current)
            pending = None
        elif isinstance(el, Modifier) and el.name in ANCHORS:
            pending = _Chain(None, el.name)
            parts.anchors.append(pending)
        elif isinstance(el, Modifier) and el.name == "with":
            parts.withs.append(_Chain(el.obj))
            current = None
        elif isinstance(el, Modifier) and el.name == "join":
            current = None
            if pending is not None and pending.containers:
                pending = None
        elif isinstance(el, Modifier):
            parts.flags.setdefault(el.name, el)
    return parts


def _subject(elements, ctx: Context) -> list[ast.Target]:
    parts = _parts(elements)
    out: list[ast.Target] = []
    for chain in parts.objects:
        if isinstance(chain.head, Target):
            out.extend(_targets(chain.head, chain.containers, ctx))
    exclusion = parts.flags.get("exclusion")
    if exclusion is not None and out:
        excluded = _targets(exclusion.target, [], ctx)
        out = [replace(t, exclude=tuple(r for e in excluded for r in e.path)) for t in out]
    return out


def _subject_words(st: Statement) -> Quoted | None:
    return next((e for e in st.subject if isinstance(e, Quoted)), None)


def _scope_of(elements, ctx: Context) -> ast.Target:
    parts = _parts(elements)
    for chain in parts.objects:
        if isinstance(chain.head, Quoted) and chain.head.scope is not None:
            return _targets(chain.head.scope, chain.containers, ctx)[0]
        if chain.containers:
            return _compose(chain.containers, ctx)
    scopes = _scopes(parts, ctx)
    return scopes[0] if scopes else ast.Target()


def _scopes(parts: _Parts, ctx: Context) -> list[ast.Target]:
    out: list[ast.Target] = []
    for chain in parts.scopes:
        out.extend(_compose_all(chain.containers, ctx))
    return out


def _object_targets(parts: _Parts, ctx: Context) -> list[ast.Target]:
    out: list[ast.Target] = []
    for chain in parts.objects:
        if isinstance(chain.head, Target):
            out.extend(_targets(chain.head, chain.containers, ctx))
    return out


def _targets(head: Target, containers: list, ctx: Context) -> list[ast.Target]:
    """Every target a written target names, each inside its containers."""
    outer = _compose(containers, ctx) if containers else None
    inners = _atom(head, ctx)
    out = []
    for inner in inners:
        if outer is not None:
            inner = inner.within(outer)
        elif _is_relative_path(inner) and ctx.antecedent is not None and head.form != "it" \
                and _needs_context(inner, ctx):
            inner = inner.within(ctx.antecedent)
        out.append(_in_document(inner, ctx))
    return out


def _in_document(target: ast.Target, ctx: Context) -> ast.Target:
    """"Section 13.4" in an instruction about "the Symphony Exchange Agreement" is in that document."""
    if ctx.antecedent is None or not _is_relative_path(target):
        return target
    docs = tuple(r for r in ctx.antecedent.path if r.kind == "document")
    return target.within(ast.Target(docs)) if docs else target


def _atom(head: Target, ctx: Context) -> list[ast.Target]:
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
    if form == "doc":
        return [ast.Target((Ref("document", _doc_name(head.written), head.written),))]
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
        return _atom(head.inner, ctx)
    if form == "all_definitions":
        return [ast.Target((Ref("definitions", "", head.written),))]
    if form == "remaining":
        return [ctx.antecedent or ast.Target()]
    raise NotUnderstood(f"\"{head.written}\" is not a target the engine can find")


def _compose(containers: list, ctx: Context) -> ast.Target:
    targets = _compose_all(containers, ctx)
    return targets[0] if targets else ast.Target()


def _compose_all(containers: list, ctx: Context) -> list[ast.Target]:
    """'in the fourth line' + 'of Section 13.4' + 'therein' -> line 4 of Section 13.4 of <antecedent>."""
    results: list[ast.Target] = [ast.Target()]
    anchored = False
    for mod in containers:
        if mod.name == "there":
            outer = ctx.antecedent if mod.word.startswith("there") else None
            if outer is not None:
                results = [r.within(outer) if not _contains(outer, r) else r for r in results]
                anchored = True
            continue
        if mod.name == "within_words" or mod.target is None:
            continue
        outers = _atom(mod.target, ctx) if mod.target.form != "each_of" else _atom(mod.target.inner, ctx)
        results = [r.within(o) for o in outers for r in results]
    if not anchored and ctx.antecedent is not None:
        results = [r.within(ctx.antecedent) if _is_relative_path(r) and _needs_context(r, ctx) else r
                   for r in results]
    return [_in_document(r, ctx) for r in results]


def _contains(outer: ast.Target, inner: ast.Target) -> bool:
    return bool(inner.path) and inner.path[:len(outer.path)] == outer.path


def _is_relative_path(target: ast.Target) -> bool:
    return not any(r.kind in ("document",) for r in target.path)


def _needs_context(inner: ast.Target, ctx: Context) -> bool:
    """A bare clause, unit or definition is read inside the antecedent; a numbered section is not."""
    if not inner.path:
        return True
    return inner.path[0].kind in ("clause", "definition", "caption")


def _anchor(parts: _Parts, ctx: Context) -> Anchor | None:
    """The insertion point: "immediately after the words X and before the semi-colon in the fourth
    line of Section 13.4" is after X, just before a ';', inside line 4 of Section 13.4."""
    anchor: Anchor | None = None
    punct = ""
    for chain in parts.anchors:
        head = chain.head
        target = _compose(chain.containers, ctx) if chain.containers else None
        if isinstance(head, Punct):
            if anchor is None and chain.side == "before":
                at_end = next((c for c in parts.anchors if c.side == "at_end" and c is not chain), None)
                where = _compose(at_end.containers, ctx) if at_end and at_end.containers else target
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
            anchor = Anchor(_side(chain.side), words=head.words[0], target=target, each=head.each)
        elif isinstance(head, Target):
            found = _targets(head, chain.containers, ctx)
            anchor = Anchor(_side(chain.side), target=found[0] if found else None)
        elif chain.side in ("at_end", "at_start"):
            anchor = Anchor(_side(chain.side), target=target)
    if anchor is not None and anchor.target is None:
        anchor = replace(anchor, target=_scope_or_none(parts, ctx))
    if anchor is not None and punct:
        anchor = replace(anchor, punct=punct)
    return anchor


def _scope_or_none(parts: _Parts, ctx: Context) -> ast.Target | None:
    scopes = _scopes(parts, ctx)
    return scopes[0] if scopes else None


def _anchor_lines(parts: _Parts, ctx: Context) -> tuple[int, ...]:
    lines: list[int] = []
    for chain in parts.anchors + parts.scopes:
        for mod in chain.containers:
            if mod.name == "within" and mod.target is not None:
                target = mod.target.inner if mod.target.form == "each_of" else mod.target
                lines.extend(u.index for u in target.units if u.kind == "line")
    return tuple(lines)


def _lines(target: ast.Target | None) -> tuple[int, ...]:
    return tuple(u.index for u in target.units if u.kind == "line") if target else ()


def _side(name: str) -> str:
    return {"after": "after", "before": "before", "at_end": "end", "at_start": "start"}[name]


def _new_text(parts: _Parts, ctx: Context) -> NewText | None:
    for chain in parts.withs + parts.objects:
        head = chain.head
        if isinstance(head, Following):
            return ctx.payload
        if isinstance(head, Quoted) and head.words and chain in parts.withs:
            return _inline(head)
        if isinstance(head, NewProvision) and chain in parts.withs:
            return ctx.payload
        if isinstance(head, Target) and chain in parts.withs:
            return _attachment(parts, head) or ctx.payload
    quoted = [c.head for c in parts.objects if isinstance(c.head, Quoted) and c.head.words]
    if quoted:
        return _inline(quoted[0])
    if any(isinstance(c.head, NewProvision) for c in parts.objects) or "as_follows" in parts.flags:
        return ctx.payload
    return _attachment(parts)


def _inline(quoted: Quoted) -> NewText:
    """Quoted new words; a list ("C" and "D", respectively) keeps one block a quotation."""
    first, last = quoted.words[0], quoted.words[-1]
    return NewText(tuple(w.text for w in quoted.words), first.start, last.end, inline=True)


def _respective(parts: _Parts, ctx: Context) -> list[NewText] | None:
    chain = next((c for c in parts.withs if isinstance(c.head, Quoted)), None)
    if chain is None:
        return None
    return [NewText((w.text,), w.start, w.end, inline=True) for w in chain.head.words]


def _split_respectively(targets: list[ast.Target], new: NewText | None, parts: _Parts) -> list[ast.Target]:
    return targets


def _attachment(parts: _Parts, head: Target | None = None) -> NewText | None:
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
    if not name:
        for chain in parts.objects + parts.withs + parts.scopes:
            if any(m.name == "there" and m.word == "hereto" for m in chain.containers) and isinstance(chain.head, Target):
                name = chain.head.written
    return NewText((), 0, 0, attachment=name) if name else None


def _blackline(parts: _Parts, ctx: Context) -> Edit:
    attachment = _attachment(parts)
    return _edit(ctx, "restate", ast.Target(), new_text=attachment or NewText((), 0, 0, attachment="the attached pages"),
                 reason="the changes are marked on attached pages")


def _about_definitions(following: Following | None) -> bool:
    return following is not None and any(w in following.noun for w in ("definition", "defined", "term"))


def _definition_blocks(new: NewText | None) -> list[NewText] | None:
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


def _term_of(parts: _Parts) -> str:
    for chain in parts.scopes + parts.objects:
        for mod in chain.containers:
            if mod.name == "within_words" and isinstance(mod.words, Quoted) and mod.words.words:
                return mod.words.words[0].text
    return ""


def _incipit(parts: _Parts) -> Words | None:
    return None


def _add_target(provision: NewProvision, ctx: Context) -> ast.Target:
    label = Ref(provision.kind, provision.num, f"{provision.kind.capitalize()} {provision.num}")
    base = ctx.subject or ast.Target()
    return ast.Target(base.path[:-1] + (label,))


def _doc_name(written: str) -> str:
    words = written.split()
    return " ".join(words[1:]) if words and words[0].lower() in ("the", "this", "said", "your") else written


def _has_new_text(actions) -> bool:
    for action in actions:
        for el in action.elements:
            if isinstance(el, Modifier) and el.name == "with":
                return True
            if isinstance(el, (Quoted,)) and action.verb != "amend":
                return True
            if isinstance(el, Modifier) and el.name in ANCHORS:
                return True
    return False


def _edit(ctx: Context, action: str, target: ast.Target | None, *, text: Words | None = None,
          new_text: NewText | None = None, anchor: Anchor | None = None, occurrence=None,
          lines: tuple[int, ...] = (), order: str = "", new_label: Ref | None = None,
          renumber: tuple = (), reason: str = "", incipit: Words | None = None, term: str = "") -> Edit:
    lines = lines or (_lines(target) if target else ()) or (_lines(anchor.target) if anchor else ())
    if target is not None and lines:
        target = replace(target, units=tuple(u for u in target.units if u.kind != "line"))
    if anchor is not None and anchor.target is not None and lines:
        anchor = replace(anchor, target=replace(anchor.target, units=tuple(
            u for u in anchor.target.units if u.kind != "line")))
    notes = ctx.notes + ((f'defines "{term}"',) if term else ())
    return Edit(action, target, text, new_text, anchor, occurrence, lines, order, new_label, renumber, reason,
                notes, incipit)


def _unsupported(ctx: Context, reason: str) -> Edit:
    return Edit("unsupported", ctx.subject, reason=reason, notes=ctx.notes)
