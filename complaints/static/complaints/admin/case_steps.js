/* A link to one of the case page's steps (`#thao-tac-record_notice`) opens its <details>,
 * not only scrolls to it closed: when the page is reached with the fragment and when the
 * fragment changes on the page. Without JavaScript the page's links carry `?buoc=`, which
 * the server reads to render the step open (complaints/admin/views.py, `open_step`). */
(function () {
  "use strict";
  function openTarget() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      return; // a malformed fragment (e.g. "#%E0") opens nothing
    }
    if (!id) return;
    var target = document.getElementById(id);
    if (target && target.tagName === "DETAILS" && target.classList.contains("cw-action")) {
      target.open = true;
    }
  }
  window.addEventListener("hashchange", openTarget);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", openTarget);
  } else {
    openTarget();
  }
})();
