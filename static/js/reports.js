// The report job page: poll the job's status every second until it is done or failed.
(() => {
  const card = document.getElementById("jx-job");
  if (!card) return;
  const url = card.dataset.statusUrl;
  const out = (name) => card.querySelector(`[data-out="${name}"]`);
  const progress = document.getElementById("jx-job-progress");
  const finished = (state) => state === "done" || state === "failed";

  const show = (status) => {
    card.dataset.state = status.state;
    const bar = out("bar");
    bar.style.width = `${status.progress}%`;
    bar.textContent = `${status.progress}%`;
    bar.classList.toggle("progress-bar-striped", !finished(status.state));
    bar.classList.toggle("progress-bar-animated", !finished(status.state));
    progress.setAttribute("aria-valuenow", String(status.progress));
    out("state_label").textContent = status.state_label;
    out("message").textContent = status.message || "";
    out("error").textContent = status.error || "";
    out("file_name").textContent = status.file_name || "";
    const download = document.getElementById("jx-job-download");
    if (status.download_url) download.href = status.download_url;
    document.getElementById("jx-job-done").hidden = status.state !== "done";
    document.getElementById("jx-job-failed").hidden = status.state !== "failed";
  };

  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
      if (response.ok) {
        const status = await response.json();
        show(status);
        if (finished(status.state)) return;
      }
    } catch (error) {
      // A dropped connection: try again on the next tick.
    }
    window.setTimeout(poll, 1000);
  };

  // The width comes from data-progress: the page carries no style attribute (see the CSP).
  const bar = out("bar");
  bar.style.width = `${bar.dataset.progress || 0}%`;

  if (!finished(card.dataset.state)) window.setTimeout(poll, 1000);
})();
