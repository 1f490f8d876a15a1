// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Forms with data-confirm ask before submitting (e.g. closing a file).
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
  // Selects with data-autosubmit submit their form when changed (filters).
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
  // A table wider than its box scrolls sideways: it takes the keyboard focus, so that the arrow keys
  // scroll it without a mouse (WCAG 2.1.1).
  document.querySelectorAll(".table-responsive").forEach((boite) => {
    if (boite.scrollWidth > boite.clientWidth && !boite.hasAttribute("tabindex")) boite.tabIndex = 0;
  });
});
