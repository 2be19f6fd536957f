"""The three web doors (chat widget, KCC console, team inbox) and the staff login page."""
