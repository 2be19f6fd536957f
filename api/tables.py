"""Every area's tables, imported once so that `Base.metadata` is complete (Alembic, tests).

Add a line here when an area gets a `models.py`.
"""

from api.audit import models as audit_models
from api.conversations import models as conversation_models
from api.core import ratelimit as ratelimit_models
from api.db_base import Base
from api.outbox import models as outbox_models
from api.records import models as record_models
from api.staff import models as staff_models

__all__ = [
    "Base",
    "audit_models",
    "conversation_models",
    "outbox_models",
    "ratelimit_models",
    "record_models",
    "staff_models",
]
