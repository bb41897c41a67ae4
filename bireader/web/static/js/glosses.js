// Gloss popups: pointing at (or tapping) a French word shows its lemma, part of speech, the words this
// translation chose for it (lit up in the English column) and the dictionary senses, with buttons to mark
// the word known / learning / ignore / new. Keys 1 2 3 0 do the same for the word under the pointer.
const POS_NAMES = { NOUN: "noun", VERB: "verb", ADJ: "adjective", ADV: "adverb", AUX: "auxiliary", PRON: "pronoun",
  DET: "determiner", ADP: "preposition", CCONJ: "conjunction", SCONJ: "conjunction", INTJ: "interjection", PART: "particle" };
const MARKS = [["known", "Known", "1"], ["learning", "Learning", "2"], ["ignore", "Ignore", "3"], ["new", "New", "0"]];

export function initGlosses(ctx) {
  const popup = ctx.article.querySelector(".popup");
  let word = null;
  let pinned = false;
  let hideTimer = null;

  const glossOf = (w) => ctx.glosses[w.closest(".s").dataset.gk]?.[w.dataset.i] || null;
  const langOf = (w) => w.closest("[lang]")?.getAttribute("lang") || ctx.sourceLang;

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  function clearRendering() {
    ctx.article.querySelectorAll(".t.rendering, .w.active").forEach((e) => e.classList.remove("rendering", "active"));
  }

  function render(w) {
    const gloss = glossOf(w);
    popup.replaceChildren();
    const head = el("div");
    head.append(el("span", "lemma", gloss?.lemma || w.dataset.l));
    const pos = gloss?.pos;
    if (pos) head.append(el("span", "pos", POS_NAMES[pos] || pos.toLowerCase()));
    popup.append(head);
    if (gloss?.rendering_text) {
      const p = el("p", "rendering", "here: ");
      p.append(el("b", null, gloss.rendering_text));
      popup.append(p);
    }
    if (gloss?.senses?.length) {
      const list = el("ol", "senses");
      gloss.senses.forEach((s) => list.append(el("li", null, s)));
      popup.append(list);
    }
    if (!gloss) popup.append(el("p", "freq", "no dictionary entry"));
    else if (gloss.freq_rank) popup.append(el("p", "freq", `frequency rank ${gloss.freq_rank}${gloss.band ? " · band " + gloss.band : ""}`));
    const marks = el("div", "marks");
    const status = ctx.words.statusOf(w) || "new";
    for (const [value, label, key] of MARKS) {
      const b = el("button", null, label);
      b.type = "button";
      b.dataset.status = value;
      b.title = `${label} (${key})`;
      b.setAttribute("aria-pressed", String(value === status));
      marks.append(b);
    }
    popup.append(marks);
  }

  function lightRendering(w) {
    clearRendering();
    w.classList.add("active");
    const gloss = glossOf(w);
    // a multi-word expression ("pomme de terre") lights up whole
    for (const k of gloss?.group || []) w.closest(".s").querySelector(`.w[data-i="${k}"]`)?.classList.add("active");
    if (!gloss?.rendering?.length) return;
    const bead = w.closest(".bead");
    for (const i of gloss.rendering) bead.querySelector(`.side.target .t[data-bi="${i}"]`)?.classList.add("rendering");
  }

  function place(w) {
    const box = w.getBoundingClientRect();
    popup.hidden = false;
    const width = popup.offsetWidth;
    const left = Math.max(8, Math.min(scrollX + box.left, scrollX + document.documentElement.clientWidth - width - 8));
    popup.style.left = left + "px";
    popup.style.top = scrollY + box.bottom + 6 + "px";
  }

  function show(w, pin = false) {
    clearTimeout(hideTimer);
    word = w;
    pinned = pin;
    render(w);
    place(w);
    lightRendering(w);
  }

  function hide() {
    popup.hidden = true;
    word = null;
    pinned = false;
    clearRendering();
  }

  ctx.article.addEventListener("mouseover", (event) => {
    const w = event.target.closest(".side .w");
    if (w && w !== word && !pinned) show(w);
    if (w || event.target.closest(".popup")) clearTimeout(hideTimer);
  });
  ctx.article.addEventListener("mouseout", (event) => {
    if (pinned || !(event.target.closest(".side .w") || event.target.closest(".popup"))) return;
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 350);
  });
  ctx.article.addEventListener("click", (event) => {
    const w = event.target.closest(".side .w");
    if (w) { show(w, true); return; }
    if (!event.target.closest(".popup")) hide();
  });
  popup.addEventListener("click", (event) => {
    const b = event.target.closest("button[data-status]");
    if (!b || !word) return;
    const status = b.dataset.status === "new" ? null : b.dataset.status;
    ctx.words.set(word.dataset.l, status, langOf(word));
    render(word);
  });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") hide(); });
  ctx.onStatus = () => { if (word) render(word); };

  return {
    get word() { return word; },
    mark(status) { if (word) { ctx.words.set(word.dataset.l, status, langOf(word)); } },
    hide,
  };
}
