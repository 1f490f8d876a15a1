// The searchable pickers of accompagnement/widgets.py (no library: see the module's docstring).
// 1. input[data-recherche]: suggestions in the box's <datalist>, fetched while typing; the server
//    resolves the typed text, so this is only a help (the box works without JavaScript).
// 2. input[data-filtre-cases]: a box above a list of checkboxes hides those whose label does not hold
//    every typed word (accents and case ignored).
(() => {
  const plier = (texte) =>
    texte
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();

  document.querySelectorAll("input[data-recherche]").forEach((input) => {
    const list = document.getElementById(input.getAttribute("list"));
    const url = new URL(input.dataset.recherche, window.location.origin);
    let timer = null;
    let controller = null;
    const next = input.dataset.suivant ? document.getElementById(input.dataset.suivant) : null;

    const fill = (resultats) => {
      list.replaceChildren(
        ...resultats.map((r) => {
          const option = document.createElement("option");
          option.value = r.label;
          return option;
        }),
      );
    };

    input.addEventListener("input", () => {
      const value = input.value.trim();
      // A suggestion was picked: go straight to the next box (e.g. the number of letters).
      if (Array.from(list.options).some((o) => o.value === input.value)) {
        if (next) {
          next.focus();
          next.select();
        }
        return;
      }
      window.clearTimeout(timer);
      if (value.length < 2) {
        fill([]);
        return;
      }
      timer = window.setTimeout(() => {
        if (controller) controller.abort();
        controller = new AbortController();
        url.searchParams.set("q", value);
        fetch(url, { headers: { Accept: "application/json" }, signal: controller.signal })
          .then((response) => (response.ok ? response.json() : { resultats: [] }))
          .then((data) => fill(data.resultats))
          .catch(() => {});
      }, 200);
    });
  });

  const groupes = new Map();
  document.querySelectorAll("input[data-filtre-cases]").forEach((box) => {
    if (!groupes.has(box.name)) groupes.set(box.name, []);
    groupes.get(box.name).push(box);
  });
  groupes.forEach((boxes, name) => {
    // Each checkbox sits in its own line (crispy's div.form-check, or Django's div); the lines share a parent.
    const ligneDe = (box) => box.closest(".form-check") || box.parentElement;
    const filtre = document.createElement("input");
    filtre.type = "search";
    filtre.className = "form-control form-control-sm mb-2";
    filtre.id = `filtre-${name}`;
    filtre.placeholder = boxes[0].dataset.filtreCases;
    filtre.setAttribute("aria-label", boxes[0].dataset.filtreCases);
    const lignes = boxes.map((box) => ({ ligne: ligneDe(box), texte: plier(ligneDe(box).textContent) }));
    filtre.addEventListener("input", () => {
      const mots = plier(filtre.value).split(/\s+/).filter(Boolean);
      lignes.forEach(({ ligne, texte }) => {
        ligne.hidden = !mots.every((mot) => texte.includes(mot));
      });
    });
    ligneDe(boxes[0]).parentElement.before(filtre);
  });
})();
