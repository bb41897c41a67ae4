// Known words: the learner's status per lemma (known / learning / ignore / new), saved on the server and
// applied at once to every occurrence on this page, in other open tabs, and on pages shown from history.
const STATUSES = ["known", "learning", "ignore"];
const channel = "BroadcastChannel" in window ? new BroadcastChannel("bireader-words") : null;

export function initWords(ctx) {
  const lang = ctx.sourceLang;

  function apply(lemma, status) {
    const selector = `.side.source .w[data-l="${CSS.escape(lemma)}"]`;
    ctx.article.querySelectorAll(selector).forEach((w) => {
      STATUSES.forEach((s) => w.classList.toggle("st-" + s, s === status));
    });
    ctx.onStatus?.(lemma, status);
  }

  async function set(lemma, status) {
    apply(lemma, status); // instantly; the server confirms
    const response = await fetch("/api/words", {
      method: "PUT", headers: { "Content-Type": "application/json" }, credentials: "same-origin",
      body: JSON.stringify({ lang, lemma, status: status || "new" }),
    });
    if (!response.ok) { console.error("could not save", lemma, await response.text()); return; }
    channel?.postMessage({ lang, lemma, status });
    refreshCounts();
  }

  function statusOf(word) {
    return STATUSES.find((s) => word.classList.contains("st-" + s)) || null;
  }

  async function refreshAll() {
    const response = await fetch(`/api/words?lang=${encodeURIComponent(lang)}`, { credentials: "same-origin" });
    if (!response.ok) return;
    const statuses = await response.json();
    const lemmas = new Set([...ctx.article.querySelectorAll(".side.source .w")].map((w) => w.dataset.l));
    lemmas.forEach((lemma) => apply(lemma, statuses[lemma] || null));
  }

  let countsTimer = null;
  function refreshCounts() {
    clearTimeout(countsTimer);
    countsTimer = setTimeout(async () => {
      const target = ctx.article.querySelector(".count-figures");
      if (!target) return;
      const response = await fetch(`/api/texts/${encodeURIComponent(ctx.slug)}/counts`, { credentials: "same-origin" });
      if (!response.ok) return;
      const c = await response.json();
      target.textContent = `: ${c.known} known · ${c.learning} learning · ${c.new} new (${c.rare} rarer than your level) · ${c.ignore} ignored`;
    }, 250);
  }

  channel?.addEventListener("message", (event) => {
    if (event.data?.lang === lang) { apply(event.data.lemma, event.data.status); refreshCounts(); }
  });
  // A page restored from the back/forward cache may be stale: ask the server again.
  addEventListener("pageshow", (event) => { if (event.persisted) { refreshAll(); refreshCounts(); } });
  refreshCounts();
  return { set, statusOf, refreshAll };
}
