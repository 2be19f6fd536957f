"""Contact answers in free words: channel, number or address, best time."""

import pytest

from bot.contact import ContactReading, read_contact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bellen mag, na drie uur", ContactReading("phone", None, "na drie uur")),
        ("appen is prima", ContactReading("phone")),
        ("liever per mail: x@y.nl", ContactReading("email", "x@y.nl")),
        ("mail mag, ik lees het s avonds", ContactReading("email", None, "s avonds")),
        ("na 3 uur", ContactReading(None, None, "na 3 uur")),
        (
            "bel me maar op 06-12345678 na 15:00",
            ContactReading("phone", "06-12345678", "na 15:00"),
        ),
        ("call me in the morning", ContactReading("phone", None, "in the morning")),
        ("per post", ContactReading("letter")),
        ("niet bellen, liever mailen", ContactReading("email")),
        ("bellen liever niet, mail is beter", ContactReading("email")),
        ("mijn nummer is +31 6 1234 5678", ContactReading("phone", "+31 6 1234 5678")),
        ("jan.de.vries@example.com", ContactReading("email", "jan.de.vries@example.com")),
        ("tussen 9 en 12 uur bellen", ContactReading("phone", None, "tussen 9 en 12 uur")),
        ("you can text me after 5pm", ContactReading("phone", None, "after 5pm")),
        ("via de chat", ContactReading("chat")),
        ("overdag, maar niet op woensdag", ContactReading(None, None, "overdag, niet op woensdag")),
        ("belangrijk dat het snel is", ContactReading()),  # "bel" inside another word
        ("", ContactReading()),
    ],
)
def test_read_contact(text, expected):
    assert read_contact(text) == expected


@pytest.mark.parametrize("text", ["mijn postcode is 1234 AB", "het is 12345 euro schuld"])
def test_details_are_only_a_phone_number_or_email_address(text):
    assert read_contact(text).details is None
