"""The team server: one TM (and a glossary) over HTTP, for CAT tools and browsers.

A search page at `/` (the glossary and the TM, keyboard first, one file with no framework),
and two APIs over the same store:
- amaGama's, as translate-toolkit's tmserver served it and Weblate's `tmserver` machinery
  and Okapi's TM connector call it: `GET /tmserver/languages/` and
  `GET /tmserver/{src}/{tgt}/unit/{text}` (a JSON list of source, target, quality, rank);
- tmkit's JSON API under `/api/`: look-up, concordance, glossary look-up, stats, TMX export
  (streamed from a temporary file), and import, which needs the server's token.
Reads are open; a write needs `Authorization: Bearer <token>` and the server refuses writes
when it was started without a token. Bodies, query texts and the time a request may take are
bounded. Each worker thread keeps its own connection; several servers and `tmkit tm import`
can share one SQLite file or one PostgreSQL database.
"""

from __future__ import annotations

import contextlib
import hmac
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import anyio
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from tmkit.choices import TM_FORMATS
from tmkit.errors import InputError
from tmkit.glossary.files import read_glossary
from tmkit.glossary.lookup import GlossaryIndex
from tmkit.lang import normalise_tag, tag_from_locale
from tmkit.tm.open import open_store
from tmkit.tm.store import TranslationMemoryStore

MAX_BODY_BYTES = 64 * 1024 * 1024  # an import larger than this is refused (413)
MAX_QUERY_CHARS = 2_000  # Weblate sends at most 500
MAX_LIMIT = 100
REQUEST_SECONDS = 30.0  # a request that takes longer is answered 503
AMAGAMA_DEFAULTS = {"min_similarity": 70, "max_candidates": 5}
# Threads a server process runs reads on at once, each with its own connection; more only
# take turns at the interpreter lock (1M units, 20 clients, PostgreSQL: 600-690 look-ups a
# second on anyio's default 40 threads, 800-850 on 4). Imports and exports, which may run
# long, have their own connections and anyio's threads.
READ_THREADS = 4
# The search page: one file, no framework, shipped in the package.
_PAGE = Path(__file__).with_name("static") / "index.html"


class _Refused(Exception):
    """A request tmkit will not serve: the HTTP status and one line saying why."""

    def __init__(self, status: int, problem: str) -> None:
        super().__init__(problem)
        self.status = status
        self.problem = problem


def create_app(db: str, glossary: str | None = None, token: str | None = None) -> Starlette:
    """The server's application: `db` the TM (a SQLite file or postgresql://…), `glossary`
    a glossary file to answer look-ups from, `token` the secret a write must carry (no
    token: no writes)."""
    index = GlossaryIndex(read_glossary(glossary)) if glossary else None
    open_store(db).close()  # a missing or damaged memory stops the server before it starts
    store = _ThreadStores(db)
    reads = _ReadThreads()

    async def languages(request: Request) -> Response:
        pairs = await _in_time(reads, lambda: _with(store, lambda tm: tm.language_pairs()))
        return JSONResponse(
            {
                "sourceLanguages": sorted({_amagama_code(src) for src, _, _ in pairs}),
                "targetLanguages": sorted({_amagama_code(tgt) for _, tgt, _ in pairs}),
            }
        )

    async def amagama_unit(request: Request) -> Response:
        src = _tag(request.path_params["src"], "source language")
        tgt = _tag(request.path_params["tgt"], "target language")
        text = _text(request.path_params["text"])
        minimum = _number(request, "min_similarity", AMAGAMA_DEFAULTS["min_similarity"], 0, 100)
        limit = _number(request, "max_candidates", AMAGAMA_DEFAULTS["max_candidates"], 1, MAX_LIMIT)
        matches = await _in_time(
            reads, lambda: _with(store, lambda tm: tm.lookup(text, src, tgt, minimum, limit))
        )
        return JSONResponse(
            [
                {"source": m.src, "target": m.tgt, "quality": min(m.score, 100), "rank": m.score}
                for m in matches
            ]
        )

    async def lookup(request: Request) -> Response:
        text = _text(_required(request, "q"))
        src = _optional_tag(request, "src")
        tgt = _optional_tag(request, "tgt")
        minimum = _number(request, "min", 75, 0, 101)
        limit = _number(request, "limit", 10, 1, MAX_LIMIT)
        context = request.query_params.get("context")

        def find(tm: TranslationMemoryStore) -> list:
            source = src or (tm.main_languages() or (None,))[0]
            if source is None:
                return []
            return tm.lookup(text, source, tgt, minimum, limit, context)

        matches = await _in_time(reads, lambda: _with(store, find))
        return JSONResponse([m.record() for m in matches])

    async def concordance(request: Request) -> Response:
        words = _text(_required(request, "q"))
        lang = _optional_tag(request, "lang")
        limit = _number(request, "limit", 50, 1, MAX_LIMIT)
        matches = await _in_time(
            reads, lambda: _with(store, lambda tm: tm.concordance(words, lang, limit))
        )
        return JSONResponse([m.record(with_score=False) for m in matches])

    async def glossary_lookup(request: Request) -> Response:
        if index is None:
            raise _Refused(404, "this server has no glossary (start it with --glossary FILE)")
        query = _text(_required(request, "q"))
        limit = _number(request, "limit", 5, 1, MAX_LIMIT)
        return JSONResponse([hit.record() for hit in index.lookup(query, limit)])

    async def stats(request: Request) -> Response:
        found = await _in_time(reads, lambda: _with(store, lambda tm: tm.stats()))
        return JSONResponse(found.record())

    async def export(request: Request) -> Response:
        def write() -> tuple[str, int]:
            from tmkit.formats import write_units
            from tmkit.units import Memory

            with open_store(db) as tm:  # its own connection: a long read of every unit
                main = tm.main_languages()
                if main is None:
                    raise _Refused(404, "the translation memory is empty")
                folder = tempfile.mkdtemp(prefix="tmkit-export-")
                path = os.path.join(folder, "memory.tmx")
                units = (unit for _, unit in tm.units())
                count = write_units(path, units, Memory(srclang=main[0], tgtlang=main[1]))
                return path, count

        path, count = await _in_time(None, write)
        cleanup = BackgroundTask(_remove_with_folder, path)
        return FileResponse(path, media_type="application/x-tmx+xml",
                            filename="memory.tmx", headers={"X-Units": str(count)},
                            background=cleanup)  # fmt: skip

    async def import_units(request: Request) -> Response:
        _authorised(request, token)
        fmt = request.query_params.get("format", "tmx")
        if fmt not in TM_FORMATS:
            raise _Refused(400, f"format must be one of {', '.join(TM_FORMATS)}")
        origin = request.query_params.get("origin") or None
        penalty = _number(request, "penalty", None, 0, 100)
        if penalty is not None and origin is None:
            raise _Refused(400, "penalty needs origin: the penalty belongs to an origin")
        body = await _body(request)
        folder = tempfile.mkdtemp(prefix="tmkit-import-")
        path = os.path.join(folder, f"upload.{fmt}")
        Path(path).write_bytes(body)

        def add() -> dict[str, int]:
            from tmkit.formats import iter_units

            with open_store(db) as tm:
                report = tm.import_units(iter_units(path, fmt), origin, penalty)
                return {"read": report.read, "added": report.added, "units": tm.count()}

        try:
            result = await _in_time(None, add)
        finally:
            _remove_with_folder(path)
        return JSONResponse(result)

    async def openapi(request: Request) -> Response:
        return JSONResponse(OPENAPI)

    async def page(request: Request) -> Response:
        return HTMLResponse(_PAGE.read_text("utf-8"))

    routes = [
        Route("/", page),
        Route("/tmserver/languages/", languages),
        Route("/tmserver/{src}/{tgt}/unit/{text:path}", amagama_unit),
        Route("/api/lookup", lookup),
        Route("/api/concordance", concordance),
        Route("/api/glossary", glossary_lookup),
        Route("/api/stats", stats),
        Route("/api/export", export),
        Route("/api/import", import_units, methods=["POST"]),
        Route("/openapi.json", openapi),
    ]
    return Starlette(
        routes=routes,
        exception_handlers={_Refused: _refused, InputError: _input_error},
    )


def listening_port(host: str, port: int) -> int:
    """The port `tmkit serve` will listen on at host, checked before it says it serves: a
    free one the system gives when `port` is 0; InputError when the host does not resolve
    or the address is taken (uvicorn said so after tmkit had announced the address, and
    exited 3)."""
    import socket

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind((host, port))
            return probe.getsockname()[1]
    except OSError as exc:
        problem = exc.strerror or str(exc)
        raise InputError("--host/--port", f"cannot listen on {host}:{port}: {problem}") from None


def app_from_environment() -> Starlette:
    """The application as uvicorn's worker processes build it (tmkit serve --workers):
    its settings come from the TMKIT_SERVE_* variables tmkit serve sets."""
    return create_app(
        os.environ["TMKIT_SERVE_DB"],
        os.environ.get("TMKIT_SERVE_GLOSSARY") or None,
        os.environ.get("TMKIT_SERVE_TOKEN") or None,
    )


class _ThreadStores:
    """One open store per worker thread, kept between requests; one whose database went
    away is dropped, so the next request connects anew."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.local = threading.local()

    def __call__(self) -> TranslationMemoryStore:
        if getattr(self.local, "store", None) is None:
            self.local.store = open_store(self.db)
        return self.local.store

    def forget(self) -> None:
        stale, self.local.store = getattr(self.local, "store", None), None
        if stale is not None:
            with contextlib.suppress(Exception):  # the connection is gone already
                stale.close()


def _with(stores: _ThreadStores, work: Callable[[TranslationMemoryStore], object]) -> object:
    from tmkit.tm.postgres import Unreachable

    try:
        return work(stores())
    except Unreachable:
        stores.forget()
        raise


class _ReadThreads:
    """The limit of READ_THREADS reads at once in a server process (made when first asked:
    a limiter belongs to the running event loop)."""

    def __init__(self) -> None:
        self.limiter: anyio.CapacityLimiter | None = None

    def __call__(self) -> anyio.CapacityLimiter:
        if self.limiter is None:
            self.limiter = anyio.CapacityLimiter(READ_THREADS)
        return self.limiter


async def _in_time(threads: _ReadThreads | None, work: Callable[[], object]) -> object:
    """Run blocking store work in a worker thread (a read thread when `threads` is given,
    else one of anyio's), answering 503 past REQUEST_SECONDS."""
    try:
        with anyio.fail_after(REQUEST_SECONDS):
            limiter = threads() if threads is not None else None
            # Abandoned at the deadline (a thread cannot be stopped): awaited to its end, the
            # work would finish first and the deadline would never answer.
            return await anyio.to_thread.run_sync(work, limiter=limiter, abandon_on_cancel=True)
    except TimeoutError:
        raise _Refused(503, f"the request took longer than {REQUEST_SECONDS:g} s") from None


async def _body(request: Request) -> bytes:
    """The request body, refused past MAX_BODY_BYTES before it is all read."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise _Refused(413, f"the body is larger than {MAX_BODY_BYTES} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _Refused(413, f"the body is larger than {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _authorised(request: Request, token: str | None) -> None:
    if token is None:
        raise _Refused(403, "this server takes no writes (start it with --token-file FILE)")
    given = request.headers.get("authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        raise _Refused(401, "a write needs the header Authorization: Bearer <token>")


def _required(request: Request, name: str) -> str:
    value = request.query_params.get(name)
    if value is None or not value.strip():
        raise _Refused(400, f"the query parameter {name!r} is required")
    return value


def _text(text: str) -> str:
    if len(text) > MAX_QUERY_CHARS:
        raise _Refused(414, f"the text is longer than {MAX_QUERY_CHARS} characters")
    return text


def _number(request: Request, name: str, default: int | None, low: int, high: int) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise _Refused(400, f"{name} must be a whole number, not {raw!r}") from None
    if not low <= value <= high:
        raise _Refused(400, f"{name} must be from {low} to {high}")
    return value


def _tag(code: str, what: str) -> str:
    """A language code as CAT tools send it (pt_br, en) as a BCP 47 tag (pt-BR)."""
    try:
        return normalise_tag(tag_from_locale(code), what)
    except InputError as exc:
        raise _Refused(400, exc.problem) from None


def _optional_tag(request: Request, name: str) -> str | None:
    code = request.query_params.get(name)
    return None if code is None else _tag(code, name)


def _amagama_code(tag: str) -> str:
    """A tag as amaGama lists languages and Weblate asks for them: lower case, with _."""
    return tag.replace("-", "_").lower()


def _remove_with_folder(path: str) -> None:
    """Remove a temporary file (an export, an upload) with the folder made for it."""
    shutil.rmtree(os.path.dirname(path))


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, _Refused)
    return JSONResponse({"error": exc.problem}, status_code=exc.status)


async def _input_error(request: Request, exc: Exception) -> Response:
    """Bad input is the client's (400); a database that cannot be reached is ours (503)."""
    assert isinstance(exc, InputError)
    from tmkit.tm.postgres import Unreachable

    status = 503 if isinstance(exc, Unreachable) else 400
    return JSONResponse({"error": exc.problem}, status_code=status)


def _openapi() -> dict[str, object]:
    """The OpenAPI 3.1 description of both APIs, served at /openapi.json."""
    text = {"type": "string"}
    integer = {"type": "integer"}

    def query(name: str, schema: dict, required: bool = False, about: str = "") -> dict:
        return {"name": name, "in": "query", "required": required, "schema": schema,
                "description": about}  # fmt: skip

    def path(name: str, about: str) -> dict:
        return {"name": name, "in": "path", "required": True, "schema": text, "description": about}

    def answer(about: str, schema: dict | None = None) -> dict:
        content = {"application/json": {"schema": schema or {"type": "object"}}}
        return {"200": {"description": about, "content": content},
                "400": {"description": "a bad parameter: {\"error\": why}"}}  # fmt: skip

    listing = {"type": "array", "items": {"type": "object"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "tmkit team server", "version": "1"},
        "paths": {
            "/tmserver/languages/": {"get": {
                "summary": "amaGama: the languages the memory holds",
                "responses": answer("sourceLanguages and targetLanguages, codes like pt_br")}},
            "/tmserver/{src}/{tgt}/unit/{text}": {"get": {
                "summary": "amaGama: fuzzy matches for a source text",
                "parameters": [path("src", "source language"), path("tgt", "target language"),
                               path("text", "the source text, URL-encoded"),
                               query("min_similarity", integer, about="lowest quality, 0-100"),
                               query("max_candidates", integer, about="how many, at most")],
                "responses": answer("source, target, quality, rank", listing)}},
            "/api/lookup": {"get": {
                "summary": "fuzzy and in-context matches",
                "parameters": [query("q", text, True), query("src", text), query("tgt", text),
                               query("min", integer), query("limit", integer),
                               query("context", text, about="the segment before, for 101%")],
                "responses": answer("matches as `tmkit tm lookup --format json`", listing)}},
            "/api/concordance": {"get": {
                "summary": "units holding all the words",
                "parameters": [query("q", text, True), query("lang", text),
                               query("limit", integer)],
                "responses": answer("units", listing)}},
            "/api/glossary": {"get": {
                "summary": "glossary look-up",
                "parameters": [query("q", text, True), query("limit", integer)],
                "responses": answer("hits as `tmkit glossary lookup --format json`", listing)}},
            "/api/stats": {"get": {"summary": "units per language pair and per origin, dates",
                                   "responses": answer("units, pairs, origins, dates")}},
            "/api/export": {"get": {"summary": "the whole memory as TMX", "responses": {
                "200": {"description": "TMX 1.4b", "content": {"application/x-tmx+xml": {}}}}}},
            "/api/import": {"post": {
                "summary": "add a TM file's units (all or none); needs the token",
                "parameters": [query("format", {"enum": list(TM_FORMATS)}),
                               query("origin", {"type": "string"}),
                               query("penalty", {"type": "integer", "minimum": 0,
                                                 "maximum": 100})],
                "requestBody": {"content": {"application/octet-stream": {}}},
                "security": [{"token": []}],
                "responses": answer("read, added and units")}},
        },
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
    }  # fmt: skip


OPENAPI = _openapi()
