/* Progressive enhancement of the intake form: the form works without it. */
(function () {
  "use strict";
  var form = document.getElementById("intake-form");
  if (!form) return;

  // Every text the script shows comes from the page, in the page's language
  // ({% intake_texts %} in submit.html): the file messages are the server's own.
  var texts = {};
  try {
    texts = JSON.parse(document.getElementById("intake-texts").textContent) || {};
  } catch (error) { /* no texts: the messages stay empty, the server still checks */ }
  var language = document.documentElement.lang || "vi";

  function text(key, values) {
    return (texts[key] || "").replace(/%\((\w+)\)[sd]/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  // 20.000 in Vietnamese, 20,000 in English; sizes with the language's decimal mark.
  function number(value, digits) {
    try {
      return new Intl.NumberFormat(language, {
        minimumFractionDigits: digits || 0, maximumFractionDigits: digits || 0
      }).format(value);
    } catch (error) {
      return String(value);
    }
  }

  function chosenKind() {
    var checked = form.querySelector('input[name="kind"]:checked');
    return checked ? checked.value : "";
  }

  function kindsOf(element, attribute) {
    return (element.getAttribute(attribute) || "").split(/\s+/).filter(Boolean);
  }

  // Show the sections and fields of the chosen kind; narrow the "required" marks.
  function applyKind() {
    var kind = chosenKind();
    form.querySelectorAll("[data-kinds]").forEach(function (element) {
      element.hidden = !kind || kindsOf(element, "data-kinds").indexOf(kind) === -1;
    });
    form.querySelectorAll(".req[data-required-for]").forEach(function (mark) {
      var required = kind && kindsOf(mark, "data-required-for").indexOf(kind) !== -1;
      mark.hidden = !required;
      if (required) mark.textContent = mark.getAttribute("data-short") || mark.textContent;
    });
    form.querySelectorAll(".only-for").forEach(function (note) { note.hidden = !!kind; });
    applyAnonymous();
  }

  // An anonymous phản ánh keeps no name, address or ID number.
  function applyAnonymous() {
    var anonymous = form.querySelector('input[name="anonymous"]');
    var hide = anonymous && anonymous.checked && chosenKind() === "phan_anh";
    ["reporter_name", "reporter_address", "reporter_id_number"].forEach(function (name) {
      var field = document.getElementById("field-" + name);
      if (field && !field.hasAttribute("data-kinds")) field.hidden = hide;
      if (field && field.hasAttribute("data-kinds") && hide) field.hidden = true;
    });
  }

  form.querySelectorAll(".req[data-required-for]").forEach(function (mark) {
    mark.setAttribute("data-short", form.getAttribute("data-required-text") || mark.textContent);
  });
  form.querySelectorAll('input[name="kind"]').forEach(function (radio) {
    radio.addEventListener("change", applyKind);
  });
  var anonymousBox = form.querySelector('input[name="anonymous"]');
  if (anonymousBox) anonymousBox.addEventListener("change", applyAnonymous);
  applyKind();

  // Khiếu nại: warn as soon as the date is past the 90-day filing period (Điều 9 Luật Khiếu nại).
  var decisionDate = form.querySelector('input[name="decision_date"]');
  var lateWarning = document.getElementById("late-warning");
  if (decisionDate && lateWarning) {
    var serverText = lateWarning.querySelector("p").textContent.trim();
    decisionDate.addEventListener("change", function () {
      var value = parseDate(decisionDate.value);
      var limit = new Date();
      limit.setHours(0, 0, 0, 0);
      limit.setDate(limit.getDate() - 90);
      var late = value && value < limit;
      lateWarning.hidden = !late;
      if (late && !serverText) {
        lateWarning.querySelector("p").textContent = lateWarning.getAttribute("data-message");
      }
    });
  }

  // Facility search-as-you-type, over /co-so/tim/?q=…&format=json: the WAI-ARIA combobox
  // pattern. The focus stays in the input; Arrow Down/Up move through the options
  // (aria-activedescendant), Enter picks one, Escape closes the list; the options are no
  // Tab stops. A polite live region says how many were found and which one was chosen.
  // Without the script the select below is the whole control.
  var box = form.querySelector(".facility-search[data-enhance]");
  var select = form.querySelector('select[name="facility"]');
  if (box && select && window.fetch) {
    box.hidden = false;
    var input = box.querySelector("input");
    var results = document.getElementById("facility-results");
    var status = document.getElementById("facility-status");
    var timer = null;
    var asked = 0;  // the latest query sent: an older answer arriving late is dropped
    var url = form.getAttribute("data-facility-search");
    var found = [];
    var active = -1;

    var listbox = document.createElement("ul");
    listbox.id = "facility-listbox";
    listbox.className = "facility-results";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", text("facility_list"));
    listbox.hidden = true;
    var empty = document.createElement("p");
    empty.className = "help";
    empty.hidden = true;
    results.innerHTML = "";
    results.appendChild(listbox);
    results.appendChild(empty);
    input.setAttribute("aria-controls", listbox.id);

    // "Đã chọn: <name>": the facility's name is Vietnamese whatever the page's language.
    function announce(template, name) {
      if (!status) return;
      status.textContent = "";
      var parts = template.split("%(name)s");
      status.appendChild(document.createTextNode(parts[0]));
      if (parts.length > 1) {
        var span = document.createElement("span");
        span.lang = "vi";
        span.textContent = name;
        status.appendChild(span);
        status.appendChild(document.createTextNode(parts.slice(1).join("")));
      }
    }

    function options() {
      return listbox.querySelectorAll('[role="option"]');
    }

    function setActive(index) {
      var all = options();
      active = index;
      Array.prototype.forEach.call(all, function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
        option.classList.toggle("active", i === index);
      });
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open(flag) {
      listbox.hidden = !flag;
      input.setAttribute("aria-expanded", flag ? "true" : "false");
      if (!flag) setActive(-1);
    }

    function clear() {
      found = [];
      listbox.innerHTML = "";
      empty.hidden = true;
      open(false);
    }

    function choose(index) {
      var item = found[index];
      if (!item) return;
      select.value = item.code;
      input.value = item.name;
      clear();
      select.dispatchEvent(new Event("change"));
      input.focus();
      announce(text("facility_chosen"), item.name);
    }

    function render(items, query) {
      clear();
      found = items;
      if (!items.length) {
        if (query) {
          empty.textContent = text("no_facility");
          empty.hidden = false;
          announce(text("no_facility"));
        }
        return;
      }
      items.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = "facility-option-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.lang = "vi";  // the facility's own name and area
        var strong = document.createElement("strong");
        strong.textContent = item.name;
        option.appendChild(strong);
        if (item.area) {
          var area = document.createElement("span");
          area.className = "meta";
          area.textContent = " — " + item.area;
          option.appendChild(area);
        }
        // A press on an option keeps the focus in the input; the click then picks it.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(index); });
        listbox.appendChild(option);
      });
      open(true);
      var count = items.length;
      announce(text(count === 1 ? "facility_found_one" : "facility_found_many",
        { count: number(count) }));
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < 2) { asked += 1; clear(); return; }
      timer = setTimeout(function () {
        var mine = ++asked;
        fetch(url + "?format=json&q=" + encodeURIComponent(query), {
          headers: { Accept: "application/json" }, credentials: "same-origin"
        })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { if (mine === asked) render(data.results || [], query); })
          .catch(function () { if (mine === asked) clear(); });
      }, 200);
    });
    input.addEventListener("keydown", function (event) {
      var count = found.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) return;
        event.preventDefault();
        if (listbox.hidden) {
          open(true);
          setActive(event.key === "ArrowDown" ? 0 : count - 1);
        } else if (event.key === "ArrowDown") {
          setActive(active < count - 1 ? active + 1 : 0);
        } else {
          setActive(active > 0 ? active - 1 : count - 1);
        }
      } else if (event.key === "Enter") {
        event.preventDefault();  // Enter picks from the list, it does not send the form
        if (count && !listbox.hidden) choose(active >= 0 ? active : 0);
      } else if (event.key === "Escape") {
        if (!listbox.hidden) {
          event.preventDefault();  // closes the list; a second Escape empties the input
          open(false);
        }
      }
    });
    // Leaving the input (Tab, a click elsewhere) closes the list.
    input.addEventListener("blur", function () { open(false); });
    input.addEventListener("focus", function () { if (found.length) open(true); });
  }

  // ---- The form tells before it refuses (the server checks all of it again) ----

  var fileInput = form.querySelector('input[type="file"][data-max-count]');
  var fileErrors = null;
  if (fileInput) {
    fileErrors = document.createElement("ul");
    fileErrors.className = "errorlist";
    fileErrors.id = "attachments-client-errors";
    fileErrors.setAttribute("aria-live", "polite");
    fileInput.parentNode.insertBefore(fileErrors, fileInput.nextSibling);
    describe(fileInput, fileErrors.id, true);
    fileInput.addEventListener("change", function () { checkFiles(); });
  }

  // As the server's filesizeformat: "10,0 MB" in Vietnamese, "10.0 MB" in English.
  function megabytes(bytes) {
    return number(bytes / (1024 * 1024), 1) + "\u00a0MB";
  }

  // Count, size of each file, total and type, as the server's attachments service.
  function checkFiles() {
    if (!fileInput) return [];
    var problems = [];
    var files = Array.prototype.slice.call(fileInput.files || []);
    var maxCount = parseInt(fileInput.getAttribute("data-max-count"), 10);
    var maxSize = parseInt(fileInput.getAttribute("data-max-file-size"), 10);
    var maxTotal = parseInt(fileInput.getAttribute("data-max-total-size"), 10);
    var total = 0;
    if (files.length > maxCount) {
      problems.push(text("too_many_files", { count: number(maxCount), chosen: number(files.length) }));
    }
    files.forEach(function (file) {
      total += file.size;
      if (file.size > maxSize) {
        problems.push(text("file_too_large", { name: file.name, size: megabytes(maxSize) }));
      } else if (file.size === 0) {
        problems.push(text("file_empty", { name: file.name }));
      } else if (!/\.(jpe?g|png|webp|pdf)$/i.test(file.name)) {
        problems.push(text("file_type", { name: file.name }));
      }
    });
    if (total > maxTotal) {
      problems.push(text("total_too_large", { size: megabytes(maxTotal) }));
    }
    fileErrors.innerHTML = "";
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.textContent = problem;
      fileErrors.appendChild(item);
    });
    var container = fileInput.closest(".field");
    if (problems.length) {
      fileInput.setAttribute("aria-invalid", "true");
      if (container) container.classList.add("has-error");
    } else if (!(container && container.querySelector(".errorlist:not(#attachments-client-errors)"))) {
      fileInput.removeAttribute("aria-invalid");
      if (container) container.classList.remove("has-error");
    }
    return problems;
  }

  // Characters left in the content box.
  form.querySelectorAll("textarea[data-counter][maxlength]").forEach(function (area) {
    var counter = document.createElement("p");
    counter.className = "help counter";
    counter.setAttribute("aria-live", "polite");
    area.parentNode.appendChild(counter);
    function update() {
      var max = parseInt(area.getAttribute("maxlength"), 10);
      counter.textContent = text("counter", { count: number(area.value.length), max: number(max) });
    }
    area.addEventListener("input", update);
    update();
  });

  function parseDate(text) {
    var match = /^\s*(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})\s*$/.exec(text || "");
    if (!match) {
      var iso = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text || "");
      if (!iso) return null;
      match = [null, iso[3], iso[2], iso[1]];
    }
    var date = new Date(+match[3], +match[2] - 1, +match[1]);
    if (date.getDate() !== +match[1] || date.getMonth() !== +match[2] - 1) return null;
    return date;
  }

  function fieldLabel(container) {
    // A checkbox whose label is a whole sentence has a short name for the summary.
    var named = container.querySelector("[data-summary]");
    if (named) return named.getAttribute("data-summary");
    var label = container.querySelector("label, legend");
    if (!label) return "";
    var clone = label.cloneNode(true);
    clone.querySelectorAll(".req, .step, .only-for, input").forEach(function (node) { node.remove(); });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  function visible(element) {
    while (element && element !== form) {
      if (element.hidden) return false;
      element = element.parentElement;
    }
    return true;
  }

  // The field's own input (the first radio of a group): what an error names and focuses.
  function inputOf(container) {
    if (!container) return null;
    return container.querySelector("input:checked") ||
      container.querySelector('input:not([type="hidden"]), select, textarea');
  }

  // Add or remove one id in an element's aria-describedby, keeping the others (the help).
  function describe(element, id, add) {
    var ids = (element.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (each) {
      return each && each !== id;
    });
    if (add) ids.push(id);
    if (ids.length) element.setAttribute("aria-describedby", ids.join(" "));
    else element.removeAttribute("aria-describedby");
  }

  // The errors found here are shown as the server shows its own (_field.html, _check.html):
  // `has-error` on the field, <ul class="errorlist" id="id_NAME_error"> beside the input,
  // which is aria-invalid and described by it. A field's server error is replaced by the
  // browser's; the next check takes the browser's away.
  function clearFieldErrors() {
    form.querySelectorAll(".errorlist[data-client-error]").forEach(function (list) {
      var container = list.parentNode;
      [container].concat(Array.prototype.slice.call(container.querySelectorAll("input, select, textarea")))
        .forEach(function (element) {
          describe(element, list.id, false);
          element.removeAttribute("aria-invalid");
        });
      container.classList.remove("has-error");
      list.remove();
    });
  }

  function showFieldError(container, input, message) {
    var list = container.querySelector(".errorlist:not(#attachments-client-errors)");
    if (!list) {
      list = document.createElement("ul");
      list.className = "errorlist";
      var legend = container.querySelector(":scope > legend");
      if (legend) {
        container.insertBefore(list, legend.nextSibling);
      } else if (container.classList.contains("check-field") || !input || input.parentNode !== container) {
        container.insertBefore(list, container.firstChild);
      } else {
        container.insertBefore(list, input);
      }
    }
    if (!list.id) list.id = (input && input.name ? "id_" + input.name : container.id) + "_error";
    list.setAttribute("data-client-error", "");
    list.innerHTML = "";
    var item = document.createElement("li");
    item.textContent = message;
    list.appendChild(item);
    container.classList.add("has-error");
    var inputs = container.querySelectorAll('input:not([type="hidden"]), select, textarea');
    Array.prototype.forEach.call(inputs, function (element) {
      element.setAttribute("aria-invalid", "true");
      describe(element, list.id, true);
    });
    if (container.tagName === "FIELDSET") describe(container, list.id, true);
  }

  // Every problem at once: required fields of the chosen kind, dates, files.
  // {container, input, label, message}: the message is shown beside the field, and in
  // the summary after the field's label (as the server's summary).
  function problemsOfForm() {
    var problems = [];
    var kind = chosenKind();
    var allKinds = Array.prototype.map.call(
      form.querySelectorAll('input[name="kind"]'), function (radio) { return radio.value; });
    if (!kind) {
      var kinds = document.getElementById("section-kind");
      problems.push({ container: kinds, input: inputOf(kinds), label: "", message: text("choose_kind") });
    }
    form.querySelectorAll(".req[data-required-for]").forEach(function (mark) {
      // No kind yet: what every kind requires is still missing (as the server says).
      if (kind ? mark.hidden : allKinds.some(function (each) {
        return kindsOf(mark, "data-required-for").indexOf(each) === -1;
      })) return;
      var container = mark.closest(".field, fieldset");
      if (!container || !visible(container)) return;
      var inputs = container.querySelectorAll("input, select, textarea");
      var filled = Array.prototype.some.call(inputs, function (input) {
        if (input.type === "checkbox" || input.type === "radio") return input.checked;
        return input.value.trim() !== "";
      });
      if (!filled) {
        var input = inputOf(container);
        var box = input && input.type === "checkbox";
        problems.push({
          container: container, input: input, label: fieldLabel(container),
          message: text(box ? "unticked" : "missing")
        });
      }
    });
    form.querySelectorAll('input[data-date="dmy"]').forEach(function (input) {
      var container = input.closest(".field");
      if (container && input.value.trim() && visible(input) && !parseDate(input.value)) {
        // Written the right way but not on the calendar (31/02/2026): say so, not the format.
        var shaped = /^\s*\d{1,2}[\/.-]\d{1,2}[\/.-]\d{4}\s*$|^\s*\d{4}-\d{2}-\d{2}\s*$/.test(input.value);
        problems.push({ container: container, input: input, label: fieldLabel(container),
                        message: text(shaped ? "impossible_date" : "bad_date") });
      }
    });
    // The content's length, the phone and the e-mail, by the intake service's own rules
    // and messages (the rules come from the page: data-min-length, data-phone, data-email).
    [
      ['textarea[name="content"][data-min-length]', contentLongEnough, "short_content"],
      ['input[name="reporter_phone"][data-phone]', phoneAccepted, "bad_phone"],
      ['input[name="reporter_email"][data-email]', emailAccepted, "bad_email"]
    ].forEach(function (check) {
      var input = form.querySelector(check[0]);
      if (!input || !input.value.trim() || !visible(input) || check[1](input)) return;
      var container = input.closest(".field");
      problems.push({ container: container, input: input, label: fieldLabel(container),
                      message: text(check[2]) });
    });
    checkFiles().forEach(function (message) {
      problems.push({ container: null, input: fileInput, label: "", message: message });
    });
    return problems;
  }

  // A rule the page gives as JSON, and its patterns matched at the start as the server's
  // Python `match` does. A rule or pattern this browser cannot read checks nothing: the
  // server checks it anyway.
  function ruleOf(input, attribute) {
    try {
      return JSON.parse(input.getAttribute(attribute));
    } catch (error) {
      return null;
    }
  }

  function pattern(source, flags) {
    try {
      return new RegExp("^(?:" + source + ")", flags || "");
    } catch (error) {
      return null;
    }
  }

  // The text as the server reads it: trimmed, runs of spaces as one.
  function cleaned(input) {
    return input.value.trim().replace(/\s+/g, " ");
  }

  // complaints.validation.phone_problem: the separators out, then one of the patterns.
  function phoneAccepted(input) {
    var rule = ruleOf(input, "data-phone");
    var separators = rule && pattern(rule.separators);
    if (!separators) return true;
    var digits = cleaned(input).replace(new RegExp(rule.separators, "g"), "");
    return rule.accept.some(function (source) {
      var each = pattern(source);
      return !each || each.test(digits);
    });
  }

  // Django's validate_email: the part before the last @, then the domain (an allowed name,
  // a domain name, or an address in brackets, whose address the server checks).
  function emailAccepted(input) {
    var rule = ruleOf(input, "data-email");
    var user = rule && pattern(rule.user, rule.flags);
    var domain = rule && pattern(rule.domain, rule.flags);
    var literal = rule && pattern(rule.literal, rule.flags);
    if (!user || !domain || !literal) return true;
    var value = cleaned(input).toLowerCase();
    var at = value.lastIndexOf("@");
    if (at === -1) return false;
    var host = value.slice(at + 1);
    return user.test(value.slice(0, at)) &&
      (rule.allow.indexOf(host) !== -1 || domain.test(host) || literal.test(host));
  }

  // The service counts the characters it receives: a line break is sent as two (CR LF),
  // an emoji is one character.
  function contentLongEnough(area) {
    var minimum = parseInt(area.getAttribute("data-min-length"), 10);
    var sent = area.value.replace(/\r?\n/g, "\r\n").trim();
    return !(minimum > 0) || Array.from(sent).length >= minimum;
  }

  // A link of an error summary (the browser's or the server's) puts the cursor in the
  // field's input, its label in view, instead of only scrolling to the field's box.
  function focusField(input) {
    var container = input.closest(".field, fieldset");
    var label = container && container.querySelector("label, legend");
    (label || input).scrollIntoView({ block: "start" });
    input.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('.error-summary a[href^="#"]');
    if (!link) return;
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) return;
    var input = target.matches("input, select, textarea") ? target : inputOf(target);
    if (!input) return;
    event.preventDefault();
    focusField(input);
  });

  function showProblems(problems) {
    clearFieldErrors();
    problems.forEach(function (problem) {
      if (problem.container) showFieldError(problem.container, problem.input, problem.message);
    });
    var box = document.getElementById("client-errors");
    if (!box) {
      box = document.createElement("div");
      box.id = "client-errors";
      box.className = "error-summary";
      box.setAttribute("role", "alert");
      box.tabIndex = -1;
      form.parentNode.insertBefore(box, form);
    }
    box.innerHTML = "";
    var title = document.createElement("h2");
    title.textContent = text("summary_title");
    box.appendChild(title);
    var list = document.createElement("ul");
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + (problem.input && problem.input.id ? problem.input.id : "intake-form");
      link.textContent = problem.label || problem.message;
      item.appendChild(link);
      if (problem.label) item.appendChild(document.createTextNode(": " + problem.message));
      list.appendChild(item);
    });
    box.appendChild(list);
    box.focus();
  }

  // Files go with a progress bar; the answer (the receipt, or the form with the
  // server's errors) replaces the page as a normal submission would.
  function sendWithProgress(button) {
    var progress = document.getElementById("upload-progress");
    if (!progress) {
      progress = document.createElement("div");
      progress.id = "upload-progress";
      progress.className = "upload-progress";
      progress.innerHTML = '<label for="upload-bar"></label> <progress id="upload-bar" max="100" value="0"></progress> <span aria-live="polite"></span>';
      progress.querySelector("label").textContent = text("uploading");
      button.parentNode.appendChild(progress);
    }
    var bar = progress.querySelector("progress");
    var percent = progress.querySelector("span");
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    request.upload.addEventListener("progress", function (event) {
      if (!event.lengthComputable) return;
      var value = Math.round((event.loaded / event.total) * 100);
      bar.value = value;
      percent.textContent = value + "%";
    });
    request.addEventListener("load", function () {
      if (request.responseURL && request.responseURL !== (form.action || window.location.href)) {
        window.location.assign(request.responseURL);
        return;
      }
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", function () {
      button.disabled = false;
      progress.querySelector("label").textContent = text("upload_failed");
    });
    request.send(new FormData(form));
  }

  // One click, one submission (the server also ignores a repeated form token).
  form.addEventListener("submit", function (event) {
    if (event.submitter && event.submitter.name === "send_as_anonymous_report") return;
    // An anonymous tố cáo goes to the server, which explains the law and offers to
    // send it as an anonymous phản ánh (Điều 25 Luật Tố cáo).
    var anonymousBox = form.querySelector('input[name="anonymous"]');
    var anonymousDenunciation = anonymousBox && anonymousBox.checked && chosenKind() === "to_cao";
    var problems = anonymousDenunciation ? [] : problemsOfForm();
    if (problems.length) {
      event.preventDefault();
      showProblems(problems);
      return;
    }
    var button = document.getElementById("submit-button");
    if (fileInput && fileInput.files && fileInput.files.length && window.FormData) {
      event.preventDefault();
      if (button) button.disabled = true;
      sendWithProgress(button);
      return;
    }
    setTimeout(function () { if (button) button.disabled = true; }, 0);
  });

  // The language switch (the header's form, base.html) reloads the page in the other
  // language, empty. What was typed is kept in this tab's sessionStorage when the switch is
  // pressed and put back once the page comes back. Not kept: the files (a browser never
  // lets a page choose a file; the note names them to choose again), and the consents and
  // the declaration, to be given again once read in the new language (each a consent of
  // its own, Điều 9 Luật Bảo vệ dữ liệu cá nhân). Without the script, or without storage,
  // the note beside the form (`#language-note`) says before anything is typed that
  // switching empties the form.
  var DRAFT = "intake-draft:" + window.location.pathname;
  var NOT_KEPT = ["consent", "consent_contact", "consent_sms", "notify_purposes",
    "truth_declaration", "confirm_late", "form_token", "csrfmiddlewaretoken", "notify_shown"];
  var storage = null;
  try {
    storage = window.sessionStorage;
    storage.setItem(DRAFT + ":probe", "1");
    storage.removeItem(DRAFT + ":probe");
  } catch (error) {
    storage = null;
  }

  function keptFields() {
    return Array.prototype.filter.call(form.elements, function (field) {
      var type = (field.type || "").toLowerCase();
      var name = field.name || (field.id === "facility-query" ? "#facility-query" : "");
      return name && NOT_KEPT.indexOf(field.name) === -1 &&
        ["hidden", "file", "password", "submit", "button", "reset"].indexOf(type) === -1;
    });
  }

  function draftOf() {
    var values = {};
    keptFields().forEach(function (field) {
      var name = field.name || "#facility-query";
      var type = (field.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") values[name + "\u0000" + field.value] = field.checked;
      else values[name] = field.value;
    });
    var files = [];
    form.querySelectorAll('input[type="file"]').forEach(function (input) {
      Array.prototype.forEach.call(input.files || [], function (file) { files.push(file.name); });
    });
    return { values: values, files: files };
  }

  function putBack(draft) {
    keptFields().forEach(function (field) {
      var name = field.name || "#facility-query";
      var type = (field.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        var mark = name + "\u0000" + field.value;
        if (!(mark in draft.values) || field.checked === draft.values[mark]) return;
        field.checked = draft.values[mark];
      } else {
        if (!(name in draft.values) || field.value === draft.values[name]) return;
        field.value = draft.values[name];
        field.dispatchEvent(new Event("input", { bubbles: true }));
      }
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  var languageNote = document.getElementById("language-note");
  var switcher = document.querySelector("form.language");
  if (storage && switcher) {
    if (languageNote && texts.language_kept) languageNote.textContent = text("language_kept");
    switcher.addEventListener("submit", function () {
      try { storage.setItem(DRAFT, JSON.stringify(draftOf())); } catch (error) { /* full */ }
    });
    var stored = storage.getItem(DRAFT);
    storage.removeItem(DRAFT);  // put back once, on the page the switch led to
    var draft = null;
    try { draft = stored ? JSON.parse(stored) : null; } catch (error) { draft = null; }
    if (draft && draft.values) {
      putBack(draft);
      var note = document.createElement("div");
      note.className = "message";
      note.id = "draft-restored";
      note.setAttribute("role", "status");
      note.tabIndex = -1;
      var kept = document.createElement("p");
      kept.textContent = text("draft_restored");
      note.appendChild(kept);
      if (draft.files && draft.files.length) {
        var filesNote = document.createElement("p");
        filesNote.textContent = text("draft_files", { names: draft.files.join(", ") });
        note.appendChild(filesNote);
      }
      form.parentNode.insertBefore(note, form);
      if (!document.getElementById("error-summary")) note.focus();
    }
  }

  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
