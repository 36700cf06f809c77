"""Curated decisions that survive rebuilds: glossary/curated.toml, applied on every build.

```toml
[[prefer]]       # make this form its entry's preferred form
form = "Miguel Díaz-Canel"
[[reject]]       # never an entry or a variant
form = "various kinds"
[[deprecate]]    # keep the form, marked as one not to use
form = "Kremnil"
[[merge]]        # these forms name one thing
forms = ["Castro", "Fidel Castro"]
[[split]]        # take this form out of its entry, into one of its own
form = "Fidel"
[[translation]]  # add a rendering in another language
term = "Kremlin"
lang = "es"
text = "Kremlin"
[[note]]
term = "Kremlin"
text = "The building, not the government."
```
Forms and terms are matched folded (case, accents, dashes). A decision that matches nothing
any more is reported, so stale curation is noticed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from tmkit.errors import InputError
from tmkit.glossary.model import Entry, Form
from tmkit.lang import normalise_tag
from tmkit.phrases import folded_key
from tmkit.textio import read_utf8
from tmkit.tomlfile import parse_toml, table_lines

ACTIONS: dict[str, dict[str, type]] = {
    "prefer": {"form": str},
    "reject": {"form": str},
    "deprecate": {"form": str},
    "merge": {"forms": list},
    "split": {"form": str},
    "translation": {"term": str, "lang": str, "text": str},
    "note": {"term": str, "text": str},
}
OPTIONAL = {"reason": str}


@dataclass(slots=True)
class Decision:
    """One curated decision and the line it was written on."""

    action: str
    values: dict[str, object]
    line: int | None

    def describe(self) -> str:
        """The decision as people wrote it, for reports."""
        shown = ", ".join(f"{k}={v!r}" for k, v in self.values.items() if k != "reason")
        return f"[[{self.action}]] {shown}" + (f" (line {self.line})" if self.line else "")


def load_curation(path: str) -> list[Decision]:
    """Read and check a curation file: known tables, known keys of the right types."""
    text = read_utf8(path)
    raw = parse_toml(path, text)
    decisions = []
    for action, tables in raw.items():
        if action not in ACTIONS:
            known = ", ".join(f"[[{a}]]" for a in ACTIONS)
            line = next(iter(table_lines(text, action)), _key_line(text, action))
            raise InputError(path, f"unknown decision {action!r} (known: {known})", line)
        if not isinstance(tables, list):
            raise InputError(
                path, f"{action!r} must be written [[{action}]]", _key_line(text, action)
            )
        lines = table_lines(text, action)
        for number, table in enumerate(tables):
            line = lines[number] if number < len(lines) else None
            decisions.append(Decision(action, _checked(table, action, path, line), line))
    return decisions


def _key_line(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(key):
            return number
    return None


def _checked(table: dict[str, object], action: str, path: str, line: int | None) -> dict:
    wanted = ACTIONS[action]
    for key in table:
        if key not in wanted and key not in OPTIONAL:
            allowed = ", ".join(sorted({*wanted, *OPTIONAL}))
            raise InputError(path, f"[[{action}]]: unknown key {key!r} (allowed: {allowed})", line)
    for key, kind in wanted.items():
        value = table.get(key)
        if not isinstance(value, kind) or not value:
            raise InputError(path, f"[[{action}]] needs {key!r} ({kind.__name__})", line)
    if action == "merge" and (
        len(table["forms"]) < 2 or not all(isinstance(f, str) for f in table["forms"])
    ):
        raise InputError(path, "[[merge]] needs two or more forms (strings)", line)
    if action == "translation":
        table = dict(table, lang=normalise_tag(str(table["lang"]), f"{path}:{line}"))
    return dict(table)


def apply_curation(entries: list[Entry], decisions: list[Decision]) -> list[str]:
    """Apply decisions in file order; return a line for each that matched nothing."""
    curation = _Curation(entries)
    stale = [
        f"{decision.describe()} matches nothing in the glossary"
        for decision in decisions
        if not curation.apply(decision)
    ]
    entries[:] = [e for e in entries if id(e) not in curation.removed]
    return stale


def _remove(forms: list[Form], form: Form) -> None:
    """Take this very form out (another may be equal to it)."""
    del forms[next(i for i, other in enumerate(forms) if other is form)]


class _Curation:
    """The glossary under curation, with its forms indexed as written and folded, so each
    decision finds its form without a scan of the glossary (thousands of decisions over a
    large glossary stay linear)."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.removed: set[int] = set()  # ids of entries merged away or emptied
        self._order = {id(e): i for i, e in enumerate(entries)}
        self._owner: dict[int, Entry] = {}
        self._written: dict[str, list[Form]] = defaultdict(list)
        self._folded: dict[str, list[Form]] = defaultdict(list)
        for entry in entries:
            for form in entry.forms:
                self._index(entry, form)

    def _index(self, entry: Entry, form: Form) -> None:
        self._owner[id(form)] = entry
        self._written[form.form].append(form)
        self._folded[folded_key(form.form)].append(form)

    def _add_entry(self, entry: Entry) -> None:
        self._order[id(entry)] = len(self._order)
        self.entries.append(entry)

    def _drop_entry(self, entry: Entry) -> None:
        self.removed.add(id(entry))

    def find(self, text: str) -> tuple[Entry, Form] | None:
        """The entry and form written exactly so, else the first that folds the same, first
        in the glossary's order and then in its entry's."""
        for table, key in ((self._written, text), (self._folded, folded_key(text))):
            found = []
            for form in table.get(key, ()):
                entry = self._owner[id(form)]
                place = next((i for i, f in enumerate(entry.forms) if f is form), None)
                if place is not None and id(entry) not in self.removed:
                    found.append((self._order[id(entry)], place, entry, form))
            if found:
                _, _, entry, form = min(found, key=lambda hit: hit[:2])
                return entry, form
        return None

    def apply(self, decision: Decision) -> bool:
        values = decision.values
        action = decision.action
        if action == "merge":
            found = [self.find(str(f)) for f in values["forms"]]
            targets = [hit[0] for hit in found if hit]
            if len({id(t) for t in targets}) < 2:
                return bool(targets) and len(targets) == len(found)
            keep = targets[0]
            for other in targets[1:]:
                if other is keep or id(other) in self.removed:
                    continue
                for form in other.forms:
                    form.status = "admitted" if form.status == "preferred" else form.status
                    keep.forms.append(form)
                    self._owner[id(form)] = keep
                keep.docs = sorted(set(keep.docs) | set(other.docs))
                self._drop_entry(other)
            return True
        found = self.find(str(values.get("form") or values.get("term")))
        if found is None:
            return False
        entry, form = found
        if action == "prefer":
            entry.forms[0].status = "admitted"
            _remove(entry.forms, form)
            form.status = "preferred"
            entry.forms.insert(0, form)
        elif action == "deprecate":
            form.status = "deprecated"
        elif action == "reject":
            _remove(entry.forms, form)
            if not entry.forms:
                self._drop_entry(entry)
            elif form.status == "preferred":
                entry.forms[0].status = "preferred"
        elif action == "split":
            if len(entry.forms) == 1:
                return True
            _remove(entry.forms, form)
            if form.status == "preferred":
                entry.forms[0].status = "preferred"
            form.status = "preferred"
            split = Entry(
                id=f"{entry.id}s", lang=entry.lang, kind=entry.kind, forms=[form], docs=entry.docs
            )
            self._owner[id(form)] = split
            self._add_entry(split)
        elif action == "translation":
            renderings = entry.translations.setdefault(str(values["lang"]), [])
            if values["text"] not in renderings:
                renderings.append(str(values["text"]))
        elif action == "note":
            entry.notes.append(str(values["text"]))
        return True
