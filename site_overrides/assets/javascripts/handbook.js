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

// The header's light/dark button (site_overrides/partials/palette.html) chooses the next colour
// option: it clicks that option's radio button, which Material's script follows (it shows the
// button after the chosen radio), then the focus goes to the button now shown. Enter is kept from
// Material's own Enter handler on the form, which would choose once more and focus the radio.
document.querySelectorAll("button[data-palette-next]").forEach(function (button) {
  button.addEventListener("keydown", function (event) {
    if (event.key === "Enter") event.stopPropagation();
  });
  button.addEventListener("click", function () {
    var next = document.getElementById(button.getAttribute("data-palette-next"));
    next.click();
    next.nextElementSibling.focus();
  });
});
