"""ASGI middleware for what every request goes through: a bounded body (413 before anything reads
it or authenticates) and the audit of every denial (401, 403, 413, 429) with the client address."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ringscope.serve.auditwriter import AuditWriter
from ringscope.serve.users import User

DENIALS = frozenset({401, 403, 413, 429})


def client_of(scope: Scope) -> str | None:
    client = scope.get("client")
    return str(client[0]) if client else None


class DenialAudit:
    """Records every answer with a denial status: who (when known), from where, what was asked."""

    def __init__(self, app: ASGIApp, writer: AuditWriter) -> None:
        self.app = app
        self.writer = writer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] in DENIALS:
                state = scope.get("state") or {}
                user = state.get("user")
                self.writer.record(
                    user if isinstance(user, User) else None,
                    "denied",
                    f"{scope.get('method', '')} {scope.get('path', '')}",
                    str(message["status"]),
                    client_of(scope),
                )
            await send(message)

        await self.app(scope, receive, watch)


class BodyLimit:
    """413 for a body over ``limit`` bytes: at once when Content-Length says so (nothing of the
    body is read), or as soon as a body without a length passes the limit. The answer closes the
    connection, so the rest of the body is never read either."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = None
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    await self._refuse(send, 400, "invalid Content-Length")
                    return
        if length is not None:
            if length > self.limit:
                await self._refuse(send, 413, f"request body too large: at most {self.limit} bytes")
                return
            await self.app(scope, receive, send)
            return
        # no length given (chunked): read up to the limit before the app sees anything
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.limit:
                await self._refuse(send, 413, f"request body too large: at most {self.limit} bytes")
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            if messages:
                return messages.pop(0)
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _refuse(send: Send, status: int, detail: str) -> None:
        body = json.dumps({"detail": detail}).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode("ascii")),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
