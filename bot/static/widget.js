// Kuntabotti web chat widget: no framework, no build step.
// Every message text goes into the DOM with textContent or createTextNode (never innerHTML),
// so whatever a resident, the bot or staff writes is shown as text and never runs.
(function () {
  "use strict";

  var STRINGS = window.KuntabottiStrings;  // widget-i18n.js, loaded first
  var TEXT = window.KuntabottiText;  // widget-text.js
  var LOCALES = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" };
  var KEY_TOKEN = "kuntabotti.token";
  var KEY_LAST = "kuntabotti.lastId";
  var KEY_LANG = "kuntabotti.lang";
  var MAX_DELAY = 30000;

  var log, form, input, select, statusEl, errorEl, typingEl;
  var notice, noticeWho, noticeMore, announcer;
  var socket = null;
  var token = null;
  var lastId = 0;
  var lang = "fi";
  var pendingLang = null;   // chosen while offline: sent once the socket is back
  var attempt = 0;
  var everConnected = false;
  var reconnectTimer = null;
  var seen = new Set();
  var who = { who: "bot", team: null };  // who is talking: the bot, or a person of a team
  // What this page's resident typed, by message id, where the store kept it redacted. Only
  // in memory: a reload (or the next person at a library computer) sees the stored text.
  var originals = new Map();
  var place = municipality();

  // The municipality's own name and kind, from data/municipality.yml via the page.
  function municipality() {
    try {
      return JSON.parse(document.documentElement.getAttribute("data-municipality")) || {};
    } catch (e) { return {}; }
  }

  function store(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, String(value));
    } catch (e) { /* private mode: the chat still works, only without resuming */ }
  }
  function load(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  function t(key, values) {
    var text = STRINGS[lang][key] || STRINGS.fi[key] || key;
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      var value = values && name in values ? values[name] : place[name];
      if (value && typeof value === "object") value = value[lang] || value.fi;
      return typeof value === "string" ? value : "";
    });
  }

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
    // The privacy notice and accessibility statement open in the chat's language.
    document.querySelectorAll("[data-lang-href]").forEach(function (el) {
      el.setAttribute("href", el.getAttribute("data-lang-href") + "?lang=" + code);
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
    // Clock times follow the language too ("14.05" in Finnish, "14:05" in English).
    log.querySelectorAll("time").forEach(function (el) {
      el.textContent = " · " + timeText(el.dateTime);
    });
    log.querySelectorAll(".msg--resident").forEach(showResidentText);
    showWho(false);
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
  // While a person holds the conversation the bot is silent: nobody to show as typing.
  function setTyping(on) { typingEl.hidden = !on || who.who === "staff"; }

  // The notice says who is talking; a change (not a language switch) is announced.
  function showWho(announce) {
    var staff = who.who === "staff";
    var values = { team: who.team || "" };
    notice.classList.toggle("chat__notice--staff", staff);
    noticeWho.textContent = t(staff ? "staffNotice" : "botNotice", values);
    noticeMore.textContent = t(staff ? "staffNoticeMore" : "botNoticeMore", values);
    if (announce) announcer.textContent = staff ? t("staffNotice", values) : t("botAgain");
  }

  function setWho(frame) {
    var next = { who: frame.who === "staff" ? "staff" : "bot", team: frame.team || null };
    var changed = next.who !== who.who || JSON.stringify(next.team) !== JSON.stringify(who.team);
    who = next;
    if (next.who === "staff") setTyping(false);
    if (changed) showWho(true);
  }

  function showResidentText(item) {
    var body = item.querySelector(".msg__text");
    var original = originals.get(Number(item.dataset.id));
    body.textContent = TEXT.residentText(body.dataset.stored || "", original, t);
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
    item.appendChild(body);
    if (author === "resident") {
      body.dataset.stored = m.text;  // a pressed button is stored as its label
      showResidentText(item);
    } else {
      TEXT.appendText(body, m.text);
    }

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
        // The server did not know our conversation (erased, or from another site): a new
        // one begins.
        log.textContent = "";
        seen.clear();
        originals.clear();
        lastId = 0;
      }
      token = frame.token;
      store(KEY_TOKEN, token);
      showKey();
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
      setWho(frame);
    } else if (frame.type === "token") {
      // The resident's first message started the conversation: this is its key now.
      token = frame.token;
      store(KEY_TOKEN, token);
      showKey();
    } else if (frame.type === "message") {
      addMessage(frame);
    } else if (frame.type === "who") {
      setWho(frame);
    } else if (frame.type === "own" && typeof frame.text === "string") {
      originals.set(frame.id, frame.text);
      var own = log.querySelector('.msg--resident[data-id="' + Number(frame.id) + '"]');
      if (own) showResidentText(own);
    } else if (frame.type === "state") {
      setTyping(false);
      if (frame.language && frame.language !== lang) applyLanguage(frame.language);
    } else if (frame.type === "error") {
      setTyping(false);
      var key = "err_" + frame.code;
      setError(STRINGS.fi[key] ? key : "err_other");
    }
  }

  // What a resident gives the city to ask for their data or its erasure.
  function showKey() {
    var key = document.getElementById("chat-key");
    if (key) key.textContent = token || "";
  }

  function newConversation() {
    token = null;
    showKey();
    lastId = 0;
    seen.clear();
    originals.clear();
    log.textContent = "";
    store(KEY_TOKEN, null);
    store(KEY_LAST, null);
    setError(null);
    var old = socket;
    socket = null;
    if (old) old.close();
    if (reconnectTimer) { clearTimeout(reconnectTimer); reconnectTimer = null; }
    attempt = 0;
    everConnected = false;  // a new conversation is no reconnection: say nothing about one
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
    notice = document.getElementById("chat-notice");
    noticeWho = document.getElementById("chat-notice-who");
    noticeMore = document.getElementById("chat-notice-more");
    announcer = document.getElementById("chat-announce");

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
