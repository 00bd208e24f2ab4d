"""Rule-based entities: patterns plus the checksums that tell a real code from a look-alike.

Rules, not a statistical model, because these entities have formal definitions (the identity
code and IBAN carry check characters) and because a rule is explainable to a data-protection
officer. Each entity says whether it is personal data (`pii`): the runtime redacts those
before anything is stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Entity:
    entity: str
    value: str
    start: int
    end: int
    pii: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "entity": self.entity,
            "value": self.value,
            "start": self.start,
            "end": self.end,
            "pii": self.pii,
        }


_HETU_CENTURY = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900}
_HETU_CENTURY.update(dict.fromkeys("ABCDEF", 2000))
_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def valid_identity_code(code: str) -> bool:
    """Finnish personal identity code (henkilötunnus): a real date and the mod-31 check."""
    code = code.upper()
    if len(code) != 11 or code[6] not in _HETU_CENTURY:
        return False
    digits, serial, check = code[:6], code[7:10], code[10]
    if not (digits.isdigit() and serial.isdigit()):
        return False
    try:
        date(_HETU_CENTURY[code[6]] + int(digits[4:6]), int(digits[2:4]), int(digits[0:2]))
    except ValueError:
        return False
    return _HETU_CHECK[int(digits + serial) % 31] == check


def valid_bare_identity_code(code: str) -> bool:
    """An identity code typed without its century sign (`131052308T`): a date that exists in
    some century and the mod-31 check, which does not depend on the century."""
    code = code.upper()
    return len(code) == 10 and any(
        valid_identity_code(code[:6] + sign + code[6:]) for sign in ("-", "A", "+")
    )


_IBAN_LENGTHS = {"FI": 18, "AX": 18, "SE": 24, "NO": 15, "DK": 18, "EE": 20, "DE": 22}


def valid_iban(iban: str) -> bool:
    """ISO 13616 mod-97 check; known Nordic/Baltic lengths are checked too."""
    compact = re.sub(r"\s+", "", iban).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    expected = _IBAN_LENGTHS.get(compact[:2])
    if expected is not None and len(compact) != expected:
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def _valid_phone(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    return 7 <= len(digits) <= 15


_MONTHS = {
    # Finnish partitive forms ("5. toukokuuta"), Swedish and English month names.
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "tammikuuta",
                "helmikuuta",
                "maaliskuuta",
                "huhtikuuta",
                "toukokuuta",
                "kesäkuuta",
                "heinäkuuta",
                "elokuuta",
                "syyskuuta",
                "lokakuuta",
                "marraskuuta",
                "joulukuuta",
            ]
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "januari",
                "februari",
                "mars",
                "april",
                "maj",
                "juni",
                "juli",
                "augusti",
                "september",
                "oktober",
                "november",
                "december",
            ]
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ]
        )
    },
}


def _valid_date(text: str) -> bool:
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    month_word = next(
        (_MONTHS[w] for w in re.findall(r"[^\W\d_]+", text.lower()) if w in _MONTHS), None
    )
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        year, month, day = numbers
    elif month_word is not None:
        day, month, year = numbers[0], month_word, 2000
    else:
        day, month = numbers[0], numbers[1]
        year = numbers[2] if len(numbers) > 2 else 2000
        if year < 100:
            year += 2000
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


_STREET_SUFFIX = (
    r"(?:katu|kadu\w*|tie\w*|kuja\w*|polku\w*|polu\w*|väylä\w*|raitti\w*|raiti\w*|rinne\w*"
    r"|rintee\w*|kaari\w*|kaare\w*|ranta\w*|rann\w*|tori\w*|toril\w*|aukio\w*|puisto\w*"
    r"|gatan|vägen|gränd|stigen|backen|torget)"
)
_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))


@dataclass(frozen=True)
class Rule:
    entity: str
    pattern: re.Pattern[str]
    pii: bool
    valid: Callable[[str], bool] | None = None


# Order matters: on overlapping matches the earlier rule wins (a ticket number is not a
# licence plate, an identity code is not a phone number).
RULES: tuple[Rule, ...] = (
    Rule("ticket_number", re.compile(r"\bKB-\d{4}-\d{6}\b", re.I), pii=False),
    Rule("email", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.I), pii=True),
    Rule(
        "iban",
        re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b", re.I),
        pii=True,
        valid=valid_iban,
    ),
    Rule(
        "identity_code",
        re.compile(r"\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b", re.I),
        pii=True,
        valid=valid_identity_code,
    ),
    Rule(
        "phone",
        re.compile(
            r"(?<![\w+])(?:(?:(?:\+|00)\d{2,3}[ -]?(?:\(0\))?|0)\d{1,3}|\(0\d{1,3}\) ?)"
            r"(?:[ -]?\d){5,10}(?![\w-])"
        ),
        pii=True,
        valid=_valid_phone,
    ),
    # After the phone rule: ten digits that begin with 0 are a phone number first.
    Rule(
        "identity_code",
        re.compile(r"\b\d{9}[0-9A-Y]\b", re.I),
        pii=True,
        valid=valid_bare_identity_code,
    ),
    Rule(
        "date",
        re.compile(
            r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})?(?!\d)"
            rf"|\b\d{{1,2}}\.? (?:{_MONTH_WORDS})\b|\b(?:{_MONTH_WORDS}) \d{{1,2}}\b",
            re.I,
        ),
        pii=False,
        valid=_valid_date,
    ),
    Rule("licence_plate", re.compile(r"\b[A-ZÅÄÖ]{2,3}-\d{1,3}\b"), pii=True),
    Rule(
        "address",
        re.compile(
            rf"\b[A-ZÅÄÖ][a-zåäö-]*{_STREET_SUFFIX} \d{{1,4}}"
            r"(?:(?: ?[A-Z]|[a-z])\b(?: ?\d{1,3})?)?"
        ),
        pii=False,
    ),
)


def find_entities(text: str, rules: tuple[Rule, ...] = RULES) -> list[Entity]:
    """All non-overlapping rule matches in text, in text order."""
    taken: list[tuple[int, int]] = []
    found: list[Entity] = []
    for rule in rules:
        for start, end, value in _matches(rule, text):
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            found.append(Entity(rule.entity, value, start, end, rule.pii))
    return sorted(found, key=lambda e: e.start)


def _matches(rule: Rule, text: str) -> Iterator[tuple[int, int, str]]:
    for match in rule.pattern.finditer(text):
        value = match.group(0).rstrip(" .") if rule.entity != "date" else match.group(0)
        if rule.valid is None or rule.valid(value):
            yield match.start(), match.start() + len(value), value
        elif rule.entity == "phone":
            # The pattern runs on into a number written after the phone number ("... 00"):
            # the longest valid number before a space or hyphen is the phone number.
            shorter = value
            while (cut := max(shorter.rfind(" "), shorter.rfind("-"))) > 0:
                shorter = shorter[:cut].rstrip(" -")
                if rule.valid(shorter):
                    yield match.start(), match.start() + len(shorter), shorter
                    break
