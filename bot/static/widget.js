// Kuntabotti web chat widget: no framework, no build step.
// Every message text goes into the DOM with textContent or createTextNode (never innerHTML),
// so whatever a resident, the bot or staff writes is shown as text and never runs.
(function () {
  "use strict";

  var STRINGS = {
    fi: {
      skipToChat: "Siirry chattiin",
      siteName: "Esimerkkilän kunta",
      navLabel: "Päävalikko",
      navNews: "Ajankohtaista",
      navServices: "Palvelut",
      navChat: "Kysy kunnalta",
      pageTitle: "Tervetuloa Esimerkkilään",
      pageLead: "Esimerkkilä on kuvitteellinen kunta. Tällä sivulla voit kokeilla kunnan chattia: kysy esimerkiksi kirjaston aukioloajoista tai pysäköintiluvasta.",
      newsTitle: "Ajankohtaista",
      news1Title: "Uimahallin kesätauko",
      news1Text: "Uimahalli on suljettu huoltotöiden vuoksi kesäkuun ajan.",
      news2Title: "Katujen kevätpuhdistus",
      news2Text: "Hiekoitussepelin poisto alkaa keskustasta huhtikuun lopussa.",
      servicesTitle: "Palvelut",
      servicesText: "Kirjasto, liikunta, varhaiskasvatus, koulut, kadut ja liikenne, rakentaminen, jätehuolto. Chat vastaa yleisimpiin kysymyksiin ja välittää muut asiat kunnan työntekijöille.",
      footer: "Esimerkkilä on kuvitteellinen kunta. Sivu on kuntabotin esittelysivu.",
      chatTitle: "Kysy kunnalta",
      languageLabel: "Kieli",
      botNotice: "Keskustelet botin kanssa, et ihmisen.",
      botNoticeMore: "Botti voi välittää asiasi kunnan työntekijälle. Älä kirjoita henkilötunnusta tai terveystietoja.",
      logLabel: "Keskustelu",
      inputLabel: "Kirjoita viesti",
      send: "Lähetä",
      newConversation: "Aloita uusi keskustelu",
      typing: "Botti kirjoittaa…",
      replyOptions: "Vastausvaihtoehdot",
      author_bot: "Botti",
      author_resident: "Sinä",
      author_staff: "Kunnan työntekijä",
      connecting: "Yhdistetään…",
      reconnecting: "Yhteys katkesi. Yhdistetään uudelleen…",
      reconnected: "Yhteys palautui.",
      notSent: "Viestiä ei lähetetty, koska yhteyttä ei ole. Yritä hetken kuluttua uudelleen.",
      err_bad_input: "Viestiä ei voitu ottaa vastaan. Tarkista, ettei viesti ole tyhjä tai liian pitkä.",
      err_busy: "Odota vastausta ennen kuin lähetät lisää viestejä.",
      err_internal: "Jokin meni vikaan. Jos viestisi näkyy keskustelussa, se on tallessa.",
      err_not_stored: "Viestiäsi ei voitu tallentaa. Lähetä se uudelleen.",
      err_other: "Viestiä ei voitu käsitellä."
    },
    sv: {
      skipToChat: "Gå till chatten",
      siteName: "Exempelby kommun",
      navLabel: "Huvudmeny",
      navNews: "Aktuellt",
      navServices: "Tjänster",
      navChat: "Fråga kommunen",
      pageTitle: "Välkommen till Exempelby",
      pageLead: "Exempelby (Esimerkkilä) är en påhittad kommun. På den här sidan kan du prova kommunens chatt: fråga till exempel om bibliotekets öppettider eller om parkeringstillstånd.",
      newsTitle: "Aktuellt",
      news1Title: "Simhallens sommarpaus",
      news1Text: "Simhallen är stängd för underhåll under juni.",
      news2Title: "Gatornas vårstädning",
      news2Text: "Sandupptagningen börjar i centrum i slutet av april.",
      servicesTitle: "Tjänster",
      servicesText: "Bibliotek, idrott, småbarnspedagogik, skolor, gator och trafik, byggande, avfallshantering. Chatten svarar på de vanligaste frågorna och förmedlar andra ärenden till kommunens personal.",
      footer: "Exempelby är en påhittad kommun. Sidan visar kuntabotti.",
      chatTitle: "Fråga kommunen",
      languageLabel: "Språk",
      botNotice: "Du chattar med en bot, inte med en människa.",
      botNoticeMore: "Boten kan förmedla ditt ärende till kommunens personal. Skriv inte din personbeteckning eller hälsouppgifter.",
      logLabel: "Konversation",
      inputLabel: "Skriv ett meddelande",
      send: "Skicka",
      newConversation: "Börja en ny konversation",
      typing: "Boten skriver…",
      replyOptions: "Svarsalternativ",
      author_bot: "Bot",
      author_resident: "Du",
      author_staff: "Kommunens personal",
      connecting: "Ansluter…",
      reconnecting: "Anslutningen bröts. Ansluter igen…",
      reconnected: "Anslutningen är tillbaka.",
      notSent: "Meddelandet skickades inte eftersom anslutningen saknas. Försök igen om en stund.",
      err_bad_input: "Meddelandet kunde inte tas emot. Kontrollera att det inte är tomt eller för långt.",
      err_busy: "Vänta på svaret innan du skickar fler meddelanden.",
      err_internal: "Något gick fel. Om ditt meddelande syns i konversationen har det sparats.",
      err_not_stored: "Ditt meddelande kunde inte sparas. Skicka det igen.",
      err_other: "Meddelandet kunde inte behandlas."
    },
    en: {
      skipToChat: "Skip to chat",
      siteName: "Municipality of Esimerkkilä",
      navLabel: "Main menu",
      navNews: "News",
      navServices: "Services",
      navChat: "Ask the municipality",
      pageTitle: "Welcome to Esimerkkilä",
      pageLead: "Esimerkkilä is a fictional municipality. On this page you can try the municipality's chat: ask, for example, about library opening hours or parking permits.",
      newsTitle: "News",
      news1Title: "Swimming hall summer break",
      news1Text: "The swimming hall is closed for maintenance throughout June.",
      news2Title: "Spring street cleaning",
      news2Text: "Removal of winter grit starts in the town centre at the end of April.",
      servicesTitle: "Services",
      servicesText: "Library, sports, early childhood education, schools, streets and traffic, building, waste management. The chat answers the most common questions and passes other matters to municipal staff.",
      footer: "Esimerkkilä is a fictional municipality. This page demonstrates kuntabotti.",
      chatTitle: "Ask the municipality",
      languageLabel: "Language",
      botNotice: "You are talking to a bot, not a person.",
      botNoticeMore: "The bot can pass your matter to municipal staff. Do not write your personal identity code or health details.",
      logLabel: "Conversation",
      inputLabel: "Write a message",
      send: "Send",
      newConversation: "Start a new conversation",
      typing: "The bot is typing…",
      replyOptions: "Reply options",
      author_bot: "Bot",
      author_resident: "You",
      author_staff: "Municipal staff",
      connecting: "Connecting…",
      reconnecting: "Connection lost. Reconnecting…",
      reconnected: "Connected again.",
      notSent: "The message was not sent because there is no connection. Please try again in a moment.",
      err_bad_input: "The message could not be accepted. Check that it is not empty or too long.",
      err_busy: "Please wait for the reply before sending more messages.",
      err_internal: "Something went wrong. If your message is shown in the conversation, it has been saved.",
      err_not_stored: "Your message could not be saved. Please send it again.",
      err_other: "The message could not be processed."
    }
  };
  var LOCALES = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" };
  var KEY_TOKEN = "kuntabotti.token";
  var KEY_LAST = "kuntabotti.lastId";
  var KEY_LANG = "kuntabotti.lang";
  var MAX_DELAY = 30000;

  var log, form, input, select, statusEl, errorEl, typingEl;
  var socket = null;
  var token = null;
  var lastId = 0;
  var lang = "fi";
  var pendingLang = null;   // chosen while offline: sent once the socket is back
  var attempt = 0;
  var everConnected = false;
  var reconnectTimer = null;
  var seen = new Set();

  function store(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, String(value));
    } catch (e) { /* private mode: the chat still works, only without resuming */ }
  }
  function load(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  function t(key) { return STRINGS[lang][key] || STRINGS.fi[key] || key; }

  function initialLanguage() {
    var saved = load(KEY_LANG);
    if (saved && STRINGS[saved]) return saved;
    var wanted = navigator.languages || [navigator.language || "fi"];
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i]).slice(0, 2).toLowerCase();
      if (STRINGS[code]) return code;
    }
    return "fi";
  }

  // Every fixed text of the page and the widget, plus author labels and button groups
  // already in the log, follows the chosen language.
  function applyLanguage(code) {
    if (!STRINGS[code]) return;
    lang = code;
    store(KEY_LANG, code);
    document.documentElement.lang = code;
    select.value = code;
    document.title = t("siteName");
    document.querySelectorAll("[data-i18n]").forEach(function (el) {
      el.textContent = t(el.getAttribute("data-i18n"));
    });
    document.querySelectorAll("[data-i18n-attr]").forEach(function (el) {
      var spec = el.getAttribute("data-i18n-attr").split(":");
      el.setAttribute(spec[0], t(spec[1]));
    });
    log.querySelectorAll("[data-author-label]").forEach(function (el) {
      el.textContent = t("author_" + el.getAttribute("data-author-label"));
    });
    log.querySelectorAll(".msg__buttons").forEach(function (el) {
      el.setAttribute("aria-label", t("replyOptions"));
    });
    if (statusEl.dataset.key) statusEl.textContent = t(statusEl.dataset.key);
    if (errorEl.dataset.key) errorEl.textContent = t(errorEl.dataset.key);
  }

  function setStatus(key) {
    statusEl.dataset.key = key || "";
    statusEl.textContent = key ? t(key) : "";
  }
  function setError(key) {
    errorEl.dataset.key = key || "";
    errorEl.textContent = key ? t(key) : "";
  }
  function setTyping(on) { typingEl.hidden = !on; }

  // Web addresses in bot and staff answers become links, built as elements, not markup.
  var URL_RE = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;
  function appendText(parent, text) {
    var at = 0;
    var match;
    URL_RE.lastIndex = 0;
    while ((match = URL_RE.exec(text)) !== null) {
      parent.appendChild(document.createTextNode(text.slice(at, match.index)));
      var a = document.createElement("a");
      a.href = match[0];
      a.textContent = match[0];
      a.rel = "noopener noreferrer";
      a.target = "_blank";
      parent.appendChild(a);
      at = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  function timeText(iso) {
    var when = new Date(iso);
    if (isNaN(when.getTime())) return "";
    return when.toLocaleTimeString(LOCALES[lang], { hour: "2-digit", minute: "2-digit" });
  }

  function disableButtons() {
    log.querySelectorAll(".msg__buttons button").forEach(function (b) { b.disabled = true; });
  }

  function renderMessage(m) {
    var author = ["resident", "bot", "staff"].indexOf(m.author) >= 0 ? m.author : "bot";
    var item = document.createElement("div");
    item.className = "msg msg--" + author;
    item.dataset.id = String(m.id);

    var meta = document.createElement("span");
    meta.className = "msg__meta";
    var who = document.createElement("span");
    who.setAttribute("data-author-label", author);
    who.textContent = t("author_" + author);
    meta.appendChild(who);
    var colon = document.createElement("span");
    colon.className = "visually-hidden";
    colon.textContent = ":";
    meta.appendChild(colon);
    var time = document.createElement("time");
    time.dateTime = m.created_at;
    time.setAttribute("aria-hidden", "true");  // the clock time is noise when read aloud
    time.textContent = " · " + timeText(m.created_at);
    meta.appendChild(time);
    item.appendChild(meta);

    var body = document.createElement("span");
    body.className = "msg__text";
    if (author === "resident") {
      body.textContent = m.text;  // a pressed button is stored as its label
    } else {
      appendText(body, m.text);
    }
    item.appendChild(body);

    if (m.buttons && m.buttons.length) {
      var group = document.createElement("div");
      group.className = "msg__buttons";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", t("replyOptions"));
      m.buttons.forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button";
        button.dataset.payload = b.payload;
        button.textContent = b.label;
        button.addEventListener("click", function () { choose(button, group); });
        group.appendChild(button);
      });
      item.appendChild(group);
    }
    return item;
  }

  function addMessage(m) {
    if (typeof m.id !== "number" || seen.has(m.id)) return;
    seen.add(m.id);
    if (m.id > lastId) {
      lastId = m.id;
      store(KEY_LAST, lastId);
    }
    // Once the resident has answered, earlier quick replies are history, not choices.
    if (m.author === "resident") disableButtons();
    else setTyping(false);
    // Follow the conversation unless the resident has scrolled up to read something.
    var atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
    var item = renderMessage(m);
    var later = null;
    log.querySelectorAll(".msg").forEach(function (el) {
      if (!later && Number(el.dataset.id) > m.id) later = el;
    });
    log.insertBefore(item, later);
    if (atBottom || m.author === "resident") log.scrollTop = log.scrollHeight;
  }

  function send(frame) {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      setError("notSent");
      return false;
    }
    socket.send(JSON.stringify(frame));
    setError(null);
    return true;
  }

  function choose(button, group) {
    if (!send({ type: "button", payload: button.dataset.payload })) return;
    group.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    button.classList.add("is-chosen");
    setTyping(true);
    // The pressed button is now disabled; keep keyboard users in the conversation.
    input.focus();
  }

  function connect() {
    reconnectTimer = null;
    if (!everConnected) setStatus("connecting");
    var params = new URLSearchParams();
    if (token) {
      params.set("token", token);
      // A fresh page has nothing shown yet, so it asks for the whole conversation.
      params.set("since", String(seen.size ? lastId : 0));
    }
    params.set("lang", lang);
    var scheme = location.protocol === "https:" ? "wss:" : "ws:";
    var ws = new WebSocket(scheme + "//" + location.host + "/ws?" + params.toString());
    socket = ws;
    ws.addEventListener("message", function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      onFrame(frame);
    });
    ws.addEventListener("close", function () {
      if (socket !== ws) return;
      socket = null;
      setTyping(false);
      scheduleReconnect();
    });
  }

  function scheduleReconnect() {
    if (reconnectTimer) return;
    setStatus("reconnecting");
    // Exponential backoff with jitter, so a restarted server is not hit by every browser
    // at the same moment.
    var delay = Math.min(MAX_DELAY, 1000 * Math.pow(2, attempt));
    attempt += 1;
    reconnectTimer = setTimeout(connect, delay / 2 + Math.random() * delay / 2);
  }

  function onFrame(frame) {
    if (frame.type === "hello") {
      if (token && frame.token !== token) {
        // The server did not know our conversation and started a new one.
        log.textContent = "";
        seen.clear();
        lastId = 0;
      }
      token = frame.token;
      store(KEY_TOKEN, token);
      attempt = 0;
      setStatus(everConnected ? "reconnected" : null);
      everConnected = true;
      applyLanguage(frame.language);
      if (pendingLang && pendingLang !== frame.language) {
        var wanted = pendingLang;
        pendingLang = null;
        applyLanguage(wanted);
        send({ type: "button", payload: "lang:" + wanted });
      }
      pendingLang = null;
    } else if (frame.type === "message") {
      addMessage(frame);
    } else if (frame.type === "state") {
      setTyping(false);
      if (frame.language && frame.language !== lang) applyLanguage(frame.language);
    } else if (frame.type === "error") {
      setTyping(false);
      var key = "err_" + frame.code;
      setError(STRINGS.fi[key] ? key : "err_other");
    }
  }

  function newConversation() {
    token = null;
    lastId = 0;
    seen.clear();
    log.textContent = "";
    store(KEY_TOKEN, null);
    store(KEY_LAST, null);
    setError(null);
    var old = socket;
    socket = null;
    if (old) old.close();
    if (reconnectTimer) { clearTimeout(reconnectTimer); reconnectTimer = null; }
    attempt = 0;
    connect();
    input.focus();
  }

  function init() {
    log = document.getElementById("chat-log");
    form = document.getElementById("chat-form");
    input = document.getElementById("chat-input");
    select = document.getElementById("chat-lang");
    statusEl = document.getElementById("chat-status");
    errorEl = document.getElementById("chat-error");
    typingEl = document.getElementById("chat-typing");

    token = load(KEY_TOKEN);
    applyLanguage(initialLanguage());

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (text && send({ type: "text", text: text })) {
        input.value = "";
        setTyping(true);
      }
      input.focus();
    });
    select.addEventListener("change", function () {
      var code = select.value;
      applyLanguage(code);
      if (socket && socket.readyState === WebSocket.OPEN) {
        send({ type: "button", payload: "lang:" + code });
      } else {
        pendingLang = code;
      }
    });
    document.getElementById("chat-new").addEventListener("click", newConversation);
    // Back online: try now instead of waiting out the backoff.
    window.addEventListener("online", function () {
      if (!socket) {
        if (reconnectTimer) clearTimeout(reconnectTimer);
        connect();
      }
    });
    connect();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
