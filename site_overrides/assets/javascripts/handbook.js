// The handbook's own script: the print page's button prints (no inline onclick: the
// Content-Security-Policy in site_overrides/main.html lets no inline event handler run).
document.querySelectorAll(".print-button").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});

// The header's menu and search buttons (site_overrides/partials/header.html) open and close
// Material's drawer and search, which follow their hidden checkboxes; the buttons say whether
// they are open. Opening search puts the focus in the search box.
document.querySelectorAll("button[data-toggle]").forEach(function (button) {
  var box = document.getElementById(button.getAttribute("data-toggle"));
  var show = function () { button.setAttribute("aria-expanded", String(box.checked)); };
  box.addEventListener("change", show);
  button.addEventListener("click", function () {
    box.click();
    show();
    if (box.checked && box.id === "__search") document.querySelector(".md-search__input").focus();
  });
});
