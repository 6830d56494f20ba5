// Live dashboard (complaints/admin/_live.html): counters update in place; new or changed cases
// in scope are announced. The page works without it. A file, not an inline script, so the
// admin's Content-Security-Policy need not allow inline scripts for the portal's own pages;
// the messages come from the script tag's data-live-one / data-live-many (translated there).
(function () {
  var script = document.currentScript;
  if (!("WebSocket" in window) || !script) { return; }
  var messages = {
    one: script.getAttribute("data-live-one") || "",
    many: script.getAttribute("data-live-many") || ""
  };
  var changed = 0;
  var delay = 1000;
  function value(counters, path) {
    return path.split(".").reduce(function (obj, key) { return obj == null ? obj : obj[key]; }, counters);
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
      if (event.code >= 4400 && event.code < 4500) { return; }  // refused: do not insist
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
