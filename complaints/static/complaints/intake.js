/* Progressive enhancement of the intake form: the form works without it. */
(function () {
  "use strict";
  var form = document.getElementById("intake-form");
  if (!form) return;

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
    mark.setAttribute("data-short", form.getAttribute("data-required-text") || "(bắt buộc)");
  });
  form.querySelectorAll('input[name="kind"]').forEach(function (radio) {
    radio.addEventListener("change", applyKind);
  });
  var anonymousBox = form.querySelector('input[name="anonymous"]');
  if (anonymousBox) anonymousBox.addEventListener("change", applyAnonymous);
  applyKind();

  // Khiếu nại: warn as soon as the date is past the 90-day filing period (Luật KN Art 9).
  var decisionDate = form.querySelector('input[name="decision_date"]');
  var lateWarning = document.getElementById("late-warning");
  if (decisionDate && lateWarning) {
    var serverText = lateWarning.querySelector("p").textContent.trim();
    decisionDate.addEventListener("change", function () {
      var value = decisionDate.value ? new Date(decisionDate.value + "T00:00:00") : null;
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

  // Facility search-as-you-type, over /co-so/tim/?q=…&format=json.
  var box = form.querySelector(".facility-search[data-enhance]");
  var select = form.querySelector('select[name="facility"]');
  if (box && select && window.fetch) {
    box.hidden = false;
    var input = box.querySelector("input");
    var results = document.getElementById("facility-results");
    var timer = null;
    var url = form.getAttribute("data-facility-search");

    function choose(code, name) {
      select.value = code;
      input.value = name;
      results.innerHTML = "";
      select.dispatchEvent(new Event("change"));
    }

    function render(items, query) {
      results.innerHTML = "";
      if (!items.length) {
        if (query) {
          var empty = document.createElement("p");
          empty.className = "help";
          empty.textContent = "Không tìm thấy cơ sở phù hợp; hãy chọn trong danh sách bên dưới.";
          results.appendChild(empty);
        }
        return;
      }
      var list = document.createElement("ul");
      list.className = "facility-results";
      list.setAttribute("role", "listbox");
      items.forEach(function (item) {
        var option = document.createElement("li");
        option.setAttribute("role", "option");
        option.tabIndex = 0;
        var strong = document.createElement("strong");
        strong.textContent = item.name;
        option.appendChild(strong);
        if (item.area) {
          var area = document.createElement("span");
          area.className = "meta";
          area.textContent = " — " + item.area;
          option.appendChild(area);
        }
        option.addEventListener("click", function () { choose(item.code, item.name); });
        option.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            choose(item.code, item.name);
          }
        });
        list.appendChild(option);
      });
      results.appendChild(list);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < 2) { results.innerHTML = ""; return; }
      timer = setTimeout(function () {
        fetch(url + "?format=json&q=" + encodeURIComponent(query), {
          headers: { Accept: "application/json" }, credentials: "same-origin"
        })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { render(data.results || [], query); })
          .catch(function () { results.innerHTML = ""; });
      }, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();  // Enter picks from the list, it does not send the form
        var first = results.querySelector("li");
        if (first) first.click();
      }
    });
  }

  // One click, one submission (the server also ignores a repeated form token).
  form.addEventListener("submit", function () {
    var button = document.getElementById("submit-button");
    setTimeout(function () { if (button) button.disabled = true; }, 0);
  });

  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
