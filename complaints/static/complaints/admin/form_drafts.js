/* Nothing typed in a case form is lost when the session ends meanwhile (the reviewer
 * pasted an article into the press intake form, the session expired, "Ghi nhận hồ sơ" led
 * to the sign-in page and back to an empty form).
 *
 * A form marked `data-cw-draft` keeps what is typed in the tab's sessionStorage. When the
 * page is reached back from the sign-in page (its referrer), the fields are filled again
 * from it and a notice says so; reaching the page any other way (the form was received:
 * saved, or shown again with its errors) forgets it. Files, passwords and the hidden
 * fields (CSRF, form token, the state the user saw) are never kept. Without JavaScript
 * the forms work as before. */
(function () {
  "use strict";
  var PREFIX = "cw-draft:";
  // The sign-in and its second step (portal/twofactor): drafts are kept across them.
  var SIGN_IN = /\/(login|xac-thuc-hai-buoc(\/[a-z-]+)?)\/?$/;
  var storage;
  try {
    storage = window.sessionStorage;
    storage.setItem(PREFIX + "probe", "1");
    storage.removeItem(PREFIX + "probe");
  } catch (error) {
    return; // no storage (private mode, disabled): the forms work as before
  }

  function keyOf(form) {
    var action = form.getAttribute("action") || window.location.pathname;
    return PREFIX + new URL(action, window.location.href).pathname;
  }

  function kept(field) {
    if (!field.name || field.disabled) return false;
    var type = (field.type || "").toLowerCase();
    return ["hidden", "file", "password", "submit", "button", "reset"].indexOf(type) === -1;
  }

  function snapshot(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!kept(field)) return;
      var type = (field.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        values[field.name + "\u0000" + field.value] = field.checked;
      } else if (field.multiple) {
        values[field.name] = Array.prototype.filter
          .call(field.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
      } else {
        values[field.name] = field.value;
      }
    });
    return values;
  }

  function restore(form, values) {
    var restored = false;
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!kept(field)) return;
      var type = (field.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        var mark = field.name + "\u0000" + field.value;
        if (mark in values) {
          restored = restored || field.checked !== values[mark];
          field.checked = values[mark];
        }
      } else if (field.name in values) {
        var value = values[field.name];
        if (field.multiple && Array.isArray(value)) {
          Array.prototype.forEach.call(field.options, function (o) {
            o.selected = value.indexOf(o.value) !== -1;
          });
        } else if (typeof value === "string" && value && field.value !== value) {
          field.value = value;
          restored = true;
        }
      }
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
    return restored;
  }

  function fromSignIn() {
    try {
      return SIGN_IN.test(new URL(document.referrer).pathname);
    } catch (error) {
      return false;
    }
  }

  function start() {
    if (SIGN_IN.test(window.location.pathname)) return; // keep drafts across it
    var back = fromSignIn();
    var forms = document.querySelectorAll("form[data-cw-draft]");
    Array.prototype.forEach.call(forms, function (form) {
      var key = keyOf(form);
      var stored = storage.getItem(key);
      if (stored && back) {
        var values;
        try { values = JSON.parse(stored); } catch (error) { values = null; }
        if (values && restore(form, values)) {
          var note = document.createElement("p");
          note.className = "help-block help-info";
          note.setAttribute("role", "status");
          note.textContent = form.getAttribute("data-cw-draft-restored") || "";
          form.insertBefore(note, form.firstChild);
          var details = form.closest("details");
          if (details) details.open = true;
        }
      } else if (stored) {
        storage.removeItem(key); // the form was received: nothing to keep
      }
      var save = function () { storage.setItem(key, JSON.stringify(snapshot(form))); };
      form.addEventListener("input", save);
      form.addEventListener("change", save);
      form.addEventListener("submit", save);
    });
    // Reached any other way: every form sent from this tab was received (saved, or shown
    // again with its errors), so no other draft is kept either.
    if (!back) {
      var names = [];
      for (var i = 0; i < storage.length; i++) {
        var name = storage.key(i);
        if (name && name.indexOf(PREFIX) === 0) names.push(name);
      }
      var here = Array.prototype.map.call(forms, keyOf);
      names.forEach(function (name) {
        if (here.indexOf(name) === -1) storage.removeItem(name);
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
