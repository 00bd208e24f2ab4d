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
    "Questions of the last {days} days the bot could not handle: not understood, none of the "
    "offered topics fit, the answer did not help or was followed by a request for a person, "
    "or staff moved the ticket to another team. Sensitive and private matters are never "
    "shown.": {
        "fi": "Viimeisten {days} päivän kysymykset, joihin botti ei osannut vastata: se ei "
        "ymmärtänyt, mikään tarjotuista aiheista ei sopinut, vastaus ei auttanut tai sen "
        "jälkeen pyydettiin ihmistä, tai henkilöstö siirsi asian toiselle tiimille. "
        "Arkaluonteisia ja yksityisiä asioita ei näytetä koskaan.",
        "sv": "Frågor från de senaste {days} dagarna som boten inte klarade av: den förstod "
        "inte, inget av de föreslagna ämnena passade, svaret hjälpte inte eller följdes av en "
        "begäran om en människa, eller personalen flyttade ärendet till ett annat team. "
        "Känsliga och privata ärenden visas aldrig.",
    },
    "everything": {"fi": "kaikki", "sv": "allt"},
    "{count} questions": {"fi": "Kysymyksiä: {count}", "sv": "Frågor: {count}"},
    "{count} questions; the newest {shown} shown": {
        "fi": "Kysymyksiä: {count}; uusimmat {shown} näytetään",
        "sv": "Frågor: {count}; de {shown} nyaste visas",
    },
    "When": {"fi": "Milloin", "sv": "När"},
    "What happened": {"fi": "Mitä tapahtui", "sv": "Vad hände"},
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
