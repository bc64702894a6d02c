// Chunked, resumable upload: each chunk is sent with its SHA-256; chunks the server already has are skipped,
// so choosing the same file again after a broken connection continues where it stopped.
(function () {
  const inputs = document.querySelectorAll("input[type=file][data-start-url]");
  if (!inputs.length) return;
  const status = document.getElementById("upload-status");
  const bar = document.getElementById("upload-progress");
  const csrf = (document.cookie.match(/csrftoken=([^;]+)/) || [])[1] || "";
  const headers = { "X-CSRFToken": csrf, "Accept": "application/json" };
  const hex = (buffer) => Array.from(new Uint8Array(buffer)).map((b) => b.toString(16).padStart(2, "0")).join("");
  const resumeKey = (input, file) => `upload:${input.dataset.startUrl}:${file.name}:${file.size}:${file.lastModified}`;

  async function json(response) {
    const body = await response.json();
    if (!response.ok) throw new Error(body.message || response.statusText);
    return body;
  }
  async function openUpload(input, file) {
    const known = localStorage.getItem(resumeKey(input, file));
    if (known) {
      const state = await fetch(known, { headers }).then((r) => r.ok ? r.json() : null).catch(() => null);
      if (state && state.state === "receiving") return { ...state, url: known };
    }
    const state = await json(await fetch(input.dataset.startUrl, { method: "POST", headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ filename: file.name, size: file.size, kind: input.dataset.kind || "package" }) }));
    const url = `/listings/uploads/${state.id}/`;
    localStorage.setItem(resumeKey(input, file), url);
    return { ...state, url };
  }
  inputs.forEach((input) => input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file) return;
    try {
      const upload = await openUpload(input, file);
      const have = new Set(upload.received);
      for (let i = 0; i < upload.chunk_count; i++) {
        if (!have.has(i)) {
          const blob = await file.slice(i * upload.chunk_bytes, Math.min(file.size, (i + 1) * upload.chunk_bytes)).arrayBuffer();
          const digest = hex(await crypto.subtle.digest("SHA-256", blob));
          await json(await fetch(`${upload.url}chunks/${i}/`, { method: "POST", headers: { ...headers, "X-Chunk-Sha256": digest }, body: blob }));
        }
        bar.value = Math.round(100 * (i + 1) / upload.chunk_count);
        status.textContent = `${bar.value}%`;
      }
      const done = await json(await fetch(`${upload.url}complete/`, { method: "POST", headers }));
      localStorage.removeItem(resumeKey(input, file));
      status.textContent = document.documentElement.lang === "en" ? "Received; verifying the package…" : "받았습니다. 패키지를 검증하는 중…";
      document.body.dispatchEvent(new Event("upload-done"));
      setTimeout(() => window.location.reload(), done.state === "verifying" ? 2500 : 500);
    } catch (error) {
      status.textContent = error.message;
    }
  }));
})();
