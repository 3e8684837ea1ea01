// The department self-evaluation form: add and remove rows of each section (收支情况 rows in
// its four tables at once), and show what the server computes from the values as they are typed
// (totals, figures, computed 打分表 rows, score, grade, findings): the server is the only engine.
(() => {
  "use strict";
  const form = document.getElementById("jx-department");
  if (!form) return;
  const text = JSON.parse(document.getElementById("jx-messages").textContent);
  const markDirty = JxFilingForm.guard(form, text);

  const bodies = (section) => Array.from(form.querySelectorAll(`tbody[data-section='${section}']`));
  const rowsOf = (tbody) => Array.from(tbody.querySelectorAll(":scope > tr.jx-srow"));

  function renumberRows(section, rows) {
    rows.forEach((tr, index) => {
      tr.dataset.index = index;
      tr.querySelectorAll("[name]").forEach((el) => {
        el.name = el.name.replace(new RegExp(`^${section}-[^-]+-`), `${section}-${index}-`);
      });
      tr.querySelectorAll("[data-cell]").forEach((el) => {
        el.dataset.cell = el.dataset.cell.replace(new RegExp(`^${section}-[^.]+\\.`), `${section}-${index}.`);
      });
    });
  }

  function renumber() {
    for (const input of form.querySelectorAll("input[data-total]")) {
      const section = input.dataset.total;
      if (section === "finance") {
        const tables = bodies("finance");
        tables.forEach((tbody) => renumberRows("finance", rowsOf(tbody)));
        input.value = tables.length ? rowsOf(tables[0]).length : 0;
      } else {
        const rows = bodies(section).flatMap(rowsOf);
        renumberRows(section, rows);
        input.value = rows.length;
      }
    }
  }

  function clone(template) {
    return template.content.cloneNode(true).querySelector("tr");
  }

  function addFinanceRow() {
    const select = document.getElementById("jx-add-unit");
    const option = select.selectedOptions[0];
    const name = option && option.value ? option.textContent : "";
    form.ownerDocument.querySelectorAll("template[data-template='finance']").forEach((template) => {
      const tr = clone(template);
      const unit = tr.querySelector("input[name$='-unit']");
      if (unit) unit.value = option ? option.value : "";
      const nameInput = tr.querySelector("input[name$='-name']");
      if (nameInput) nameInput.value = name;
      const copy = tr.querySelector(".jx-finance-name-copy");
      if (copy) copy.textContent = name;
      const table = form.querySelector(`table[data-finance-table='${template.dataset.table}'] tbody[data-section='finance']`);
      table.append(tr);
    });
    const first = bodies("finance")[0];
    const added = rowsOf(first).pop();
    const focus = added && (option && option.value ? added.closest("table").querySelector("tr:last-child .jx-num") : added.querySelector("input[name$='-name']"));
    return focus;
  }

  function addIndicatorRow() {
    const option = document.getElementById("jx-add-category").selectedOptions[0];
    const tr = clone(document.querySelector("template[data-template='indicators']"));
    tr.querySelector("input[name$='-category']").value = option.value;
    tr.querySelector("[data-name='level1']").textContent = option.dataset.level1;
    tr.querySelector("[data-name='level2']").textContent = option.dataset.level2;
    const tbody = bodies("indicators")[0];
    // After the last row of the same level-2 indicator, else at the end.
    const same = rowsOf(tbody).filter((row) => row.querySelector("input[name$='-category']").value === option.value);
    if (same.length) same[same.length - 1].after(tr);
    else tbody.append(tr);
    return tr.querySelector("textarea");
  }

  function addSimpleRow(key) {
    const template = document.querySelector(`template[data-template='${key}']`);
    const tr = clone(template);
    form.querySelector(`tbody[data-group='${key}']`).append(tr);
    return tr.querySelector("input:not([type=hidden]), textarea");
  }

  form.addEventListener("click", (event) => {
    const add = event.target.closest("button[data-add]");
    if (add) {
      const key = add.dataset.add;
      const focus = key === "finance" ? addFinanceRow() : key === "indicators" ? addIndicatorRow() : addSimpleRow(key);
      changed();
      if (focus) focus.focus();
      return;
    }
    const remove = event.target.closest("button[data-op='remove']");
    if (!remove) return;
    const tr = remove.closest("tr");
    const tbody = tr.parentElement;
    const section = tbody.dataset.section;
    const related = section === "finance"
      ? bodies("finance").map((body) => rowsOf(body)[rowsOf(tbody).indexOf(tr)]).filter(Boolean)
      : [tr];
    const filled = related.some((row) =>
      Array.from(row.querySelectorAll("input:not([type=hidden]), textarea")).some((el) => el.value.trim() !== ""),
    );
    if (filled && !window.confirm(text.confirmRemove)) return;
    related.forEach((row) => row.remove());
    changed();
  });

  // The institution's name is typed in the first table and shown in the three others.
  form.addEventListener("input", (event) => {
    const input = event.target.closest("input[data-mirror='name']");
    if (!input) return;
    const tr = input.closest("tr");
    const position = rowsOf(tr.parentElement).indexOf(tr);
    bodies("finance").slice(1).forEach((tbody) => {
      const copy = rowsOf(tbody)[position] && rowsOf(tbody)[position].querySelector(".jx-finance-name-copy");
      if (copy) copy.textContent = input.value;
    });
  });

  function changed() {
    markDirty();
    renumber();
    schedule(true); // a new row's cells are first seen blank: theirs wait until touched
  }

  function out(name, value) {
    document.querySelectorAll(`[data-out='${CSS.escape(name)}']`).forEach((el) => {
      el.textContent = value === "" || value === null || value === undefined ? "—" : value;
    });
  }

  function show(result) {
    for (const [column, value] of Object.entries(result.total_row)) out(`total_row.${column}`, value);
    for (const [key, value] of Object.entries(result.figures)) out(`figure.${key}`, value);
    // A row the system computes shows its value, read-only; without the figures it needs, the
    // department types its own score.
    for (const [item, row] of Object.entries(result.rubric)) {
      const input = form.querySelector(`input[data-computed='${item}']`);
      if (input) {
        const computed = row.computed !== "";
        if (computed) input.value = row.score;
        else if (input.readOnly) input.value = "";
        input.readOnly = computed;
        input.classList.toggle("jx-computed", computed);
      }
      out(`rubric.${item}.computed`, row.detail);
    }
    for (const [group, value] of Object.entries(result.groups)) out(`group.${group}`, value);
    out("total", result.total);
    out("grade", result.grade);
    bodies("indicators").flatMap(rowsOf).forEach((tr, index) => {
      const cell = tr.querySelector("[data-out='indicator_score']");
      if (cell) cell.textContent = result.indicator_scores[index] || "—";
    });
    bodies("tasks").flatMap(rowsOf).forEach((tr, index) => {
      const cell = tr.querySelector("[data-out='task_rate']");
      if (cell) cell.textContent = result.task_rates[index] || "—";
    });
  }

  // Live computation by the server's engine as the form is typed (filing-form.js).
  const schedule = JxFilingForm.live(form, text, show);

  form.addEventListener("input", (event) => {
    if (event.target.closest("#jx-add-unit, #jx-add-category")) return;
    markDirty();
    schedule();
  });
  form.addEventListener("change", (event) => {
    if (event.target.closest("#jx-add-unit, #jx-add-category")) return;
    markDirty();
    schedule();
  });
})();
