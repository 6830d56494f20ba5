// Live dashboard (complaints/admin/_live.html): counters update in place; new or changed cases
// in scope are announced. The page works without it. A file, not an inline script, so the
// admin's Content-Security-Policy need not allow inline scripts for the portal's own pages;
// the messages come from the script tag's data-live-* attributes (translated there). When the
// session ends (left idle past the limit: 4440; signed out or expired: 4401) the socket closes
// and the notice says so, its link signing in again (the page's own address: the server
// answers with the sign-in page, which says why and comes back here).
(function () {
  var script = document.currentScript;
  if (!("WebSocket" in window) || !script) { return; }
  var messages = {
    one: script.getAttribute("data-live-one") || "",
    many: script.getAttribute("data-live-many") || "",
    signIn: script.getAttribute("data-live-sign-in") || ""
  };
  var ended = {
    4440: script.getAttribute("data-live-idle") || "",
    4401: script.getAttribute("data-live-ended") || ""
  };
  var changed = 0;
  var delay = 1000;
  function value(counters, path) {
    return path.split(".").reduce(function (obj, key) { return obj == null ? obj : obj[key]; }, counters);
  }
  function sessionEnded(notice, message) {
    var link = notice.querySelector("a");
    notice.querySelector("[data-live-text]").textContent = message;
    if (link) {
      link.textContent = messages.signIn;
      link.href = window.location.href;
    }
    notice.hidden = false;
  }
  function connect() {
    var notice = document.getElementById("cw-live");
    var text = notice && notice.querySelector("[data-live-text]");
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + "/ws/dashboard/");
    socket.onopen = function () { delay = 1000; };
    socket.onmessage = function (event) {
      var data = JSON.parse(event.data);
      if (data.type === "dashboard.counters") {
        document.querySelectorAll("[data-counter]").forEach(function (node) {
          var v = value(data, node.getAttribute("data-counter"));
          if (v !== undefined && v !== null) { node.textContent = v; }
        });
      } else if (data.type === "dashboard.case" && notice) {
        changed += 1;
        text.textContent = changed === 1 ? messages.one : messages.many.replace("%(count)s", changed);
        notice.hidden = false;
      }
    };
    socket.onclose = function (event) {
      if (ended[event.code] && notice) { sessionEnded(notice, ended[event.code]); return; }
      if (event.code >= 4400 && event.code < 4500) { return; }  // refused: do not insist
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
