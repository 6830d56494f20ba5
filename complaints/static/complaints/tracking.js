/* Live timeline of a case: /ws/submissions/{code}/?pin=PIN (CONTRACT.md, WebSocket). */
(function () {
  "use strict";
  var timeline = document.getElementById("timeline");
  if (!timeline || !window.WebSocket) return;
  var path = timeline.getAttribute("data-ws-path");
  if (!path) return;
  var note = document.getElementById("live-note");
  var status = document.getElementById("case-status");
  var delay = 1000;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // Shown in Vietnam time, like the server-rendered rows, whatever the device's zone.
  function format(iso) {
    var at = new Date(iso);
    if (isNaN(at)) return iso;
    try {
      var parts = {};
      new Intl.DateTimeFormat("en-GB", {
        timeZone: "Asia/Ho_Chi_Minh", hour12: false, year: "numeric", month: "2-digit",
        day: "2-digit", hour: "2-digit", minute: "2-digit"
      }).formatToParts(at).forEach(function (part) { parts[part.type] = part.value; });
      return parts.hour + ":" + parts.minute + " " + parts.day + "/" + parts.month + "/" + parts.year;
    } catch (error) {
      return pad(at.getHours()) + ":" + pad(at.getMinutes()) + " " + pad(at.getDate()) + "/" +
        pad(at.getMonth() + 1) + "/" + at.getFullYear();
    }
  }

  function append(event) {
    var item = document.createElement("li");
    item.className = "new";
    item.setAttribute("data-action", event.action || "");
    var time = document.createElement("time");
    time.dateTime = event.at;
    time.textContent = format(event.at);
    var text = document.createElement("strong");
    item.appendChild(time);
    item.appendChild(text);
    // The message is the record's own text, in Vietnamese: a reader of another language
    // gets the action in theirs first (as the server-rendered rows).
    var readsVietnamese = (document.documentElement.lang || "vi").indexOf("vi") === 0;
    if (event.message && event.label && !readsVietnamese) {
      text.textContent = event.label;
      var recorded = document.createElement("span");
      recorded.lang = "vi";
      recorded.textContent = " " + event.message;
      item.appendChild(recorded);
    } else {
      text.textContent = event.message || event.label || event.status_label || "";
      if (event.message) text.lang = "vi";
    }
    if (event.status_label && event.message) {
      var label = document.createElement("span");
      label.className = "meta";
      label.textContent = " — " + event.status_label;
      item.appendChild(label);
    }
    timeline.appendChild(item);
    if (status && event.status_label) {
      status.textContent = event.status_label;
      status.setAttribute("data-status", event.status || "");
    }
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + path);
    socket.onopen = function () { delay = 1000; if (note) note.hidden = false; };
    socket.onmessage = function (message) {
      try {
        var data = JSON.parse(message.data);
        if (data.type === "case.event") append(data);
      } catch (error) { /* ignore a malformed message */ }
    };
    socket.onclose = function (event) {
      if (note) note.hidden = true;
      if (event.code === 4404 || event.code === 4429 || event.code === 4403) return;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
