"""Does a message ask whom to contact? A rule beside the model, not an intent.

"Kehen otan yhteyttä rakennusluvasta?" is about building permits *and* asks for a contact:
the model finds the topic, this rule the request, and the answer then carries the team's
contact card. An intent could not hold both readings. The rule is narrow on purpose (who /
whom / where to turn), so a plain question about a topic never grows a contact card.
"""

from __future__ import annotations

import re

_PATTERNS = (
    # Finnish: kehen / keneen / kenelle / kenen puoleen / mihin ... yhteyttä
    r"\b(kehen|keneen|kenehen)\b.*\byhtey",
    r"\bkenelle\b.*\b(soita|soitan|soitetaan|soittaa|ilmoita|ilmoitan|ilmoitetaan|kirjoita"
    r"|kirjoitan|lähetän|valitan|puhun|yhtey)",
    r"\bkenen puoleen\b",
    r"\b(mihin|minne)\b.*\b(otan|ottaa|otetaan|olla|olen)\b.*\byhtey",
    r"\bkuka\b.*\b(hoitaa|käsittelee|vastaa asiasta|on vastuussa)\b",
    r"\byhteyshenkilö",
    # Swedish: vem ska jag kontakta / vart vänder jag mig
    r"\bvem\b.*\b(kontakta|kontaktar|ringa|ringer|vända|vänder|mejla|mejlar|skriva|skriver"
    r"|höra av|ansvarar|sköter|handlägger)\b",
    r"\bvart\b.*\b(vända|vänder)\b",
    r"\bkontaktperson",
    # English: who do I contact / whom should I call / where do I turn
    r"\b(who|whom)\b.*\b(contact|call|phone|ring|e-?mail|talk to|speak to|write to"
    r"|get in touch|responsible|handles|deals with)\b",
    r"\bwhere\b.*\b(turn to|get in touch)\b",
    r"\bcontact person\b",
)
_CONTACT = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


def asks_for_contact(text: str) -> bool:
    return _CONTACT.search(text) is not None
