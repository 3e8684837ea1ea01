// Ask before a filing's action that locks or unlocks it (submit, withdraw): the question is the
// form's data-jx-confirm, written by the server in the page's language. Without this script the
// form posts as it is.
(() => {
  "use strict";

  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-jx-confirm]");
    if (form && !window.confirm(form.dataset.jxConfirm)) event.preventDefault();
  });
})();
