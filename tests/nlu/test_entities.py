"""Entity rules: what counts as an identity code, IBAN, phone number... and what does not."""

import pytest

from nlu.entities import find_entities, valid_iban, valid_identity_code


def entities(text: str) -> list[tuple[str, str, bool]]:
    return [(e.entity, e.value, e.pii) for e in find_entities(text)]


@pytest.mark.parametrize("code", ["131052-308T", "010101A123N", "311299-999E", "010594Y9021"])
def test_valid_identity_codes_pass_the_checksum(code: str) -> None:
    assert valid_identity_code(code)


@pytest.mark.parametrize(
    "code",
    [
        "131052-308U",  # wrong check character
        "320152-308T",  # no 32nd day
        "131352-308T",  # no 13th month
        "131052*308T",  # not a century sign
        "13105-2308T",
    ],
)
def test_invalid_identity_codes_fail(code: str) -> None:
    assert not valid_identity_code(code)


def test_identity_code_in_text_is_pii_and_offsets_point_at_it() -> None:
    text = "hetuni on 131052-308T, auttakaa"
    [found] = find_entities(text)
    assert (found.entity, found.pii) == ("identity_code", True)
    assert text[found.start : found.end] == "131052-308T"


def test_identity_code_with_bad_checksum_is_not_an_entity() -> None:
    assert entities("hetuni on 131052-308U") == []


def test_iban_checksum() -> None:
    assert valid_iban("FI21 1234 5600 0007 85")
    assert not valid_iban("FI21 1234 5600 0007 86")
    assert not valid_iban("FI21 1234 5600 0007")  # Finnish IBANs are 18 characters
    assert entities("tilille FI21 1234 5600 0007 85 kiitos") == [
        ("iban", "FI21 1234 5600 0007 85", True)
    ]


@pytest.mark.parametrize(
    "text,value",
    [
        ("soita 040 123 4567", "040 123 4567"),
        ("numero +358 40 1234567", "+358 40 1234567"),
        ("ring 09-310 1234", "09-310 1234"),
    ],
)
def test_phone_numbers(text: str, value: str) -> None:
    assert entities(text) == [("phone", value, True)]


def test_email_ticket_plate_date_address() -> None:
    found = entities("KB-2026-000123: auto ABC-123 Koivukujalla 3 B, 5.3.2026, matti@example.fi")
    assert found == [
        ("ticket_number", "KB-2026-000123", False),
        ("licence_plate", "ABC-123", True),
        ("address", "Koivukujalla 3 B", False),
        ("date", "5.3.2026", False),
        ("email", "matti@example.fi", True),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "numero 12345 ja vuosi 2026",
        "klo 8.30",
        "31.2.2026",
        "Strandvägen i stan",
        "maksoin 120 euroa",
    ],
)
def test_look_alikes_are_not_entities(text: str) -> None:
    assert entities(text) == []


def test_swedish_address_and_month_names() -> None:
    assert entities("Strandvägen 5 i Exempelby den 5 mars") == [
        ("address", "Strandvägen 5", False),
        ("date", "5 mars", False),
    ]
