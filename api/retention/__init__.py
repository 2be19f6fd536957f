"""Keeping personal data only as long as the notice says (docs/privacy.md).

`policy.apply_retention` deletes finished chats and abandoned drafts and prunes old revision
snapshots; `erasure.erase` removes one family's data on request. Both delete the Rasa trackers
of those chats (`tracker.TrackerStore`) and write audit entries with counts only.
"""
