"""Translations of the communications team's pages: the inbox (inbox.py), the service-notice
pages (notices.py) and what actions/notice_work.py refuses. Part of catalog.CATALOG; the same
conventions hold (see catalog.py)."""

from __future__ import annotations

COMMS: dict[str, dict[str, str]] = {
    # --- The inbox -----------------------------------------------------------------------
    "Inbox": {"fi": "Saapuneet", "sv": "Inkorg"},
    "Inbox: what the bot could not handle": {
        "fi": "Saapuneet: mihin botti ei osannut vastata",
        "sv": "Inkorg: det boten inte klarade av",
    },
    "Questions of the last {days} days the bot could not handle, similar ones grouped across "
    "languages, the biggest and most recent first: not understood, none of the offered topics "
    "fit, the answer did not help or was followed by a request for a person, or staff moved "
    "the ticket to another team. Sensitive and private matters are never shown.": {
        "fi": "Viimeisten {days} päivän kysymykset, joihin botti ei osannut vastata, "
        "samankaltaiset ryhmiteltyinä kielestä riippumatta, suurimmat ja tuoreimmat ensin: "
        "botti ei ymmärtänyt, "
        "mikään tarjotuista aiheista ei sopinut, vastaus ei auttanut tai sen jälkeen pyydettiin "
        "ihmistä, tai henkilöstö siirsi asian toiselle tiimille. Arkaluonteisia ja yksityisiä "
        "asioita ei näytetä koskaan.",
        "sv": "Frågor från de senaste {days} dagarna som boten inte klarade av, liknande frågor "
        "grupperade oberoende av språk, de största och nyaste först: boten förstod inte, inget av "
        "de föreslagna ämnena passade, svaret hjälpte inte eller följdes av en begäran om en "
        "människa, eller personalen flyttade ärendet till ett annat team. Känsliga och privata "
        "ärenden visas aldrig.",
    },
    "Groups": {"fi": "Ryhmät", "sv": "Grupper"},
    "group:open": {"fi": "käsittelemättä", "sv": "obehandlade", "en": "to do"},
    "group:ignored": {"fi": "ohitetut", "sv": "ignorerade", "en": "ignored"},
    "group:done": {"fi": "käsitellyt", "sv": "behandlade", "en": "done"},
    "{groups} groups shown, {questions} questions": {
        "fi": "Ryhmiä näkyvissä {groups}, kysymyksiä {questions}",
        "sv": "{groups} grupper visas, {questions} frågor",
    },
    "{count} groups in all": {"fi": "ryhmiä kaikkiaan {count}", "sv": "{count} grupper totalt"},
    "{count} new questions are being grouped": {
        "fi": "{count} uutta kysymystä ryhmitellään parhaillaan",
        "sv": "{count} nya frågor grupperas just nu",
    },
    "latest": {"fi": "viimeksi", "sv": "senast"},
    "Open the group": {"fi": "Avaa ryhmä", "sv": "Öppna gruppen"},
    "Ignore": {"fi": "Ohita", "sv": "Ignorera"},
    "Reopen": {"fi": "Palauta käsiteltäväksi", "sv": "Återställ"},
    "A group of questions": {"fi": "Kysymysryhmä", "sv": "En grupp frågor"},
    "Back to the inbox": {"fi": "Takaisin saapuneisiin", "sv": "Tillbaka till inkorgen"},
    "The questions": {"fi": "Kysymykset", "sv": "Frågorna"},
    "Staff moved these to, or resolved them in": {
        "fi": "Henkilöstö siirsi nämä tiimille tai ratkaisi ne tiimissä",
        "sv": "Personalen flyttade dessa till, eller löste dem i",
    },
    "What staff answered (a starting point for the bot's answer)": {
        "fi": "Mitä henkilöstö vastasi (lähtökohta botin vastaukselle)",
        "sv": "Vad personalen svarade (en utgångspunkt för botens svar)",
    },
    "inbox:resolved": {
        "fi": "henkilöstö ratkaisi tiketin",
        "sv": "personalen löste ärendet",
        "en": "staff resolved the ticket",
    },
    "What to do with the group": {"fi": "Mitä ryhmälle tehdään", "sv": "Vad görs med gruppen"},
    "Changes go into the draft “{note}”; check and publish it on the Content page.": {
        "fi": "Muutokset menevät luonnokseen ”{note}”; tarkista ja julkaise se Sisältö-sivulla.",
        "sv": "Ändringarna går till utkastet ”{note}”; kontrollera och publicera det på sidan "
        "Innehåll.",
    },
    "Changes go into a new draft; check and publish it on the Content page.": {
        "fi": "Muutokset menevät uuteen luonnokseen; tarkista ja julkaise se Sisältö-sivulla.",
        "sv": "Ändringarna går till ett nytt utkast; kontrollera och publicera det på sidan "
        "Innehåll.",
    },
    "Add the questions as examples of": {
        "fi": "Lisää kysymykset esimerkeiksi aiheeseen",
        "sv": "Lägg till frågorna som exempel på",
    },
    "Every topic": {"fi": "Kaikki aiheet", "sv": "Alla ämnen"},
    "Add as examples": {"fi": "Lisää esimerkeiksi", "sv": "Lägg till som exempel"},
    "Make a new topic of these": {"fi": "Tee näistä uusi aihe", "sv": "Gör ett nytt ämne av dessa"},
    "Out of scope: the bot should not answer these": {
        "fi": "Aiheen ulkopuolella: botin ei pidä vastata näihin",
        "sv": "Utanför ämnet: boten ska inte svara på dessa",
    },
    "Added as examples of “{topic}”": {
        "fi": "Lisätty esimerkeiksi aiheeseen ”{topic}”",
        "sv": "Tillagda som exempel på ”{topic}”",
    },
    "Made into the new topic “{topic}”": {
        "fi": "Tehty uudeksi aiheeksi ”{topic}”",
        "sv": "Gjort till det nya ämnet ”{topic}”",
    },
    "Marked out of scope": {"fi": "Merkitty aiheen ulkopuoliseksi", "sv": "Markerat utanför ämnet"},
    "Ignored": {"fi": "Ohitettu", "sv": "Ignorerad"},
    "Only a case asks a first question.": {
        "fi": "Vain asia, josta tehdään tiketti, kysyy ensin jotain.",
        "sv": "Bara ett ärende som blir en biljett frågar något först.",
    },
    "The first question is empty.": {
        "fi": "Ensimmäinen kysymys on tyhjä.",
        "sv": "Den första frågan är tom.",
    },
    "Save the first question": {"fi": "Tallenna ensimmäinen kysymys", "sv": "Spara första frågan"},
    "What the bot asks first (cases only)": {
        "fi": "Mitä botti kysyy ensin (vain tikettiasiat)",
        "sv": "Vad boten frågar först (bara ärenden)",
    },
    "From the inbox: these questions become its first examples": {
        "fi": "Saapuneista: näistä kysymyksistä tulee sen ensimmäiset esimerkit",
        "sv": "Från inkorgen: dessa frågor blir dess första exempel",
    },
    "From the inbox": {"fi": "Saapuneista", "sv": "Från inkorgen"},
    "{topic}: the first question changed ({language})": {
        "fi": "{topic}: ensimmäinen kysymys muuttui ({language})",
        "sv": "{topic}: den första frågan ändrades ({language})",
    },
    "{topic}: {count} questions from the inbox added as examples": {
        "fi": "{topic}: {count} kysymystä saapuneista lisätty esimerkeiksi",
        "sv": "{topic}: {count} frågor från inkorgen tillagda som exempel",
    },
    "Questions the bot must keep getting right": {
        "fi": "Kysymykset, joihin botin on yhä vastattava oikein",
        "sv": "Frågor som boten fortfarande måste klara",
    },
    "Set": {"fi": "Joukko", "sv": "Mängd"},
    "Questions": {"fi": "Kysymyksiä", "sv": "Frågor"},
    "Right with the draft": {"fi": "Oikein luonnoksella", "sv": "Rätt med utkastet"},
    "Right with the live version": {
        "fi": "Oikein käytössä olevalla versiolla",
        "sv": "Rätt med versionen i bruk",
    },
    "regression:protected": {
        "fi": "ihmisen pyytäminen ja arkaluonteiset aiheet",
        "sv": "begäran om en människa och känsliga ämnen",
        "en": "asking for a person and sensitive topics",
    },
    "regression:inbox": {
        "fi": "saapuneista lisätyt kysymykset",
        "sv": "frågor tillagda från inkorgen",
        "en": "questions added from the inbox",
    },
    "With residents in the last {days} days (the live version)": {
        "fi": "Asukkaiden kanssa viimeisten {days} päivän aikana (käytössä oleva versio)",
        "sv": "Med invånarna de senaste {days} dagarna (versionen i bruk)",
    },
    "Questions read as this topic": {
        "fi": "Tähän aiheeseen tulkitut kysymykset",
        "sv": "Frågor tolkade som detta ämne",
    },
    "Helpful": {"fi": "Auttoi", "sv": "Hjälpte"},
    "Not helpful": {"fi": "Ei auttanut", "sv": "Hjälpte inte"},
    "Fell back although it was the first guess": {
        "fi": "Ei vastausta, vaikka tämä oli paras arvaus",
        "sv": "Inget svar fast detta var bästa gissningen",
    },
    "Answers approved: the draft can be published once its check passed.": {
        "fi": "Vastaukset hyväksytty: luonnoksen voi julkaista, kun sen tarkistus on mennyt läpi.",
        "sv": "Svaren godkända: utkastet kan publiceras när kontrollen har gått igenom.",
    },
    "A second person has approved the changed answers.": {
        "fi": "Toinen henkilö on hyväksynyt muuttuneet vastaukset.",
        "sv": "En andra person har godkänt de ändrade svaren.",
    },
    "The answers changed: another person of the communications team approves them before "
    "publishing.": {
        "fi": "Vastaukset muuttuivat: toinen viestinnän henkilö hyväksyy ne ennen julkaisua.",
        "sv": "Svaren ändrades: en annan person i kommunikationsteamet godkänner dem före "
        "publiceringen.",
    },
    "Approve the answers": {"fi": "Hyväksy vastaukset", "sv": "Godkänn svaren"},
    "approved the answers": {"fi": "hyväksyi vastaukset", "sv": "godkände svaren"},
    "You have edited this draft: another person approves its answers.": {
        "fi": "Olet muokannut tätä luonnosta: vastaukset hyväksyy joku toinen.",
        "sv": "Du har redigerat utkastet: någon annan godkänner svaren.",
    },
    "Changed answers need the approval of another person of the communications team.": {
        "fi": "Muuttuneet vastaukset tarvitsevat toisen viestinnän henkilön hyväksynnän.",
        "sv": "Ändrade svar behöver godkännas av en annan person i kommunikationsteamet.",
    },
    "Every question of the group is an example already.": {
        "fi": "Ryhmän kaikki kysymykset ovat jo esimerkkejä.",
        "sv": "Alla frågor i gruppen är redan exempel.",
    },
    "everything": {"fi": "kaikki", "sv": "allt"},
    "{count} questions": {"fi": "Kysymyksiä: {count}", "sv": "Frågor: {count}"},
    "The bot's best guess": {"fi": "Botin paras arvaus", "sv": "Botens bästa gissning"},
    "Nothing here: the bot handled everything it was asked.": {
        "fi": "Ei mitään: botti osasi vastata kaikkeen, mitä siltä kysyttiin.",
        "sv": "Inget här: boten klarade allt den fick frågor om.",
    },
    "inbox:fallback": {
        "fi": "botti ei ymmärtänyt",
        "sv": "boten förstod inte",
        "en": "the bot did not understand",
    },
    "inbox:none_fit": {
        "fi": "mikään tarjotuista aiheista ei sopinut",
        "sv": "inget av de föreslagna ämnena passade",
        "en": "none of the offered topics fit",
    },
    "inbox:person_after_answer": {
        "fi": "vastauksen jälkeen pyydettiin ihmistä",
        "sv": "en människa begärdes efter svaret",
        "en": "asked for a person after the answer",
    },
    "inbox:not_helpful": {
        "fi": "vastaus ei auttanut",
        "sv": "svaret hjälpte inte",
        "en": "the answer did not help",
    },
    "inbox:rerouted": {
        "fi": "siirretty toiselle tiimille",
        "sv": "flyttat till ett annat team",
        "en": "moved to another team",
    },
    # --- Service notices -----------------------------------------------------------------
    "Service notices": {"fi": "Tiedotteet", "sv": "Driftmeddelanden"},
    "The bot tells a notice before the answers of its team while it is on, in the resident's "
    "language.": {
        "fi": "Botti kertoo tiedotteen ennen tiimin vastauksia niin kauan kuin se on voimassa, "
        "asukkaan kielellä.",
        "sv": "Boten berättar meddelandet före teamets svar så länge det gäller, på invånarens "
        "språk.",
    },
    "{count} notices on now or later": {
        "fi": "Voimassa olevia tai tulevia tiedotteita: {count}",
        "sv": "Gällande eller kommande meddelanden: {count}",
    },
    "On": {"fi": "Voimassa", "sv": "Gäller"},
    "Notice": {"fi": "Tiedote", "sv": "Meddelande"},
    "Change": {"fi": "Muuta", "sv": "Ändra"},
    "every team": {"fi": "kaikki tiimit", "sv": "alla team"},
    "later": {"fi": "tulossa", "sv": "kommande"},
    "Change or end": {"fi": "Muuta tai päätä", "sv": "Ändra eller avsluta"},
    "No notices on now or later.": {
        "fi": "Ei voimassa olevia eikä tulevia tiedotteita.",
        "sv": "Inga gällande eller kommande meddelanden.",
    },
    "Post a notice": {"fi": "Julkaise tiedote", "sv": "Publicera ett meddelande"},
    "Post": {"fi": "Julkaise", "sv": "Publicera"},
    "Told before the answers of": {
        "fi": "Kerrotaan ennen näiden vastauksia",
        "sv": "Berättas före svaren från",
    },
    "Starts": {"fi": "Alkaa", "sv": "Börjar"},
    "Ends": {"fi": "Päättyy", "sv": "Slutar"},
    "(YYYY-MM-DD HH:MM)": {"fi": "(vvvv-kk-pp tt:mm)", "sv": "(åååå-mm-dd tt:mm)"},
    "(YYYY-MM-DD HH:MM; empty: now)": {
        "fi": "(vvvv-kk-pp tt:mm; tyhjä: heti)",
        "sv": "(åååå-mm-dd tt:mm; tomt: genast)",
    },
    "Change a notice": {"fi": "Muuta tiedotetta", "sv": "Ändra ett meddelande"},
    "Back to notices": {"fi": "Takaisin tiedotteisiin", "sv": "Tillbaka till meddelandena"},
    "End the notice": {"fi": "Päätä tiedote", "sv": "Avsluta meddelandet"},
    "The bot stops telling it at once.": {
        "fi": "Botti lakkaa kertomasta sitä heti.",
        "sv": "Boten slutar berätta det genast.",
    },
    "End now": {"fi": "Päätä nyt", "sv": "Avsluta nu"},
    "Notice posted.": {"fi": "Tiedote julkaistu.", "sv": "Meddelandet publicerat."},
    "Notice ended.": {"fi": "Tiedote päätetty.", "sv": "Meddelandet avslutat."},
    # What actions/notice_work.py and notices.py refuse
    "Write the notice in Finnish, Swedish and English.": {
        "fi": "Kirjoita tiedote suomeksi, ruotsiksi ja englanniksi.",
        "sv": "Skriv meddelandet på finska, svenska och engelska.",
    },
    "The notice is too long.": {"fi": "Tiedote on liian pitkä.", "sv": "Meddelandet är för långt."},
    "The end must be after the start.": {
        "fi": "Päättymisen on oltava alkamisen jälkeen.",
        "sv": "Slutet måste komma efter början.",
    },
    "The end must be in the future.": {
        "fi": "Päättymisajan on oltava tulevaisuudessa.",
        "sv": "Sluttiden måste ligga i framtiden.",
    },
    "Give the start and the end as date and time.": {
        "fi": "Anna alkamis- ja päättymisaika päivämääränä ja kellonaikana.",
        "sv": "Ange början och slutet som datum och klockslag.",
    },
    # The history ("event:" ~ Event.type): notices have no ticket, so these show in the log only
    "event:notice_posted": {
        "fi": "julkaisi tiedotteen",
        "sv": "publicerade ett meddelande",
        "en": "posted a notice",
    },
    "event:notice_changed": {
        "fi": "muutti tiedotetta",
        "sv": "ändrade ett meddelande",
        "en": "changed a notice",
    },
    "event:notice_ended": {
        "fi": "päätti tiedotteen",
        "sv": "avslutade ett meddelande",
        "en": "ended a notice",
    },
}
