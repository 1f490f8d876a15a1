// Group attendance: narrow the list of persons while typing, and count the ticked boxes.
(() => {
  const filter = document.getElementById("filtre-participants");
  const container = document.getElementById("participants");
  const counter = document.getElementById("compte-participants");
  if (!filter || !container) return;
  const fold = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const items = Array.from(container.querySelectorAll(".participant")).map((el) => ({ el, key: fold(el.textContent) }));

  filter.addEventListener("input", () => {
    const query = fold(filter.value.trim());
    items.forEach(({ el, key }) => el.classList.toggle("d-none", query !== "" && !key.includes(query)));
  });
  // Enter in the filter must not submit the form.
  filter.addEventListener("keydown", (event) => {
    if (event.key === "Enter") event.preventDefault();
  });
  const count = () => {
    counter.textContent = container.querySelectorAll("input[type=checkbox]:checked").length;
  };
  container.addEventListener("change", count);
  count();
})();
