// "Giao xử lý": the staff select shows only the chosen unit's people. The server
// refuses anyone else anyway (complaints.admin.forms.clean_unit_handler).
(function () {
  function sync(form) {
    var unit = form.querySelector('select[name$="facility"]');
    var user = form.querySelector('select[name$="user"]');
    if (!unit || !user) return;
    var chosen = unit.selectedIndex > 0 ? unit.options[unit.selectedIndex].text : "";
    Array.prototype.forEach.call(user.querySelectorAll("optgroup"), function (group) {
      var show = !chosen || group.label === chosen;
      group.hidden = !show;
      group.disabled = !show;
    });
    var selected = user.options[user.selectedIndex];
    if (selected && selected.parentNode.disabled) user.value = "";
  }
  // The list's bulk form: once a tố cáo is ticked, someone who is not a leader gives the
  // cases to the unit only (khoản 1 Điều 31, Điều 47 Luật Tố cáo); the officers' list is
  // hidden. The server refuses an officer posted anyway (BulkAssignForm.clean).
  function syncBulk() {
    var form = document.getElementById("cw-bulk-form");
    var field = form && form.querySelector("[data-bulk-handler]");
    if (!field) return;
    var leaderOnly = document.querySelectorAll(
      'input[name="case_ids"][form="cw-bulk-form"][data-leader-names-handler]'
    );
    var ticked = Array.prototype.some.call(leaderOnly, function (box) { return box.checked; });
    var user = field.querySelector("select");
    field.hidden = ticked;
    if (user) {
      user.disabled = ticked;
      if (ticked) user.value = "";
    }
  }
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!target.matches) return;
    if (target.matches('select[name$="facility"]')) sync(target.form);
    if (target.matches('input[name="case_ids"]')) syncBulk();
  });
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form"), sync);
    syncBulk();
  });
})();
