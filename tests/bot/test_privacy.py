"""What of a resident's message may be stored."""

from __future__ import annotations

from bot.privacy import redact


def test_personal_data_is_replaced_by_labels() -> None:
    text = "Soita 040 1234567 tai maija@example.com, hetu 131052-308T, tili FI21 1234 5600 0007 85"
    stored, changed = redact(text)
    assert changed
    assert stored == "Soita [PHONE] tai [EMAIL], hetu [IDENTITY_CODE], tili [IBAN]"


def test_invalid_identity_code_and_plain_numbers_are_kept() -> None:
    text = "Tilaus 131052-308X ja talo 12"  # the checksum does not match
    assert redact(text) == (text, False)


def test_addresses_are_not_personal_data_here() -> None:
    assert redact("Katuvalo rikki, Koulukatu 12") == ("Katuvalo rikki, Koulukatu 12", False)


def test_long_messages_are_redacted_all_the_way() -> None:
    text = "x " * 3000 + "maija@example.com"
    stored, changed = redact(text)
    assert changed and stored.endswith("[EMAIL]")


def test_a_number_written_after_a_phone_number_does_not_hide_it() -> None:
    # Found by the property tests: the pattern ran on into " 00" and the whole was too long.
    assert redact("00358 40 0000000 00") == ("[PHONE] 00", True)
