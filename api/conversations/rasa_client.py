"""The Rasa server, over HTTP: the REST channel, the tracker and the NLU parse endpoint.

Every call has a short timeout (a caller may pass a shorter one, e.g. on the acute path);
`RasaUnavailable` tells the caller to keep the message and answer politely instead of failing.
Synchronous on purpose: routes run in FastAPI's thread pool next to their (synchronous)
database session.
"""

from __future__ import annotations

from typing import Any

import httpx


class RasaUnavailable(Exception):
    """Rasa did not answer in time or answered with an error."""


class RasaClient:
    def __init__(
        self, base_url: str, *, timeout: float = 20.0, transport: httpx.BaseTransport | None = None
    ) -> None:
        self._client = httpx.Client(
            base_url=base_url.rstrip("/"), timeout=timeout, transport=transport
        )

    def _call(self, method: str, path: str, timeout: float | None = None, **kwargs: Any) -> Any:
        if timeout is not None:
            kwargs["timeout"] = timeout
        try:
            response = self._client.request(method, path, **kwargs)
            response.raise_for_status()
            return response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise RasaUnavailable(type(exc).__name__) from None

    def send(
        self, sender: str, message: str, metadata: dict[str, Any], timeout: float | None = None
    ) -> list[dict]:
        """One user message through the REST channel; returns the bot's raw messages."""
        body = {"sender": sender, "message": message, "metadata": metadata}
        return self._call("POST", "/webhooks/rest/webhook", timeout, json=body) or []

    def slot(self, sender: str, name: str, timeout: float | None = None) -> Any:
        tracker = self._call(
            "GET", f"/conversations/{sender}/tracker", timeout, params={"include_events": "NONE"}
        )
        return (tracker.get("slots") or {}).get(name)

    def set_slot(self, sender: str, name: str, value: Any) -> None:
        event = {"event": "slot", "name": name, "value": value}
        self._call(
            "POST",
            f"/conversations/{sender}/tracker/events",
            params={"include_events": "NONE"},
            json=event,
        )

    def parse(self, text: str) -> dict:
        return self._call("POST", "/model/parse", json={"text": text})

    def close(self) -> None:
        self._client.close()
