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
    "access:opened:resident": {
        "fi": "haki asukkaan tiedot",
        "sv": "sökte fram invånarens uppgifter",
        "en": "looked up a resident's data",
    },
    "access:exported:resident": {
        "fi": "latasi asukkaan tiedot",
        "sv": "laddade ner invånarens uppgifter",
        "en": "downloaded a resident's data",
    },
    "access:erased:resident": {
        "fi": "poisti asukkaan tiedot",
        "sv": "raderade invånarens uppgifter",
        "en": "erased a resident's data",
    },
    # Residents' data and retention (console/admin_rights.py)
    "Residents' data": {"fi": "Asukkaiden tiedot", "sv": "Invånarnas uppgifter"},
    "When a resident asks for their data or for its erasure, find it here with what they can "
    "show you. Every search, export and erasure is in the access log.": {
        "fi": "Kun asukas pyytää tietojaan tai niiden poistamista, hae ne tästä sillä, minkä "
        "asukas voi näyttää. Jokainen haku, lataus ja poisto kirjataan pääsylokiin.",
        "sv": "När en invånare begär sina uppgifter eller att de raderas, sök fram dem här med "
        "det som invånaren kan visa. Varje sökning, nedladdning och radering förs in i "
        "åtkomstloggen.",
    },
    "Erased: {conversations} conversations with {messages} messages, {tickets} tickets and "
    "{notes} staff comments. The tickets stay in the figures without their content.": {
        "fi": "Poistettu: {conversations} keskustelua, joissa {messages} viestiä, {tickets} "
        "asiaa ja {notes} henkilöstön kommenttia. Asiat jäävät tilastoihin ilman sisältöään.",
        "sv": "Raderat: {conversations} samtal med {messages} meddelanden, {tickets} ärenden "
        "och {notes} kommentarer av personalen. Ärendena finns kvar i statistiken utan "
        "innehåll.",
    },
    "Find a resident": {"fi": "Hae asukas", "sv": "Sök en invånare"},
    "Conversation key (the web chat shows it under “Conversation key”)": {
        "fi": "Keskustelun tunniste (chat näyttää sen kohdassa ”Keskustelun tunniste”)",
        "sv": "Samtalets nyckel (chatten visar den under ”Samtalets nyckel”)",
    },
    "Telegram user number": {
        "fi": "Telegram-käyttäjän numero",
        "sv": "Telegram-användarens nummer",
    },
    "E-mail given on a ticket": {
        "fi": "Asiaan annettu sähköpostiosoite",
        "sv": "E-postadress som getts i ett ärende",
    },
    "Find": {"fi": "Hae", "sv": "Sök"},
    "Found": {"fi": "Löytyi", "sv": "Hittades"},
    "Nothing was found with these.": {
        "fi": "Näillä ei löytynyt mitään.",
        "sv": "Inget hittades med dessa.",
    },
    "Give at least one of the three.": {
        "fi": "Anna ainakin yksi kolmesta.",
        "sv": "Ange minst en av de tre.",
    },
    "Confirm the erasure first.": {
        "fi": "Vahvista poistaminen ensin.",
        "sv": "Bekräfta raderingen först.",
    },
    "{count} conversations": {"fi": "Keskusteluja: {count}", "sv": "Samtal: {count}"},
    "{count} tickets": {"fi": "Asioita: {count}", "sv": "Ärenden: {count}"},
    "Download the data (JSON)": {
        "fi": "Lataa tiedot (JSON)",
        "sv": "Ladda ner uppgifterna (JSON)",
    },
    "Staff comments are in the file too: check them for other people's data before you hand "
    "it over.": {
        "fi": "Tiedostossa ovat myös henkilöstön kommentit: tarkista, ettei niissä ole muiden "
        "ihmisten tietoja, ennen kuin luovutat tiedoston.",
        "sv": "Personalens kommentarer finns också i filen: kontrollera att de inte innehåller "
        "andra personers uppgifter innan du lämnar ut filen.",
    },
    "I have checked that the request is this person's and that no law requires keeping these.": {
        "fi": "Olen tarkistanut, että pyyntö on tämän henkilön ja ettei mikään laki vaadi "
        "säilyttämään näitä.",
        "sv": "Jag har kontrollerat att begäran kommer från denna person och att ingen lag "
        "kräver att dessa bevaras.",
    },
    "Erase the data": {"fi": "Poista tiedot", "sv": "Radera uppgifterna"},
    "Retention": {"fi": "Säilytysajat", "sv": "Bevarandetider"},
    "Kept: conversations {conversations} after the last message, resolved tickets {tickets} "
    "after they were last handled, the handling log {events}. Once a day, what is older is "
    "erased.": {
        "fi": "Säilytetään: keskustelut {conversations} viimeisestä viestistä, ratkaistut asiat "
        "{tickets} viimeisestä käsittelystä, käsittelyloki {events}. Kerran päivässä "
        "vanhemmat poistetaan.",
        "sv": "Bevaras: samtal {conversations} efter det sista meddelandet, lösta ärenden "
        "{tickets} efter den senaste behandlingen, behandlingsloggen {events}. En gång om "
        "dagen raderas det som är äldre.",
    },
    "{n} days": {"fi": "{n} päivää", "sv": "{n} dagar"},
    "for good": {"fi": "pysyvästi", "sv": "för alltid"},
    "The latest retention runs": {
        "fi": "Viimeisimmät säilytysajan ylittäneiden poistot",
        "sv": "De senaste raderingarna efter bevarandetiden",
    },
    "Conversations": {"fi": "Keskustelut", "sv": "Samtal"},
    "Log entries": {"fi": "Lokimerkinnät", "sv": "Loggposter"},
    "None yet.": {"fi": "Ei vielä yhtään.", "sv": "Inga ännu."},
    "(erased)": {"fi": "(poistettu)", "sv": "(raderat)"},
    "The resident's data was erased on {date}.": {
        "fi": "Asukkaan tiedot poistettiin {date}.",
        "sv": "Invånarens uppgifter raderades {date}.",
    },
}
