"""Everything the bot itself says (not the FAQ answers, which are content), in fi, sv and en.

One table, so a translator or the comms team finds every sentence in one place.
"""

from __future__ import annotations

from typing import Any

TEXTS: dict[str, dict[str, str]] = {
    "greeting": {
        # {city} is the municipality's full title from data/municipality.yml ("Esimerkkilän
        # kaupunki", "Exempelby stad", "City of Esimerkkilä"): it says the kind, and the
        # sentence needs it in no other case, so no kind word is hard-coded here.
        "fi": "Hei! Täällä {city} – kysy meiltä. Olen botti eli automaattinen avustaja, en "
        "ihminen. Vastaan kysymyksiin palveluistamme suomeksi, ruotsiksi ja englanniksi.",
        "sv": "Hej! Här är {city} – fråga oss. Jag är en bot, en automatisk assistent, "
        "inte en människa. Jag svarar på frågor om våra tjänster på finska, svenska och "
        "engelska.",
        "en": "Hi! {city} here – ask us. I am a bot, an automated assistant, not a person. "
        "I answer questions about our services in Finnish, Swedish and English.",
    },
    "human_path": {
        "fi": "Jos en osaa auttaa, voin välittää kysymyksesi työntekijälle. Voit myös soittaa "
        "neuvontaan {city_phone} ({hours}).",
        "sv": "Om jag inte kan hjälpa kan jag skicka din fråga till en anställd. Du kan också "
        "ringa rådgivningen {city_phone} ({hours}).",
        "en": "If I cannot help, I can pass your question to a member of staff. You can also "
        "call our advice line {city_phone} ({hours}).",
    },
    "bot_challenge": {
        "fi": "Olen botti eli tietokoneohjelma, en ihminen. Voin kuitenkin välittää asiasi "
        "ihmiselle.",
        "sv": "Jag är en bot, alltså ett datorprogram, inte en människa. Jag kan ändå skicka "
        "ditt ärende till en människa.",
        "en": "I am a bot, a computer program, not a person. I can pass your matter on to a "
        "person, though.",
    },
    "goodbye": {
        "fi": "Kiitos keskustelusta, hyvää päivänjatkoa!",
        "sv": "Tack för samtalet, ha en fortsatt trevlig dag!",
        "en": "Thank you for the chat, have a nice day!",
    },
    "thanks": {
        "fi": "Ole hyvä! Kysy vain, jos mieleen tulee muuta.",
        "sv": "Varsågod! Fråga gärna om du undrar något annat.",
        "en": "You are welcome! Just ask if anything else comes up.",
    },
    "ask_more": {
        "fi": "Selvä. Kysy vain lisää, jos haluat.",
        "sv": "Okej. Fråga gärna mer om du vill.",
        "en": "All right. Feel free to ask something else.",
    },
    "did_it_help": {
        "fi": "Oliko vastauksesta apua?",
        "sv": "Hjälpte svaret dig?",
        "en": "Did this help?",
    },
    "glad": {
        "fi": "Hienoa, kiitos palautteesta!",
        "sv": "Fint, tack för responsen!",
        "en": "Great, thank you for the feedback!",
    },
    "sorry_offer": {
        "fi": "Harmi, kiitos palautteesta. Haluatko, että välitän kysymyksesi työntekijälle?",
        "sv": "Synd, tack för responsen. Vill du att jag skickar din fråga till en anställd?",
        "en": "Sorry about that, thank you for the feedback. Shall I pass your question to a "
        "member of staff?",
    },
    "clarify": {
        "fi": "En ole varma, mitä tarkoitit. Tarkoititko jotakin näistä?",
        "sv": "Jag är inte säker på vad du menade. Menade du något av dessa?",
        "en": "I am not sure what you meant. Did you mean one of these?",
    },
    "fallback": {
        "fi": "En valitettavasti osaa vastata tähän. Voin välittää kysymyksesi työntekijälle, "
        "joka vastaa sinulle.",
        "sv": "Tyvärr kan jag inte svara på det. Jag kan skicka din fråga till en anställd som "
        "svarar dig.",
        "en": "Unfortunately I cannot answer that. I can pass your question to a member of "
        "staff who will answer you.",
    },
    "rephrase": {
        "fi": "En ymmärtänyt, mitä tarkoitit. Voisitko kirjoittaa asian toisin sanoin? Alla on "
        "myös usein kysyttyjä aiheita, ja ihmisen saat avuksi milloin tahansa.",
        "sv": "Jag förstod inte vad du menade. Kan du skriva det med andra ord? Nedan finns "
        "också vanliga ämnen, och du kan när som helst få hjälp av en människa.",
        "en": "I did not understand what you meant. Could you put it in other words? Below are "
        "some common topics too, and you can ask for a person at any time.",
    },
    "nothing_to_forward": {
        "fi": "Kirjoita ensin kysymyksesi, niin välitän sen eteenpäin.",
        "sv": "Skriv först din fråga, så skickar jag den vidare.",
        "en": "Please write your question first, and I will pass it on.",
    },
    "sensitive": {
        "fi": "Tämä on henkilökohtainen asia, joten en tallenna sen yksityiskohtia "
        "keskusteluhistoriaan.",
        "sv": "Det här är ett personligt ärende, så jag sparar inte detaljerna i "
        "samtalshistoriken.",
        "en": "This is a personal matter, so I do not keep its details in the chat history.",
    },
    "private_offer": {
        "fi": "Voin myös välittää luottamuksellisen viestin tiimille {team}. Sen näkee vain "
        "kyseinen tiimi.",
        "sv": "Jag kan också skicka ett konfidentiellt meddelande till {team}. Bara det teamet "
        "ser det.",
        "en": "I can also pass a confidential message to {team}. Only that team can see it.",
    },
    "case_understood": {
        "fi": "Ymmärsin, että kyse on asiasta: {title}. Teen siitä ilmoituksen, jonka "
        "käsittelee {team}.",
        "sv": "Jag förstod att det gäller: {title}. Jag gör en anmälan som {team} handlägger.",
        "en": "I understood that this is about: {title}. I will make a report for {team} to "
        "handle.",
    },
    "ask_details": {
        "fi": "Kerro vielä lisätietoja asiasta.",
        "sv": "Berätta gärna mer om ärendet.",
        "en": "Please tell me a little more about it.",
    },
    "ask_slot_location": {
        "fi": "Missä vika tai asia on? Kirjoita katuosoite tai paikan kuvaus.",
        "sv": "Var finns felet eller saken? Skriv gatuadressen eller beskriv platsen.",
        "en": "Where is it? Please write the street address or describe the place.",
    },
    "ask_description": {
        "fi": "Kirjoita lyhyesti, mistä on kyse.",
        "sv": "Beskriv kort vad det gäller.",
        "en": "Please describe briefly what it is about.",
    },
    "ask_contact": {
        "fi": "Jos haluat vastauksen myös tämän keskustelun ulkopuolella, kirjoita "
        "sähköpostiosoitteesi tai puhelinnumerosi. Antamalla sen hyväksyt, että käytämme sitä "
        "vain tämän asian hoitamiseen. Voit myös ohittaa tämän.",
        "sv": "Om du vill ha svar även utanför den här chatten, skriv din e-postadress eller "
        "ditt telefonnummer. Genom att ge det godkänner du att vi använder det endast för "
        "det här ärendet. Du kan också hoppa över detta.",
        "en": "If you would like an answer outside this chat too, write your email address or "
        "phone number. By giving it you agree that we use it only for handling this matter. "
        "You can also skip this.",
    },
    "contact_not_found": {
        "fi": "En löytänyt viestistä sähköpostiosoitetta tai puhelinnumeroa. Kirjoita se "
        "uudelleen tai ohita.",
        "sv": "Jag hittade ingen e-postadress eller inget telefonnummer i meddelandet. Skriv "
        "det igen eller hoppa över.",
        "en": "I could not find an email address or phone number in that. Please write it "
        "again or skip.",
    },
    "confirm": {
        "fi": "Lähetän tämän tiimille {team}:\n{summary}\nLähetetäänkö? Voit myös kirjoittaa "
        "lisätietoja.",
        "sv": "Jag skickar detta till {team}:\n{summary}\nSka jag skicka? Du kan också skriva "
        "mer information.",
        "en": "I will send this to {team}:\n{summary}\nShall I send it? You can also write "
        "more details.",
    },
    "summary_description": {
        "fi": "Asia: {value}",
        "sv": "Ärende: {value}",
        "en": "Matter: {value}",
    },
    "summary_location": {"fi": "Paikka: {value}", "sv": "Plats: {value}", "en": "Place: {value}"},
    "summary_contact": {
        "fi": "Yhteystieto: {value}",
        "sv": "Kontaktuppgift: {value}",
        "en": "Contact: {value}",
    },
    "summary_private": {
        "fi": "Luottamuksellinen: vain tiimi näkee viestin.",
        "sv": "Konfidentiellt: bara teamet ser meddelandet.",
        "en": "Confidential: only the team sees the message.",
    },
    "cancelled": {
        "fi": "Peruttu, mitään ei lähetetty.",
        "sv": "Avbrutet, ingenting skickades.",
        "en": "Cancelled, nothing was sent.",
    },
    "ticket_created": {
        "fi": "Kiitos! Asiasi on välitetty tiimille {team}. Asianumero: {number}. Vastausta "
        "voit odottaa viimeistään {due}.",
        "sv": "Tack! Ditt ärende har skickats till {team}. Ärendenummer: {number}. Du kan vänta "
        "dig svar senast {due}.",
        "en": "Thank you! Your matter has been passed to {team}. Ticket number: {number}. You "
        "can expect an answer by {due}.",
    },
    "queued": {
        "fi": "Välitän sinut tiimille {team}. Asianumero: {number}. Työntekijä jatkaa tässä "
        "keskustelussa heti kun ehtii; voit kirjoittaa sillä välin lisätietoja.",
        "sv": "Jag kopplar dig till {team}. Ärendenummer: {number}. En anställd fortsätter i "
        "den här chatten så snart som möjligt; du kan skriva mer information under tiden.",
        "en": "I am passing you to {team}. Ticket number: {number}. A member of staff will "
        "continue in this chat as soon as possible; meanwhile you can add details.",
    },
    "handoff_ask_matter": {
        "fi": "Välitän sinut mielelläni ihmiselle. Kerro ensin lyhyesti, missä asiassa "
        "tarvitset apua, niin se menee suoraan oikealle työntekijälle.",
        "sv": "Jag kopplar dig gärna till en människa. Berätta först kort vad du behöver hjälp "
        "med, så går det direkt till rätt person.",
        "en": "I will gladly pass you to a person. First, please tell me briefly what you need "
        "help with, so that it goes straight to the right person.",
    },
    "handoff_previous_hint": {
        "fi": "Voit myös valita alta aiemman kysymyksesi.",
        "sv": "Du kan också välja din tidigare fråga nedan.",
        "en": "You can also choose your earlier question below.",
    },
    "handoff_closed": {
        "fi": "Työntekijät eivät ole nyt paikalla (palveluajat: {hours}), joten kirjaan asiasi "
        "heille.",
        "sv": "Personalen är inte på plats nu (öppettider: {hours}), så jag registrerar ditt "
        "ärende åt dem.",
        "en": "Our staff are not available now (opening hours: {hours}), so I will record your "
        "matter for them.",
    },
    "after_hours": {
        "fi": "Kiitos! Asiasi on kirjattu tiimille {team}, asianumero {number}. Vastausta voit "
        "odottaa viimeistään {due}.",
        "sv": "Tack! Ditt ärende är registrerat för {team}, ärendenummer {number}. Du kan vänta "
        "dig svar senast {due}.",
        "en": "Thank you! Your matter is recorded for {team}, ticket number {number}. You can "
        "expect an answer by {due}.",
    },
    "still_queued": {
        "fi": "Viestisi on lisätty asiaasi. Työntekijä jatkaa keskustelua pian.",
        "sv": "Ditt meddelande har lagts till ärendet. En anställd fortsätter snart.",
        "en": "Your message has been added to your matter. A member of staff will continue soon.",
    },
    "back_to_bot": {
        "fi": "Olet taas botin kanssa. Miten voin auttaa?",
        "sv": "Du pratar nu med boten igen. Hur kan jag hjälpa?",
        "en": "You are talking to the bot again. How can I help?",
    },
    "choose_language": {
        "fi": "Valitse kieli / Välj språk / Choose a language",
        "sv": "Välj språk / Valitse kieli / Choose a language",
        "en": "Choose a language / Valitse kieli / Välj språk",
    },
    "language_set": {
        "fi": "Selvä, jatketaan suomeksi.",
        "sv": "Okej, vi fortsätter på svenska.",
        "en": "All right, let us continue in English.",
    },
    "contact_card": {
        "fi": "Asiasta vastaa {team}: puhelin {phone}, sähköposti {email}, palveluajat {hours}.",
        "sv": "Ärendet sköts av {team}: telefon {phone}, e-post {email}, öppettider {hours}.",
        "en": "This is handled by {team}: phone {phone}, email {email}, opening hours {hours}.",
    },
    "contact_unknown": {
        "fi": "En osaa sanoa, kuka tästä vastaa. Kerro tarkemmin, mitä asia koskee, niin kerron "
        "oikeat yhteystiedot. Voin myös välittää kysymyksesi työntekijälle, tai voit soittaa "
        "neuvontaan {city_phone} ({hours}).",
        "sv": "Jag kan inte säga vem som sköter det här. Berätta närmare vad det gäller, så ger "
        "jag rätt kontaktuppgifter. Jag kan också skicka din fråga till en anställd, eller så "
        "kan du ringa rådgivningen {city_phone} ({hours}).",
        "en": "I cannot tell who handles this. Tell me more about what it concerns and I will "
        "give you the right contact details. I can also pass your question to a member of "
        "staff, or you can call our advice line {city_phone} ({hours}).",
    },
    "notice": {"fi": "Tiedote: {text}", "sv": "Meddelande: {text}", "en": "Notice: {text}"},
    # Button labels.
    "btn_yes": {"fi": "Kyllä", "sv": "Ja", "en": "Yes"},
    "btn_no": {"fi": "Ei", "sv": "Nej", "en": "No"},
    "btn_to_staff": {
        "fi": "Välitä työntekijälle",
        "sv": "Skicka till en anställd",
        "en": "Pass to staff",
    },
    "btn_no_thanks": {"fi": "Ei kiitos", "sv": "Nej tack", "en": "No thanks"},
    "btn_none": {"fi": "Ei mikään näistä", "sv": "Inget av dessa", "en": "None of these"},
    "btn_skip": {"fi": "Ohita", "sv": "Hoppa över", "en": "Skip"},
    "btn_send": {"fi": "Lähetä", "sv": "Skicka", "en": "Send"},
    "btn_cancel": {"fi": "Peru", "sv": "Avbryt", "en": "Cancel"},
    "btn_private": {
        "fi": "Jätä luottamuksellinen viesti",
        "sv": "Lämna ett konfidentiellt meddelande",
        "en": "Leave a confidential message",
    },
    "btn_person": {
        "fi": "Puhu ihmisen kanssa",
        "sv": "Prata med en människa",
        "en": "Talk to a person",
    },
    "btn_language": {"fi": "Vaihda kieltä", "sv": "Byt språk", "en": "Change language"},
    "btn_previous": {
        "fi": "Aiempi kysymykseni",
        "sv": "Min tidigare fråga",
        "en": "My earlier question",
    },
    "btn_back_to_bot": {
        "fi": "Peru ja jatka botin kanssa",
        "sv": "Avbryt och fortsätt med boten",
        "en": "Cancel and continue with the bot",
    },
    "staff_joined": {
        "fi": "{name} ({team}) liittyi keskusteluun. Botti on nyt hiljaa: keskustelet ihmisen "
        "kanssa.",
        "sv": "{name} ({team}) anslöt till samtalet. Boten är nu tyst: du pratar med en människa.",
        "en": "{name} ({team}) joined the conversation. The bot is silent now: you are talking "
        "to a person.",
    },
    # E-mail to a resident who gave an address and consent: a staff reply while offline.
    "mail_reply_subject": {
        "fi": "Vastaus asiaasi {number}",
        "sv": "Svar på ditt ärende {number}",
        "en": "A reply to your request {number}",
    },
    "mail_reply_body": {
        "fi": "Hei!\n\nVastaus asiaasi {number} tiimiltä {team}:\n\n{text}\n\nVoit vastata "
        "chatissa, jossa jätit asian. Saat tämän viestin, koska annoit sähköpostiosoitteesi "
        "tämän asian hoitamista varten.\n\n{city}",
        "sv": "Hej!\n\nSvar på ditt ärende {number} från {team}:\n\n{text}\n\nDu kan svara i "
        "chatten där du lämnade ärendet. Du får det här meddelandet eftersom du gav din "
        "e-postadress för att vi ska kunna sköta ärendet.\n\n{city}",
        "en": "Hello,\n\nA reply to your request {number} from {team}:\n\n{text}\n\nYou can "
        "answer in the chat where you left your request. You receive this message because "
        "you gave your email address for handling this matter.\n\n{city}",
    },
    # --- Telegram: what the bot says about the channel itself ---------------------------
    "telegram_text_only": {
        "fi": "Osaan lukea vain tekstiviestejä – kirjoita kysymyksesi tekstinä, niin autan.",
        "sv": "Jag kan bara läsa textmeddelanden – skriv din fråga som text, så hjälper jag dig.",
        "en": "I can only read text messages – please write your question as text and I will help.",
    },
    "telegram_edited": {
        "fi": "En näe muokattuja viestejä. Lähetä korjattu teksti uutena viestinä.",
        "sv": "Jag ser inte redigerade meddelanden. Skicka den rättade texten som ett nytt "
        "meddelande.",
        "en": "I cannot see edited messages. Please send the corrected text as a new message.",
    },
    "telegram_bad_input": {
        "fi": "En voinut ottaa viestiä vastaan. Kirjoita kysymyksesi tekstinä, enintään {limit} "
        "merkkiä.",
        "sv": "Jag kunde inte ta emot meddelandet. Skriv din fråga som text, högst {limit} tecken.",
        "en": "I could not accept that message. Please write your question as text, at most "
        "{limit} characters.",
    },
    "telegram_button_gone": {
        "fi": "Tämä painike ei ole enää käytössä. Kirjoita kysymyksesi viestinä.",
        "sv": "Den här knappen fungerar inte längre. Skriv din fråga som ett meddelande.",
        "en": "This button no longer works. Please write your question as a message.",
    },
    "telegram_help": {
        "fi": "Kirjoita kysymyksesi tavallisena viestinä, niin vastaan. "
        "/start aloittaa uuden keskustelun ja /kieli vaihtaa kielen.",
        "sv": "Skriv din fråga som ett vanligt meddelande, så svarar jag. "
        "/start börjar ett nytt samtal och /sprak byter språk.",
        "en": "Write your question as an ordinary message and I will answer. "
        "/start begins a new conversation and /language changes the language.",
    },
    "telegram_your_number": {
        "fi": "Jos pyydät tietojasi tai niiden poistamista, kerro Telegram-käyttäjänumerosi: "
        "{number}.",
        "sv": "Om du begär dina uppgifter eller att de raderas, uppge ditt "
        "Telegram-användarnummer: {number}.",
        "en": "If you ask for your data or for its erasure, give your Telegram user number: "
        "{number}.",
    },
    "telegram_failed": {
        "fi": "Pahoittelut, jokin meni vikaan. Yritä hetken kuluttua uudelleen.",
        "sv": "Förlåt, något gick fel. Försök igen om en stund.",
        "en": "Sorry, something went wrong. Please try again in a moment.",
    },
}

LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}

# Telegram's command menu (command, description) per app language.
TELEGRAM_COMMANDS: dict[str, list[tuple[str, str]]] = {
    "fi": [("start", "Aloita uusi keskustelu"), ("kieli", "Vaihda kieli"), ("apua", "Ohje")],
    "sv": [("start", "Börja ett nytt samtal"), ("sprak", "Byt språk"), ("hjalp", "Hjälp")],
    "en": [
        ("start", "Start a new conversation"),
        ("language", "Change language"),
        ("help", "Help"),
    ],
}

# Short weekday names, Monday first (date.weekday() order), as residents and staff read them
# in office hours and due times: "ma–to 9.00–15.00", "mån 2.12 kl. 13.00".
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "fi": ("ma", "ti", "ke", "to", "pe", "la", "su"),
    "sv": ("mån", "tis", "ons", "tors", "fre", "lör", "sön"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def say(key: str, lang: str, **values: Any) -> str:
    """The sentence `key` in `lang` with its placeholders filled."""
    return TEXTS[key][lang].format(**values)
