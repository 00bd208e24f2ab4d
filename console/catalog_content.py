"""Translations of the content pages (content_pages.py, content_topics.py) and of what
actions/content_work.py and content/edits.py refuse. Part of catalog.CATALOG; the same
conventions hold (see catalog.py). Words: content = sisältö / innehåll, version = versio /
version, draft = luonnos / utkast, topic = aihe / ämne, example question = esimerkkikysymys /
exempelfråga, publish = julkaista / publicera, roll back = palauttaa / återställa, check =
tarkistus / kontroll."""

from __future__ import annotations

CONTENT: dict[str, dict[str, str]] = {
    # --- The versions and the drafts (content.html) ---------------------------------------
    "Content": {"fi": "Sisältö", "sv": "Innehåll"},
    "The bot's content": {"fi": "Botin sisältö", "sv": "Botens innehåll"},
    "What the bot knows and answers: its topics, their example questions and answers. "
    "Changes are made in a draft, checked and then published; the bot answers with a "
    "published version at once, without a restart.": {
        "fi": "Mitä botti tietää ja vastaa: sen aiheet, niiden esimerkkikysymykset ja "
        "vastaukset. Muutokset tehdään luonnokseen, tarkistetaan ja julkaistaan; botti vastaa "
        "julkaistun version mukaan heti, ilman uudelleenkäynnistystä.",
        "sv": "Vad boten vet och svarar: dess ämnen, deras exempelfrågor och svar. Ändringar "
        "görs i ett utkast, kontrolleras och publiceras sedan; boten svarar enligt en "
        "publicerad version genast, utan omstart.",
    },
    "Live version": {"fi": "Käytössä oleva versio", "sv": "Version i bruk"},
    "Version": {"fi": "Versio", "sv": "Version"},
    "Published": {"fi": "Julkaistu", "sv": "Publicerad"},
    "By": {"fi": "Tekijä", "sv": "Av"},
    "Note": {"fi": "Huomautus", "sv": "Anteckning"},
    "Where from": {"fi": "Mistä", "sv": "Varifrån"},
    "the system": {"fi": "järjestelmä", "sv": "systemet"},
    "No version is published yet.": {
        "fi": "Yhtään versiota ei ole vielä julkaistu.",
        "sv": "Ingen version har publicerats ännu.",
    },
    "from the content folder": {"fi": "sisältökansiosta", "sv": "från innehållsmappen"},
    "edited in the console": {"fi": "muokattu työpöydällä", "sv": "redigerad i arbetsvyn"},
    "imported from a content folder": {
        "fi": "tuotu sisältökansiosta",
        "sv": "importerad från en innehållsmapp",
    },
    "back to version {number}": {
        "fi": "palautus versioon {number}",
        "sv": "återställning till version {number}",
    },
    "The content folder.": {"fi": "Sisältökansio.", "sv": "Innehållsmappen."},
    "The content folder changed.": {
        "fi": "Sisältökansio muuttui.",
        "sv": "Innehållsmappen ändrades.",
    },
    "Drafts": {"fi": "Luonnokset", "sv": "Utkast"},
    "{count} open drafts": {"fi": "Avoimia luonnoksia: {count}", "sv": "Öppna utkast: {count}"},
    "Draft": {"fi": "Luonnos", "sv": "Utkast"},
    "Draft of {when}": {"fi": "Luonnos {when}", "sv": "Utkast {when}"},
    "Started by": {"fi": "Aloittaja", "sv": "Påbörjat av"},
    "Based on version": {"fi": "Pohjana versio", "sv": "Bygger på version"},
    "Changes": {"fi": "Muutokset", "sv": "Ändringar"},
    "Check": {"fi": "Tarkista", "sv": "Kontrollera"},
    "Check status": {"fi": "Tarkistus", "sv": "Kontroll"},
    "No open drafts.": {"fi": "Ei avoimia luonnoksia.", "sv": "Inga öppna utkast."},
    "Start a draft": {"fi": "Aloita luonnos", "sv": "Påbörja ett utkast"},
    "What is the draft for?": {"fi": "Mitä varten luonnos on?", "sv": "Vad är utkastet för?"},
    "(shown in the version history)": {
        "fi": "(näkyy versiohistoriassa)",
        "sv": "(visas i versionshistoriken)",
    },
    "Version history": {"fi": "Versiohistoria", "sv": "Versionshistorik"},
    "Rolling back publishes the content of an earlier version again as the next version; the "
    "bot answers with it at once.": {
        "fi": "Palautus julkaisee aiemman version sisällön uudelleen seuraavana versiona; "
        "botti vastaa sen mukaan heti.",
        "sv": "En återställning publicerar innehållet i en tidigare version på nytt som nästa "
        "version; boten svarar enligt det genast.",
    },
    "{count} published versions, the newest first": {
        "fi": "Julkaistuja versioita: {count}, uusin ensin",
        "sv": "Publicerade versioner: {count}, den nyaste först",
    },
    "Roll back": {"fi": "Palauta", "sv": "Återställ"},
    "live": {"fi": "käytössä", "sv": "i bruk"},
    "Why roll back to version {number}? (optional)": {
        "fi": "Miksi palautetaan versioon {number}? (vapaaehtoinen)",
        "sv": "Varför återställa till version {number}? (frivilligt)",
    },
    "Why? (optional)": {"fi": "Miksi? (vapaaehtoinen)", "sv": "Varför? (frivilligt)"},
    "Roll back to this version": {"fi": "Palauta tämä versio", "sv": "Återställ den här versionen"},
    "Back to version {number}.": {
        "fi": "Palautus versioon {number}.",
        "sv": "Återställning till version {number}.",
    },
    # --- One draft (content_draft.html) ---------------------------------------------------
    "Back to content": {"fi": "Takaisin sisältöön", "sv": "Tillbaka till innehållet"},
    "Started": {"fi": "Aloitettu", "sv": "Påbörjat"},
    "Version {live} was published after this draft was started from version {number}. "
    "Publishing the draft replaces it: what changed in between is lost unless it is in this "
    "draft too.": {
        "fi": "Versio {live} julkaistiin sen jälkeen, kun tämä luonnos aloitettiin versiosta "
        "{number}. Luonnoksen julkaisu korvaa sen: välissä tehdyt muutokset menetetään, ellei "
        "niitä ole tehty myös tähän luonnokseen.",
        "sv": "Version {live} publicerades efter att det här utkastet påbörjades från version "
        "{number}. Att publicera utkastet ersätter den: ändringarna där emellan går förlorade "
        "om de inte också finns i det här utkastet.",
    },
    "Check and publish": {"fi": "Tarkistus ja julkaisu", "sv": "Kontroll och publicering"},
    "Not checked yet.": {"fi": "Ei vielä tarkistettu.", "sv": "Inte kontrollerat ännu."},
    "Changed since its last check: check it again.": {
        "fi": "Muuttunut edellisen tarkistuksen jälkeen: tarkista uudelleen.",
        "sv": "Ändrat sedan den senaste kontrollen: kontrollera igen.",
    },
    "Being checked: the content is validated and the bot's model is trained.": {
        "fi": "Tarkistus käynnissä: sisältö tarkistetaan ja botin malli opetetaan.",
        "sv": "Kontrolleras: innehållet granskas och botens modell tränas.",
    },
    "The check passed: the draft can be published.": {
        "fi": "Tarkistus meni läpi: luonnoksen voi julkaista.",
        "sv": "Kontrollen godkändes: utkastet kan publiceras.",
    },
    "The check failed with {count} errors: fix them and check again.": {
        "fi": "Tarkistuksessa löytyi virheitä: {count}. Korjaa ne ja tarkista uudelleen.",
        "sv": "Kontrollen hittade fel: {count}. Rätta dem och kontrollera igen.",
    },
    "Step {step} of {of}.": {"fi": "Vaihe {step}/{of}.", "sv": "Steg {step} av {of}."},
    "Reload": {"fi": "Lataa sivu uudelleen", "sv": "Ladda om sidan"},
    "What the check found": {"fi": "Mitä tarkistus löysi", "sv": "Vad kontrollen hittade"},
    "Note for the version history": {
        "fi": "Huomautus versiohistoriaan",
        "sv": "Anteckning för versionshistoriken",
    },
    "(optional; otherwise the draft's)": {
        "fi": "(vapaaehtoinen; muuten luonnoksen oma)",
        "sv": "(frivilligt; annars utkastets egen)",
    },
    "Publish": {"fi": "Julkaise", "sv": "Publicera"},
    "Discard the draft": {"fi": "Hylkää luonnos", "sv": "Kasta utkastet"},
    "Only a draft whose check passed as it is now can be published: check it.": {
        "fi": "Vain luonnoksen, joka on nykyisellään mennyt tarkistuksesta läpi, voi julkaista: "
        "tarkista se.",
        "sv": "Bara ett utkast som i sin nuvarande form har godkänts i kontrollen kan "
        "publiceras: kontrollera det.",
    },
    "Changes from version {number}": {
        "fi": "Muutokset versioon {number} verrattuna",
        "sv": "Ändringar jämfört med version {number}",
    },
    "This draft was not started from a published version.": {
        "fi": "Tätä luonnosta ei aloitettu julkaistusta versiosta.",
        "sv": "Det här utkastet påbörjades inte från en publicerad version.",
    },
    "No changes yet.": {"fi": "Ei vielä muutoksia.", "sv": "Inga ändringar ännu."},
    "New topics: {added}. Changed topics: {changed}. Retired topics: {removed}.": {
        "fi": "Uusia aiheita: {added}. Muutettuja aiheita: {changed}. Poistettuja aiheita: "
        "{removed}.",
        "sv": "Nya ämnen: {added}. Ändrade ämnen: {changed}. Borttagna ämnen: {removed}.",
    },
    "Team details, the municipality's details or the vocabulary changed too.": {
        "fi": "Myös tiimien tiedot, kunnan tiedot tai sanasto muuttuivat.",
        "sv": "Även teamens uppgifter, kommunens uppgifter eller ordförrådet ändrades.",
    },
    "new topic": {"fi": "uusi aihe", "sv": "nytt ämne"},
    "retired": {"fi": "poistettu", "sv": "borttaget"},
    "The topic's team, kind or privacy changed.": {
        "fi": "Aiheen tiimi, laji tai luottamuksellisuus muuttui.",
        "sv": "Ämnets team, typ eller sekretess ändrades.",
    },
    "Example questions added": {
        "fi": "Lisätyt esimerkkikysymykset",
        "sv": "Tillagda exempelfrågor",
    },
    "Example questions removed": {
        "fi": "Poistetut esimerkkikysymykset",
        "sv": "Borttagna exempelfrågor",
    },
    "Answer": {"fi": "Vastaus", "sv": "Svar"},
    "What the bot asks first": {"fi": "Mitä botti kysyy ensin", "sv": "Vad boten frågar först"},
    "before": {"fi": "ennen", "sv": "före"},
    "after": {"fi": "jälkeen", "sv": "efter"},
    "Change log": {"fi": "Muutosloki", "sv": "Ändringslogg"},
    "{topic}: {count} example questions added ({language})": {
        "fi": "{topic}: esimerkkikysymyksiä lisätty {count} ({language})",
        "sv": "{topic}: {count} exempelfrågor tillagda ({language})",
    },
    "{topic}: an example question removed ({language})": {
        "fi": "{topic}: esimerkkikysymys poistettu ({language})",
        "sv": "{topic}: en exempelfråga borttagen ({language})",
    },
    "{topic}: the answer changed ({language})": {
        "fi": "{topic}: vastaus muutettu ({language})",
        "sv": "{topic}: svaret ändrat ({language})",
    },
    "{topic}: the title changed ({language})": {
        "fi": "{topic}: otsikko muutettu ({language})",
        "sv": "{topic}: rubriken ändrad ({language})",
    },
    "{topic}: a new topic of {team}": {
        "fi": "{topic}: uusi aihe, tiimi {team}",
        "sv": "{topic}: nytt ämne, team {team}",
    },
    "{topic}: retired": {"fi": "{topic}: poistettu", "sv": "{topic}: borttaget"},
    "Topics": {"fi": "Aiheet", "sv": "Ämnen"},
    "New topic": {"fi": "Uusi aihe", "sv": "Nytt ämne"},
    "Search topics": {"fi": "Hae aiheita", "sv": "Sök ämnen"},
    "Words in the title or the example questions": {
        "fi": "Sanoja otsikosta tai esimerkkikysymyksistä",
        "sv": "Ord i rubriken eller exempelfrågorna",
    },
    "the bot's own": {"fi": "botin oma", "sv": "botens egen"},
    "Search": {"fi": "Hae", "sv": "Sök"},
    "{count} topics": {"fi": "Aiheita: {count}", "sv": "Ämnen: {count}"},
    "Topic": {"fi": "Aihe", "sv": "Ämne"},
    "Languages": {"fi": "Kielet", "sv": "Språk"},
    "incomplete": {"fi": "keskeneräinen", "sv": "ofullständigt"},
    "complete": {"fi": "valmis", "sv": "komplett"},
    "No topic matches.": {"fi": "Hakua vastaavia aiheita ei ole.", "sv": "Inga ämnen matchar."},
    # --- One topic (content_topic.html) and a new one (content_new.html) ------------------
    "Topic id: {name}": {"fi": "Aiheen tunniste: {name}", "sv": "Ämnets id: {name}"},
    "Back to the draft": {"fi": "Takaisin luonnokseen", "sv": "Tillbaka till utkastet"},
    "Sensitive": {"fi": "Arkaluonteinen", "sv": "Känsligt"},
    "Changes go into the draft; residents see them once the draft is checked and published.": {
        "fi": "Muutokset tallentuvat luonnokseen; asukkaat näkevät ne, kun luonnos on "
        "tarkistettu ja julkaistu.",
        "sv": "Ändringarna sparas i utkastet; invånarna ser dem när utkastet har kontrollerats "
        "och publicerats.",
    },
    "missing": {"fi": "puuttuu", "sv": "saknas"},
    "No title.": {"fi": "Ei otsikkoa.", "sv": "Ingen rubrik."},
    "No answer.": {"fi": "Ei vastausta.", "sv": "Inget svar."},
    "{count} example questions; at least {least} needed.": {
        "fi": "Esimerkkikysymyksiä {count}; vähintään {least} tarvitaan.",
        "sv": "Exempelfrågor: {count}; minst {least} behövs.",
    },
    "Save the title": {"fi": "Tallenna otsikko", "sv": "Spara rubriken"},
    "Save the answer": {"fi": "Tallenna vastaus", "sv": "Spara svaret"},
    "Example questions": {"fi": "Esimerkkikysymykset", "sv": "Exempelfrågor"},
    "No example questions yet.": {
        "fi": "Ei vielä esimerkkikysymyksiä.",
        "sv": "Inga exempelfrågor ännu.",
    },
    "Add examples, one per line": {
        "fi": "Lisää esimerkkejä, yksi kullekin riville",
        "sv": "Lägg till exempel, ett per rad",
    },
    "An answer may use these placeholders; the bot fills them in:": {
        "fi": "Vastauksessa voi käyttää näitä paikkamerkkejä; botti täyttää ne:",
        "sv": "Ett svar kan använda de här platshållarna; boten fyller i dem:",
    },
    "Retire this topic": {"fi": "Poista aihe käytöstä", "sv": "Ta ämnet ur bruk"},
    "The bot stops answering this topic once the draft is published; its example questions "
    "go with it.": {
        "fi": "Botti lakkaa vastaamasta tähän aiheeseen, kun luonnos julkaistaan; sen "
        "esimerkkikysymykset poistuvat samalla.",
        "sv": "Boten slutar svara på det här ämnet när utkastet publiceras; dess exempelfrågor "
        "försvinner samtidigt.",
    },
    "Topic id": {"fi": "Aiheen tunniste", "sv": "Ämnets id"},
    "(small letters, digits and _, a letter first; it cannot be changed later)": {
        "fi": "(pieniä kirjaimia, numeroita ja _, ensin kirjain; ei voi muuttaa myöhemmin)",
        "sv": "(små bokstäver, siffror och _, först en bokstav; kan inte ändras senare)",
    },
    "A question: the bot answers it": {
        "fi": "Kysymys: botti vastaa siihen",
        "sv": "En fråga: boten svarar på den",
    },
    "A case: the bot takes down the resident's matter for the team": {
        "fi": "Palvelupyyntö: botti kirjaa asukkaan asian tiimille",
        "sv": "Ett ärende: boten tar emot invånarens ärende åt teamet",
    },
    "Sensitive: what residents write on it is not stored, and its tickets stay within the team": {
        "fi": "Arkaluonteinen: asukkaiden kirjoittamaa ei tallenneta, ja asiat pysyvät tiimin "
        "sisällä",
        "sv": "Känsligt: det invånarna skriver sparas inte, och ärendena stannar inom teamet",
    },
    "Example questions are added on the topic's page once it is made.": {
        "fi": "Esimerkkikysymykset lisätään aiheen sivulla, kun aihe on luotu.",
        "sv": "Exempelfrågorna läggs till på ämnets sida när ämnet har skapats.",
    },
    "Add the topic": {"fi": "Lisää aihe", "sv": "Lägg till ämnet"},
    # What a form's success says (shared.FLASHES)
    "Draft started.": {"fi": "Luonnos aloitettu.", "sv": "Utkastet påbörjat."},
    "Draft published: every part of the bot answers with it in a moment.": {
        "fi": "Luonnos julkaistu: botti vastaa sen mukaan hetken kuluttua.",
        "sv": "Utkastet publicerat: boten svarar enligt det om en stund.",
    },
    "Rolled back: the bot answers with that version again in a moment.": {
        "fi": "Palautettu: botti vastaa taas sen version mukaan hetken kuluttua.",
        "sv": "Återställt: boten svarar enligt den versionen igen om en stund.",
    },
    "Draft discarded.": {"fi": "Luonnos hylätty.", "sv": "Utkastet kastat."},
    "The check started; it takes from a few seconds to a minute.": {
        "fi": "Tarkistus alkoi; se kestää muutamasta sekunnista minuuttiin.",
        "sv": "Kontrollen började; den tar från några sekunder till en minut.",
    },
    "Topic added to the draft; add its example questions next.": {
        "fi": "Aihe lisätty luonnokseen; lisää seuraavaksi sen esimerkkikysymykset.",
        "sv": "Ämnet tillagt i utkastet; lägg sedan till dess exempelfrågor.",
    },
    "Topic retired in the draft.": {
        "fi": "Aihe poistettu käytöstä luonnoksessa.",
        "sv": "Ämnet taget ur bruk i utkastet.",
    },
    # What actions/content_work.py refuses
    "There is no published content to start from.": {
        "fi": "Julkaistua sisältöä, josta aloittaa, ei ole.",
        "sv": "Det finns inget publicerat innehåll att börja från.",
    },
    "That draft was published or discarded meanwhile.": {
        "fi": "Luonnos on sillä välin julkaistu tai hylätty.",
        "sv": "Utkastet har under tiden publicerats eller kastats.",
    },
    "No such version.": {"fi": "Versiota ei ole.", "sv": "Versionen finns inte."},
    "That version is live already.": {
        "fi": "Se versio on jo käytössä.",
        "sv": "Den versionen är redan i bruk.",
    },
    # What content/edits.py refuses
    "No such topic in this draft.": {
        "fi": "Luonnoksessa ei ole tällaista aihetta.",
        "sv": "Utkastet har inget sådant ämne.",
    },
    "Unknown language.": {"fi": "Tuntematon kieli.", "sv": "Okänt språk."},
    "Write at least one example question.": {
        "fi": "Kirjoita vähintään yksi esimerkkikysymys.",
        "sv": "Skriv minst en exempelfråga.",
    },
    "An example is longer than {count} characters.": {
        "fi": "Esimerkki on pidempi kuin {count} merkkiä.",
        "sv": "Ett exempel är längre än {count} tecken.",
    },
    "'{example}' is already an example of the topic '{title}'.": {
        "fi": "”{example}” on jo aiheen ”{title}” esimerkki.",
        "sv": "”{example}” är redan ett exempel på ämnet ”{title}”.",
    },
    "That example is not in the topic (any more).": {
        "fi": "Esimerkkiä ei ole (enää) aiheessa.",
        "sv": "Exemplet finns inte (längre) i ämnet.",
    },
    "Unknown placeholder {names}. Known ones: {known}.": {
        "fi": "Tuntematon paikkamerkki {names}. Tunnetut: {known}.",
        "sv": "Okänd platshållare {names}. Kända: {known}.",
    },
    "The answer is empty.": {"fi": "Vastaus on tyhjä.", "sv": "Svaret är tomt."},
    "The answer is longer than {count} characters.": {
        "fi": "Vastaus on pidempi kuin {count} merkkiä.",
        "sv": "Svaret är längre än {count} tecken.",
    },
    "A title has 1 to {count} characters.": {
        "fi": "Otsikossa on 1–{count} merkkiä.",
        "sv": "En rubrik har 1–{count} tecken.",
    },
    "A topic's id has 3 to 80 small letters, digits or _, a letter first.": {
        "fi": "Aiheen tunnisteessa on 3–80 pientä kirjainta, numeroa tai _, ensin kirjain.",
        "sv": "Ett ämnes id har 3–80 små bokstäver, siffror eller _, först en bokstav.",
    },
    "A topic with that id exists already.": {
        "fi": "Aihe tällä tunnisteella on jo olemassa.",
        "sv": "Ett ämne med det id:t finns redan.",
    },
    "A new topic is a question (faq) or a case.": {
        "fi": "Uusi aihe on kysymys tai palvelupyyntö.",
        "sv": "Ett nytt ämne är en fråga eller ett ärende.",
    },
    "Unknown slot.": {"fi": "Tuntematon tietokenttä.", "sv": "Okänt uppgiftsfält."},
    "The bot's own topics cannot be retired.": {
        "fi": "Botin omia aiheita ei voi poistaa käytöstä.",
        "sv": "Botens egna ämnen kan inte tas ur bruk.",
    },
    # The history ("event:" ~ Event.type) of content versions
    "event:content_published": {
        "fi": "julkaisi sisältöversion",
        "sv": "publicerade en innehållsversion",
        "en": "published a content version",
    },
    "event:draft_opened": {
        "fi": "aloitti sisältöluonnoksen",
        "sv": "påbörjade ett innehållsutkast",
        "en": "started a content draft",
    },
    "event:draft_discarded": {
        "fi": "hylkäsi sisältöluonnoksen",
        "sv": "kastade ett innehållsutkast",
        "en": "discarded a content draft",
    },
}
