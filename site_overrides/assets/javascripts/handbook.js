// The handbook's own script: the print page's button prints (no inline onclick: the
// Content-Security-Policy in site_overrides/main.html lets no inline event handler run).
document.querySelectorAll(".print-button").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
