"""Domain detection on parents' messages, plus the data file's validation.

`test_precision_and_recall` measures detect_domains alone on the labelled messages below
(run with -s to see the figures). The gold labels say which domains a professional would
note from the message; they were written with the lexicon, so the figures are optimistic
for unseen text.
"""

from pathlib import Path

import pytest

from bot.catalogue import DOMAIN_IDS
from bot.domain_terms import DomainHit, detect_domains, load_terms, terms
from bot.errors import CatalogueError

LABELLED = [
    ("mijn zoon spijbelt al weken en ik weet niet meer wat ik moet doen", {"werk_opleiding"}),
    ("We hebben schulden en de deurwaarder is al twee keer geweest", {"financien"}),
    ("we staan 3 maanden achter met de huur en krijgen aanmaningen", {"financien"}),
    ("ik heb geen geld voor de boodschappen aan het eind van de maand", {"financien"}),
    (
        "mijn dochter van 15 is depressief en zit de hele dag thuis",
        {"geestelijke_gezondheid", "tijdsbesteding"},
    ),
    (
        "Ik trek het niet meer, het is me allemaal te veel met 3 kids alleen",
        {"geestelijke_gezondheid"},
    ),
    ("Ik ben helemaal op. Mijn man werkt veel en ik doe alles alleen", {"geestelijke_gezondheid"}),
    (
        "de kleine heeft driftbuien en luistert niet, ik weet niet hoe ik met hem om moet gaan",
        {"opvoeding"},
    ),
    (
        "mn zoon van 16 blowt elke dag en gamet de hele nacht, hij gaat niet meer naar school",
        {"middelengebruik", "werk_opleiding"},
    ),
    ("het huis is veel te klein voor ons vijven en er zit overal schimmel", {"huisvesting"}),
    ("we moeten eruit, de woningcorporatie heeft een huisuitzetting aangekondigd", {"huisvesting"}),
    ("Sinds de scheiding is er veel ruzie met mijn ex over de kinderen", {"huiselijke_relaties"}),
    ("mijn zoon is opgepakt door de politie en heeft nu jeugdreclassering", {"justitie"}),
    ("hij moet een taakstraf doen en er komt een rechtszaak", {"justitie"}),
    ("mijn dochter wordt gepest en heeft geen vrienden", {"sociaal_netwerk"}),
    ("ik voel me eenzaam, ik heb niemand om op terug te vallen hier", {"sociaal_netwerk"}),
    (
        "mijn man is ziek, hij heeft kanker en ligt veel in het ziekenhuis",
        {"lichamelijke_gezondheid"},
    ),
    ("ik heb chronische pijn in mijn rug en kan niet werken", {"lichamelijke_gezondheid"}),
    ("ik krijg het huishouden niet meer gedaan en de post stapelt zich op", {"instrumentele_adl"}),
    ("mijn moeder kan zich niet meer zelf douchen en aankleden", {"basale_adl"}),
    (
        "ik spreek geen nederlands en wil graag meedoen in de buurt",
        {"maatschappelijke_participatie"},
    ),
    (
        "Mijn man drinkt te veel en dan is er ruzie thuis",
        {"middelengebruik", "huiselijke_relaties"},
    ),
    (
        "onze zoon heeft adhd en autisme, school belt elke week",
        {"geestelijke_gezondheid", "werk_opleiding"},
    ),
    (
        "ik ben mijn baan kwijt en nu lukt het niet meer met de rekeningen",
        {"werk_opleiding", "financien"},
    ),
    ("We hebben geen schulden hoor, het gaat om de opvoeding", {"opvoeding"}),
    ("ik ben niet depressief maar wel erg moe van alles", set()),
    ("hij spijbelt niet meer sinds de nieuwe mentor", {"werk_opleiding"}),
    ("Hoi, ik heb een vraag over kinderopvang voor mijn dochter", {"werk_opleiding"}),
    ("goedemiddag ik wou vragen of iemand mij kan bellen", set()),
    (
        "de deurwaader staat voor de deur en ik ben zo angstig",
        {"financien", "geestelijke_gezondheid"},
    ),
    ("mijn zoontje is nog niet zindelijk en hij is al 5", {"basale_adl"}),
    ("Ze heeft een depresie en eetstoornis", {"geestelijke_gezondheid"}),
    ("my son doesn't listen and has tantrums every day", {"opvoeding"}),
    ("we are behind on the rent and the landlord wants to evict us", {"financien", "huisvesting"}),
    (
        "I feel lonely and overwhelmed since we moved here",
        {"sociaal_netwerk", "geestelijke_gezondheid"},
    ),
    ("my husband lost his job and we have debts", {"werk_opleiding", "financien"}),
    ("my daughter is being bullied at school", {"sociaal_netwerk", "werk_opleiding"}),
    (
        "my partner drinks a lot and we argue all the time",
        {"middelengebruik", "huiselijke_relaties"},
    ),
    (
        "we live in a house with mould and the children are sick all the time",
        {"huisvesting", "lichamelijke_gezondheid"},
    ),
    ("hij is weer geschorst en de leerplichtambtenaar heeft gebeld", {"werk_opleiding"}),
    ("zij gokt en heeft gokschulden", {"middelengebruik", "financien"}),
    ("Ik ben gescheiden en de omgangsregeling loopt niet", {"huiselijke_relaties"}),
    (
        "sinds mijn burn-out zit ik thuis in de ziektewet",
        {"geestelijke_gezondheid", "werk_opleiding"},
    ),
    ("mijn puber is brutaal en houdt zich niet aan afspraken", {"opvoeding"}),
    ("het gaat eigenlijk wel goed, ik wil alleen wat informatie", set()),
    (
        "ik moet veel formulieren invullen en snap de brieven van de gemeente niet",
        {"instrumentele_adl"},
    ),
    ("we zijn dakloos en slapen bij vrienden op de bank", {"huisvesting"}),
    ("mijn zus woont ver weg en verder heb ik niemand", {"sociaal_netwerk"}),
    ("de kinderen zijn vaak ziek en ik ben zwanger", {"lichamelijke_gezondheid"}),
    ("mijn oudste verveelt zich en hangt de hele dag op straat rond", {"tijdsbesteding"}),
]


def test_precision_and_recall():
    true_pos = false_pos = false_neg = 0
    misses = []
    for text, gold in LABELLED:
        found = {hit.domain for hit in detect_domains(text)}
        true_pos += len(found & gold)
        false_pos += len(found - gold)
        false_neg += len(gold - found)
        if found != gold:
            misses.append(
                f"  {text!r}: extra {sorted(found - gold)}, missed {sorted(gold - found)}"
            )
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    print(
        f"\ndetect_domains on {len(LABELLED)} messages: precision {precision:.2f}, "
        f"recall {recall:.2f} (tp {true_pos}, fp {false_pos}, fn {false_neg})"
    )
    print("\n".join(misses))
    assert precision >= 0.85
    assert recall >= 0.85


@pytest.mark.parametrize(
    ("text", "domain", "phrase", "hint"),
    [
        ("mijn zoon spijbelt", "werk_opleiding", "spijbelt", "zoon"),
        ("Mijn man drinkt. Ik heb schulden", "financien", "schulden", "ik"),
        ("Mijn man drinkt. Ik heb schulden", "middelengebruik", "drinkt", "partner"),
        (
            "ik maak me zorgen om mijn dochter, ze is zo somber",
            "geestelijke_gezondheid",
            "somber",
            "dochter",
        ),
        ("er zit schimmel in de badkamer", "huisvesting", "schimmel", None),
    ],
)
def test_hits_name_the_words_and_the_member_nearest_before(text, domain, phrase, hint):
    assert DomainHit(domain, phrase, hint) in detect_domains(text)


@pytest.mark.parametrize(
    "text",
    [
        "we hebben geen schulden",
        "hij spijbelt niet",
        "ik ben niet depressief",
        "there are no debts",
        "he doesn't drink",
        "zonder ruzie",
    ],
)
def test_negated_words_raise_nothing(text):
    assert detect_domains(text) == []


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("hij gaat niet naar school", "werk_opleiding"),
        ("ik kan de huur niet meer betalen", "financien"),
        ("ik weet niet hoe ik met hem om moet gaan", "opvoeding"),
        ("het gaat niet goed met zijn depressie", "geestelijke_gezondheid"),
        ("we hebben geen geld", "financien"),
    ],
)
def test_negation_inside_the_signal_is_kept(text, domain):
    assert domain in {hit.domain for hit in detect_domains(text)}


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("spijbelen", "werk_opleiding"),
        ("gespijbeld", "werk_opleiding"),
        ("huurachterstand", "financien"),
        ("Depresief", "geestelijke_gezondheid"),  # one typo in a long word
        ("ik ben op.", "geestelijke_gezondheid"),
        ("geïsoleerd", "sociaal_netwerk"),
    ],
)
def test_inflections_typos_and_accents(text, domain):
    assert domain in {hit.domain for hit in detect_domains(text)}


@pytest.mark.parametrize(
    "text", ["ik ben op zoek naar hulp", "het is schoon in huis", "het is mijn schuld niet"]
)
def test_look_alikes_raise_nothing(text):
    assert detect_domains(text) == []


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("ik kom s ochtends mijn bed niet uit", "geestelijke_gezondheid"),
        ("hij luistert gewoon niet meer naar ons", "opvoeding"),
        ("ik weet niet hoe ik haar moet aanpakken", "opvoeding"),
        ("we hebben totaal geen grip op hem", "opvoeding"),
        ("ik heb geen grip meer op haar", "opvoeding"),
        ("she refuses to do anything we ask", "opvoeding"),
        ("ze zit de hele dag op haar kamer", "tijdsbesteding"),
        ("he does nothing and sleeps all day", "tijdsbesteding"),
        ("ik sta er helemaal alleen voor", "sociaal_netwerk"),
        ("ze wordt op de groepsapp uitgescholden", "sociaal_netwerk"),
        ("i have no one to talk to", "sociaal_netwerk"),
        ("we slapen bij mijn zus op de bank", "huisvesting"),
        ("we got an eviction notice last week", "huisvesting"),
        ("mijn man kleineert me waar de kinderen bij zijn", "huiselijke_relaties"),
        ("hij is blijven zitten en heeft alleen maar onvoldoendes", "werk_opleiding"),
        ("she started to self-harm", "geestelijke_gezondheid"),  # a hyphen joins nothing
        ("hij heeft veel rugpijn sinds het ongeluk", "lichamelijke_gezondheid"),
    ],
)
def test_situations_are_read_as_their_domain(text, domain):
    assert domain in {hit.domain for hit in detect_domains(text)}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("met school gaat het goed", set()),
        ("op school gaat het prima, thuis is er veel ruzie", {"huiselijke_relaties"}),
        ("werk is going well but we argue a lot", {"huiselijke_relaties"}),
        ("het gaat niet goed op school", {"werk_opleiding"}),
    ],
)
def test_a_domain_said_to_go_well_is_no_problem(text, found):
    assert {hit.domain for hit in detect_domains(text)} == found


def test_every_domain_has_terms():
    assert {t.domain for t in terms()} == set(DOMAIN_IDS)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("domains:\n  geldzaken: [schulden]\n", "unknown domain id 'geldzaken'"),
        ("domains:\n  financien: []\n", "needs a list"),
        ("domains:\n  financien: ['... schulden']\n", "bad term"),
        ("domains:\n  financien: ['schul$den']\n", "bad term"),
        ("nothing: here\n", "cannot read"),
    ],
)
def test_invalid_term_files_are_refused(tmp_path: Path, content, reason):
    path = tmp_path / "terms.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogueError, match=reason):
        load_terms(path)
