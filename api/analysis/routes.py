"""POST /api/v1/analyse: what the assistant understands of one message (staff only).

The trained model (through Rasa's parse endpoint) plus the deterministic layers of bot/;
when Rasa is down the answer still comes, from the lexicons alone (`model_available` false).
`sentences` shows how the message was read: each sentence with its offsets, its life domains
and the members it names.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.conversations.rasa_client import RasaUnavailable
from api.conversations.schemas import AnalyseRequest
from api.deps import RasaDep
from bot.analysis import analyse

router = APIRouter(prefix="/api/v1", tags=["analysis"])


@router.post("/analyse")
def analyse_text(body: AnalyseRequest, rasa: RasaDep) -> dict[str, Any]:
    try:
        parse = rasa.parse(body.text)
    except RasaUnavailable:
        parse = None
    result = analyse(body.text, parse)
    return {**result.to_public_dict(), "model_available": result.model_available}
