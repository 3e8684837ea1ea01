// What every filing's form shares: post the form to the server's engine as it is typed (the
// answers to older requests are dropped), show each finding beside its cell and in the list at
// the top, and jump from the list to the cell. A kind's script passes what it fills in itself.
window.JxFilingForm = (() => {
  "use strict";

  function showFindings(form, findings) {
    document.querySelectorAll(".jx-msg").forEach((el) => el.remove());
    document.querySelectorAll(".is-invalid, .is-warning").forEach((el) => el.classList.remove("is-invalid", "is-warning"));
    const list = document.getElementById("jx-findings-list");
    list.replaceChildren();
    for (const finding of findings) {
      const cell = form.querySelector(`[data-cell='${CSS.escape(finding.field)}']`);
      if (cell) {
        const message = document.createElement("div");
        message.className = `jx-msg jx-${finding.severity}`;
        message.textContent = finding.message;
        cell.append(message);
        const input = cell.querySelector("input:not([type=hidden]), select, textarea");
        if (input) input.classList.add(finding.severity === "error" ? "is-invalid" : "is-warning");
      }
      const li = document.createElement("li");
      li.className = `jx-${finding.severity}`;
      const link = document.createElement("a");
      link.href = "#";
      link.dataset.goto = finding.field;
      link.textContent = finding.message;
      li.append(link);
      list.append(li);
    }
    document.getElementById("jx-findings").classList.toggle("d-none", findings.length === 0);
  }

  // Live computation: schedule() after each change; show(result) is the kind's.
  function live(form, text, show) {
    const computeState = document.getElementById("jx-compute-state");
    const csrf = form.querySelector("input[name='csrfmiddlewaretoken']").value;
    const editable = !form.querySelector("fieldset").disabled;
    let timer = null;
    let sequence = 0;

    async function compute() {
      const mine = ++sequence;
      computeState.textContent = text.computing;
      form.setAttribute("aria-busy", "true");
      try {
        const response = await fetch(form.dataset.computeUrl, {
          method: "POST",
          body: new FormData(form),
          headers: { "X-CSRFToken": csrf, Accept: "application/json" },
        });
        if (mine !== sequence) return;
        if (!response.ok) throw new Error(String(response.status));
        const result = await response.json();
        show(result);
        showFindings(form, result.findings);
        computeState.textContent = text.computed;
      } catch (error) {
        if (mine === sequence) computeState.textContent = text.failed;
      } finally {
        if (mine === sequence) form.removeAttribute("aria-busy");
      }
    }

    document.getElementById("jx-findings").addEventListener("click", (event) => {
      const link = event.target.closest("a[data-goto]");
      if (!link) return;
      event.preventDefault();
      const cell = form.querySelector(`[data-cell='${CSS.escape(link.dataset.goto)}']`);
      const target = cell && (cell.querySelector("input:not([type=hidden]), select, textarea") || cell);
      if (target) {
        target.scrollIntoView({ block: "center" });
        if (target.focus) target.focus();
      }
    });

    return function schedule() {
      if (!editable) return;
      clearTimeout(timer);
      timer = setTimeout(compute, 300);
    };
  }

  // Ask before leaving a page with unsaved changes; markDirty() on each change.
  function guard(form, text) {
    let dirty = false;
    form.addEventListener("submit", () => {
      dirty = false;
    });
    window.addEventListener("beforeunload", (event) => {
      if (dirty) {
        event.preventDefault();
        event.returnValue = text.unsaved;
      }
    });
    return () => {
      dirty = true;
    };
  }

  return { live, guard, showFindings };
})();
