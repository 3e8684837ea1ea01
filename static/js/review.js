// The reviewers' pages: tick all in the queue, confirm decisions, require a reason to return,
// and show the reviewer's total as scores are typed (computed by the server's engine).
(() => {
  "use strict";

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
  });

  // The queue: one box ticks every filing of the page.
  const all = document.getElementById("jx-select-all");
  if (all) {
    const boxes = () => Array.from(document.querySelectorAll("#jx-queue input[name='filing']"));
    all.addEventListener("change", () => boxes().forEach((box) => { box.checked = all.checked; }));
  }

  // Changed cells carry their old value as a tooltip.
  if (window.bootstrap) {
    document.querySelectorAll("[data-bs-toggle='tooltip']").forEach((el) => new window.bootstrap.Tooltip(el));
  }

  const form = document.getElementById("jx-review");
  if (!form) return;
  const comment = document.getElementById("jx-review-comment");
  form.addEventListener("submit", (event) => {
    const op = event.submitter ? event.submitter.value : "";
    if (op === "return" && !comment.value.trim()) {
      event.preventDefault();
      comment.classList.add("is-invalid");
      comment.focus();
    }
  });
  comment.addEventListener("input", () => comment.classList.remove("is-invalid"));

  const text = JSON.parse(document.getElementById("jx-review-messages").textContent);
  const state = document.getElementById("jx-compute-state");
  const url = form.dataset.computeUrl;
  let timer = null;
  let sequence = 0;

  async function compute() {
    const mine = ++sequence;
    if (state) state.textContent = text.computing;
    try {
      const response = await fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin" });
      const data = await response.json();
      if (mine !== sequence) return;
      // A sheet without points (四川) has no total row.
      form.querySelectorAll("[data-out='review_total']").forEach((el) => { el.textContent = data.total; });
      form.querySelectorAll("[data-out='review_grade']").forEach((el) => { el.textContent = data.grade; });
      form.querySelectorAll("[data-error-for]").forEach((el) => {
        const message = (data.errors || {})[el.dataset.errorFor] || "";
        el.textContent = message;
        const input = el.parentElement.querySelector("input");
        if (input) input.classList.toggle("is-invalid", Boolean(message));
      });
      if (state) state.textContent = text.computed;
    } catch (error) {
      if (state && mine === sequence) state.textContent = text.failed;
    }
  }

  form.addEventListener("input", (event) => {
    if (!event.target.classList.contains("jx-review-score")) return;
    clearTimeout(timer);
    timer = setTimeout(compute, 400);
  });
})();
