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


# Words that can stand beside the request without naming a matter ("who do I contact about
# this?", "kenelle mä soitan?").
_FILLER = frozenset(
    word
    for words in (
        "ja jos että nyt tästä tässä tätä tämä asiasta asia asiassa asian mä minä mun minun me",
        "meidän voin voisin pitää pitäisi kannattaa oikein sitten sit vai no hei moi kiitos",
        "och om det detta här nu jag vi min mitt ska skall kan bör borde man hej tack eller",
        "i me my we this that about it please do does should can could the a an for on hi",
        "thanks now or with",
    )
    for word in words.split()
)
_WORD = re.compile(r"[^\W\d_]+")


def asks_for_contact(text: str) -> bool:
    return _CONTACT.search(text) is not None


def names_no_matter(text: str) -> bool:
    """A request for a contact and nothing else ("Kehen otan yhteyttä?"): whatever the model
    makes of it, no team can be named, so the resident is asked or offered a person."""
    found = _CONTACT.search(text)
    if found is None:
        return False
    start, end = found.span()
    rest = text[:start] + " " + text[end:]
    inside = {w.casefold() for w in _WORD.findall(found.group(0))}
    words = [w.casefold() for w in _WORD.findall(rest)]
    # The match may end inside a word ("yhtey|ttä"): its tail is not a matter either.
    tail = _WORD.match(text[end:])
    if tail is not None and words and words[0] == tail.group(0).casefold():
        words = words[1:]
    return all(w in _FILLER or w in inside for w in words)
