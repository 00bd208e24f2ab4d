"""Translations of the dashboard page (dashboard.py, dashboard.html). Part of
catalog.CATALOG; the same conventions hold (see catalog.py)."""

from __future__ import annotations

DASHBOARD: dict[str, dict[str, str]] = {
    "Choose the dashboard": {"fi": "Valitse tilannekuva", "sv": "Välj lägesbild"},
    "From": {"fi": "Alkaen", "sv": "Från"},
    "To (inclusive)": {"fi": "Päättyen (päivä mukaan lukien)", "sv": "Till och med"},
    "Download the figures as CSV": {
        "fi": "Lataa luvut CSV-tiedostona",
        "sv": "Ladda ner siffrorna som CSV-fil",
    },
    "Figures {first}–{last}": {"fi": "Luvut {first}–{last}", "sv": "Siffror {first}–{last}"},
    "Contacts": {"fi": "Yhteydenotot", "sv": "Kontakter"},
    "Resolved by the bot without a person": {
        "fi": "Botin ratkaisemat ilman työntekijää",
        "sv": "Lösta av boten utan personal",
    },
    "Tickets created": {"fi": "Kirjatut asiat", "sv": "Registrerade ärenden"},
    "First response time, median / 90th percentile": {
        "fi": "Ensivastausaika, mediaani / 90. persentiili",
        "sv": "Tid till första svar, median / 90:e percentil",
    },
    "Resolution time, median / 90th percentile": {
        "fi": "Ratkaisuaika, mediaani / 90. persentiili",
        "sv": "Lösningstid, median / 90:e percentil",
    },
    "{median} / {p90} ({count} tickets)": {
        "fi": "{median} / {p90} (asioita: {count})",
        "sv": "{median} / {p90} (ärenden: {count})",
    },
    "First response within the SLA": {
        "fi": "Ensivastaus tavoiteajassa",
        "sv": "Första svar inom måltiden",
    },
    "Resolution within the SLA": {"fi": "Ratkaisu tavoiteajassa", "sv": "Lösning inom måltiden"},
    "{met} in time, {missed} late, {pending} not yet due": {
        "fi": "ajoissa {met}, myöhässä {missed}, määräaika ei vielä umpeutunut {pending}",
        "sv": "i tid {met}, för sent {missed}, tidsfristen inte ännu ute {pending}",
    },
    "Backlog now": {"fi": "Avoimet asiat nyt", "sv": "Öppna ärenden nu"},
    "Times are wall-clock hours from the ticket's creation; the SLA targets are business "
    "hours. Private matters are counted only where you may see them, and never quoted.": {
        "fi": "Ajat ovat kellotunteja asian kirjaamisesta; tavoiteajat lasketaan tunteina "
        "palveluaikana. Luottamukselliset asiat lasketaan mukaan vain, jos saat nähdä ne, eikä "
        "niistä koskaan lainata tekstiä.",
        "sv": "Tiderna är klocktimmar från att ärendet registrerades; måltiderna räknas i "
        "timmar inom öppettiderna. Konfidentiella ärenden räknas bara med där du får se dem, "
        "och de citeras aldrig.",
    },
    "Contacts and tickets per day": {
        "fi": "Yhteydenotot ja asiat päivittäin",
        "sv": "Kontakter och ärenden per dag",
    },
    "Contacts per day": {"fi": "Yhteydenotot päivittäin", "sv": "Kontakter per dag"},
    "{count} contacts in total.": {
        "fi": "Yhteydenottoja yhteensä: {count}.",
        "sv": "Kontakter totalt: {count}.",
    },
    "Tickets created per day": {
        "fi": "Kirjatut asiat päivittäin",
        "sv": "Registrerade ärenden per dag",
    },
    "{count} tickets in total.": {
        "fi": "Asioita yhteensä: {count}.",
        "sv": "Ärenden totalt: {count}.",
    },
    "The same figures as a table": {
        "fi": "Samat luvut taulukkona",
        "sv": "Samma siffror som tabell",
    },
    "Day": {"fi": "Päivä", "sv": "Dag"},
    "Backlog now by status": {
        "fi": "Avoimet asiat nyt tiloittain",
        "sv": "Öppna ärenden nu per status",
    },
    "Tickets": {"fi": "Asiat", "sv": "Ärenden"},
    "Top intents": {"fi": "Yleisimmät aiheet", "sv": "Vanligaste ämnen"},
    "Messages the bot understood, by intent": {
        "fi": "Botin ymmärtämät viestit aiheittain",
        "sv": "Meddelanden som boten förstod, per ämne",
    },
    "Intent": {"fi": "Aihe", "sv": "Ämne"},
    "Messages": {"fi": "Viestit", "sv": "Meddelanden"},
    "Topics the bot could not answer": {
        "fi": "Aiheet, joihin botti ei osannut vastata",
        "sv": "Ämnen som boten inte kunde svara på",
    },
    "Unanswered messages by the team and intent the bot guessed": {
        "fi": "Vastaamattomat viestit botin arvaaman tiimin ja aiheen mukaan",
        "sv": "Obesvarade meddelanden efter det team och ämne som boten gissade",
    },
    "Intent guess": {"fi": "Arvattu aihe", "sv": "Gissat ämne"},
    "Examples": {"fi": "Esimerkit", "sv": "Exempel"},
    "No unanswered messages in this period.": {
        "fi": "Ei vastaamattomia viestejä tällä aikavälillä.",
        "sv": "Inga obesvarade meddelanden under perioden.",
    },
    "The period starts after it ends.": {
        "fi": "Aikavälin alku on myöhemmin kuin sen loppu.",
        "sv": "Perioden börjar efter att den slutar.",
    },
    "The period can be at most {days} days.": {
        "fi": "Aikaväli voi olla enintään {days} päivää.",
        "sv": "Perioden kan vara högst {days} dagar.",
    },
}
