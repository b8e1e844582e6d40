"""How the lean HTTP client (``providers.wire``) opens a TCP socket to an origin.

Names are resolved through a small cache (``DNS_TTL_S``, at most ``DNS_CACHE_SIZE`` names, like the
aiohttp path's ``ttl_dns_cache=300``); IP literals are not resolved at all. The addresses are tried
as RFC 8305 (Happy Eyeballs) says, as asyncio's ``happy_eyeballs_delay=0.25, interleave=1`` would do
(uvloop's ``create_connection`` takes neither): families interleaved, the next attempt started when
the one before fails or after ``HAPPY_EYEBALLS_DELAY_S``, the first connected socket wins and the
others are closed. The socket has TCP_NODELAY and SO_KEEPALIVE set.
"""

from __future__ import annotations

import asyncio
import socket
import time

__all__ = ["DNS_CACHE_SIZE", "DNS_TTL_S", "HAPPY_EYEBALLS_DELAY_S", "Connector"]

DNS_TTL_S = 300.0
DNS_CACHE_SIZE = 256  # names; the oldest entry goes when a new one would be over
HAPPY_EYEBALLS_DELAY_S = 0.25

Address = tuple[int, tuple[object, ...]]  # family, sockaddr


def _literal(host: str, port: int) -> list[Address] | None:
    """The address of an IP literal (no lookup needed), else ``None``."""
    for family in (socket.AF_INET, socket.AF_INET6):
        try:
            socket.inet_pton(family, host)
        except OSError:
            continue
        return [(family, (host, port) if family == socket.AF_INET else (host, port, 0, 0))]
    return None


def _interleave(addresses: list[Address]) -> list[Address]:
    """Families taken in turn, the first family first (``interleave=1``)."""
    by_family: dict[int, list[Address]] = {}
    for address in addresses:
        by_family.setdefault(address[0], []).append(address)
    queues = list(by_family.values())
    out: list[Address] = []
    while queues:
        for queue in queues:
            out.append(queue.pop(0))
        queues = [queue for queue in queues if queue]
    return out


class Connector:
    """Resolves (cached) and connects (staggered) one socket at a time; see the module's docstring."""

    def __init__(self) -> None:
        self._dns: dict[tuple[str, int], tuple[float, list[Address]]] = {}

    async def resolve(self, host: str, port: int) -> list[Address]:
        literal = _literal(host, port)
        if literal is not None:
            return literal
        key = (host, port)
        cached = self._dns.get(key)
        now = time.monotonic()
        if cached is not None and cached[0] > now:
            return cached[1]
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        seen: set[tuple[int, tuple[object, ...]]] = set()
        addresses: list[Address] = []
        for family, _, _, _, sockaddr in infos:
            address = (int(family), tuple(sockaddr))
            if address not in seen:
                seen.add(address)
                addresses.append(address)
        if not addresses:
            raise OSError(f"no address found for {host}")
        addresses = _interleave(addresses)
        self._dns.pop(key, None)
        if len(self._dns) >= DNS_CACHE_SIZE:
            del self._dns[next(iter(self._dns))]  # the oldest entry
        self._dns[key] = (now + DNS_TTL_S, addresses)
        return addresses

    def forget(self, host: str, port: int) -> None:
        """No address of ``host`` could be connected to: resolve it afresh next time."""
        self._dns.pop((host, port), None)

    async def connect(self, host: str, port: int) -> socket.socket:
        """A connected non-blocking socket to ``host:port`` (``OSError`` if none can be made)."""
        addresses = await self.resolve(host, port)
        try:
            if len(addresses) == 1:
                return await _connect_one(addresses[0])
            return await _race(addresses)
        except OSError:
            self.forget(host, port)
            raise


async def _connect_one(address: Address) -> socket.socket:
    family, sockaddr = address
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setblocking(False)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        await asyncio.get_running_loop().sock_connect(sock, sockaddr)
    except BaseException:
        sock.close()
        raise
    return sock


def _settle(task: asyncio.Task[socket.socket]) -> None:
    """A losing attempt ended: close its socket if it connected after all, and consume its error."""
    if task.cancelled():
        return
    if task.exception() is None:
        task.result().close()


async def _race(addresses: list[Address]) -> socket.socket:
    """RFC 8305 §5: one attempt, the next after a failure or ``HAPPY_EYEBALLS_DELAY_S``; the first connected wins."""
    loop = asyncio.get_running_loop()
    pending: set[asyncio.Task[socket.socket]] = set()
    errors: list[BaseException] = []
    winner: socket.socket | None = None
    todo = list(addresses)
    try:
        while winner is None and (todo or pending):
            if todo:
                pending.add(loop.create_task(_connect_one(todo.pop(0))))
            done, pending = await asyncio.wait(
                pending, timeout=HAPPY_EYEBALLS_DELAY_S if todo else None, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                error = task.exception()
                if error is not None:
                    errors.append(error)
                elif winner is None:
                    winner = task.result()
                else:
                    task.result().close()
            # No winner: after a failure or the delay, the next attempt starts (the others go on meanwhile).
    finally:
        for task in pending:
            task.cancel()
            task.add_done_callback(_settle)
    if winner is not None:
        return winner
    if len(errors) == 1 and isinstance(errors[0], OSError):
        raise errors[0]
    messages = "; ".join(sorted({str(error) for error in errors}))
    raise OSError(f"Multiple exceptions: {messages}")
