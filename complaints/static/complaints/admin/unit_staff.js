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
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches('select[name$="facility"]')) {
      sync(event.target.form);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form"), sync);
  });
})();
