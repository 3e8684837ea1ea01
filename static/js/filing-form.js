// What every filing's form shares: post the form to the server's engine as it is typed (the
// answers to older requests are dropped), show each finding beside its cell and in the list at
// the top, and jump from the list to the cell. A kind's script passes what it fills in itself.
//
// A filing never saved (the form's data-show-all="0") opens with its required cells empty:
// rather than a wall of errors, a cell that had findings when it appeared waits, marked, until
// the filer touches it (types in it, or focuses and leaves it), and one neutral line counts
// the waiting ones. What the filer's typing brings to other cells shows at once. After a save
// or a submission was tried, the server renders data-show-all="1": everything shows.
window.JxFilingForm = (() => {
  "use strict";
  const FIELDS = "input:not([type=hidden]), select, textarea";
  // Per form: the last findings, the fields without a cell whose findings still wait, and the
  // cell last left.
  const state = new WeakMap();

  const cellOf = (form, field) => form.querySelector(`[data-cell='${CSS.escape(field)}']`);
  const isOpen = (cell) => cell.classList.contains("jx-open");
  function open(cell) {
    cell.classList.remove("jx-waiting");
    cell.classList.add("jx-open");
  }

  // Blank: each text field of the cell's own that shows is empty (a check box is not filled in).
  function isBlank(cell) {
    const fields = Array.from(cell.querySelectorAll(FIELDS)).filter(
      (el) => el.closest("[data-cell]") === cell && el.type !== "checkbox" && el.getClientRects().length > 0,
    );
    return fields.length > 0 && fields.every((el) => el.value.trim() === "");
  }

  // The sticky save bar must not hide what is in the window: scrolled up above it (html's
  // scroll-padding-bottom in app.css); what is out of the window is left alone.
  function keepInView(el) {
    const bar = document.querySelector(".jx-savebar");
    if (!el || !bar) return;
    const box = el.getBoundingClientRect();
    if (box.top < window.innerHeight && box.bottom > bar.getBoundingClientRect().top) {
      el.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  function showFindings(form, findings) {
    const all = form.dataset.showAll !== "0";
    const mine = state.get(form) || { findings: [], waiting: null, left: null };
    state.set(form, mine);
    mine.findings = findings;
    form.querySelectorAll(".jx-msg").forEach((el) => el.remove());
    form.querySelectorAll(".is-invalid, .is-warning").forEach((el) => el.classList.remove("is-invalid", "is-warning"));
    const byCell = new Map();
    const loose = new Set();
    for (const finding of findings) {
      const cell = cellOf(form, finding.field);
      if (cell) byCell.set(cell, [...(byCell.get(cell) || []), finding]);
      else loose.add(finding.field);
    }
    // A cell first seen with findings waits; one without findings (or no longer) is open.
    for (const cell of form.querySelectorAll("[data-cell]")) {
      const found = byCell.get(cell);
      if (!found) open(cell);
      else if (!isOpen(cell)) cell.classList.add("jx-waiting");
      const required = Boolean(found) && found.some((f) => f.severity === "error") && isBlank(cell);
      cell.classList.toggle("jx-required", required);
    }
    mine.waiting = new Set(mine.waiting === null ? loose : [...mine.waiting].filter((f) => loose.has(f)));

    const list = document.getElementById("jx-findings-list");
    list.replaceChildren();
    const counts = { error: 0, warning: 0 };
    const held = new Set();
    for (const finding of findings) {
      const cell = cellOf(form, finding.field);
      const shown = all || (cell ? isOpen(cell) : !mine.waiting.has(finding.field));
      if (cell) {
        const message = document.createElement("div");
        message.className = `jx-msg jx-${finding.severity}`;
        message.textContent = finding.message;
        cell.append(message);
        const input = cell.querySelector(FIELDS);
        if (input && shown) input.classList.add(finding.severity === "error" ? "is-invalid" : "is-warning");
      }
      if (!shown) {
        held.add(finding.field);
        continue;
      }
      counts[finding.severity] = (counts[finding.severity] || 0) + 1;
      const li = document.createElement("li");
      li.className = `jx-${finding.severity}`;
      const link = document.createElement("a");
      link.href = "#";
      link.dataset.goto = finding.field;
      link.textContent = finding.message;
      li.append(link);
      list.append(li);
    }
    // The summary counts what the list shows; the waiting cells get one neutral line.
    for (const severity of ["error", "warning"]) {
      document.querySelectorAll(`[data-out='${severity}s']`).forEach((el) => {
        el.textContent = counts[severity];
      });
    }
    document.getElementById("jx-findings").classList.toggle("d-none", list.children.length === 0);
    showWaiting(form, held.size);
    // Messages just added under the field being typed in, or the one just left, stay above
    // the save bar.
    const active = document.activeElement && document.activeElement.closest("[data-cell]");
    for (const cell of [mine.left, active]) if (cell && form.contains(cell)) keepInView(cell);
  }

  function showWaiting(form, count) {
    let line = document.getElementById("jx-waiting");
    if (!line) {
      line = document.createElement("p");
      line.id = "jx-waiting";
      line.className = "jx-waiting-line small text-muted";
      line.setAttribute("aria-live", "polite");
      document.getElementById("jx-findings").after(line);
    }
    line.textContent = (form.dataset.pendingText || "").replace("%(count)s", count);
    line.hidden = count === 0;
  }

  // The findings the server rendered with the page, read back from its list.
  function renderedFindings() {
    return Array.from(document.querySelectorAll("#jx-findings-list a[data-goto]"), (link) => ({
      severity: link.parentElement.classList.contains("jx-warning") ? "warning" : "error",
      field: link.dataset.goto,
      message: link.textContent,
    }));
  }

  // Live computation: schedule() after each change; show(result) is the kind's.
  function live(form, text, show) {
    const computeState = document.getElementById("jx-compute-state");
    const csrf = form.querySelector("input[name='csrfmiddlewaretoken']").value;
    const editable = !form.querySelector("fieldset").disabled;
    let timer = null;
    let sequence = 0;

    async function compute() {
      timer = null;
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

    // Typing in a waiting cell opens it: its old findings go until the server's answer.
    function typed(event) {
      const cell = event.target.closest("[data-cell]");
      if (!cell || isOpen(cell)) return;
      open(cell);
      if (form.dataset.showAll === "0") cell.querySelectorAll(":scope > .jx-msg").forEach((el) => el.remove());
    }
    form.addEventListener("input", typed);
    form.addEventListener("change", typed);
    // Leaving a waiting cell opens it; its findings show now, or with the answer on its way.
    form.addEventListener("focusout", (event) => {
      const cell = event.target.closest("[data-cell]");
      if (cell) state.get(form).left = cell;
      if (!cell || isOpen(cell)) return;
      open(cell);
      if (timer === null && !form.hasAttribute("aria-busy")) showFindings(form, state.get(form).findings);
    });
    form.addEventListener("focusin", (event) => {
      if (event.target.matches(FIELDS)) keepInView(event.target.closest("[data-cell]") || event.target);
    });

    document.getElementById("jx-findings").addEventListener("click", (event) => {
      const link = event.target.closest("a[data-goto]");
      if (!link) return;
      event.preventDefault();
      const cell = cellOf(form, link.dataset.goto);
      const target = cell && (cell.querySelector(FIELDS) || cell);
      if (target) {
        target.scrollIntoView({ block: "center" });
        if (target.focus) target.focus();
      }
    });

    if (!editable) form.dataset.showAll = "1"; // who only reads the filing sees it all
    showFindings(form, renderedFindings());

    // now: at once, as after adding a row, so that its cells are first seen still blank.
    return function schedule(now = false) {
      if (!editable) return;
      clearTimeout(timer);
      timer = now ? null : setTimeout(compute, 300);
      if (now) compute();
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

  return { live, guard, showFindings, keepInView };
})();
