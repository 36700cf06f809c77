"""The HTTP/1.1 protocol tmkit serve runs: uvicorn's, with Nagle's algorithm off.

uvicorn binds the listening socket itself for `--workers N` and leaves its protocol number
at 0; asyncio then skips TCP_NODELAY on every accepted connection, so a response written as
headers and body waits for the client's delayed ACK: about 40 ms a keep-alive request on
Linux (uvicorn issue #3149). Setting the option on each connection serves every path.
The protocol is uvicorn's httptools one (a compiled parser) where httptools is installed,
as tmkit's dependencies install it, and its h11 one (pure Python) otherwise.
"""

from __future__ import annotations

import asyncio
import socket

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as UvicornProtocol
except ImportError:  # pragma: no cover - httptools is a dependency; h11 is uvicorn's own
    from uvicorn.protocols.http.h11_impl import H11Protocol as UvicornProtocol


class NoDelayProtocol(UvicornProtocol):
    """uvicorn's HTTP/1.1 protocol; each TCP connection sends its writes at once."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Turn Nagle's algorithm off, then serve the connection as uvicorn does."""
        connection = transport.get_extra_info("socket")
        if connection is not None and connection.family in (socket.AF_INET, socket.AF_INET6):
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
