// Known words: the learner's status per lemma (known / learning / ignore / new), saved on the server and
// applied at once to every occurrence on this page, in other open tabs, and on pages shown from history.
const STATUSES = ["known", "learning", "ignore"];
const channel = "BroadcastChannel" in window ? new BroadcastChannel("bireader-words") : null;

export function initWords(ctx) {
  // Words are glossable in the original and, where it has no original, in the translation: each language keeps
  // its own statuses (marking English "house" says nothing about French "maison").
  const langs = () => new Set([...ctx.article.querySelectorAll(".side")].filter((s) => s.querySelector(".w"))
    .map((s) => s.getAttribute("lang")));

  function apply(lang, lemma, status) {
    const selector = `.side[lang="${CSS.escape(lang)}"] .w[data-l="${CSS.escape(lemma)}"]`;
    ctx.article.querySelectorAll(selector).forEach((w) => {
      STATUSES.forEach((s) => w.classList.toggle("st-" + s, s === status));
    });
    ctx.onStatus?.(lemma, status);
  }

  async function set(lemma, status, lang = ctx.sourceLang) {
    apply(lang, lemma, status); // instantly; the server confirms
    const response = await fetch("/api/words", {
      method: "PUT", headers: { "Content-Type": "application/json", "X-CSRFToken": ctx.csrf }, credentials: "same-origin",
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
    for (const lang of langs()) {
      const response = await fetch(`/api/words?lang=${encodeURIComponent(lang)}`, { credentials: "same-origin" });
      if (!response.ok) continue;
      const statuses = await response.json();
      const words = ctx.article.querySelectorAll(`.side[lang="${CSS.escape(lang)}"] .w`);
      new Set([...words].map((w) => w.dataset.l)).forEach((lemma) => apply(lang, lemma, statuses[lemma] || null));
    }
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
    if (event.data?.lang) { apply(event.data.lang, event.data.lemma, event.data.status); refreshCounts(); }
  });
  // A page restored from the back/forward cache may be stale: ask the server again.
  addEventListener("pageshow", (event) => { if (event.persisted) { refreshAll(); refreshCounts(); } });
  refreshCounts();
  return { set, statusOf, refreshAll };
}
