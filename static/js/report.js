// The report page: warn before leaving or drafting with unsaved text, grow the text boxes with
// their text, and add rows to the payment table. Without this script the page still works.
(() => {
  "use strict";
  const form = document.getElementById("jx-report");
  if (!form) return;
  let dirty = false;
  form.addEventListener("input", () => { dirty = true; });
  form.addEventListener("submit", () => { dirty = false; });
  window.addEventListener("beforeunload", (event) => {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
  document.querySelectorAll("[data-jx-dirty-check]").forEach((button) => {
    button.addEventListener("click", (event) => {
      if (dirty && !window.confirm(form.dataset.unsaved)) event.preventDefault();
      else dirty = false;
    });
  });
  const grow = (area) => {
    area.style.height = "auto";
    area.style.height = `${area.scrollHeight + 2}px`;
  };
  form.querySelectorAll("textarea.jx-report-text").forEach((area) => {
    grow(area);
    area.addEventListener("input", () => grow(area));
  });
  const add = form.querySelector("[data-add-payment]");
  if (add) {
    add.addEventListener("click", () => {
      const total = form.querySelector("[data-payments-total]");
      const index = Number(total.value);
      const row = document.getElementById("jx-payment-row").content.firstElementChild.cloneNode(true);
      row.querySelectorAll("[name]").forEach((input) => {
        input.name = input.name.replace("__i__", String(index));
      });
      row.firstElementChild.textContent = String(index + 1);
      form.querySelector("[data-rows='payments']").appendChild(row);
      total.value = String(index + 1);
      row.querySelector("input").focus();
      dirty = true;
    });
  }
})();
