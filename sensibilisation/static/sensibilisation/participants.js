// Live totals of the participants form; the server computes the same totals on save.
document.addEventListener("DOMContentLoaded", () => {
  const champs = document.querySelectorAll("input[data-participants]");
  const total = document.getElementById("total-participants");
  const pros = document.getElementById("total-professionnels");
  if (!champs.length || !total || !pros) return;
  const valeur = (input) => Math.max(parseInt(input.value, 10) || 0, 0);
  const recalculer = () => {
    let somme = 0;
    let professionnels = 0;
    champs.forEach((input) => {
      somme += valeur(input);
      if (input.dataset.participants === "pro") professionnels += valeur(input);
    });
    total.textContent = somme.toLocaleString(document.documentElement.lang);
    pros.textContent = professionnels.toLocaleString(document.documentElement.lang);
  };
  champs.forEach((input) => input.addEventListener("input", recalculer));
  recalculer();
});
