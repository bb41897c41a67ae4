// Remembered position: showing a page writes nothing on the server, so the page is saved here when it opens
// (PUT /api/position); the sentence (bead) the learner last moved to is saved the same way, in this browser and
// on the server, and brought back into view on return.
export function initPosition(ctx) {
  const key = `bireader.position.${ctx.slug}`;
  let timer = null;

  function remember(bead) {
    localStorage.setItem(key, JSON.stringify({ page: ctx.page, bead }));
    clearTimeout(timer);
    timer = setTimeout(() => {
      fetch("/api/position", {
        method: "PUT", headers: { "Content-Type": "application/json", "X-CSRFToken": ctx.csrf }, credentials: "same-origin",
        body: JSON.stringify({ slug: ctx.slug, page: ctx.page, bead }),
      });
    }, 600);
  }

  try {
    const saved = JSON.parse(localStorage.getItem(key) || "null");
    if (saved && saved.page === ctx.page && !location.hash) {
      const bead = ctx.linking.beadByPosition(saved.bead);
      if (bead && Number(bead.dataset.bead) !== Number(ctx.article.dataset.firstBead)) ctx.linking.setCurrent(bead, true, false);
    }
  } catch { /* a corrupt entry is simply forgotten */ }
  fetch("/api/position", {
    method: "PUT", headers: { "Content-Type": "application/json", "X-CSRFToken": ctx.csrf }, credentials: "same-origin",
    body: JSON.stringify({ slug: ctx.slug, page: ctx.page, bead: Number(ctx.article.dataset.firstBead) || 0,
                           create_learner: false }),  // opening a page makes no learner for a mere visitor
  });
  return { remember };
}
