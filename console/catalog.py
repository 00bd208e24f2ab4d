"""Translations of the console: English (the id) -> {"fi": ..., "sv": ..., ["en": ...]}.

Words used throughout: ticket = asia / ärende, conversation = keskustelu / samtal, resident
= asukas / invånare, queue = jono / kö, canned reply = valmisvastaus / standardsvar, due =
määräaika / tidsfrist, SLA target = tavoiteaika / måltid, dashboard = tilannekuva /
lägesbild. A count goes after a label ("Asioita: 3"), so no language needs plural forms.

Codes (statuses, roles, `event:...`, `state:...`) are ids too; those that are no English to
show (a ":" or "_" in them) have an "en" entry. tests/console/test_console_i18n.py checks that every
text a page can show is here, with the placeholders of its id, and that nothing here is
unused.
"""

from __future__ import annotations

from actions.sla import DAYS
from actions.texts import WEEKDAYS
from console.catalog_admin import ADMIN
from console.catalog_comms import COMMS
from console.catalog_content import CONTENT
from console.catalog_dashboard import DASHBOARD
from console.catalog_labels import LABELS
from console.catalog_report import REPORT

CATALOG: dict[str, dict[str, str]] = {
    # --- Every page: header, navigation, sign-in --------------------------------------
    "kuntabotti console": {"fi": "kuntabotin työpöytä", "sv": "kuntabottis arbetsvy"},
    "Console": {"fi": "Työpöytä", "sv": "Arbetsvy"},
    "Skip to content": {"fi": "Siirry sisältöön", "sv": "Hoppa till innehållet"},
    "Queues": {"fi": "Jonot", "sv": "Köer"},
    "Helping": {"fi": "Apupyynnöt", "sv": "Hjälpförfrågningar"},
    "Dashboard": {"fi": "Tilannekuva", "sv": "Lägesbild"},
    "Staff accounts": {"fi": "Henkilöstön tunnukset", "sv": "Personalens konton"},
    "Language": {"fi": "Kieli", "sv": "Språk"},
    "Change": {"fi": "Muuta", "sv": "Ändra"},
    "Sign out": {"fi": "Kirjaudu ulos", "sv": "Logga ut"},
    "Sign in": {"fi": "Kirjaudu", "sv": "Logga in"},
    "Sign in to the staff console": {
        "fi": "Kirjaudu henkilöstön työpöydälle",
        "sv": "Logga in i personalens arbetsvy",
    },
    "Username": {"fi": "Käyttäjätunnus", "sv": "Användarnamn"},
    "Password": {"fi": "Salasana", "sv": "Lösenord"},
    "Wrong username or password.": {
        "fi": "Väärä käyttäjätunnus tai salasana.",
        "sv": "Fel användarnamn eller lösenord.",
    },
    "Too many failed attempts. Try again in {minutes} minutes.": {
        "fi": "Liian monta epäonnistunutta yritystä. Yritä uudelleen {minutes} minuutin kuluttua.",
        "sv": "För många misslyckade försök. Försök igen om {minutes} minuter.",
    },
    # --- Queue ------------------------------------------------------------------------
    "Queue": {"fi": "Jono", "sv": "Kö"},
    "Tickets you or your team help on": {
        "fi": "Asiat, joihin sinua tai tiimiäsi on pyydetty avuksi",
        "sv": "Ärenden där du eller ditt team har ombetts hjälpa till",
    },
    "You are not a member of any team yet. An administrator adds you to teams.": {
        "fi": "Et kuulu vielä mihinkään tiimiin. Ylläpitäjä lisää sinut tiimeihin.",
        "sv": "Du hör ännu inte till något team. En administratör lägger till dig i team.",
    },
    "Filters": {"fi": "Suodattimet", "sv": "Filter"},
    "Team": {"fi": "Tiimi", "sv": "Team"},
    "Status": {"fi": "Tila", "sv": "Status"},
    "all open": {"fi": "kaikki avoimet", "sv": "alla öppna"},
    "Priority": {"fi": "Prioriteetti", "sv": "Prioritet"},
    "any": {"fi": "kaikki", "sv": "alla"},
    "Unassigned": {"fi": "Ei käsittelijää", "sv": "Utan ansvarig"},
    "Mine": {"fi": "Omat", "sv": "Mina"},
    "Show": {"fi": "Näytä", "sv": "Visa"},
    "Canned replies of the team": {"fi": "Tiimin valmisvastaukset", "sv": "Teamets standardsvar"},
    "{count} tickets, the soonest due first": {
        "fi": "Asioita: {count}, lähin määräaika ensin",
        "sv": "Ärenden: {count}, närmaste tidsfrist först",
    },
    "Ticket": {"fi": "Asia", "sv": "Ärende"},
    "Due": {"fi": "Määräaika", "sv": "Tidsfrist"},
    "Kind": {"fi": "Laji", "sv": "Typ"},
    "Assignee": {"fi": "Käsittelijä", "sv": "Ansvarig"},
    "Question": {"fi": "Kysymys", "sv": "Fråga"},
    "private": {"fi": "luottamuksellinen", "sv": "konfidentiell"},  # also a ticket kind
    "waiting in chat": {"fi": "odottaa chatissa", "sv": "väntar i chatten"},
    "in a live chat": {"fi": "chat käynnissä", "sv": "chatt pågår"},
    "late": {"fi": "myöhässä", "sv": "försenad"},
    "escalated": {"fi": "eskaloitu", "sv": "eskalerad"},
    "reminder": {"fi": "muistutus lähetetty", "sv": "påminnelse skickad"},
    "No tickets match.": {
        "fi": "Valintoja vastaavia asioita ei ole.",
        "sv": "Inga ärenden motsvarar urvalet.",
    },
    # --- Ticket -----------------------------------------------------------------------
    "Details": {"fi": "Tiedot", "sv": "Uppgifter"},
    "Created": {"fi": "Kirjattu", "sv": "Registrerat"},
    "First response due": {
        "fi": "Ensivastauksen määräaika",
        "sv": "Tidsfrist för första svar",
    },
    "answered": {"fi": "vastattu", "sv": "besvarat"},
    "Resolution due": {"fi": "Ratkaisun määräaika", "sv": "Tidsfrist för lösning"},
    "Contact (given with consent)": {
        "fi": "Yhteystiedot (annettu suostumuksella)",
        "sv": "Kontaktuppgifter (lämnade med samtycke)",
    },
    "Why this team": {"fi": "Miksi tämä tiimi", "sv": "Varför det här teamet"},
    "Open the conversation": {"fi": "Avaa keskustelu", "sv": "Öppna samtalet"},
    "Helpers": {"fi": "Avustajat", "sv": "Medhjälpare"},
    "No helpers.": {"fi": "Ei avustajia.", "sv": "Inga medhjälpare."},
    "Actions": {"fi": "Toimenpiteet", "sv": "Åtgärder"},
    "Claim": {"fi": "Ota käsittelyyn", "sv": "Ta hand om"},
    "Assign to a teammate": {
        "fi": "Anna käsiteltäväksi tiimin jäsenelle",
        "sv": "Tilldela en kollega i teamet",
    },
    "Assign": {"fi": "Aseta käsittelijäksi", "sv": "Tilldela"},
    "Set status": {"fi": "Vaihda tila", "sv": "Ändra status"},
    "Set priority": {"fi": "Vaihda prioriteetti", "sv": "Ändra prioritet"},
    "Reassign to another team": {
        "fi": "Siirrä toiselle tiimille",
        "sv": "Flytta till ett annat team",
    },
    "Reason": {"fi": "Perustelu", "sv": "Motivering"},
    "Reassign": {"fi": "Siirrä", "sv": "Flytta"},
    "Ask another team or person to help": {
        "fi": "Pyydä apua toiselta tiimiltä tai henkilöltä",
        "sv": "Be ett annat team eller en person om hjälp",
    },
    "or a person (username)": {
        "fi": "tai henkilö (käyttäjätunnus)",
        "sv": "eller en person (användarnamn)",
    },
    "Add helper": {"fi": "Lisää avustaja", "sv": "Lägg till medhjälpare"},
    "You help on this ticket: you can comment; the owning team handles it.": {
        "fi": "Olet avustajana tässä asiassa: voit kommentoida, ja asiasta vastaava tiimi "
        "käsittelee sen.",
        "sv": "Du hjälper till i det här ärendet: du kan kommentera, och teamet som äger "
        "ärendet sköter det.",
    },
    "Internal comment (never shown to the resident)": {
        "fi": "Sisäinen kommentti (ei näy koskaan asukkaalle)",
        "sv": "Intern kommentar (visas aldrig för invånaren)",
    },
    "Add comment": {"fi": "Lisää kommentti", "sv": "Lägg till kommentar"},
    "History": {"fi": "Historia", "sv": "Historik"},
    # What staff do to a ticket that cannot be done (actions/staff_work.py, tickets.py).
    "Choose a teammate.": {"fi": "Valitse tiimin jäsen.", "sv": "Välj en kollega i teamet."},
    "That person is not an active member of the ticket's team.": {
        "fi": "Henkilö ei ole asiasta vastaavan tiimin aktiivinen jäsen.",
        "sv": "Personen är inte aktiv medlem i ärendets team.",
    },
    "Unknown team.": {"fi": "Tuntematon tiimi.", "sv": "Okänt team."},
    "The ticket is already in that team.": {
        "fi": "Asia on jo tällä tiimillä.",
        "sv": "Ärendet ligger redan hos det teamet.",
    },
    "Give a reason for the reassignment.": {
        "fi": "Kerro siirron syy.",
        "sv": "Ange orsaken till flytten.",
    },
    "Choose a team or a person to help.": {
        "fi": "Valitse avuksi tiimi tai henkilö.",
        "sv": "Välj ett team eller en person som ska hjälpa till.",
    },
    "Choose another team than the owning one.": {
        "fi": "Valitse jokin muu kuin asiasta vastaava tiimi.",
        "sv": "Välj ett annat team än det som äger ärendet.",
    },
    "No active staff account with that username.": {
        "fi": "Tällä käyttäjätunnuksella ei ole käytössä olevaa tiliä.",
        "sv": "Det finns inget aktivt konto med det användarnamnet.",
    },
    "A private ticket stays within its team.": {
        "fi": "Luottamuksellinen asia pysyy oman tiiminsä sisällä.",
        "sv": "Ett konfidentiellt ärende stannar inom sitt team.",
    },
    "Already helping on this ticket.": {
        "fi": "On jo avustajana tässä asiassa.",
        "sv": "Hjälper redan till i det här ärendet.",
    },
    "The comment is empty.": {"fi": "Kommentti on tyhjä.", "sv": "Kommentaren är tom."},
    "The comment is too long.": {
        "fi": "Kommentti on liian pitkä.",
        "sv": "Kommentaren är för lång.",
    },
    "Unknown status.": {"fi": "Tuntematon tila.", "sv": "Okänd status."},
    "Unknown priority.": {"fi": "Tuntematon prioriteetti.", "sv": "Okänd prioritet."},
    # --- Conversation (live view) -----------------------------------------------------
    "Conversation": {"fi": "Keskustelu", "sv": "Samtal"},
    "Channel": {"fi": "Kanava", "sv": "Kanal"},
    "State": {"fi": "Vaihe", "sv": "Läge"},
    "Who answers": {"fi": "Kuka vastaa", "sv": "Vem svarar"},
    "You hold this conversation: the bot is silent and your messages go to the resident.": {
        "fi": "Keskustelu on sinulla: botti on hiljaa, ja viestisi menevät asukkaalle.",
        "sv": "Du har samtalet: boten är tyst och dina meddelanden går till invånaren.",
    },
    "Return to bot": {"fi": "Palauta botille", "sv": "Lämna tillbaka till boten"},
    "{name} holds this conversation.": {
        "fi": "{name} hoitaa tätä keskustelua.",
        "sv": "{name} sköter det här samtalet.",
    },
    "The bot answers this conversation.": {
        "fi": "Botti vastaa tässä keskustelussa.",
        "sv": "Boten svarar i det här samtalet.",
    },
    "Take over": {"fi": "Ota keskustelu haltuun", "sv": "Ta över samtalet"},
    "Transcript": {"fi": "Keskustelun viestit", "sv": "Samtalets meddelanden"},
    "Write to the resident": {"fi": "Kirjoita asukkaalle", "sv": "Skriv till invånaren"},
    "Canned reply": {"fi": "Valmisvastaus", "sv": "Standardsvar"},
    "Message (the resident sees this)": {
        "fi": "Viesti (asukas näkee tämän)",
        "sv": "Meddelande (invånaren ser det här)",
    },
    "Send": {"fi": "Lähetä", "sv": "Skicka"},
    "No such conversation.": {"fi": "Keskustelua ei löydy.", "sv": "Samtalet finns inte."},
    "The reply is empty.": {"fi": "Vastaus on tyhjä.", "sv": "Svaret är tomt."},
    "The reply is too long.": {"fi": "Vastaus on liian pitkä.", "sv": "Svaret är för långt."},
    # --- Codes: ticket status, priority and kind ---------------------------------------
    "new": {"fi": "uusi", "sv": "nytt"},
    "open": {"fi": "käsittelyssä", "sv": "under behandling"},
    "waiting": {"fi": "odottaa", "sv": "väntar"},
    "resolved": {"fi": "ratkaistu", "sv": "löst"},
    "closed": {"fi": "suljettu", "sv": "stängt"},
    "low": {"fi": "matala", "sv": "låg"},
    "normal": {"fi": "normaali", "sv": "normal"},
    "high": {"fi": "korkea", "sv": "hög"},
    "urgent": {"fi": "kiireellinen", "sv": "brådskande"},
    "question": {"fi": "kysymys", "sv": "fråga"},
    "case": {"fi": "palvelupyyntö", "sv": "serviceärende"},
    "handoff": {
        "fi": "siirto asiantuntijalle",
        "sv": "överlämning till handläggare",
        "en": "handoff to a person",
    },
    # ("private" is with the queue's badges above.)
    # --- Codes: roles, who wrote or did something, SLA targets, ticket details ----------
    "agent": {"fi": "asiantuntija", "sv": "handläggare"},
    "lead": {"fi": "tiiminvetäjä", "sv": "teamledare", "en": "team lead"},
    "comms": {"fi": "viestintä", "sv": "kommunikation", "en": "communications"},
    "admin": {"fi": "ylläpitäjä", "sv": "administratör", "en": "administrator"},
    # Who wrote a message or did something: each starts its line, so in sentence case.
    "resident": {"fi": "Asukas", "sv": "Invånare", "en": "Resident"},
    "bot": {"fi": "Botti", "sv": "Boten", "en": "Bot"},
    "staff": {"fi": "Työntekijä", "sv": "Anställd", "en": "Member of staff"},
    "system": {"fi": "Järjestelmä", "sv": "Systemet", "en": "System"},
    "first_response": {"fi": "ensivastaus", "sv": "första svar", "en": "first response"},
    "resolution": {"fi": "ratkaisu", "sv": "lösning"},
    "location": {"fi": "Sijainti", "sv": "Plats", "en": "Location"},
    # --- Codes: conversation states ("state:" ~ Conversation.state) ---------------------
    "state:bot": {"fi": "botti vastaa", "sv": "boten svarar", "en": "the bot answers"},
    "state:clarifying": {
        "fi": "botti tarkentaa kysymystä",
        "sv": "boten ber om förtydligande",
        "en": "the bot asks to clarify",
    },
    "state:collecting": {
        "fi": "botti kerää tietoja",
        "sv": "boten samlar uppgifter",
        "en": "the bot collects details",
    },
    "state:queued": {"fi": "odottaa jonossa", "sv": "väntar i kö", "en": "waiting in the queue"},
    "state:with_staff": {
        "fi": "työntekijä vastaa",
        "sv": "en anställd svarar",
        "en": "a member of staff answers",
    },
    "state:closed": {"fi": "päättynyt", "sv": "avslutat", "en": "closed"},
    # --- Codes: the history ("event:" ~ Event.type), after who did it -------------------
    "event:created": {
        "fi": "kirjasi asian",
        "sv": "registrerade ärendet",
        "en": "created the ticket",
    },
    "event:routed": {  # followed by the team's name
        "fi": "ohjasi tiimille",
        "sv": "styrde ärendet till",
        "en": "routed it to",
    },
    "event:handoff_requested": {
        "fi": "pyysi päästä puhumaan työntekijän kanssa",
        "sv": "bad att få tala med en person",
        "en": "asked for a person",
    },
    "event:queued": {
        "fi": "asetti keskustelun jonoon",
        "sv": "ställde samtalet i kö",
        "en": "put the conversation in the queue",
    },
    "event:claimed": {
        "fi": "otti asian käsittelyyn",
        "sv": "tog hand om ärendet",
        "en": "claimed the ticket",
    },
    "event:assigned": {
        "fi": "nimesi käsittelijäksi",
        "sv": "tilldelade ärendet till",
        "en": "assigned the ticket to",
    },
    "event:taken_over": {
        "fi": "otti keskustelun haltuun",
        "sv": "tog över samtalet",
        "en": "took over the conversation",
    },
    "event:handed_back": {
        "fi": "palautti keskustelun botille",
        "sv": "lämnade tillbaka samtalet till boten",
        "en": "returned the conversation to the bot",
    },
    "event:reassigned": {
        "fi": "siirsi asian toiselle tiimille",
        "sv": "flyttade ärendet till ett annat team",
        "en": "moved the ticket to another team",
    },
    "event:helper_added": {
        "fi": "pyysi avuksi",
        "sv": "bad om hjälp av",
        "en": "asked for help from",
    },
    "event:commented": {"fi": "kommentoi", "sv": "kommenterade", "en": "commented"},
    "event:replied": {
        "fi": "vastasi asukkaalle",
        "sv": "svarade invånaren",
        "en": "replied to the resident",
    },
    "event:status_changed": {
        "fi": "muutti tilan",
        "sv": "ändrade status",
        "en": "changed the status",
    },
    "event:priority_changed": {
        "fi": "muutti prioriteetin",
        "sv": "ändrade prioritet",
        "en": "changed the priority",
    },
    "event:reminder_sent": {
        "fi": "muistutti määräajasta:",
        "sv": "påminde om tidsfristen för",
        "en": "sent a reminder of the deadline for",
    },
    "event:escalated": {
        "fi": "ilmoitti tiiminvetäjälle ylittyneestä määräajasta:",
        "sv": "meddelade teamledaren att tidsfristen gått ut för",
        "en": "told the team lead of the missed deadline for",
    },
    # Office-hours days (data/teams.yml keys): the residents' weekday names
    **{
        f"day:{day}": {lang: names[index] for lang, names in WEEKDAYS.items()}
        for index, day in enumerate(DAYS)
    },
    # Conversation page: holding and releasing
    "Release to the bot (team lead)": {
        "fi": "Palauta botille (tiiminvetäjä)",
        "sv": "Lämna tillbaka till boten (teamledare)",
    },
    "Only the team the conversation is with can take it over.": {
        "fi": "Vain tiimi, jolla keskustelu on, voi ottaa sen haltuun.",
        "sv": "Bara teamet som har samtalet kan ta över det.",
    },
    "A colleague has this ticket; assign it to yourself to take it over.": {
        "fi": "Asia on jo työkaverilla. Jos otat sen, osoita se itsellesi.",
        "sv": "En kollega har ärendet. Tilldela det till dig själv för att ta över det.",
    },
    "(the first {count}; narrow the filters to see the rest)": {
        "fi": "(ensimmäiset {count}; rajaa suodattimilla nähdäksesi loput)",
        "sv": "(de första {count}; avgränsa med filtren för att se resten)",
    },
}
CATALOG |= ADMIN | DASHBOARD | LABELS | COMMS | CONTENT | REPORT
