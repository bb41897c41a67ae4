// Where learners struggle: the words whose gloss this learner opened on this page and the sentences whose
// hidden translation they revealed, counted here and sent in batches (POST /api/activity): once the page has
// been open a few seconds (it counts as read), then at most every half minute while something new happened, and
// when the page is left. Never a request per hover. Only for logged-in readers (article[data-record]).
const FIRST = 5000;
const EVERY = 30000;

export function initActivity(ctx) {
  const noop = { lookup() {}, flush() {} };
  if (!ctx.article.dataset.record) return noop;
  const lookups = new Map(); // "lang|lemma" -> {lang, lemma, gloss, bead, n}
  const reveals = new Map(); // bead -> n
  const seen = new Set(); // a word counts once per page view, however often the pointer passes over it
  let sentPage = false;
  const openedAt = Date.now();

  function flush() {
    const nothing = !lookups.size && !reveals.size;
    if (nothing && (sentPage || Date.now() - openedAt < FIRST)) return; // a page flipped past is not read
    const body = {
      slug: ctx.slug, page: ctx.page, lookups: [...lookups.values()],
      reveals: [...reveals].map(([bead, n]) => ({ bead, n })),
    };
    lookups.clear();
    reveals.clear();
    sentPage = true;
    fetch("/api/activity", {
      method: "POST", keepalive: true, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": ctx.csrf }, body: JSON.stringify(body),
    }).catch(() => {});
  }

  function lookup(w, gloss) {
    const lang = w.closest("[lang]")?.getAttribute("lang") || ctx.sourceLang;
    const key = `${lang}|${w.dataset.l}`;
    if (!w.dataset.l || seen.has(key)) return;
    seen.add(key);
    const bead = Number(w.closest(".bead")?.dataset.bead || 0);
    const meaning = gloss?.rendering_text || gloss?.senses?.[0] || "";
    lookups.set(key, { lang, lemma: w.dataset.l, gloss: meaning, bead, n: 1 });
  }

  // a bead's translation revealed in hide-translation mode (by click, tap or the r key): its class changes
  new MutationObserver((changes) => {
    if (!ctx.article.classList.contains("hide-translation")) return;
    for (const change of changes) {
      const bead = change.target;
      if (bead.classList.contains("revealed") && !(change.oldValue || "").split(" ").includes("revealed")) {
        const position = Number(bead.dataset.bead);
        reveals.set(position, (reveals.get(position) || 0) + 1);
      }
    }
  }).observe(ctx.article.querySelector(".beads"), { subtree: true, attributeFilter: ["class"], attributeOldValue: true });

  setTimeout(flush, FIRST);
  setInterval(() => { if (lookups.size || reveals.size) flush(); }, EVERY);
  addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") flush(); });
  addEventListener("pagehide", flush);
  return { lookup, flush };
}
