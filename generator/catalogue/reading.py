"""Read YAML data files into plain Python values, and find where a key or value stands when an error
must name its line and column.

PyYAML's C composer builds the node tree (fast); we turn nodes into values ourselves so that we can
reject what PyYAML would silently accept (duplicate keys, merge keys, unknown tags) and, on demand,
record each node's line and column.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.catalogue.errors import DataError

try:  # the C loader is 10x faster; fall back to pure Python where libyaml is missing
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class _Loader(_SafeLoader):
    """PyYAML's safe loader, with the tag resolution it asks for on every node made cheaper.

    PyYAML's resolver also supports path-based resolvers, which we never register, at a cost of three
    Python calls per node: a third of the time spent parsing a large catalogue.
    """

    _IMPLICIT = {
        first: tuple(resolvers) + tuple(_SafeLoader.yaml_implicit_resolvers.get(None, []))
        for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
        if first is not None
    }

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self._IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _COLLECTION_TAGS[0] if kind is yaml.MappingNode else _COLLECTION_TAGS[1]


MAX_FILE_BYTES = 1_000_000
"""A data file describes one thing; anything this large is a mistake (or not a data file)."""
MAX_DEPTH = 50
"""Lists and mappings nest a few levels in any data file; far deeper nesting is a mistake (or an attack)."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Characters no page can show (YAML lets a quoted string hold them as escapes: "\\0", "\\x1b")."""

INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
"""Unicode's format characters (category Cf): invisible, yet they change how text reads or matches.
Direction overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069) and marks (U+200E, U+200F)
make a line display in another order than it is written, in the page and in an editor reviewing the
file; zero-width spaces and joiners, the word joiner, a byte-order mark inside the text (U+FEFF; one
at the very start is a BOM and is dropped) and the soft hyphen (U+00AD) make two names that look the
same differ, and a word unsearchable. None is needed to write this site's facts, so every one is
refused in every key, id, name and text, and in comments too, with its file, line and column, like
the control characters. (ZWJ/ZWNJ would be needed by scripts the site does not write; allow them in
long text the day it does.) ``tests/test_bad_inputs.py`` checks this class against ``unicodedata``."""

Position = tuple[int, int]
FieldPath = tuple[str | int, ...]


@dataclass
class Document:
    """One data file: its values, and on demand the position of each key and value in the text."""

    path: str
    data: Any
    text: str = ""
    _positions: tuple[dict[FieldPath, Position], dict[FieldPath, Position]] | None = field(default=None, repr=False)

    def _tables(self) -> tuple[dict[FieldPath, Position], dict[FieldPath, Position]]:
        # Positions are needed only to report an error, so they are found then, by parsing the text again:
        # recording every key and value of thousands of valid files cost more than parsing them.
        if self._positions is None:
            builder = _Builder(self.path, [], budget=len(self.text) + 100, record=True)
            root = yaml.compose(self.text, Loader=_Loader)
            if root is not None:
                builder.build(root, ())
            self._positions = builder.keys, builder.values
        return self._positions

    def where(self, loc: FieldPath, *, key: bool = False) -> Position:
        """The position of ``loc``, or of its nearest ancestor present in the file."""
        keys, values = self._tables()
        table = keys if key else values
        while loc:
            if loc in table:
                return table[loc]
            if loc in values:
                return values[loc]
            loc = loc[:-1]
        return values.get((), (1, 1))


_SCALAR_TAGS = [f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp", "binary")]
_SCALARS = {tag: yaml.constructor.SafeConstructor.yaml_constructors[tag] for tag in _SCALAR_TAGS}
"""PyYAML's own rules for plain values (numbers, dates, booleans), called directly: they need no state, and
going through ``construct_object`` would keep every node it sees."""
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _mark(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns a node tree into plain values (dates as ISO strings), reporting what we do not accept."""

    def __init__(self, path: str, errors: list[DataError], budget: int, *, record: bool = False) -> None:
        self.path = path
        self.errors = errors
        self.budget = budget
        """Values left to build: a file without aliases holds fewer values than characters, so running
        out means aliases (``*name``) expand it beyond its size (a "billion laughs")."""
        self.open: set[int] = set()
        """The collections being built (ids), to catch an alias inside the value it names."""
        self.too_deep = False
        self.record = record
        """Whether to note where each key and value stands (see :class:`Document`)."""
        self.keys: dict[FieldPath, Position] = {}
        self.values: dict[FieldPath, Position] = {}

    def error(self, node: yaml.Node, loc: FieldPath, message: str) -> None:
        line, col = _mark(node)
        self.errors.append(DataError(self.path, line, col, dotted(loc), message))

    def build(self, node: yaml.Node, loc: FieldPath) -> Any:
        if self.record:
            self.values[loc] = _mark(node)
        self.budget -= 1
        if self.budget < 0:
            if self.budget == -1:  # once
                self.error(
                    node,
                    loc,
                    "aliases (*name) repeat values more often than the file has characters; write the values out",
                )
            return None
        if node.__class__ is yaml.ScalarNode:  # most nodes: checked first, by the cheapest test
            return self.scalar(node, loc)
        if id(node) in self.open:
            self.error(node, loc, "an alias (*name) names a value that holds it")
            return None
        if len(loc) > MAX_DEPTH:
            if not self.too_deep:  # once
                self.too_deep = True
                self.error(node, loc, f"lists and mappings nest more than {MAX_DEPTH} levels deep")
            return None
        if node.tag not in _COLLECTION_TAGS:  # !!python/..., !!set
            self.error(node, loc, f"the tag {node.tag!r} is not supported; write a plain list or mapping")
            return None
        self.open.add(id(node))
        try:
            return self.collection(node, loc)  # type: ignore[arg-type]
        finally:
            self.open.discard(id(node))

    def collection(self, node: yaml.MappingNode | yaml.SequenceNode, loc: FieldPath) -> Any:
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is not yaml.ScalarNode:
                    self.error(key_node, loc, "a key must be a plain word, not a list or mapping")
                    continue
                reported = len(self.errors)
                key = self.scalar(key_node, loc)
                if len(self.errors) > reported:
                    continue
                if key_node.tag != _STR:  # a number, date, boolean or null
                    self.error(key_node, loc, f"a key must be a word, not {key_node.value!r}")
                    continue
                if key in result:
                    first = next(k for k, _ in node.value if k.__class__ is yaml.ScalarNode and k.value == key)
                    self.error(key_node, (*loc, key), f"duplicate key (first given on line {_mark(first)[0]})")
                    continue
                if self.record:
                    self.keys[(*loc, key)] = _mark(key_node)
                result[key] = self.build(value_node, (*loc, key))
            return result
        return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]

    def scalar(self, node: yaml.ScalarNode, loc: FieldPath) -> Any:
        value: Any
        if node.tag == _STR:  # a string is its text: no need for PyYAML's constructor
            value = node.value
        elif node.tag == _MERGE:
            self.error(node, loc, "merge keys (<<) are not supported; write the fields out")
            return None
        else:
            try:
                construct = _SCALARS.get(node.tag)
                # Any other tag (!!python/name, ...): PyYAML's constructor says why it is not allowed.
                value = (
                    construct(_CONSTRUCTOR, node)
                    if construct
                    else yaml.constructor.SafeConstructor().construct_object(node)
                )
            except (ValueError, yaml.YAMLError) as exc:
                # e.g. 2022-13-40 looks like a date to YAML but is none
                kind = "date" if node.tag.endswith(":timestamp") else "value"
                reason = exc.problem if isinstance(exc, yaml.MarkedYAMLError) and exc.problem else exc
                self.error(node, loc, f"{node.value!r} is not a valid {kind} ({reason})")
                return None
            if isinstance(value, dt.date):  # models see one representation of a date
                value = (value.date() if isinstance(value, dt.datetime) else value).isoformat()
        # Only an escape of a double-quoted string ("\x1b", "\u202e") can put a control or invisible character in
        # a value: the reader refuses raw control characters, and parse_text raw invisible ones. (Searching
        # every value of a large catalogue for them cost more than a tenth of its parsing.)
        if node.style != '"' or value.__class__ is not str:
            return value
        if bad := _CONTROL.search(value):
            code = f"U+{ord(bad.group()):04X}"
            self.error(node, loc, f"holds the control character {code}, which no page can show")
            return None
        if bad := INVISIBLE.search(value):
            self.error(node, loc, f"holds {invisible(bad.group())}")
            return None
        return value


def dotted(loc: FieldPath) -> str:
    """``("main_camera", "sensor")`` → ``main_camera.sensor``; list items as ``prices[0]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _position(text: str, index: int) -> Position:
    """Line and column (1-based) of the character at ``index``."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


_ODD_LINE_BREAK = re.compile("[\x85\u2028\u2029]")


def invisible(char: str) -> str:
    """What to tell an editor about one of :data:`INVISIBLE`."""
    name = unicodedata.name(char, "a format character")
    return (
        f"the invisible character U+{ord(char):04X} ({name}), which can make text read otherwise than "
        "it is written; delete it"
    )


def _invisible_characters(path: str, text: str) -> list[DataError]:
    """One error for each line that holds a format character, at the first one, anywhere in the text
    (comments too: an override there can disguise the line as well)."""
    errors, last_line = [], 0
    for found in INVISIBLE.finditer(text):
        line, col = _position(text, found.start())
        if line != last_line:
            errors.append(DataError(path, line, col, "", f"holds {invisible(found.group())}"))
            last_line = line
    return errors


def parse_text(path: str, text: str, errors: list[DataError]) -> Document | None:
    """Parse one file's text; append errors and return None when it is not usable YAML."""
    # An ASCII text (most files) holds none of the characters looked for below: no need to scan it for them.
    odd_break = None if text.isascii() else _ODD_LINE_BREAK.search(text)
    if odd_break:
        # YAML counts these as line breaks and editors do not, so every position after one would be off.
        line = text.count("\n", 0, odd_break.start()) + 1
        col = odd_break.start() - (text.rfind("\n", 0, odd_break.start()) + 1) + 1
        code = f"U+{ord(odd_break.group()):04X}"
        errors.append(
            DataError(
                path, line, col, "", f"holds the line-separator character {code}; use a plain line break or a space"
            )
        )
        return None
    if not text.isascii() and INVISIBLE.search(text):
        errors.extend(_invisible_characters(path, text))
        return None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or str(exc)
        tab = mark is not None and text[mark.index : mark.index + 1] == "\t"
        if tab:
            problem = "a tab character; YAML indents with spaces, never tabs"
        elif exc.context_mark and "end of stream" in problem:
            mark = exc.context_mark  # an unclosed quote or bracket: point at where it opened
            problem += f" ({exc.context} opened here)" if exc.context else ""
        elif exc.problem_mark and not text[exc.problem_mark.index :].strip():  # the file ended too soon
            if exc.context_mark and exc.context_mark.index < exc.problem_mark.index:
                mark = exc.context_mark  # inside a bracket or brace: point at where it opened
                problem = f"{problem} before the end of the file ({exc.context} opened here)"
            else:
                problem = f"{problem}: the file ends in the middle of a value"
        elif exc.context:
            problem = f"{exc.context}: {problem}"
        # libyaml may mark the line after the last one: keep the place inside the file
        index = -1 if mark is None else mark.index if tab else min(mark.index, len(text.rstrip()) - 1)
        line, col = _position(text, index) if index >= 0 else (1, 1) if mark else (0, 0)
        errors.append(DataError(path, line, col, "", f"not valid YAML: {problem}"))
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow anywhere (a control character)
        position = exc.position
        if _SafeLoader.__name__.startswith("C"):  # libyaml counts the bytes of the UTF-8 text, not characters
            position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
        line, col = _position(text, position)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        message = f"not valid YAML: the control character U+{ord(char):04X} is not allowed"
        errors.append(DataError(path, line, col, "", message))
        return None
    except yaml.YAMLError as exc:
        errors.append(DataError(path, 1, 1, "", "not valid YAML: " + " ".join(str(exc).split())))
        return None
    if root is None:
        errors.append(DataError(path, 1, 1, "", "the file is empty; it should hold a mapping of fields"))
        return None
    before = len(errors)
    data = _Builder(path, errors, budget=len(text) + 100).build(root, ())
    if len(errors) > before:
        return None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
        line, col = _mark(root)
        errors.append(DataError(path, line, col, "", f"the file holds {kind}; it should hold a mapping of fields"))
        return None
    return Document(path, data, text)


def read_file(path: Path, shown_as: str, errors: list[DataError]) -> Document | None:
    """Read and parse one data file, turning every way it can be unreadable into a DataError."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        errors.append(DataError(shown_as, 0, 0, "", f"cannot be read: {exc.strerror}"))
        return None
    if len(raw) > MAX_FILE_BYTES:
        errors.append(
            DataError(shown_as, 0, 0, "", f"is {len(raw):,} bytes; a data file may hold at most {MAX_FILE_BYTES:,}")
        )
        return None
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        errors.append(DataError(shown_as, line, 1, "", "is a binary file, not YAML text"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        errors.append(DataError(shown_as, line, col, "", f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})"))
        return None
    return parse_text(shown_as, text.removeprefix("\ufeff"), errors)
