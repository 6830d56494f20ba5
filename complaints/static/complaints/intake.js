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

  // ---- The form tells before it refuses (the server checks all of it again) ----

  var fileInput = form.querySelector('input[type="file"][data-max-count]');
  var fileErrors = null;
  if (fileInput) {
    fileErrors = document.createElement("ul");
    fileErrors.className = "errorlist";
    fileErrors.id = "attachments-client-errors";
    fileErrors.setAttribute("aria-live", "polite");
    fileInput.parentNode.insertBefore(fileErrors, fileInput.nextSibling);
    fileInput.addEventListener("change", function () { checkFiles(); });
  }

  function megabytes(bytes) {
    return (bytes / (1024 * 1024)).toFixed(1).replace(".", ",") + " MB";
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
      problems.push("Chỉ gửi được tối đa " + maxCount + " tệp; bạn đã chọn " + files.length + " tệp.");
    }
    files.forEach(function (file) {
      total += file.size;
      if (file.size > maxSize) {
        problems.push("Tệp " + file.name + ": " + megabytes(file.size) + ", lớn hơn " + megabytes(maxSize) + ".");
      } else if (file.size === 0) {
        problems.push("Tệp " + file.name + ": tệp rỗng.");
      } else if (!/\.(jpe?g|png|webp|pdf)$/i.test(file.name)) {
        problems.push("Tệp " + file.name + ": chỉ nhận ảnh (JPEG, PNG, WebP) hoặc PDF.");
      }
    });
    if (total > maxTotal) {
      problems.push("Tổng dung lượng các tệp (" + megabytes(total) + ") vượt quá " + megabytes(maxTotal) + ".");
    }
    fileErrors.innerHTML = "";
    problems.forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      fileErrors.appendChild(item);
    });
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
      counter.textContent = "Đã nhập " + area.value.length + "/" + max + " ký tự.";
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
    var label = container.querySelector("label, legend");
    if (!label) return "";
    var clone = label.cloneNode(true);
    clone.querySelectorAll(".req, input").forEach(function (node) { node.remove(); });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  function visible(element) {
    while (element && element !== form) {
      if (element.hidden) return false;
      element = element.parentElement;
    }
    return true;
  }

  // Every problem at once: required fields of the chosen kind, dates, files.
  function problemsOfForm() {
    var problems = [];
    if (!chosenKind()) {
      problems.push({ id: "section-kind", text: "Hãy chọn loại hồ sơ bạn muốn gửi." });
      return problems;
    }
    form.querySelectorAll(".req[data-required-for]").forEach(function (mark) {
      if (mark.hidden) return;
      var container = mark.closest(".field, fieldset");
      if (!container || !visible(container)) return;
      var inputs = container.querySelectorAll("input, select, textarea");
      var filled = Array.prototype.some.call(inputs, function (input) {
        if (input.type === "checkbox" || input.type === "radio") return input.checked;
        return input.value.trim() !== "";
      });
      if (!filled) {
        problems.push({ id: container.id, text: fieldLabel(container) + ": chưa điền (bắt buộc)." });
      }
    });
    form.querySelectorAll('input[data-date="dmy"]').forEach(function (input) {
      var container = input.closest(".field");
      if (input.value.trim() && visible(input) && !parseDate(input.value)) {
        problems.push({ id: container && container.id, text: fieldLabel(container) + ": hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 25/09/2026." });
      }
    });
    checkFiles().forEach(function (text) {
      problems.push({ id: "field-attachments", text: text });
    });
    return problems;
  }

  function showProblems(problems) {
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
    title.textContent = "Hồ sơ chưa gửi được: hãy sửa " + problems.length + " mục sau";
    box.appendChild(title);
    var list = document.createElement("ul");
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + (problem.id || "intake-form");
      link.textContent = problem.text;
      item.appendChild(link);
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
      progress.innerHTML = '<label for="upload-bar">Đang tải tệp lên…</label> <progress id="upload-bar" max="100" value="0"></progress> <span aria-live="polite"></span>';
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
      progress.querySelector("label").textContent = "Không gửi được: hãy kiểm tra kết nối mạng và thử lại.";
    });
    request.send(new FormData(form));
  }

  // One click, one submission (the server also ignores a repeated form token).
  form.addEventListener("submit", function (event) {
    if (event.submitter && event.submitter.name === "send_as_anonymous_report") return;
    // An anonymous tố cáo goes to the server, which explains the law and offers to
    // send it as an anonymous phản ánh (Luật Tố cáo Điều 25).
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

  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
