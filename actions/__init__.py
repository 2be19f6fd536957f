"""Rasa custom actions: thin translators between Rasa's tracker and the intake core in bot/.

The action server loads this package (`python -m rasa_sdk --actions actions`); every action
class in the modules below registers itself by subclassing rasa_sdk.Action.
"""

from actions import intake, interruptions, session

__all__ = ["intake", "interruptions", "session"]
