// Show only the fields that apply: the reason for exceptional aid, the number of vouchers,
// new/renewal for health rights, the outcome date once there is an outcome. A field that is
// hidden is emptied, so that it cannot block the form.
(() => {
  const rules = [
    { source: "id_type", target: "motif", show: (v) => v === "exceptionnelle" },
    { source: "id_type", target: "nb_tickets", show: (v) => v === "tickets_services" },
    { source: "id_type", target: "montant", show: (v) => v !== "tickets_services", keep: true },
    { source: "id_type", target: "nature", show: (v) => ["ame", "css", "sante_autre"].includes(v) },
    { source: "id_resultat", target: "date_resultat", show: (v) => v !== "en_attente" },
  ];
  rules.forEach((rule) => {
    const source = document.getElementById(rule.source);
    const field = document.getElementById(`id_${rule.target}`);
    const wrapper = document.getElementById(`div_id_${rule.target}`);
    if (!source || !field || !wrapper) return;
    const apply = (first) => {
      // On load, a field carrying an error stays visible so that the message can be read.
      const visible = rule.show(source.value) || (first && wrapper.querySelector(".is-invalid") !== null);
      wrapper.classList.toggle("d-none", !visible);
      if (!visible && !rule.keep) field.value = "";
    };
    source.addEventListener("change", () => apply(false));
    apply(true);
  });
})();
