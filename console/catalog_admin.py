"""Translations of the administration pages: staff accounts, teams and canned replies
(admin.py and its templates). Part of catalog.CATALOG; the same conventions hold (see
catalog.py)."""

from __future__ import annotations

ADMIN: dict[str, dict[str, str]] = {
    "Teams come from data/teams.yml; here you choose who belongs to them.": {
        "fi": "Tiimit määritellään tiedostossa data/teams.yml; täällä valitaan, ketkä niihin "
        "kuuluvat.",
        "sv": "Teamen definieras i data/teams.yml; här väljer du vem som hör till dem.",
    },
    "{count} accounts": {"fi": "Tunnuksia: {count}", "sv": "Konton: {count}"},
    "Name": {"fi": "Nimi", "sv": "Namn"},
    "Role": {"fi": "Rooli", "sv": "Roll"},
    "Teams": {"fi": "Tiimit", "sv": "Team"},
    "Active": {"fi": "Käytössä", "sv": "Aktivt"},
    "yes": {"fi": "kyllä", "sv": "ja"},
    "no": {"fi": "ei", "sv": "nej"},
    "Disable": {"fi": "Poista käytöstä", "sv": "Inaktivera"},
    "Enable": {"fi": "Ota käyttöön", "sv": "Aktivera"},
    "E-mail for reminders": {"fi": "Sähköposti muistutuksille", "sv": "E-post för påminnelser"},
    "Save": {"fi": "Tallenna", "sv": "Spara"},
    "New password (at least 12 characters)": {
        "fi": "Uusi salasana (vähintään 12 merkkiä)",
        "sv": "Nytt lösenord (minst 12 tecken)",
    },
    "Set password": {"fi": "Aseta salasana", "sv": "Ange lösenord"},
    "Add an account": {"fi": "Uusi tunnus", "sv": "Nytt konto"},
    "Password (at least 12 characters)": {
        "fi": "Salasana (vähintään 12 merkkiä)",
        "sv": "Lösenord (minst 12 tecken)",
    },
    "Add account": {"fi": "Lisää tunnus", "sv": "Lägg till kontot"},
    "You cannot disable your own account.": {
        "fi": "Et voi poistaa omaa tunnustasi käytöstä.",
        "sv": "Du kan inte inaktivera ditt eget konto.",
    },
    # StaffError texts of taskstore/staff.py; "en" words them for the console (no CLI flag).
    "a username is letters and digits (a dot allowed), e.g. liisa.virtanen": {
        "fi": "Käyttäjätunnuksessa saa olla vain kirjaimia a–z ja numeroita (piste sallitaan), "
        "esim. liisa.virtanen.",
        "sv": "Ett användarnamn får bara ha bokstäverna a–z och siffror (punkt tillåten), "
        "t.ex. liisa.virtanen.",
        "en": "A username has only the letters a–z and digits (a dot allowed), e.g. "
        "liisa.virtanen.",
    },
    "an agent belongs to at least one team (--team)": {
        "fi": "Asiantuntijan on kuuluttava vähintään yhteen tiimiin.",
        "sv": "En handläggare måste höra till minst ett team.",
        "en": "An agent belongs to at least one team.",
    },
    "a team lead belongs to at least one team (--team)": {
        "fi": "Tiiminvetäjän on kuuluttava vähintään yhteen tiimiin.",
        "sv": "En teamledare måste höra till minst ett team.",
        "en": "A team lead belongs to at least one team.",
    },
    "role must be one of {roles}": {
        "fi": "Rooli on yksi näistä: {roles}.",
        "sv": "Rollen ska vara en av dessa: {roles}.",
        "en": "The role is one of {roles}.",
    },
    "the password must have at least {count} characters": {
        "fi": "Salasanassa on oltava vähintään {count} merkkiä.",
        "sv": "Lösenordet måste ha minst {count} tecken.",
        "en": "The password must have at least {count} characters.",
    },
    "unknown team(s): {teams}; see data/teams.yml": {
        "fi": "Tuntematon tiimi: {teams}.",
        "sv": "Okänt team: {teams}.",
        "en": "Unknown team: {teams}.",
    },
    "there is already a staff account '{username}'": {
        "fi": "Käyttäjätunnus {username} on jo olemassa.",
        "sv": "Användarnamnet {username} finns redan.",
        "en": "There is already a staff account {username}.",
    },
    "no staff account '{username}'": {
        "fi": "Käyttäjätunnusta {username} ei ole.",
        "sv": "Användarnamnet {username} finns inte.",
        "en": "No staff account {username}.",
    },
    "{count} teams": {"fi": "Tiimejä: {count}", "sv": "Team: {count}"},
    "Office hours": {"fi": "Palveluajat", "sv": "Öppettider"},
    "First response target (business hours)": {
        "fi": "Ensivastauksen tavoiteaika (tunteja palveluaikana)",
        "sv": "Måltid för första svar (timmar inom öppettiderna)",
    },
    "Resolution target (business hours)": {
        "fi": "Ratkaisun tavoiteaika (tunteja palveluaikana)",
        "sv": "Måltid för lösning (timmar inom öppettiderna)",
    },
    "Members": {"fi": "Jäsenet", "sv": "Medlemmar"},
    "Canned replies": {"fi": "Valmisvastaukset", "sv": "Standardsvar"},
    "{count} replies": {"fi": "Valmisvastauksia: {count}", "sv": "Standardsvar: {count}"},
    "Title": {"fi": "Otsikko", "sv": "Rubrik"},
    "Text": {"fi": "Teksti", "sv": "Text"},
    "Remove": {"fi": "Poista", "sv": "Ta bort"},
    "No canned replies yet.": {
        "fi": "Valmisvastauksia ei ole vielä.",
        "sv": "Inga standardsvar ännu.",
    },
    "Add a canned reply": {"fi": "Lisää valmisvastaus", "sv": "Lägg till ett standardsvar"},
    "Add": {"fi": "Lisää", "sv": "Lägg till"},
    "Give a title, a language and a text.": {
        "fi": "Anna otsikko, kieli ja teksti.",
        "sv": "Ange rubrik, språk och text.",
    },
    # The staff page's failed sign-ins (console/sign_in_guard.py)
    "Failed sign-ins in the last {days} days": {
        "fi": "Epäonnistuneet kirjautumiset viimeisten {days} päivän aikana",
        "sv": "Misslyckade inloggningar de senaste {days} dagarna",
    },
    "Username typed": {"fi": "Kirjoitettu käyttäjätunnus", "sv": "Angivet användarnamn"},
    "From address": {"fi": "Osoitteesta", "sv": "Från adress"},
    "Failures": {"fi": "Epäonnistumisia", "sv": "Misslyckanden"},
    "Latest": {"fi": "Viimeisin", "sv": "Senaste"},
    "No account is locked: after five failures of one name from one address, each try from "
    "there waits longer, up to 15 minutes.": {
        "fi": "Tunnuksia ei lukita: kun samasta osoitteesta on viisi epäonnistunutta "
        "yritystä samalla tunnuksella, jokainen seuraava yritys sieltä odottaa pidempään, "
        "enintään 15 minuuttia.",
        "sv": "Inga konton låses: efter fem misslyckanden med samma namn från samma adress "
        "väntar varje nytt försök därifrån längre, upp till 15 minuter.",
    },
    "None.": {"fi": "Ei yhtään.", "sv": "Inga."},
    # The access log (console/admin_access.py)
    "Access log": {"fi": "Pääsyloki", "sv": "Åtkomstlogg"},
    "Who among staff opened which conversation or ticket, and who exported or erased what, "
    "in the last {days} days. Entries cannot be changed or removed.": {
        "fi": "Kuka henkilöstöstä avasi minkä keskustelun tai asian ja kuka vei tai poisti mitä "
        "viimeisten {days} päivän aikana. Merkintöjä ei voi muuttaa eikä poistaa.",
        "sv": "Vem i personalen som öppnade vilket samtal eller ärende och vem som exporterade "
        "eller raderade vad de senaste {days} dagarna. Posterna kan inte ändras eller tas bort.",
    },
    "Filter the access log": {"fi": "Rajaa pääsylokia", "sv": "Filtrera åtkomstloggen"},
    "Person": {"fi": "Henkilö", "sv": "Person"},
    "anyone": {"fi": "kuka tahansa", "sv": "vem som helst"},
    "Ticket number or conversation": {
        "fi": "Asian numero tai keskustelu",
        "sv": "Ärendenummer eller samtal",
    },
    "Download as CSV": {"fi": "Lataa CSV-tiedostona", "sv": "Ladda ner som CSV-fil"},
    "{count} entries, newest first": {
        "fi": "Merkintöjä: {count}, uusimmat ensin",
        "sv": "Poster: {count}, de nyaste först",
    },
    "Time": {"fi": "Aika", "sv": "Tid"},
    "What": {"fi": "Mitä", "sv": "Vad"},
    "No entries.": {"fi": "Ei merkintöjä.", "sv": "Inga poster."},
    "access:opened:ticket": {
        "fi": "avasi asian",
        "sv": "öppnade ärendet",
        "en": "opened ticket",
    },
    "access:opened:conversation": {
        "fi": "avasi keskustelun",
        "sv": "öppnade samtalet",
        "en": "opened conversation",
    },
    "access:exported:log": {
        "fi": "latasi pääsylokin",
        "sv": "laddade ner åtkomstloggen",
        "en": "downloaded the access log",
    },
    "a name no account has": {
        "fi": "nimi, jota millään tunnuksella ei ole",
        "sv": "ett namn som inget konto har",
    },
}
