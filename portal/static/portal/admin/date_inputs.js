// Wagtail's date pickers (portal/date_inputs.py): the calendar closes once the editor types
// in the field. Left open, it lay over the "Đặt lịch xuất bản" dialog's "Lưu lịch", and the
// click meant for the button picked the day under it: "2026-12-07 10:35" typed, then
// 14/12/2026 with the clock's time saved. What is typed goes to the server as typed, which
// reads dd/mm/yyyy HH:MM or ISO and refuses anything else. A click in the field opens the
// calendar again.
(() => {
  "use strict";
  const TYPED = "portalTyped";

  function calendarOf(field) {
    const $ = window.jQuery;
    if (!$ || !(field instanceof HTMLInputElement)) return null;
    return $(field).data("xdsoft_datetimepicker") || null;
  }

  document.addEventListener("input", (event) => {
    const calendar = calendarOf(event.target);
    if (!calendar) return;
    event.target.dataset[TYPED] = "true";
    calendar.trigger("close.xdsoft");
    if (!calendar.data(TYPED)) {
      // The picker opens 100 ms after the field takes focus: typed sooner, it would open
      // over the dialog after this close.
      calendar.data(TYPED, true).on("open.xdsoft", () => {
        if (calendar.data("input")[0].dataset[TYPED]) calendar.trigger("close.xdsoft");
      });
    }
  });

  document.addEventListener("mousedown", (event) => {
    if (calendarOf(event.target)) delete event.target.dataset[TYPED];
  });
})();
