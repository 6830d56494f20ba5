/* Live timeline of a case: /ws/submissions/{code}/?pin=PIN (CONTRACT.md, WebSocket). */
(function () {
  "use strict";
  var timeline = document.getElementById("timeline");
  if (!timeline || !window.WebSocket) return;
  var path = timeline.getAttribute("data-ws-path");
  if (!path) return;
  var note = document.getElementById("live-note");
  var status = document.getElementById("case-status");
  var changed = document.getElementById("live-changed");
  var paused = document.getElementById("live-paused");
  // The state the page was rendered in: a new one brings parts only the server renders
  // (deadlines, the answer, the reply or rating form): the reader is offered a reload.
  var renderedStatus = status ? status.getAttribute("data-status") : "";
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

  // An instant to the second: the socket and the API write UTC to the second
  // ("2026-12-05T03:04:05Z", docs/api.md), the page's own rows Vietnam time with fractions.
  function second(iso) { return Math.floor(new Date(iso).getTime() / 1000); }

  // The events already shown, by action and instant (the page's rows and the live ones).
  function shown(event) {
    var at = second(event.at);
    var rows = timeline.querySelectorAll("li");
    for (var i = 0; i < rows.length; i++) {
      var time = rows[i].querySelector("time");
      if (rows[i].getAttribute("data-action") === (event.action || "") && time &&
          second(time.getAttribute("datetime")) === at) return true;
    }
    return false;
  }

  // On every (re)connection: what happened while the page had no socket (between its
  // rendering and the first connection, or while the network was down) is read once from
  // the API and shown in order, as if it had come live.
  function catchUp() {
    var api = timeline.getAttribute("data-api-path");
    if (!api || !window.fetch) return;
    window.fetch(api, {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (!body || !body.timeline) return;
        body.timeline.forEach(function (event) { if (!shown(event)) append(event); });
      })
      .catch(function () { /* the live messages still come */ });
  }

  function append(event) {
    if (shown(event)) return;  // a live message the catch-up already showed, or the reverse
    var item = document.createElement("li");
    item.className = "new";
    item.setAttribute("data-action", event.action || "");
    var time = document.createElement("time");
    time.dateTime = event.at;
    time.textContent = format(event.at);
    var text = document.createElement("strong");
    item.appendChild(time);
    item.appendChild(text);
    // The message is the record's own text, in Vietnamese (`recorded`): a reader of another
    // language gets the action in theirs first (as the server-rendered rows). A line the
    // portal wrote itself comes in the reader's language (`recorded` false) and is shown as
    // it is. A message without the flag is taken for the record.
    var readsVietnamese = (document.documentElement.lang || "vi").indexOf("vi") === 0;
    var isRecord = !!event.message && event.recorded !== false;
    if (isRecord && event.label && !readsVietnamese) {
      text.textContent = event.label;
      var recorded = document.createElement("span");
      recorded.lang = "vi";
      recorded.textContent = ": " + event.message;
      item.appendChild(recorded);
    } else {
      text.textContent = event.message || event.label || event.status_label || "";
      if (isRecord) text.lang = "vi";
    }
    // The status follows unless it reads as the line's lead words (named once, as the
    // server-rendered rows).
    if (event.status_label && event.message && event.status_label !== text.textContent) {
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
    if (changed && event.status && event.status !== renderedStatus) changed.hidden = false;
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + path);
    socket.onopen = function () { delay = 1000; if (note) note.hidden = false; catchUp(); };
    socket.onmessage = function (message) {
      try {
        var data = JSON.parse(message.data);
        if (data.type === "case.event") append(data);
      } catch (error) { /* ignore a malformed message */ }
    };
    socket.onclose = function (event) {
      if (note) note.hidden = true;
      if (event.code === 4429 && paused) paused.hidden = false;
      if (event.code === 4404 || event.code === 4429 || event.code === 4403) return;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
