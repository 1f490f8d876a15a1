// Polls the state of a PDF generation and updates the progress bar; reloads the page once the
// worker has finished, so the server renders the download link or the failure and its reason.
(function () {
  "use strict";
  var box = document.getElementById("generation");
  if (!box || box.dataset.termine === "1") { return; }
  var url = box.dataset.etatUrl;
  var bar = document.getElementById("progression");
  var status = document.getElementById("statut");
  var delay = 1000;

  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (state) {
        if (bar) { bar.value = state.progression; bar.textContent = state.progression + " %"; }
        if (status) { status.textContent = state.statut_libelle; }
        if (state.termine) { window.location.reload(); return; }
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, 15000);
        window.setTimeout(poll, delay);
      });
  }
  window.setTimeout(poll, 300);
})();
