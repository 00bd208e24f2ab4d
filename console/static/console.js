// Live updates for the staff console. Pages work without this file (forms post and the
// server redirects); the script only adds what arrives while a page is open. Text from
// residents is always set with textContent, never parsed as markup.
"use strict";

(function () {
  var labels = {
    fi: { changed: "Jono muuttui – päivitetty." },
    sv: { changed: "Kön ändrades – uppdaterad." },
    en: { changed: "The queue changed – updated." }
  };
  var lang = document.documentElement.lang in labels ? document.documentElement.lang : "fi";
  var t = labels[lang];

  function refresh(selectors) {
    // Re-read this page and swap in the named parts: the server renders, we only patch.
    return fetch(location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        selectors.forEach(function (sel) {
          var now = document.querySelector(sel), next = fresh.querySelector(sel);
          if (now && next) { now.replaceWith(document.importNode(next, true)); }
        });
      });
  }

  var queueNote = document.getElementById("queue-live");
  if (queueNote && queueNote.dataset.team) {
    var qs = new EventSource("/console/queue/events?team=" + encodeURIComponent(queueNote.dataset.team));
    qs.addEventListener("end", function () { qs.close(); });
    qs.addEventListener("queue", function () {
      refresh(["table.queue"]).then(function () { queueNote.textContent = t.changed; });
    });
  }

  function showNewest(list) {
    // The newest message is what staff came for: scroll the list, and the page if needed.
    var last = list.querySelector("li[data-id]:last-of-type");
    list.scrollTop = list.scrollHeight;
    if (last) { last.scrollIntoView({ block: "nearest" }); }
  }

  var transcript = document.getElementById("transcript");
  if (transcript) {
    // The author labels come from the page, so they read as the server-rendered ones do.
    var authors = { resident: transcript.dataset.resident, bot: transcript.dataset.bot,
      staff: transcript.dataset.staff };
    showNewest(transcript);
    var id = transcript.dataset.conversation;
    var shown = transcript.querySelectorAll("li[data-id]");
    var since = shown.length ? shown[shown.length - 1].dataset.id : "0";
    var cs = new EventSource("/console/conversations/" + encodeURIComponent(id) +
      "/events?since=" + encodeURIComponent(since));
    cs.addEventListener("message", function (e) {
      var m = JSON.parse(e.data);
      var list = document.getElementById("transcript");
      if (list.querySelector('[data-id="' + m.id + '"]')) { return; }
      var li = document.createElement("li");
      var atEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
      li.className = "msg msg--" + (authors[m.author] ? m.author : "bot");
      li.dataset.id = String(m.id);
      var who = document.createElement("span");
      who.className = "msg__who";
      who.textContent = authors[m.author] || m.author;
      var text = document.createElement("p");
      text.className = "msg__text";
      text.textContent = m.text;
      li.appendChild(who);
      li.appendChild(text);
      list.appendChild(li);
      if (atEnd) { showNewest(list); }
    });
    cs.addEventListener("end", function () { cs.close(); });
    cs.addEventListener("state", function () {
      refresh(["#conv-state", "section.holder"]);
    });
  }

  var canned = document.getElementById("canned");
  var replyText = document.getElementById("reply-text");
  if (canned && replyText) {
    canned.addEventListener("change", function () {
      if (canned.value) { replyText.value = canned.value; replyText.focus(); }
    });
  }
})();
