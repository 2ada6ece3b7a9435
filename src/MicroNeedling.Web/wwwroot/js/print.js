// The Content Security Policy allows no inline handlers, so the print button is wired up here.
document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
});
