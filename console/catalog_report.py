"""Translations of a draft check's progress and its report (console/content_report.py), and
of the inbox's confirmation of staff's routing (console/inbox.py)."""

from __future__ import annotations

REPORT: dict[str, dict[str, str]] = {
    "Done last: {stage}.": {"fi": "Viimeksi valmistui: {stage}.", "sv": "Senast klart: {stage}."},
    # The steps of a check, as content.model_store and nlu.training report them.
    "stage:features": {
        "fi": "esimerkkikysymysten sanat",
        "sv": "exempelfrågornas ord",
        "en": "the words of the example questions",
    },
    "stage:held-out scores": {
        "fi": "sivuun jätettyjen kysymysten tulokset",
        "sv": "resultaten för frågorna som hölls utanför",
        "en": "the scores of the questions held back",
    },
    "stage:classifier": {
        "fi": "aiheiden tunnistaminen",
        "sv": "igenkänningen av ämnen",
        "en": "recognising the topics",
    },
    "stage:fallback thresholds": {
        "fi": "milloin botti sanoo, ettei ole varma",
        "sv": "när botten säger att den inte är säker",
        "en": "when the bot says it is not sure",
    },
    "stage:language identification": {
        "fi": "kielen tunnistaminen",
        "sv": "identifieringen av språk",
        "en": "identifying the language",
    },
    "stage:regression suite": {
        "fi": "kysymykset, jotka botin on yhä osattava",
        "sv": "frågorna som botten fortfarande måste kunna",
        "en": "the questions the bot must keep getting right",
    },
    "regression:test_set": {
        "fi": "kaupungin testikysymykset",
        "sv": "stadens testfrågor",
        "en": "the city's test questions",
    },
    "The check's report: figures before and after, and what the draft confuses": {
        "fi": "Tarkistuksen raportti: luvut ennen ja jälkeen sekä mitä luonnos sekoittaa",
        "sv": "Kontrollens rapport: siffror före och efter, och vad utkastet blandar ihop",
    },
    "The check's report": {"fi": "Tarkistuksen raportti", "sv": "Kontrollens rapport"},
    "Figures before and after": {"fi": "Luvut ennen ja jälkeen", "sv": "Siffror före och efter"},
    "Example questions held back from training ({count}): read as their own topic": {
        "fi": "Opetuksesta sivuun jätetyt esimerkkikysymykset ({count}): "
        "tunnistettu oikeaksi aiheeksi",
        "sv": "Exempelfrågor som hölls utanför inlärningen ({count}): lästa som sitt eget ämne",
    },
    "all topics both versions have": {
        "fi": "kaikki aiheet, jotka ovat molemmissa versioissa",
        "sv": "alla ämnen som finns i båda versionerna",
    },
    "Each topic holds back a fifth of its example questions; a question held back by both "
    "versions is the same question, so a change in a topic's figure comes from the draft.": {
        "fi": "Jokaisesta aiheesta jätetään viidennes esimerkkikysymyksistä sivuun; molemmat "
        "versiot jättävät sivuun samat kysymykset, joten aiheen luvun muutos johtuu luonnoksesta.",
        "sv": "Varje ämne håller en femtedel av sina exempelfrågor utanför; båda versionerna "
        "håller samma frågor utanför, så en ändring i ett ämnes siffra kommer från utkastet.",
    },
    "No figures yet: check the draft first.": {
        "fi": "Ei vielä lukuja: tarkista luonnos ensin.",
        "sv": "Inga siffror ännu: kontrollera utkastet först.",
    },
    "Topics the draft reads differently": {
        "fi": "Aiheet, jotka luonnos tunnistaa eri tavoin",
        "sv": "Ämnen som utkastet läser annorlunda",
    },
    "No topic moved by a fifth or more.": {
        "fi": "Minkään aiheen luku ei muuttunut viidenneksellä tai enempää.",
        "sv": "Inget ämnes siffra ändrades med en femtedel eller mer.",
    },
    "Confusions the draft brings": {
        "fi": "Sekaannukset, jotka luonnos tuo",
        "sv": "Förväxlingar som utkastet för med sig",
    },
    "Questions of the topic": {"fi": "Aiheen kysymykset", "sv": "Ämnets frågor"},
    "read as": {"fi": "tunnistettu aiheeksi", "sv": "lästa som"},
    "With the draft": {"fi": "Luonnoksella", "sv": "Med utkastet"},
    "With the live version": {"fi": "Käytössä olevalla versiolla", "sv": "Med versionen i bruk"},
    "The draft confuses no topics more than the live version does.": {
        "fi": "Luonnos ei sekoita aiheita enempää kuin käytössä oleva versio.",
        "sv": "Utkastet blandar inte ihop ämnen mer än versionen i bruk.",
    },
    # The inbox's "confirm the routing" (console/inbox.py)
    "Confirmed as matters of {team}": {
        "fi": "Vahvistettu tiimin {team} asioiksi",
        "sv": "Bekräftade som ärenden för {team}",
    },
    "Staff moved these questions: confirm that they belong to": {
        "fi": "Henkilöstö siirsi nämä kysymykset: vahvista, että ne kuuluvat tiimille",
        "sv": "Personalen flyttade de här frågorna: bekräfta att de hör till",
    },
    "Confirm the routing": {"fi": "Vahvista ohjaus", "sv": "Bekräfta styrningen"},
    "The questions join the team's words: the bot learns which team they go to, without "
    "answering them from a topic.": {
        "fi": "Kysymykset lisätään tiimin sanastoon: botti oppii, mille tiimille ne kuuluvat, "
        "vastaamatta niihin minkään aiheen vastauksella.",
        "sv": "Frågorna läggs till i teamets ordförråd: botten lär sig vilket team de hör till, "
        "utan att svara på dem med ett ämnes svar.",
    },
    "{team}: {count} questions from the inbox added to the team's words": {
        "fi": "{team}: saapuneista lisätty {count} kysymystä tiimin sanastoon",
        "sv": "{team}: {count} frågor från inkorgen tillagda i teamets ordförråd",
    },
    "Every question of the group is in the team's words already.": {
        "fi": "Ryhmän kaikki kysymykset ovat jo tiimin sanastossa.",
        "sv": "Alla gruppens frågor finns redan i teamets ordförråd.",
    },
    "No such team.": {"fi": "Tällaista tiimiä ei ole.", "sv": "Inget sådant team."},
    # The new-topic page's slot (content/edits.py new_intent)
    "A case about a place: the bot also asks where (a street address or a place) and puts it "
    "in the ticket": {
        "fi": "Paikkaan liittyvä asia: botti kysyy myös, missä (katuosoite tai paikka), ja "
        "kirjaa sen asiaan",
        "sv": "Ett ärende om en plats: botten frågar också var (gatuadress eller plats) och "
        "skriver in det i ärendet",
    },
    "Only a case asks where the matter is.": {
        "fi": "Vain asian käsittely kysyy, missä asia on.",
        "sv": "Bara ett ärende frågar var saken gäller.",
    },
    # The draft's topic list: topics that still lack something in a language
    "Incomplete in": {"fi": "Puutteellinen kielellä", "sv": "Ofullständigt på"},
}
