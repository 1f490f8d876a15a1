// "Add a person" on the report form: clones the empty line of the formset (collective situations).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-formset-add]").forEach((button) => {
    const prefix = button.dataset.formsetAdd;
    const template = document.getElementById(`${prefix}-vide`);
    const total = document.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    const target = document.getElementById(`${prefix}-lignes`);
    if (!template || !total || !target) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      const index = Number(total.value);
      const html = template.innerHTML.replaceAll("__prefix__", String(index)).replaceAll("__numero__", String(index + 1));
      target.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      target.lastElementChild.querySelector("input, select")?.focus();
    });
  });
});
