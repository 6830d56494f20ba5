// The case's documents page (complaints/documents/admin/case_documents.html): only the chosen
// template's step fields are shown (all of them without JavaScript). A file, not an inline
// script, so the admin's Content-Security-Policy need not allow inline scripts for it.
(function () {
  var form = document.getElementById("doc-draft");
  var select = form && form.querySelector("select[name=template]");
  if (!select) { return; }
  function show() {
    var option = select.options[select.selectedIndex];
    var step = option ? option.getAttribute("data-step") : null;
    form.querySelectorAll("fieldset[data-step]").forEach(function (fieldset) {
      fieldset.hidden = fieldset.getAttribute("data-step") !== step;
    });
  }
  select.addEventListener("change", show);
  show();
})();
