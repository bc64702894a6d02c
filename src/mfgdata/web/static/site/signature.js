// Drawn signature: pointer strokes on a canvas, sent as a PNG data URL with the training form.
(function () {
  const canvas = document.getElementById("signature-pad");
  if (!canvas) return;
  const field = document.getElementById("signature-data");
  const pen = canvas.getContext("2d");
  pen.lineWidth = 2.5; pen.lineCap = "round"; pen.strokeStyle = "#1e2124";
  let drawing = false, drawn = false;
  const at = (e) => { const r = canvas.getBoundingClientRect(); return [(e.clientX - r.left) * canvas.width / r.width, (e.clientY - r.top) * canvas.height / r.height]; };
  canvas.addEventListener("pointerdown", (e) => { drawing = true; pen.beginPath(); pen.moveTo(...at(e)); canvas.setPointerCapture(e.pointerId); });
  canvas.addEventListener("pointermove", (e) => { if (!drawing) return; pen.lineTo(...at(e)); pen.stroke(); drawn = true; });
  canvas.addEventListener("pointerup", () => { drawing = false; if (drawn) field.value = canvas.toDataURL("image/png"); });
  document.getElementById("signature-clear").addEventListener("click", () => { pen.clearRect(0, 0, canvas.width, canvas.height); field.value = ""; drawn = false; });
  document.getElementById("training-form").addEventListener("submit", (e) => {
    if (!field.value) { e.preventDefault(); alert(document.documentElement.lang === "en" ? "Please sign in the box." : "서명란에 서명하세요."); }
  });
})();
