// Person boxes: suggestions while typing a few letters of the name or the file number.
// The server resolves the typed text ("NAME First (file number)"), so this is only a help.
(() => {
  const boxes = document.querySelectorAll("input[data-recherche-personnes]");
  boxes.forEach((input) => {
    const list = document.getElementById(input.getAttribute("list"));
    const url = new URL(input.dataset.recherchePersonnes, window.location.origin);
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
      if (next && Array.from(list.options).some((o) => o.value === input.value)) {
        next.focus();
        next.select();
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
})();
