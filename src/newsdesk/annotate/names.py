"""Name-variant merging: one canonical entity however outlets spell the name.

A :class:`NameIndex` collects the names seen in an article, a story or the whole
store and groups them: "Lee Jae-Myung", "Lee Jae-myung", "President Lee" and
"Lee" are one person; "Xi" is "Xi Jinping" when he is in the index; "Boeing Co."
is "Boeing". Grouping is computed from the multiset of names added, never from
the order they came in, so the same names give the same entities in any order.

Merge rules, in order:

1. a normalised key: titles ("President", "Dr") and a leading "the" stripped,
   possessives dropped, diacritics removed, case folded, hyphens and spaces
   unified ("Lee Jae-Myung" == "lee jae myung" == "Lee Jaemyung");
2. a person's partial name (surname or given name alone, any subset of its
   words) joins the one full PERSON name that contains it, and becomes PERSON
   whatever spaCy typed it; contained in two full names, it stays apart; in an article a
   full name never joins one that adds an initial ("John Smith" and "John Q. Smith" are
   two; across stories the one such name is an outlet's style, "Harry M. Reid"), nor
   a person a body named after them ("Brennan" of the "Harold Brennan Foundation", which
   is no person's name whatever spaCy typed it); a body's acronym is no surname ("U.N.");
3. an organisation's suffix ("Inc", "Corp") is ignored, an acronym joins the one
   organisation whose initials it spells, and a one-word organisation name joins
   the one longer organisation name it starts, unless that adds a model's word ("iPad
   Pro") or, across stories, is written less often ("Senate Judiciary Committee"), and
   unless the name is a body's own: coined ("NBC", "iTunes") or written before any longer
   name it starts ("Disney …", then "Disney Channel"); a name followed by words of its
   trade ("Apple Computer") joins the organisation it alone is;
4. a known place (a small gazetteer) is never a person, and a name typed a place more
   often than the one full name holding it is shown a person (its place votes written
   after that full name, as a surname refers back, aside) is the place: "Macau" is no
   surname of "Galaxy Macau", a resort once tagged PERSON.

A name's type is voted over all its mentions, and a person is a person: a name holding a
product's model word or code ("MacBook Pro", "RAV4"), one such a model extends ("Nintendo
Switch" of "Nintendo Switch Lite"), a group's plural ("Virginia Democrats", "Greeks") and
hyphenated names no person holds ("Glass-Steagall") take no PERSON vote, so they never
become a person who absorbs their parts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsdesk.annotate.name_forms import (
    EDITORIAL,
    POSSESSIVE,
    abbreviates,
    acronym,
    canonical,
    chance_initials,
    coined,
    headline_verbs,
    hyphenated,
    initial_apart,
    ordered_roles,
    vote,
    without_headline_verb,
    written_within,
)
from newsdesk.annotate.name_forms import fold as _fold
from newsdesk.annotate.name_joins import (
    _case_of,
    _division,
    _person_shaped,
    _shared_surname,
    _trade_parent,
    _unit,
    entity_country,
    surname_of,
)
from newsdesk.annotate.name_keys import (
    PLACE_TYPES,
    _acronym_skip_words,
    _adjective_country,
    as_place,
    index_words,
    initials,
    is_name,
    name_key,
    place_country,
    role_country,
    split_title,
)
from newsdesk.annotate.name_votes import (
    body_ending,
    body_written_after,
    middle_name_forms,
    model_name,
    named_after_someone,
    owned_by,
    pair_of_people,
    quoted_forms,
    short_forms,
    starts_bodies,
    styled_initial,
)
from newsdesk.article import Entity, Mention

__all__ = [
    "PLACE_TYPES",
    "NameIndex",
    "as_place",
    "headline_verbs",
    "index_words",
    "initials",
    "is_name",
    "name_key",
    "place_country",
    "role_country",
    "split_title",
    "without_headline_verb",
]


@dataclass(slots=True)
class _Node:
    """All names with one compact key: their spellings, type votes and roles."""

    key: tuple[str, ...]
    spellings: Counter[str] = field(default_factory=Counter)  # title-stripped names
    surfaces: Counter[str] = field(default_factory=Counter)  # as written (possessive off)
    votes: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    titled: int = 0  # mentions written after a person's title or trade ("Filmmaker …")
    after_full: int = 0  # place votes of mentions written after a full name holding them
    alone_first: int = 0  # mentions written before any longer name they start
    its_own: int = 0  # mentions whose verb goes on to its own ("Twitter … its response")
    person_said: int = 0  # mentions whose words say a person ("Scott, 43,", "Scott's wife")
    kin_named: int = 0  # mentions introduced as a relative by the surname ("Bush's father …")
    quoted: int = 0  # mentions inside a quotation: a speaker's words, not the writer's

    @property
    def count(self) -> int:
        return sum(self.votes.values())

    def majority(self) -> str:
        return vote(self.votes)


class NameIndex:
    """Canonical names for an article, a story or the whole store.

    ``add`` names as they are found, then ``resolve`` any of them (or a new
    spelling) to its canonical name and type, or take ``entities()``. Indexes
    combine with ``update`` (an article's index into its story's).
    """

    def __init__(self, *, across_stories: bool = False) -> None:
        self._nodes: dict[tuple[str, ...], _Node] = {}
        # the whole store's index: its names come from articles of unrelated stories, and a
        # one-word name there is one its article never wrote in full (see _person_parent)
        self._across = across_stories
        self._forget()

    def _forget(self) -> None:
        """Drop what was worked out from the names: a name was added."""
        self._groups: dict[tuple[str, ...], tuple[str, ...]] | None = None
        self._full_words: frozenset[str] | None = None  # words of full PERSON names
        self._lines: frozenset[tuple[str, ...]] | None = None  # names models extend
        self._types: dict[tuple[str, ...], str] = {}  # a node's type by votes
        self._members_of: dict[tuple[str, ...], list[_Node]] | None = None  # by root
        self._described: dict[tuple[str, ...], tuple[str, str]] = {}  # root: name, type
        # a full name's words from the names joined to it by a middle name's short form
        self._goes_by: dict[tuple[str, ...], set[str]] = {}

    def __len__(self) -> int:
        return len(self._nodes)

    def add(
        self,
        mention: Mention | str,
        type_: str | None = None,
        *,
        roles: Iterable[str] = (),
        count: int = 1,
        after_full: bool = False,
        alone_first: bool = False,
        its_own: bool = False,
        person_said: bool = False,
        kin_named: bool = False,
        quoted: bool = False,
    ) -> None:
        """Record one name (a :class:`Mention`, or its text and ``type_``) and its roles.

        ``after_full``: the mention is written after a person's full name that holds its
        words, as a surname refers back to the name given first; a place vote so written
        is no sign of a place of its own (see :meth:`_place_outweighs`). ``alone_first``:
        the mention is written before any longer name it starts, a body the text named on
        its own before a part of it (see :meth:`_org_parent`). ``its_own``: the mention is a
        subject whose verb goes on to its own ("Twitter has struggled since its …"), as no
        person's does, or is followed by an apposition naming a body ("Patriot Coal, one of
        the largest coal companies"); ``person_said``: the words around the mention say a
        person ("Scott, 43,", "Scott's wife": see :meth:`_voted_type`); ``kin_named``: the
        full name is introduced as a relative of the one its surname alone names ("Bush's
        father, President George H.W. Bush"), whom that surname then never joins.
        ``quoted``: the mention is inside a quotation, a speaker's words (see
        :func:`quoted_forms`)."""
        text = mention.text if isinstance(mention, Mention) else mention
        kind = type_ or (mention.type if isinstance(mention, Mention) else "PERSON")
        surface = POSSESSIVE.sub("", text.strip()).strip()  # as written: what the store holds
        text = " ".join(EDITORIAL.sub("", text).split())  # "[Hillary] Clinton"
        text, kind = as_place(text, kind)
        name, titles = split_title(text, kind)
        key = name_key(name, kind)
        if not key:
            return
        node = self._nodes.setdefault(key, _Node(key=key))
        node.spellings[name] += count
        node.surfaces[surface] += count
        node.votes[kind] += count
        node.after_full += count if after_full and kind in PLACE_TYPES else 0
        node.alone_first += count if alone_first else 0
        node.its_own += count if its_own else 0
        node.person_said += count if person_said else 0
        node.kin_named += count if kin_named else 0
        node.quoted += count if quoted else 0
        given = [*titles, *roles]
        node.titled += count if given and kind == "PERSON" else 0
        for role in given:
            node.roles[role] += 1
        self._forget()

    def update(self, other: NameIndex) -> None:
        """Add everything ``other`` has seen (an article's names into its story's)."""
        for key, theirs in other._nodes.items():
            node = self._nodes.setdefault(key, _Node(key=key))
            node.spellings.update(theirs.spellings)
            node.surfaces.update(theirs.surfaces)
            node.votes.update(theirs.votes)
            node.roles.update(theirs.roles)
            node.after_full += theirs.after_full
            node.alone_first += theirs.alone_first
            node.its_own += theirs.its_own
            node.person_said += theirs.person_said
            node.kin_named += theirs.kin_named
            node.quoted += theirs.quoted
            node.titled += theirs.titled
        self._forget()

    def resolve(self, text: str, type_: str = "PERSON") -> str:
        """The canonical name for ``text``; a name never added resolves by the same rules."""
        return self.lookup(text, type_)[0]

    def resolve_type(self, text: str, type_: str) -> str:
        """The corrected type: a surname of a person seen is PERSON, a known city is not."""
        return self.lookup(text, type_)[1]

    def lookup(self, text: str, type_: str = "PERSON") -> tuple[str, str]:
        """``(canonical name, corrected type)`` for ``text`` seen as ``type_``.

        A name with no words in it (``"’’"``, ``"..."``) has an empty key: it is no
        entity and comes back as written, stripped. The probe for an unseen name
        recurses at most once.
        """
        key = name_key(text, type_)
        if not key:
            return text.strip(), type_
        if key not in self._nodes:
            probe = NameIndex(across_stories=self._across)
            probe.update(self)
            probe.add(text, type_)
            if key not in probe._nodes:  # add() keyed it otherwise: never recurse again
                return text.strip(), type_
            return probe.lookup(text, type_)
        root = self._grouping()[key]
        return self._describe(root)

    def root(self, text: str, type_: str = "PERSON") -> tuple[str, ...] | None:
        """The key of the group ``text`` (as added) belongs to; None for a name never added."""
        key = name_key(text, type_)
        return self._grouping().get(key) if key else None

    def entity_of(self, root: tuple[str, ...]) -> Entity | None:
        """The :class:`Entity` of the group whose key is ``root``."""
        nodes = [self._nodes[k] for k, r in sorted(self._grouping().items()) if r == root]
        return self._entity(root, nodes) if nodes else None

    def names(self) -> list[tuple[str, str]]:
        """``(canonical name, type)`` of each group: what :meth:`entities` names, without
        the rest of each entity (aliases, roles, countries)."""
        return [self._describe(root) for root in dict.fromkeys(self._grouping().values())]

    def entities(self) -> list[Entity]:
        """One :class:`Entity` per group, most mentioned first."""
        groups = self._grouping()
        members: dict[tuple[str, ...], list[_Node]] = defaultdict(list)
        for key, root in groups.items():
            members[root].append(self._nodes[key])
        found = [self._entity(root, nodes) for root, nodes in members.items()]
        return sorted(found, key=lambda e: (-e.mentions, e.name, e.type))

    # -- grouping ----------------------------------------------------------------------

    def _node_type(self, node: _Node) -> str:
        kind = self._types.get(node.key)
        if kind is None:
            kind = self._types[node.key] = self._voted_type(node)
        return kind

    def _voted_type(self, node: _Node) -> str:
        """The type by votes over every mention. A known place is never a person, nor is
        a product's model (:func:`model_name`), nor a group of a place (:meth:`_group_of`);
        a one-word name with no sign of a person (no title or role, in no full name of a
        person) is a PERSON only with more than twice the votes of any other type:
        "Brexit", tagged PERSON here and ORG there, is not a person, nor is "SpaceX" tagged
        PERSON twice, ORG once and GPE once, while a surname of a full name seen stays one;
        nor, whatever its votes, is such a name once given its own ("Twitter has struggled
        since its public offering", 21 mentions tagged PERSON).
        A name written with a company's legal form ("Saturn Corporation") is the company,
        its brand's PRODUCT votes ("a Saturn") the company's. A full name once written after a
        person's title or trade ("Founder Beverly Bond") is a person's whatever else spaCy
        typed it ("Beverly Bond" read as a place twice)."""
        votes: Counter[str] = Counter(node.votes)
        if votes["ORG"] and any(len(_fold(s).split()) > len(node.key) for s in node.spellings):
            votes["ORG"] += votes.pop("PRODUCT", 0)
        if place_country(" ".join(node.key)) is not None and "PERSON" in votes:
            votes["GPE"] += votes.pop("PERSON")
        elif len(node.key) > 1 and node.titled:
            return "PERSON"  # "Founder Beverly Bond", then "Beverly Bond" read as a place
        elif self._said_person(node):
            return "PERSON"  # "Keith Lamont Scott, 43," or "Scott's wife", typed ORG
        if node.its_own and not node.person_said and len(node.key) > 1:
            votes["ORG"] += votes.pop("PERSON", 0)  # "Patriot Coal, a coal company"
        if node.its_own and votes["ORG"] and place_country(" ".join(node.key)) is None:
            for kind in PLACE_TYPES & votes.keys():  # "Valeant's stock", typed GPE
                votes["ORG"] += votes.pop(kind)
        elif "PERSON" in votes and self._starts_said_body(node.key):
            votes["ORG"] += votes.pop("PERSON")  # "Patriot" of "Patriot Coal, a company"
        if model_name(node.key) or node.key in self._model_lines():
            votes["PRODUCT"] += votes.pop("PERSON", 0)
            if votes["PRODUCT"] and votes["PRODUCT"] >= max(votes.values()):
                return "PRODUCT"  # a tie with an organisation: the product is named
        if "PERSON" in votes and self._group_of(node.key):
            votes["NORP"] += votes.pop("PERSON")
        if "PERSON" in votes and (
            named_after_someone(node.key) or body_ending(node.key, node.spellings, self._written)
        ):
            votes["ORG"] += votes.pop("PERSON")
        body = "PERSON" in votes and body_written_after(node.key, node.votes, self._written)
        if body:
            votes[body] += votes.pop("PERSON")  # "Obama White House" beside "White House"
        if "PERSON" in votes and pair_of_people(node.key, node.spellings, self._full_keys):
            votes["ORG"] += votes.pop("PERSON")  # "Clinton-Kaine": a ticket, no one person
        if "PERSON" in votes and not node.roles and self._hyphenated_alone(node):
            votes["ORG"] += votes.pop("PERSON")  # "Glass-Steagall": a law, no one person
        if len(node.key) == 1 and "PERSON" in votes and self._surname_of_people(node.key):
            return "PERSON"  # "Trump" beside Donald and Ivanka Trump: one of them, open
        weak = len(node.key) == 1 and "PERSON" in votes and len(votes) > 1 and not node.roles
        weak = weak and not node.person_said
        if weak and node.key[0] not in self._person_words():
            others = max(n for kind, n in votes.items() if kind != "PERSON")
            if votes["PERSON"] <= 2 * others or node.its_own:
                del votes["PERSON"]  # "Twitter has struggled since its …": no person
        return vote(votes)

    def _said_person(self, node: _Node) -> bool:
        """Whether the words around a name's mentions say a person and none a body: its age
        in apposition, a title only people hold, a member of its family ("Scott, 43,",
        "Scott's wife"), for the name itself or, for the one full name written as a
        person's (two or three capitalised words) that ends in a surname written alone,
        for that surname ("Keith Lamont Scott" beside "Scott, 43,"). spaCy's small model
        types a name it does not know ORG in every mention; the words are the better
        evidence. A place's name is left to its votes."""
        if node.its_own or not {"ORG", "PERSON"} & set(node.votes):
            return False
        if node.person_said:
            return True
        surname = self._nodes.get(node.key[-1:]) if len(node.key) > 1 else None
        if surname is None or not surname.person_said or surname.its_own:
            return False
        if any(
            len(k) > 1 and k[-1] == node.key[-1] and k[-len(node.key) :] != node.key
            for k, n in self._nodes.items()
            if n.majority() in {"PERSON", "ORG"}
        ):
            return False  # "Donald Trump" beside "Washington Post Trump": whose is open
        return all(
            2 <= len(words := text.split()) <= 3
            and all(w[:1].isupper() and not w.isupper() and w.isalpha() for w in words)
            for text in node.spellings
        )

    def _starts_said_body(self, key: tuple[str, ...]) -> bool:
        """Whether a one-word name starts a longer name the words around it say is a body
        ("Patriot" of "Patriot Coal, one of the nation's largest coal companies"): its short
        form, no person's given name."""
        return len(key) == 1 and any(
            len(k) > 1 and k[0] == key[0] and n.its_own and not n.person_said and not n.titled
            for k, n in self._nodes.items()
        )

    def _hyphenated_alone(self, node: _Node) -> bool:
        """Whether a name is only written as one hyphenated word ("Glass-Steagall") whose parts
        no other person's full name holds: a person is named in full once ("Mara Okonkwo-Reyes",
        then "Okonkwo-Reyes"); names with no given name anywhere name a law, a firm, a pact."""
        if len(node.key) < 2 or not hyphenated(node.spellings):
            return False
        return not any(set(node.key) & set(k) for k in self._full_keys() if k != node.key)

    def _written(self, key: tuple[str, ...]) -> tuple[Counter[str], Counter[str]] | None:
        node = self._nodes.get(key)
        return (node.votes, node.spellings) if node is not None else None

    def _model_lines(self) -> frozenset[tuple[str, ...]]:
        """The names a model name in the index extends ("Nintendo Switch" and "Switch" of
        "Nintendo Switch Lite", "Switch Lite"): a product line, never a person."""
        if self._lines is None:
            lines: set[tuple[str, ...]] = set()
            for key in self._nodes:
                while len(key) > 1 and model_name(key[-1:]):
                    key = key[:-1]
                    lines.add(key)
            self._lines = frozenset(lines)
        return self._lines

    def _group_of(self, key: tuple[str, ...]) -> bool:
        """Whether a name ends in a plural that names a group, never one person: a
        nationality's ("Greeks", "Israelis"), or one the index types a group when
        written alone ("Virginia Democrats", "Democrats" being NORP)."""
        if not key[-1].endswith("s"):
            return False
        if _adjective_country(key[-1][:-1]) is not None:
            return True
        last = self._nodes.get(key[-1:])
        return len(key) > 1 and last is not None and last.votes["NORP"] > last.votes["PERSON"]

    def _surname_of_people(self, key: tuple[str, ...]) -> bool:
        """Whether two or more full names of people end in the one word ``key``."""
        return sum(k[-1] == key[0] for k in self._full_keys()) > 1

    def _full_keys(self) -> list[tuple[str, ...]]:
        return [k for k, n in self._nodes.items() if len(k) > 1 and n.majority() == "PERSON"]

    def _person_words(self) -> frozenset[str]:
        if self._full_words is None:
            self._full_words = frozenset(
                word
                for key, node in self._nodes.items()
                if len(key) > 1 and self._node_type(node) == "PERSON"
                for word in key
            )
        return self._full_words

    def _grouping(self) -> dict[tuple[str, ...], tuple[str, ...]]:
        if self._groups is not None:
            return self._groups
        merged = self._merge_joined()
        groups = {key: merged.get(key, key) for key in self._nodes}
        types = {key: self._node_type(node) for key, node in self._nodes.items()}
        people = [k for k in self._nodes if len(k) > 1 and types[k] == "PERSON" and groups[k] == k]
        groups.update(short_forms(people, lambda k: self._nodes[k].count))
        people = [k for k in people if groups[k] == k]
        quoted = {k for k in people if self._nodes[k].quoted == self._nodes[k].count}
        groups.update(quoted_forms(people, quoted))
        people = [k for k in people if groups[k] == k]
        middle = middle_name_forms(people)
        groups.update(middle)
        for short, full in middle.items():  # "Ted" of "Ted Cruz", "Rafael Edward Cruz"'s
            self._goes_by.setdefault(full, set()).update(short)
        roots = sorted({groups[k] for k in self._nodes}, key=lambda k: (len(k), k))
        persons = [k for k in roots if len(k) > 1 and types[k] == "PERSON"]
        orgs = [k for k in roots if types[k] == "ORG"]
        parent: dict[tuple[str, ...], tuple[str, ...]] = {}
        for key in roots:
            target = None
            body = types[key] == "ORG" and (
                self._org_parent(key, orgs) is not None
                or (self._across and starts_bodies(key, orgs))
            )
            if not body:
                # an organisation's name that one organisation holds is that one, not a
                # person's surname ("Ford": Ford Motor Company, not William Clay Ford);
                # across stories, nor is one that starts bodies' names ("Fox" beside Fox
                # News and Fox Business Network: no Vicente Fox of another article)
                target = self._person_parent(key, persons, self._nodes[key].majority())
                # a surname a name typed a body also ends is open: "Fiorina" is no "Frank
                # Fiorina" beside "Carly Fiorina", whom spaCy typed ORG
                rivals = [o for o in orgs if _person_shaped(self._nodes[o].spellings)]
                target = None if _shared_surname(key, target, rivals) else target
            if target is None and types[key] in {"ORG", "PERSON"}:
                # a one-word PERSON only when no person holds it ("Cerberus" of "Cerberus
                # Capital Management")
                held = types[key] == "PERSON" and any(set(key) <= set(p) for p in persons)
                # nor a body named after them ("Brennan" of "Harold Brennan Foundation")
                bodies = [o for o in orgs if types[key] != "PERSON" or not named_after_someone(o)]
                target = None if held else self._org_parent(key, bodies)
            if target is None and types[key] == "ORG":
                target = _trade_parent(key, set(orgs), parent)
                # a product line's software is no maker ("iPod Software" of "iPod Mini")
                target = None if target in self._model_lines() else target
                # "the Fisher case": the one court case the name's party opens
                target = target or _case_of(key, [k for k in roots if types[k] == "LAW"])
            if target is not None:
                parent[key] = target
        for key in self._nodes:
            root = groups[key]
            while root in parent:
                root = parent[root]
            groups[key] = root
        self._groups = groups
        return groups

    def _merge_joined(self) -> dict[tuple[str, ...], tuple[str, ...]]:
        """Keys that differ only in word breaks ("jae myung" / "jaemyung") share a root."""
        by_letters: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for key in self._nodes:
            by_letters["".join(key)].append(key)
        merged = {}
        for keys in by_letters.values():
            root = min(keys, key=lambda k: (-len(k), k))
            merged.update({k: root for k in keys})
        return merged

    def _person_parent(
        self, key: tuple[str, ...], persons: list[tuple[str, ...]], kind: str
    ) -> tuple[str, ...] | None:
        if kind in PLACE_TYPES and place_country(" ".join(key)) is not None:
            return None
        words = set(key)
        holders = [
            p
            for p in persons
            if len(p) > len(key) and (words <= set(p) or words <= self._goes_by.get(p, set()))
        ]
        if len(key) > 1:  # "Clinton Cash Debunks Hillary", a headline, is no Hillary Clinton
            holders = [p for p in holders if written_within(list(key), list(p))]
        if kind == "ORG" and acronym(self._nodes[key].spellings):
            return None  # a body's acronym is no one's surname: "U.N." of "Kim Jong Un"
        if kind == "NORP":  # a people is no given name: "Swiss" of "Swiss People's Party"
            holders = [p for p in holders if surname_of(p) == key[0]]
        if kind == "ORG" and len(key) == 1:
            # a name seen as an organisation is a person's only as the surname ("Mulally" is
            # Alan Mulally); by its first word it stays apart: "Ford" is no "Ford Falcon" (a
            # car tagged PERSON), and a company tagged PERSON ("Lockheed Martin") splitting
            # from its short name costs less than a company merged into a person; a
            # generation after it is no surname ("Bozell" of "Brent Bozell III")
            holders = [p for p in holders if surname_of(p) == key[0]]
        if self._across and len(key) == 1:
            # across stories a lone name joins only a full name it ends, a surname: an
            # article that never wrote the full name is no evidence a first word is its
            # ("Penny", a game's villager, is no Penny Mordaunt; NASA's "Moon" no Moon Jae-in)
            holders = [p for p in holders if p[-1] == key[0]]
        styled = styled_initial(key, holders) if self._across and kind == "PERSON" else None
        if styled is not None:
            # "Harry Reid" (4) is the one "Harry M. Reid" (3), an outlet's style, however
            # often each is written; an article that writes both keeps them apart
            return styled
        holders = [p for p in holders if not initial_apart(key, p)]
        if not self._across and len(key) == 1:  # "Bush" is not "Bush's father, George …"
            holders = [
                p for p in holders if not (surname_of(p) == key[0] and self._nodes[p].kin_named)
            ]
        # Only the largest names count: "Lee" inside "Lee Jae" inside "Lee Jae Myung".
        maximal = [
            p
            for p in holders
            if not any(set(p) < set(q) and not initial_apart(p, q) for q in holders)
        ]
        if len(maximal) > 1:
            maximal = self._surname_reading(key, maximal) or maximal
        if len(maximal) != 1 or (kind in PLACE_TYPES and self._place_outweighs(key, maximal[0])):
            return None
        return maximal[0]

    def _surname_reading(
        self, key: tuple[str, ...], holders: list[tuple[str, ...]]
    ) -> list[tuple[str, ...]] | None:
        """The one full name ``key`` ends, a surname, when every other holder only starts
        with it and reads on into words that are no name of the text's and is written no
        more often: a name run into a headline's or a sentence's words ("Putin Remarks",
        "Cruz Control", "WASSERMAN SCHULTZ RESIGNS") is no person a surname refers back to,
        so "Putin" is Vladimir Putin. A holder whose other words are a name of their own
        ("Hillary Clinton" beside "Clinton", for "Hillary" of "Crooked Hillary") or two
        full names ending in ``key`` leave it open (None)."""
        size = len(key)
        tails = [p for p in holders if p[-size:] == key]
        heads = [p for p in holders if p[:size] == key and p[-size:] != key]
        if len(tails) != 1 or len(tails) + len(heads) != len(holders):
            return None
        written = self._nodes[tails[0]].count
        for head in heads:
            if any((word,) in self._nodes for word in head[size:]):
                return None
            if self._nodes[head].count > written:
                return None
        return tails

    def _place_outweighs(self, key: tuple[str, ...], holder: tuple[str, ...]) -> bool:
        """Whether the name ``key``, typed a place in most of its mentions, is more often a
        place of its own than the full name ``holder`` is shown a person: the place a venue
        is named after ("Macau" of "Galaxy Macau", a resort once tagged PERSON, the city
        alone written before and after it) is that place, while a surname typed a place
        after the full name it refers back to ("Modi" of "Narendra Modi") is the person's.
        A place of its own: the place votes less those written after a full name holding
        the name. A person's evidence: the PERSON votes of the full name and of the name
        itself, and the full name's titles and roles."""
        node, person = self._nodes[key], self._nodes[holder]
        places = sum(node.votes[kind] for kind in PLACE_TYPES) - node.after_full
        shown = person.votes["PERSON"] + node.votes["PERSON"] + sum(person.roles.values())
        # a tie keeps a given name apart ("Virginia" of "Virginia Giuffre", a state as
        # often as her), not a surname ("Almeida" of "Rosa Almeida")
        return places > shown or (places == shown and key[-1] != holder[-1])

    def _org_parent(
        self, key: tuple[str, ...], orgs: list[tuple[str, ...]]
    ) -> tuple[str, ...] | None:
        node = self._nodes[key]
        placed = any(node.votes[t] for t in PLACE_TYPES)
        said = self._starts_said_body(key)  # "Patriot" of "Patriot Coal, a coal company"
        if place_country(" ".join(key)) is not None or (
            placed and not self._initials(node) and not said
        ):
            return None  # a place is never absorbed by a body named after it
        if len(key) != 1:
            return self._qualified_parent(key, orgs)
        # a name written with its legal suffix is whole: "Apple Inc." is not "Apple Corps";
        # so is a body's coined name ("NBC", "iTunes") and one the text named before any
        # longer name it starts ("Disney …", then "Disney Channel"): the longer is a part of
        # it. A name typed otherwise by its own votes is typed by the body it starts.
        whole = any(len(_fold(spelling).split()) > 1 for spelling in node.spellings)
        if self._node_type(node) == "ORG":
            whole = whole or node.alone_first > 0 or coined(node.spellings)
        candidates = set()
        for other in orgs:
            if len(other) < 2 or _division(other[1:]):
                continue  # "Ford Australia" is a division, not what "Ford" alone names
            starts = other[0] == key[0] and not whole
            # an acronym is written in capitals: "MAC" may spell Mayo Clinic, "Mac" does not
            capitals = any(s.replace(".", "").isupper() for s in node.spellings)
            if starts or (len(key[0]) > 1 and capitals and self._spells(key[0], other)):
                candidates.add(other)
        # two spellings of one body are one candidate ("General Motor", "General Motors")
        candidates -= {c for c in candidates if self._qualified_parent(c, orgs) in candidates}
        found = candidates.pop() if len(candidates) == 1 else None
        if found is None or self._own_body(key, found):
            return None
        # across stories two letters may spell a body the store names once by chance
        return None if self._across and chance_initials(key[0], self._nodes[found].count) else found

    def _initials(self, node: _Node) -> bool:
        """Whether a one-word name is a body's initials whatever a few of its mentions were
        typed: coined, in capitals, and typed ORG by its votes ("FBI" 70, "F.B.I." typed GPE
        6 times): it may still spell the one body whose name it abbreviates."""
        return len(node.key) == 1 and coined(node.spellings) and self._node_type(node) == "ORG"

    def _spells(self, acronym: str, other: tuple[str, ...]) -> bool:
        """Whether ``acronym`` abbreviates the organisation ``other``: its initials, with or
        without a suffix ("PAG", Penske Automotive Group), or letters taken in order from
        the starts of its words ("SIA", Singapore Airlines) in an article or a story: across
        stories those take in any body's name ("RUN" of Rutgers University, "BRT" of the
        Bronx Times), and the article that wrote the letters never wrote the name. Across
        stories the letters spell every word, small ones too ("USAF", the United States Air
        Force): letters that skip a name's small words match many more bodies ("ISIS" is no
        Institute for Science and International Security of another story)."""
        spellings = [_fold(s).split() for s in self._nodes[other].spellings]
        spell = (lambda w: "".join(x[0] for x in w)) if self._across else initials
        if any(spell(tuple(words)) == acronym for words in [list(other), *spellings]):
            return True
        skip = _acronym_skip_words()
        return not self._across and abbreviates(acronym, [w for w in other if w not in skip])

    def _qualified_parent(
        self, key: tuple[str, ...], orgs: list[tuple[str, ...]]
    ) -> tuple[str, ...] | None:
        """ "Federal Reserve" is the one "United States Federal Reserve": a longer
        organisation that is this one with a place before it."""
        found = {
            o
            for o in orgs
            if len(o) > len(key)
            and o[-len(key) :] == key
            and place_country(" ".join(o[: -len(key)])) is not None
        }
        # a shortened word: "Penske Auto" is the one "Penske Automotive Group"; a name that
        # starts a longer one ("Dow Jones" of "Dow Jones Industrial Average") unless the rest
        # makes a division of it ("Air Force Europe")
        found |= {
            o
            for o in orgs
            if len(o) >= len(key)
            and o != key
            and o[0] == key[0]
            and all(o[i].startswith(word) for i, word in enumerate(key))
            and not (o[: len(key)] == key and _division(o[len(key) :]))
            and not owned_by(key, self._nodes[o].spellings)
        }
        longer = found.pop() if len(found) == 1 else None
        return None if longer and self._own_body(key, longer) else longer

    def _own_body(self, key: tuple[str, ...], longer: tuple[str, ...]) -> bool:
        """Whether ``key``, the start of the one organisation ``longer``, is a body of its
        own: the maker or line of a model ("iPad" of "iPad Pro"), a larger body ``longer``
        names a unit of (:func:`_unit`: "NYU" of "NYU School of Law"), one of two bodies a
        joint name holds, the other a body of two words or more the index names alone
        ("Huffington Post" of "Huffington Post-Morning Consult", "Bank of America" of "Bank
        of America Merrill Lynch"), or across stories a name
        the store meets apart more often ("Senate", 15 mentions, of "Senate Judiciary
        Committee", once: an article's index merged its own short forms already)."""
        if longer[: len(key)] != key:
            return False  # an acronym ("GM") starts no longer name
        rest = longer[len(key) :]
        if model_name(rest) or _unit(rest):
            return True  # a unit of a body never absorbs it ("Senate" of "Senate … Committee")
        joined = self._nodes.get(rest) if len(rest) > 1 else None
        if joined is not None and self._node_type(joined) == "ORG":
            return True  # two bodies' joint name: "Huffington Post-Morning Consult"
        return self._across and self._nodes[key].count > self._nodes[longer].count

    # -- description ---------------------------------------------------------------------

    def _members(self, root: tuple[str, ...]) -> list[_Node]:
        """The nodes of ``root``'s group, in key order (read, never changed, by callers)."""
        if self._members_of is None:
            members: dict[tuple[str, ...], list[_Node]] = {}
            for k, r in sorted(self._grouping().items()):
                members.setdefault(r, []).append(self._nodes[k])
            self._members_of = members
        return self._members_of.get(root, [])

    def _group_type(self, root: tuple[str, ...], nodes: list[_Node]) -> str:
        if len(root) > 1 and self._node_type(self._nodes[root]) in {"PERSON", "ORG", "LAW"}:
            return self._node_type(self._nodes[root])  # a full name's type leads its parts
        if any(len(n.key) > 1 and self._node_type(n) == "PERSON" for n in nodes):
            return "PERSON"
        votes: Counter[str] = Counter()
        for node in nodes:
            votes[self._node_type(node)] += node.count
        return vote(votes)

    def _describe(self, root: tuple[str, ...]) -> tuple[str, str]:
        described = self._described.get(root)
        if described is None:
            nodes = self._members(root)
            spellings: Counter[str] = Counter()
            for node in nodes:
                spellings.update(node.spellings)
            described = (canonical(spellings), self._group_type(root, nodes))
            self._described[root] = described
        return described

    def _entity(self, root: tuple[str, ...], nodes: list[_Node]) -> Entity:
        name, kind = self._describe(root)
        surfaces: Counter[str] = Counter()
        roles: Counter[str] = Counter()
        for node in nodes:
            surfaces.update(node.surfaces)
            roles.update(node.roles)
        aliases = sorted(s for s in surfaces if s != name)
        kept = ordered_roles(roles)
        country = entity_country(name, kind, kept)
        return Entity(
            name=name,
            type=kind,
            aliases=aliases,
            roles=kept,
            country=country,
            mentions=sum(n.count for n in nodes),
        )
