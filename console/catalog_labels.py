"""Translations of what the console says about the bot's reading and routing (labels.py),
the messages after a saved form (web.FLASHES) and the first admin's guide. Part of
catalog.CATALOG; the same conventions hold (see catalog.py)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    # --- Intents, teams and the municipality in words (labels.py) ----------------------
    "All of {name}": {"fi": "Koko {name}", "sv": "Hela {name}"},
    "a team no longer in use": {"fi": "poistunut tiimi", "sv": "ett team som inte längre finns"},
    "a topic no longer in use": {"fi": "poistunut aihe", "sv": "ett ämne som inte längre finns"},
    "not a municipal matter": {"fi": "ei kunnan asia", "sv": "inte en kommunal fråga"},
    "not understood": {"fi": "ei ymmärretty", "sv": "inte förstått"},
    "web chat": {"fi": "verkkosivun chat", "sv": "chatten på webbplatsen"},
    "chat on another site (REST API)": {
        "fi": "chat toisessa palvelussa (REST-rajapinta)",
        "sv": "chatt i en annan tjänst (REST-gränssnitt)",
    },
    "Telegram": {"fi": "Telegram", "sv": "Telegram"},
    "another channel": {"fi": "muu kanava", "sv": "en annan kanal"},
    "a matter of {team}": {"fi": "tiimin {team} asia", "sv": "en fråga för {team}"},
    "The bot did not understand this.": {
        "fi": "Botti ei ymmärtänyt tätä.",
        "sv": "Boten förstod inte det här.",
    },
    "The bot did not understand this; its closest guess was '{intent}' (confidence "
    "{confidence}).": {
        "fi": "Botti ei ymmärtänyt tätä; lähin arvaus oli ”{intent}” (varmuus {confidence}).",
        "sv": "Boten förstod inte det här; den närmaste gissningen var ”{intent}” "
        "(säkerhet {confidence}).",
    },
    "The bot read this as not a municipal matter (confidence {confidence}).": {
        "fi": "Botti tulkitsi, ettei tämä ole kunnan asia (varmuus {confidence}).",
        "sv": "Boten tolkade det här som en fråga som inte gäller kommunen "
        "(säkerhet {confidence}).",
    },
    "The bot read this as '{intent}' (confidence {confidence}), a matter for {team} "
    "(confidence {team_confidence}).": {
        "fi": "Botti tulkitsi tämän aiheeksi ”{intent}” (varmuus {confidence}), tiimin "
        "{team} asiaksi (varmuus {team_confidence}).",
        "sv": "Boten tolkade det här som ”{intent}” (säkerhet {confidence}), en fråga för "
        "{team} (säkerhet {team_confidence}).",
    },
    "The bot read this as '{intent}' (confidence {confidence}).": {
        "fi": "Botti tulkitsi tämän aiheeksi ”{intent}” (varmuus {confidence}).",
        "sv": "Boten tolkade det här som ”{intent}” (säkerhet {confidence}).",
    },
    "The bot chose {team} by the wording of the question (confidence {team_confidence}); it "
    "read the question as '{intent}' (confidence {confidence}).": {
        "fi": "Botti valitsi tiimin {team} kysymyksen sanamuodon perusteella (varmuus "
        "{team_confidence}); se tulkitsi kysymyksen aiheeksi ”{intent}” (varmuus {confidence}).",
        "sv": "Boten valde {team} utifrån frågans ordalydelse (säkerhet {team_confidence}); "
        "den tolkade frågan som ”{intent}” (säkerhet {confidence}).",
    },
    "The bot read the question as '{intent}' (confidence {confidence}), a matter for {team}.": {
        "fi": "Botti tulkitsi kysymyksen aiheeksi ”{intent}” (varmuus {confidence}), joka "
        "kuuluu tiimille {team}.",
        "sv": "Boten tolkade frågan som ”{intent}” (säkerhet {confidence}), en fråga för {team}.",
    },
    "The bot could not tell whose matter this is, so it went to {team}.": {
        "fi": "Botti ei tunnistanut, kenen asia tämä on, joten se ohjautui tiimille {team}.",
        "sv": "Boten kunde inte avgöra vems fråga det här är, så den gick till {team}.",
    },
    "Deciding words: {words}.": {
        "fi": "Ratkaisevat sanat: {words}.",
        "sv": "Avgörande ord: {words}.",
    },
    "{team} handles this ticket; you are not in that team, but you can comment.": {
        "fi": "Asiaa käsittelee {team}; et kuulu tähän tiimiin, mutta voit kommentoida.",
        "sv": "{team} sköter det här ärendet; du hör inte till teamet, men du kan kommentera.",
    },
    # --- After a form was saved (web.FLASHES) -------------------------------------------
    "Saved.": {"fi": "Tallennettu.", "sv": "Sparat."},
    "Account added.": {"fi": "Tunnus lisätty.", "sv": "Kontot har lagts till."},
    "Account disabled; its sessions were ended.": {
        "fi": "Tunnus poistettu käytöstä; sen istunnot päätettiin.",
        "sv": "Kontot har inaktiverats; dess sessioner avslutades.",
    },
    "Account enabled.": {"fi": "Tunnus otettu käyttöön.", "sv": "Kontot har aktiverats."},
    "Password set; the account's sessions were ended.": {
        "fi": "Salasana asetettu; tunnuksen istunnot päätettiin.",
        "sv": "Lösenordet har angetts; kontots sessioner avslutades.",
    },
    "Canned reply added.": {"fi": "Valmisvastaus lisätty.", "sv": "Standardsvaret har lagts till."},
    "Canned reply removed.": {
        "fi": "Valmisvastaus poistettu.",
        "sv": "Standardsvaret har tagits bort.",
    },
    "You now handle this ticket.": {
        "fi": "Asia on nyt sinun käsittelyssäsi.",
        "sv": "Du sköter nu det här ärendet.",
    },
    "Comment added.": {"fi": "Kommentti lisätty.", "sv": "Kommentaren har lagts till."},
    "The ticket was moved to the other team.": {
        "fi": "Asia siirrettiin toiselle tiimille.",
        "sv": "Ärendet flyttades till det andra teamet.",
    },
    "Helper added.": {"fi": "Avustaja lisätty.", "sv": "Medhjälparen har lagts till."},
    "You took over the conversation.": {
        "fi": "Otit keskustelun haltuun.",
        "sv": "Du tog över samtalet.",
    },
    "The conversation is back with the bot.": {
        "fi": "Keskustelu on palautettu botille.",
        "sv": "Samtalet är tillbaka hos boten.",
    },
    "Message sent to the resident.": {
        "fi": "Viesti lähetetty asukkaalle.",
        "sv": "Meddelandet har skickats till invånaren.",
    },
    "Language changed.": {"fi": "Kieli vaihdettu.", "sv": "Språket har bytts."},
    "The console needs an active administrator: make another account an administrator first.": {
        "fi": "Työpöydällä on oltava käytössä oleva ylläpitäjä: tee ensin toisesta tunnuksesta "
        "ylläpitäjä.",
        "sv": "Arbetsvyn behöver en aktiv administratör: gör först ett annat konto till "
        "administratör.",
    },
    # --- The first admin's guide (queue page) ------------------------------------------
    "Getting started": {"fi": "Näin pääset alkuun", "sv": "Kom i gång"},
    "You are an administrator and a member of: {teams}.": {
        "fi": "Olet ylläpitäjä ja kuulut tiimeihin: {teams}.",
        "sv": "Du är administratör och hör till teamen: {teams}.",
    },
    "You can take over conversations and work on tickets only in your own teams; the bot "
    "hands residents to every team.": {
        "fi": "Voit ottaa keskusteluja haltuun ja käsitellä asioita vain omissa tiimeissäsi; "
        "botti ohjaa asukkaita kaikille tiimeille.",
        "sv": "Du kan ta över samtal och sköta ärenden bara i dina egna team; boten styr "
        "invånare till alla team.",
    },
    "Add staff accounts for the teams": {
        "fi": "Lisää tiimeille henkilöstön tunnukset",
        "sv": "Lägg till personalkonton för teamen",
    },
    "Add yourself to more teams (Change, under your account)": {
        "fi": "Liitä itsesi muihin tiimeihin (Muuta, oman tunnuksesi kohdalla)",
        "sv": "Lägg till dig själv i fler team (Ändra, vid ditt konto)",
    },
    "See the teams, their office hours and members": {
        "fi": "Katso tiimit, niiden palveluajat ja jäsenet",
        "sv": "Se teamen, deras öppettider och medlemmar",
    },
    "This panel shows until there is a second active account.": {
        "fi": "Tämä ohje näkyy, kunnes käytössä on toinenkin tunnus.",
        "sv": "Den här hjälpen visas tills det finns ett andra aktivt konto.",
    },
    # --- Dashboard ----------------------------------------------------------------------
    "{count} of {total} contacts": {
        "fi": "{count}/{total} yhteydenotosta",
        "sv": "{count} av {total} kontakter",
    },
    "The bot understood none of the {count} messages of this period.": {
        "fi": "Botti ei ymmärtänyt yhtään tämän aikavälin viestiä (viestejä: {count}).",
        "sv": "Boten förstod inget av periodens meddelanden (meddelanden: {count}).",
    },
    "No messages from residents in this period.": {
        "fi": "Asukkailta ei tullut viestejä tällä aikavälillä.",
        "sv": "Inga meddelanden från invånare under perioden.",
    },
    "(YYYY-MM-DD)": {"fi": "(p.k.vvvv)", "sv": "(åååå-mm-dd)"},
    "Write the dates as YYYY-MM-DD, for example 2026-03-31.": {
        "fi": "Kirjoita päivämäärät muodossa p.k.vvvv, esimerkiksi 31.3.2026.",
        "sv": "Skriv datumen som åååå-mm-dd, till exempel 2026-03-31.",
    },
}
