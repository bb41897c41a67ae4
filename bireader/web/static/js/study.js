/* The review page by keyboard: Space/Enter shows the answer, h the hint, 1-4 rate (Again, Hard, Good, Easy).
   Without JavaScript the same page works with its <details> and one form per rating. */
(function () {
  "use strict";
  const card = document.querySelector(".study .card");
  if (!card) return;
  const answer = card.querySelector("details.answer");
  const hint = card.querySelector("details.hint");
  let sent = false;

  function showAnswer() {
    if (!answer.open) answer.open = true;
    const good = answer.querySelector(".rate-good");
    if (good) good.focus({ preventScroll: true });
  }

  function rate(rating) {
    const button = answer.querySelector(`button[name="rating"][value="${rating}"]`);
    if (!button || sent) return;
    sent = true;  // one rating per card, however fast the keys come
    button.form.requestSubmit(button);
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select")) return;
    const key = event.key;
    if (key === " " || key === "Enter") {
      if (!answer.open) { event.preventDefault(); showAnswer(); }
      else if (key === " " && !event.target.closest("button")) event.preventDefault();  // keep it open
    } else if (key === "h" && hint) {
      hint.open = !hint.open;
    } else if (["1", "2", "3", "4"].includes(key)) {
      event.preventDefault();
      if (!answer.open) showAnswer(); else rate(key);
    }
  });
  document.addEventListener("submit", () => { sent = true; });
})();
