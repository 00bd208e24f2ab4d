// Kuntabotti web chat widget: how a message text becomes DOM nodes. Only text nodes and
// elements built here (never markup), so whatever anybody writes is shown as text.
window.KuntabottiText = (function () {
  "use strict";

  var URL_RE = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;
  // Where a long address may wrap: after a slash, before a dot or query punctuation. With
  // `overflow-wrap: break-word` (widget.css) a link then wraps at these points on a narrow
  // screen and is cut elsewhere only when one piece alone is wider than the bubble.
  var BREAK_AFTER = /[\/]/;
  var BREAK_BEFORE = /[.?&=#_~-]/;

  function appendLink(parent, url) {
    var a = document.createElement("a");
    a.href = url;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    var piece = "";
    for (var i = 0; i < url.length; i++) {
      var c = url.charAt(i);
      var afterSlashes = i > 0 && BREAK_AFTER.test(url.charAt(i - 1)) && c !== "/";
      if (piece && (afterSlashes || BREAK_BEFORE.test(c))) {
        a.appendChild(document.createTextNode(piece));
        a.appendChild(document.createElement("wbr"));
        piece = "";
      }
      piece += c;
    }
    a.appendChild(document.createTextNode(piece));
    parent.appendChild(a);
  }

  // Web addresses in bot and staff answers become links.
  function appendText(parent, text) {
    var at = 0;
    var match;
    URL_RE.lastIndex = 0;
    while ((match = URL_RE.exec(text)) !== null) {
      parent.appendChild(document.createTextNode(text.slice(at, match.index)));
      appendLink(parent, match[0]);
      at = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // The store keeps a resident's message without personal data (bot/privacy.py): each
  // e-mail address, phone number... is a label, a sensitive matter one fixed sentence.
  var LABEL_RE = /\[(EMAIL|PHONE|IDENTITY_CODE|IBAN|LICENCE_PLATE)\]/g;
  var SENSITIVE = "[sensitive matter: details not stored]";

  // The resident's own bubble: what they typed, while this page still knows it (the socket
  // that sent it gets it back); otherwise the stored text, its labels said in words.
  function residentText(stored, original, t) {
    if (original) return original;
    if (stored === SENSITIVE) return t("hidden_sensitive");
    return stored.replace(LABEL_RE, function (all, label) {
      return t("hidden_" + label.toLowerCase());
    });
  }

  return { appendText: appendText, residentText: residentText };
})();
