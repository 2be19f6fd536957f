"""Run with the Rasa venv's Python: load an endpoints file the way `rasa run` does, then use
its tracker store and lock store for real (save and read a conversation, take a lock).

Prints "ok <events> <lock>" on success; any failure raises with Rasa's own error.
"""

import asyncio
import sys

from rasa.core.lock_store import LockStore
from rasa.core.tracker_store import TrackerStore
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker


async def main(endpoints_file: str, domain_dir: str, sender: str) -> None:
    endpoints = AvailableEndpoints.read_endpoints(endpoints_file)
    domain = Domain.load(domain_dir)
    store = TrackerStore.create(endpoints.tracker_store, domain)
    tracker = DialogueStateTracker.from_events(
        sender, [UserUttered("hallo"), SlotSet("language", "en")], slots=domain.slots
    )
    await store.save(tracker)
    again = await store.retrieve(sender)
    assert again is not None and again.get_slot("language") == "en", "tracker not stored"
    locks = LockStore.create(endpoints.lock_store)
    async with locks.lock(sender):  # raises if the lock cannot be taken
        pass
    print("ok", len(again.events), type(locks).__name__)


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:4]))
