"""Property tests of what may be stored: personal data written the ways residents write it,
inside any text, never survives redaction; redaction never fails on any text."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.privacy import redact

CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
SIGNS = {1800: "+", 1900: "-YXWVU", 2000: "ABCDEF"}
# Around an entity: any text, kept apart from it by a space as people write it.
AROUND = st.text(max_size=40)
RUNS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def identity_codes(draw: st.DrawFn) -> str:
    born = draw(st.dates(min_value=date(1850, 1, 1), max_value=date(2025, 12, 31)))
    serial = draw(st.integers(min_value=2, max_value=899))
    century = born.year // 100 * 100
    sign = draw(st.sampled_from(SIGNS[century]))
    digits = f"{born:%d%m}{born.year % 100:02d}{serial:03d}"
    code = f"{digits[:6]}{sign}{digits[6:]}{CHECK[int(digits) % 31]}"
    if draw(st.booleans()):
        code = code.lower()
    return code if draw(st.integers(0, 3)) else code[:6] + code[7:]  # typed without the sign


@st.composite
def ibans(draw: st.DrawFn) -> str:
    bban = "".join(str(d) for d in draw(st.lists(st.integers(0, 9), min_size=14, max_size=14)))
    check = 98 - int(bban + "151800") % 97  # F=15, I=18, then "00"
    compact = f"FI{check:02d}{bban}"
    spaced = " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    return draw(st.sampled_from([compact, spaced, spaced.lower()]))


@st.composite
def phones(draw: st.DrawFn) -> str:
    def digits(n: int) -> str:
        return "".join(str(d) for d in draw(st.lists(st.integers(0, 9), min_size=n, max_size=n)))

    mobile, area = (
        draw(st.sampled_from(["40", "41", "44", "45", "50"])),
        draw(st.sampled_from(["9", "2", "3", "17"])),
    )
    a, b = digits(3), digits(4)
    return draw(
        st.sampled_from(
            [
                f"0{mobile} {a} {b}",
                f"0{mobile}-{a} {b}",
                f"0{mobile}{a}{b}",
                f"+358 {mobile} {a} {b}",
                f"+358{mobile}{a}{b}",
                f"+358 (0){mobile} {a} {b}",
                f"00358 {mobile} {a}{b}",
                f"(0{area}) {a} {b}",
                f"0{area}-{a} {b}",
            ]
        )
    )


emails = st.builds(
    lambda local, domain, tld, upper: (
        f"{local}@{domain}.{tld}".upper() if upper else f"{local}@{domain}.{tld}"
    ),
    st.from_regex(r"[a-z][a-z0-9._+-]{0,15}[a-z0-9]", fullmatch=True),
    st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True),
    st.sampled_from(["fi", "com", "net", "org", "se"]),
    st.booleans(),
)


@RUNS
@given(identity_codes(), AROUND, AROUND)
def test_identity_codes_never_survive(code: str, before: str, after: str) -> None:
    stored, changed = redact(f"{before} {code} {after}")
    assert changed and code not in stored


@RUNS
@given(ibans(), AROUND, AROUND)
def test_ibans_never_survive(iban: str, before: str, after: str) -> None:
    stored, changed = redact(f"{before} {iban} {after}")
    assert changed and iban not in stored


@RUNS
@given(phones(), AROUND, AROUND)
def test_phone_numbers_never_survive(phone: str, before: str, after: str) -> None:
    stored, changed = redact(f"{before} {phone} {after}")
    assert changed and phone not in stored


@RUNS
@given(emails, AROUND, AROUND)
def test_emails_never_survive(email: str, before: str, after: str) -> None:
    stored, changed = redact(f"{before} {email} {after}")
    assert changed and email not in stored


@RUNS
@given(st.text(max_size=500))
def test_redaction_never_fails_and_only_replaces(text: str) -> None:
    stored, changed = redact(text)
    assert changed or stored == text
