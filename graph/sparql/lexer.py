"""A tokenizer of the SPARQL 1.1 grammar: what a query may do is decided on its tokens.

pyoxigraph exposes no syntax tree, so :func:`check_query` splits the text into the terminals of
the SPARQL 1.1 grammar (section 19.8: IRIs, prefixed names, variables, strings, numbers,
keywords, punctuation; comments end at a carriage return or a line feed, as in the engine), then
decides on the tokens: a ``SERVICE`` or ``LOAD`` keyword, an update operation or a ``FROM`` that
names a graph outside the store is refused, while ``?service``, ``dkg:SERVICE`` or
``PREFIX load:`` are names and pass. Nesting deeper than :data:`MAX_DEPTH` and operator chains
longer than :data:`MAX_CHAIN` are refused before the engine's recursive parser could overflow
its stack.

The engine never sees the user's text: it gets the *canonical* text rebuilt from the tokens
(comments dropped, one space between tokens, strings re-escaped), so whatever a comment, an
escape or a line end might hide, the engine parses exactly the tokens that were checked.

Examples
--------
>>> check_query("SELECT ?service WHERE { ?service dkg:SERVICE 'LOAD' } # SERVICE").text
'SELECT ?service WHERE { ?service dkg:SERVICE "LOAD" }'
>>> check_query("SELECT * WHERE { #x\\rSERVICE <http://127.0.0.1/> { ?s ?p ?o } }")
Traceback (most recent call last):
...
drugkg.errors.QueryError: the query uses SERVICE (line 2, column 1), which would reach the network; drugkg only queries its local store
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

from ..errors import QueryError
from ..namespaces import DKGR, SPARQL_PREFIXES

#: Deepest nesting of ``{}``, ``()`` and ``[]`` a query may use (the engine's parser recurses).
MAX_DEPTH = 100
#: Longest chain of operators (``/``, ``|``, ``+``, ``&&``, ``UNION``...) at one nesting level.
MAX_CHAIN = 1000
#: Largest query text, in characters.
MAX_QUERY_CHARS = 1_000_000
#: Graphs a ``FROM``/``FROM NAMED`` clause may name: the store's own graphs.
LOCAL_GRAPHS = DKGR + "graph/"

_BASE_ASCII = "A-Za-z"
_BASE_UNICODE = (
    "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f"
    "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_ECHAR = r"""\\[tbnrf\\"']"""
_EXP = r"[eE][+-]?[0-9]+"


@lru_cache(maxsize=2)
def _token_re(unicode: bool) -> re.Pattern[str]:
    """The terminals of SPARQL 1.1 (section 19.8) as one pattern.

    A pure-ASCII text is matched by the same pattern without the non-ASCII ranges (which could
    not match it anyway); it compiles several times faster, which counts at every cold start.
    """
    base = _BASE_ASCII + (_BASE_UNICODE if unicode else "")
    extra = "\u00b7\u0300-\u036f\u203f-\u2040" if unicode else ""
    u = base + "_"
    ch = u + "\\-0-9" + extra
    prefix = f"[{base}](?:[{ch}.]*[{ch}])?"
    local = f"(?:[{u}:0-9]|{_PLX})(?:(?:[{ch}.:]|{_PLX})*(?:[{ch}:]|{_PLX}))?"
    return re.compile(
        "|".join(
            f"(?P<{name}>{pattern})"
            for name, pattern in (
                ("ws", r"[ \t\r\n]+"),
                ("comment", r"#[^\r\n]*"),
                ("iri", f"<(?:[^<>\"{{}}|^`\\\\\x00-\x20]|{_UCHAR})*>"),
                ("string", f"'''(?:(?:'|'')?(?:[^'\\\\]|{_ECHAR}|{_UCHAR}))*'''"
                           f'|"""(?:(?:"|"")?(?:[^"\\\\]|{_ECHAR}|{_UCHAR}))*"""'
                           f"|'(?:[^'\\\\\\n\\r]|{_ECHAR}|{_UCHAR})*'"
                           f'|"(?:[^"\\\\\\n\\r]|{_ECHAR}|{_UCHAR})*"'),
                ("var", f"[?$][{u}0-9][{u}0-9{extra}]*"),
                ("bnode", f"_:[{u}0-9](?:[{ch}.]*[{ch}])?"),
                ("pname", f"(?:{prefix})?:(?:{local})?"),
                ("number", f"[+-]?(?:[0-9]+\\.[0-9]*{_EXP}|\\.[0-9]+{_EXP}|[0-9]+{_EXP}|[0-9]*\\.[0-9]+|[0-9]+)"),
                ("word", r"[A-Za-z][A-Za-z0-9_]*"),
                ("langtag", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
                ("punct", r"\^\^|<=|>=|!=|&&|\|\||[{}()\[\].,;*/|^?+\-!=<>]"),
            )
        )
    )
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_UNESCAPE = re.compile(f"{_UCHAR}|{_ECHAR}")
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_OPERATORS = {"/", "|", "^", "+", "-", "*", "&&", "||", "=", "!=", "<", ">", "<=", ">=", "!", "^^"}
_CHAIN_WORDS = {"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "VALUES", "GRAPH"}
_OPEN, _CLOSE = {"{", "(", "["}, {"}", ")", "]"}
#: Keywords that reach the network.
NETWORK_KEYWORDS = frozenset({"SERVICE", "LOAD"})
#: Keywords only a SPARQL Update request uses.
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
#: The four query forms.
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_UPDATE = UPDATE_KEYWORDS
_FORMS = QUERY_FORMS


@dataclass(frozen=True)
class Token:
    """One terminal: its kind (``iri``, ``string``, ``var``, ``pname``, ``word``...), its text as
    written, and where it starts (1-based line and column)."""

    kind: str
    text: str
    line: int
    column: int

    @property
    def keyword(self) -> str:
        """The upper-cased word for a ``word`` token, else ``""``."""
        return self.text.upper() if self.kind == "word" else ""


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed :func:`check_query`.

    Attributes
    ----------
    text : str
        The canonical text the engine runs (rebuilt from the checked tokens).
    form : str
        ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.
    positions : tuple of (int, int, int)
        ``(offset in text, line, column in the original)`` of every token, to map the engine's
        error positions back to what the user wrote.
    """

    text: str
    form: str
    positions: tuple[tuple[int, int, int], ...]

    def where(self, column: int) -> tuple[int, int]:
        """Original ``(line, column)`` of the token at 1-based ``column`` of the canonical text."""
        best = (1, 1)
        for offset, line, col in self.positions:
            if offset + 1 > column:
                break
            best = (line, col)
        return best


def unescape(body: str) -> str:
    r"""Decode ``\uXXXX``, ``\UXXXXXXXX`` and ``\n``-style escapes.

    Examples
    --------
    >>> unescape(r"a\u0022b\\n")
    'a"b\\n'
    """

    def sub(m: re.Match[str]) -> str:
        s = m.group(0)
        if s[1] in "uU":
            code = int(s[2:], 16)
            if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                raise QueryError(f"invalid escape {s!r}")
            return chr(code)
        return _ESCAPES[s[1]]

    return _UNESCAPE.sub(sub, body)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into SPARQL terminals (comments and white space dropped).

    Raises
    ------
    QueryError
        On a character no terminal can start with, naming its line and column.

    Examples
    --------
    >>> [(t.kind, t.text) for t in tokenize("ASK{?s dkg:a\\\\#b -1}# x")]
    [('word', 'ASK'), ('punct', '{'), ('var', '?s'), ('pname', 'dkg:a\\\\#b'), ('number', '-1'), ('punct', '}')]
    """
    out: list[Token] = []
    pos, line, line_start, n = 0, 1, 0, len(text)
    token = _token_re(not text.isascii())
    while pos < n:
        m = token.match(text, pos)
        glued = bool(out) and out[-1].kind == "string" and text[pos - 1] == out[-1].text[-1]
        if m is None or (m.lastgroup == "langtag" and not glued):
            ch = text[pos]
            col = pos - line_start + 1
            raise QueryError(f"malformed SPARQL: unexpected character {ch!r} (U+{ord(ch):04X}) at line {line}, column {col}")
        kind, tok = m.lastgroup or "", m.group(0)
        if kind == "number" and tok[0] in "+-" and out and _ends_value(out[-1]) and text[pos - 1] not in " \t\r\n":
            kind, tok = "punct", tok[0]  # ?a-1 is a subtraction
        if kind not in ("ws", "comment"):
            out.append(Token(kind, tok, line, pos - line_start + 1))
        breaks = [i for i, c in enumerate(tok) if c == "\n" or (c == "\r" and tok[i + 1 : i + 2] != "\n")]
        if breaks:
            line += len(breaks)
            line_start = pos + breaks[-1] + 1
        pos += len(tok)
    return out


def _ends_value(t: Token) -> bool:
    return t.kind in ("iri", "string", "var", "bnode", "pname", "number", "langtag") or t.text in (")", "]") or (
        t.kind == "word" and t.keyword in ("TRUE", "FALSE", "A")
    )


def canonical(t: Token) -> str:
    """The token as the engine gets it: strings re-escaped, IRIs with escapes decoded.

    Examples
    --------
    >>> print(canonical(Token("string", "'it'", 1, 1)), canonical(Token("iri", "<a\\u0062>", 1, 1)))
    "it" <ab>
    """
    if t.kind == "string":
        quote = 3 if t.text[:3] in ('"""', "'''") else 1
        value = unescape(t.text[quote:-quote])
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
    if t.kind == "iri":
        value = unescape(t.text[1:-1]) if "\\" in t.text else t.text[1:-1]
        if _IRI_FORBIDDEN.search(value):
            raise QueryError(f"malformed SPARQL: IRI {t.text!r} at line {t.line}, column {t.column} escapes a character IRIs cannot hold")
        return f"<{value}>"
    return t.text


def _refuse(t: Token, what: str) -> QueryError:
    return QueryError(f"the query uses {what} (line {t.line}, column {t.column}), which would reach the network; "
                      "drugkg only queries its local store")


def _dataset_iri(tokens: list[Token], i: int, prefixes: dict[str, str], base: str | None) -> str:
    t = tokens[i] if i < len(tokens) else None
    if t is None:
        raise QueryError("malformed SPARQL: FROM needs a graph IRI")
    if t.kind == "iri":
        iri = canonical(t)[1:-1]
        return urljoin(base, iri) if base else iri
    if t.kind == "pname":
        pfx, _, local = t.text.partition(":")
        if pfx not in prefixes:
            raise QueryError(f"malformed SPARQL: undeclared prefix {pfx + ':'!r} at line {t.line}, column {t.column}")
        return prefixes[pfx] + re.sub(r"\\(.)", r"\1", local)
    raise QueryError(f"malformed SPARQL: FROM needs a graph IRI, got {t.text!r} at line {t.line}, column {t.column}")


@lru_cache(maxsize=256)
def check_query(text: str) -> CheckedQuery:
    """Check a query on its tokens and rebuild the canonical text the engine will run.

    Refused, with :class:`~drugkg.errors.QueryError` naming the line and column: ``SERVICE`` and
    ``LOAD`` (the network), update operations, ``FROM``/``FROM NAMED`` outside the store's graphs
    (:data:`LOCAL_GRAPHS`), nesting deeper than :data:`MAX_DEPTH`, operator chains longer than
    :data:`MAX_CHAIN`, texts over :data:`MAX_QUERY_CHARS`, and characters outside the grammar.

    Examples
    --------
    >>> check_query("PREFIX load: <http://example.org/> SELECT ?service { ?service load:x 1 }").form
    'SELECT'
    >>> check_query("SELECT * { ?s dkg:p/dkg:p ?o }").text
    'SELECT * { ?s dkg:p / dkg:p ?o }'
    >>> check_query("SELECT * " + "{" * 200 + "}" * 200)
    Traceback (most recent call last):
    ...
    drugkg.errors.QueryError: the query nests deeper than 100 levels (line 1, column 110); simplify it
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query has {len(text):,} characters, more than the limit of {MAX_QUERY_CHARS:,}")
    tokens = tokenize(text)
    prefixes = dict(SPARQL_PREFIXES)
    base: str | None = None
    form = ""
    depth = 0
    chains = [0]
    parts: list[str] = []
    positions: list[tuple[int, int, int]] = []
    offset = 0
    for i, t in enumerate(tokens):
        kw = t.keyword
        if kw in NETWORK_KEYWORDS:
            raise _refuse(t, kw)
        if kw in _UPDATE:
            raise QueryError(f"the query uses {kw} (line {t.line}, column {t.column}): updates are not allowed; "
                             "drugkg queries are read-only")
        if kw == "PREFIX" and i + 2 < len(tokens) and tokens[i + 1].kind == "pname" and tokens[i + 2].kind == "iri":
            prefixes[tokens[i + 1].text[:-1]] = canonical(tokens[i + 2])[1:-1]
        elif kw == "BASE" and i + 1 < len(tokens) and tokens[i + 1].kind == "iri":
            base = canonical(tokens[i + 1])[1:-1]
        elif kw == "FROM":
            j = i + 2 if i + 1 < len(tokens) and tokens[i + 1].keyword == "NAMED" else i + 1
            iri = _dataset_iri(tokens, j, prefixes, base)
            if not iri.startswith(LOCAL_GRAPHS):
                raise QueryError(f"the query reads graph <{iri}> with FROM (line {t.line}, column {t.column}); only the store's own "
                                 f"graphs (<{LOCAL_GRAPHS}...>) can be named, nothing is fetched")
        elif kw in _FORMS and not form:
            form = kw
        if t.kind == "punct" and t.text in _OPEN:
            depth += 1
            chains.append(0)
            if depth > MAX_DEPTH:
                raise QueryError(f"the query nests deeper than {MAX_DEPTH} levels (line {t.line}, column {t.column}); simplify it")
        elif t.kind == "punct" and t.text in _CLOSE:
            depth = max(0, depth - 1)
            if len(chains) > 1:
                chains.pop()
        elif t.text in (".", ";", ","):
            chains[-1] = 0
        elif (t.kind == "punct" and t.text in _OPERATORS) or kw in _CHAIN_WORDS:
            chains[-1] += 1
            if chains[-1] > MAX_CHAIN:
                raise QueryError(f"the query chains more than {MAX_CHAIN} operators at one level (line {t.line}, column {t.column}); "
                                 "simplify it")
        piece = canonical(t)
        prev = tokens[i - 1] if i else None
        if parts and prev is not None and (t.kind == "langtag" or (
                t.text == "(" and prev.kind == "word" and prev.line == t.line and prev.column + len(prev.text) == t.column)):
            parts[-1] += piece  # a language tag stays glued to its string, a function name to its "("
            offset += len(piece)
            continue
        if parts:
            offset += 1
        positions.append((offset, t.line, t.column))
        parts.append(piece)
        offset += len(piece)
    if not form:
        raise QueryError("malformed SPARQL: not a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    return CheckedQuery(" ".join(parts), form, tuple(positions))


def check_local(text: str) -> None:
    """Refuse a query that would reach the network or is not a read-only query (see :func:`check_query`).

    Examples
    --------
    >>> check_local('SELECT * { ?s ?p "SERVICE" } # LOAD')
    """
    check_query(text)
