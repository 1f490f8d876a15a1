// Decision form: show only the part that matches the chosen decision (every part stays usable without JS).
document.addEventListener("DOMContentLoaded", () => {
  const radios = document.querySelectorAll("input[name=decision]");
  const parts = document.querySelectorAll("[data-decision]");
  if (!radios.length || !parts.length) return;
  const update = () => {
    const chosen = document.querySelector("input[name=decision]:checked");
    parts.forEach((part) => {
      part.hidden = Boolean(chosen) && part.dataset.decision !== chosen.value;
    });
  };
  radios.forEach((radio) => radio.addEventListener("change", update));
  update();
});
