// The project self-evaluation table: add, remove and reorder rows, and show the scores the
// server computes from the values as they are typed (the server's engine is the only one).
(() => {
  "use strict";
  const form = document.getElementById("jx-evaluation");
  if (!form) return;
  const tbody = document.getElementById("jx-rows");
  const template = document.getElementById("jx-row-template");
  const totalInput = form.querySelector("input[name='rows-TOTAL']");
  const text = JSON.parse(document.getElementById("jx-messages").textContent);
  const markDirty = JxFilingForm.guard(form, text);

  const rows = () => Array.from(tbody.querySelectorAll("tr.jx-row"));
  const groupKey = (tr) => `${tr.dataset.level1}\u203a${tr.dataset.level2}`;

  function renumber() {
    rows().forEach((tr, index) => {
      tr.querySelectorAll("[name]").forEach((el) => {
        el.name = el.name.replace(/^rows-[^-]+-/, `rows-${index}-`);
      });
      tr.querySelectorAll("[data-cell]").forEach((el) => {
        el.dataset.cell = el.dataset.cell.replace(/^row-[^.]+\./, `row-${index}.`);
      });
    });
    totalInput.value = rows().length;
  }

  // Merge the 一级 and 二级 cells of consecutive rows of the same group, as the printed form does.
  function relayout() {
    const list = rows();
    for (const [level, key] of [["level1", (tr) => tr.dataset.level1], ["level2", groupKey]]) {
      let first = null;
      list.forEach((tr, index) => {
        const cell = tr.querySelector(`.jx-${level}`);
        cell.rowSpan = 1;
        if (index > 0 && first && key(tr) === key(list[index - 1])) {
          cell.hidden = true;
          first.rowSpan += 1;
        } else {
          cell.hidden = false;
          first = cell;
        }
      });
    }
  }

  function toggleQualitative(tr) {
    const comparator = tr.querySelector("select[name$='-comparator']").value;
    tr.classList.toggle("is-qualitative", comparator === "定性");
    // The 不适用 box exists only where the bureau lets filers propose it; its reason shows with it.
    const notApplicable = tr.querySelector("input[name$='-not_applicable']");
    tr.classList.toggle("is-na", Boolean(notApplicable && notApplicable.checked));
  }

  function newRow({ category, level1, level2, order }, values = {}) {
    const fragment = template.content.cloneNode(true);
    const tr = fragment.querySelector("tr");
    Object.assign(tr.dataset, { category, level1, level2, order });
    tr.querySelector(".jx-level1").textContent = level1;
    tr.querySelector(".jx-level2").textContent = level2;
    tr.querySelector("input[name$='-category']").value = category;
    for (const [name, value] of Object.entries(values)) {
      const input = tr.querySelector(`[name$='-${name}']`);
      if (input) input.value = value;
    }
    toggleQualitative(tr);
    return tr;
  }

  function orderOf(value) {
    const [a, b] = String(value).split(".").map(Number);
    return a * 1000 + b;
  }

  // A new row goes after the last row of its group, or where its group sits in the tree.
  function insertInGroup(tr) {
    const list = rows();
    const sameGroup = list.filter((row) => row.dataset.category === tr.dataset.category);
    if (sameGroup.length) {
      sameGroup[sameGroup.length - 1].after(tr);
    } else {
      const later = list.find((row) => orderOf(row.dataset.order) > orderOf(tr.dataset.order));
      if (later) later.before(tr);
      else tbody.append(tr);
    }
  }

  function changed() {
    markDirty();
    renumber();
    relayout();
    schedule(true); // a new row's cells are first seen blank: theirs wait until touched
  }

  tbody.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-op]");
    if (!button) return;
    const tr = button.closest("tr");
    const op = button.dataset.op;
    if (op === "up") {
      const previous = tr.previousElementSibling;
      if (previous && previous.dataset.category === tr.dataset.category) previous.before(tr);
    } else if (op === "down") {
      const next = tr.nextElementSibling;
      if (next && next.dataset.category === tr.dataset.category) next.after(tr);
    } else if (op === "add") {
      const row = newRow(tr.dataset);
      tr.after(row);
      changed();
      row.querySelector("textarea").focus();
      return;
    } else if (op === "remove") {
      const filled = Array.from(tr.querySelectorAll("input:not([type=hidden]), textarea")).some(
        (el) => el.value.trim() !== "",
      );
      if (filled && !window.confirm(text.confirmRemove)) return;
      tr.remove();
    }
    changed();
  });

  const addButton = document.getElementById("jx-add-row");
  if (addButton) {
    addButton.addEventListener("click", () => {
      const option = document.getElementById("jx-add-category").selectedOptions[0];
      const row = newRow({ category: option.value, ...option.dataset });
      insertInGroup(row);
      changed();
      row.querySelector("textarea").focus();
    });
  }

  // The indicator library: search as you type, add a found indicator as a new row.
  const libraryInput = document.getElementById("jx-library-q");
  const libraryResults = document.getElementById("jx-library-results");
  let libraryTimer = null;
  if (libraryInput) {
    libraryInput.addEventListener("input", () => {
      clearTimeout(libraryTimer);
      libraryTimer = setTimeout(searchLibrary, 250);
    });
  }
  async function searchLibrary() {
    const query = libraryInput.value.trim();
    libraryResults.replaceChildren();
    if (!query) return;
    const url = `${form.dataset.libraryUrl}?q=${encodeURIComponent(query)}`;
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const { results } = await response.json();
    if (!results.length) {
      const li = document.createElement("li");
      li.className = "list-group-item text-muted";
      li.textContent = text.noResults;
      libraryResults.append(li);
    }
    for (const item of results) {
      const li = document.createElement("li");
      li.className = "list-group-item d-flex justify-content-between align-items-center";
      const label = document.createElement("span");
      label.textContent = `${item.level1} › ${item.level2} › ${item.name} ${item.comparator}${item.target}${item.unit}`;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-secondary";
      button.textContent = text.add;
      button.addEventListener("click", () => {
        const option = document.querySelector(`#jx-add-category option[value='${item.category}']`);
        const row = newRow(
          { category: String(item.category), level1: item.level1, level2: item.level2, order: option ? option.dataset.order : "999.999" },
          { name: item.name, comparator: item.comparator, target: item.target, unit: item.unit },
        );
        insertInGroup(row);
        changed();
      });
      li.append(label, button);
      libraryResults.append(li);
    }
    // What was found opens below the search: the save bar must not cover it.
    if (document.activeElement === libraryInput) JxFilingForm.keepInView(libraryResults.parentElement);
  }

  function out(name, value) {
    document.querySelectorAll(`[data-out='${name}']`).forEach((el) => {
      el.textContent = value;
    });
  }

  function show(result) {
    out("execution_rate", result.execution_rate);
    out("execution_score", result.execution_score);
    out("total", result.total);
    out("grade", result.grade);
    out("weights", result.weights);
    // Layouts that print 执行率 on every funding row (四川) show each row's own.
    for (const [source, rate] of Object.entries(result.rates || {})) out(`rate.${source}`, rate);
    rows().forEach((tr, index) => {
      const comparator = tr.querySelector("select[name$='-comparator']");
      if (comparator && !comparator.value && (result.comparators || [])[index] === "定性") {
        comparator.value = "定性";
        toggleQualitative(tr);
      }
      const score = result.rows[index];
      tr.querySelector("[data-out='score']").textContent = score === null || score === undefined ? "—" : score;
    });
  }

  // Live scores: the server's engine scores the form as it is typed (filing-form.js).
  const schedule = JxFilingForm.live(form, text, show);

  form.addEventListener("input", (event) => {
    if (event.target.closest("#jx-library-q")) return;
    markDirty();
    schedule();
  });
  form.addEventListener("change", (event) => {
    const tr = event.target.closest("tr.jx-row");
    if (tr) toggleQualitative(tr);
    if (event.target.closest("#jx-add-category, #jx-library-q")) return;
    markDirty();
    schedule();
  });

  relayout();
})();
