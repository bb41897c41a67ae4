// Gloss popups: pointing at (or tapping) a French word shows its lemma, part of speech, the words this
// translation chose for it (lit up in the English column) and the dictionary senses, with buttons to mark
// the word known / learning / ignore / new. Keys 1 2 3 0 do the same for the word under the pointer.
// Pointing at an English word of a bead with French shows the reverse: the French words aligned to it (lit up in
// the French column) and its English→French dictionary gloss.
// The popup is a dialog: opened from the keyboard (Enter or Space on a focused word, see focus.js) it takes the
// focus; Escape closes it and gives the focus back to the word.
const POS_NAMES = { NOUN: "noun", VERB: "verb", ADJ: "adjective", ADV: "adverb", AUX: "auxiliary", PRON: "pronoun",
  DET: "determiner", ADP: "preposition", CCONJ: "conjunction", SCONJ: "conjunction", INTJ: "interjection", PART: "particle" };
const MARKS = [["known", "Known", "1"], ["learning", "Learning", "2"], ["ignore", "Ignore", "3"], ["new", "New", "0"]];

export function initGlosses(ctx) {
  const popup = ctx.article.querySelector(".popup");
  let word = null;
  let pinned = false;
  let hideTimer = null;
  let fromKeys = false; // opened from the keyboard: the focus goes back to the word on close

  const glossOf = (w) => ctx.glosses[w.closest(".s").dataset.gk]?.[w.dataset.i] || null;
  const langOf = (w) => w.closest("[lang]")?.getAttribute("lang") || ctx.sourceLang;
  // English words of beads with French: the French words whose gloss `rendering` points at them (the word
  // aligner's links read backwards), keyed "bead:data-bi", plus the English→French gloss sent in ctx.english
  const aligned = new Map();
  for (const [gk, words] of Object.entries(ctx.glosses)) {
    const sentence = ctx.article.querySelector(`.side.source .s[data-gk="${gk}"]`);
    if (!sentence) continue; // (English sentences without French have their own glosses)
    const bead = sentence.closest(".bead").dataset.bead;
    for (const [i, gloss] of Object.entries(words)) {
      const w = sentence.querySelector(`.w[data-i="${i}"]`);
      for (const bi of gloss.rendering || []) {
        const key = `${bead}:${bi}`;
        if (!aligned.has(key)) aligned.set(key, []);
        if (w && !aligned.get(key).includes(w)) aligned.get(key).push(w);
      }
    }
  }
  function englishOf(t) {
    const bead = t.closest(".bead")?.dataset.bead;
    const french = aligned.get(`${bead}:${t.dataset.bi}`) || [];
    const gloss = ctx.english[bead]?.[t.dataset.bi];
    return french.length || gloss ? { french, ...gloss } : null;
  }
  for (const t of ctx.article.querySelectorAll(".bead .side.target .t")) if (englishOf(t)) t.classList.add("aligned");

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  function clearRendering() {
    ctx.article.querySelectorAll(".t.rendering, .t.active, .w.active").forEach((e) => e.classList.remove("rendering", "active"));
  }

  function title(text) {
    const t = el("span", "lemma", text);
    t.id = "popup-title";
    return t;
  }

  function renderEnglish(t) {
    const data = englishOf(t);
    popup.replaceChildren();
    const head = el("div");
    head.append(title(data.lemma || t.textContent));
    if (data.pos) head.append(el("span", "pos", POS_NAMES[data.pos] || data.pos.toLowerCase()));
    popup.append(head);
    if (data.french.length) {
      const p = el("p", "french", "in the French: ");
      const b = el("b", null, data.french.map((w) => w.textContent).join(" "));
      b.setAttribute("lang", ctx.sourceLang);
      p.append(b);
      popup.append(p);
    }
    if (data.senses?.length) {
      const p = el("p", "senses", "dictionary: ");
      const words = el("span", null, data.senses.join(", "));
      words.setAttribute("lang", ctx.sourceLang);
      p.append(words);
      popup.append(p);
    }
  }

  // Re-rendering replaces the buttons: a keyboard user keeps the focus on the same button (or the popup).
  function render(w) {
    const focused = popup.contains(document.activeElement) ? document.activeElement.dataset.status || "" : null;
    if (w.classList.contains("t")) renderEnglish(w); else renderFrench(w);
    if (focused !== null) (popup.querySelector(`button[data-status="${focused}"]`) || popup).focus();
  }

  function renderFrench(w) {
    const gloss = glossOf(w);
    popup.replaceChildren();
    const head = el("div");
    head.append(title(gloss?.lemma || w.dataset.l));
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
    if (w.classList.contains("t")) { // an English word: its French words
      for (const french of englishOf(w)?.french || []) french.classList.add("active");
      return;
    }
    const gloss = glossOf(w);
    // a multi-word expression ("pomme de terre") lights up whole
    for (const k of gloss?.group || []) w.closest(".s").querySelector(`.w[data-i="${k}"]`)?.classList.add("active");
    if (!gloss?.rendering?.length) return;
    const bead = w.closest(".bead");
    for (const i of gloss.rendering) bead.querySelector(`.side.target .t[data-bi="${i}"]`)?.classList.add("rendering");
  }

  // Below the word, or above it when there is no room below on the screen (a word near the bottom of a phone)
  function place(w) {
    const box = w.getBoundingClientRect();
    popup.hidden = false;
    const width = popup.offsetWidth, height = popup.offsetHeight;
    const view = document.documentElement;
    const left = Math.max(8, Math.min(scrollX + box.left, scrollX + view.clientWidth - width - 8));
    const above = box.bottom + 6 + height > view.clientHeight - 8 && box.top - 6 - height >= 8;
    popup.style.left = left + "px";
    popup.style.top = scrollY + (above ? box.top - 6 - height : box.bottom + 6) + "px";
  }

  function show(w, pin = false, focus = false) {
    clearTimeout(hideTimer);
    word = w;
    pinned = pin;
    render(w);
    place(w);
    lightRendering(w);
    fromKeys = focus;
    if (focus) popup.focus();
  }

  function hide(restoreFocus = false) {
    const from = word;
    const hadFocus = popup.contains(document.activeElement);
    popup.hidden = true;
    word = null;
    pinned = false;
    clearRendering();
    if (from && (restoreFocus || hadFocus)) ctx.focus?.toWord(from);
  }

  // the words that have a popup: French (and English without French) words, English words with aligned French
  // (in reveal mode an English word shows nothing while its sentence is hidden, and a click there only reveals)
  const hiding = () => ctx.article.classList.contains("hide-translation");
  const target = (event, click = false) => {
    const w = event.target.closest(".side .w, .side.target .t.aligned");
    if (!w || w.classList.contains("w")) return w;
    if (!englishOf(w) || (hiding() && (click || !w.closest(".bead").classList.contains("revealed")))) return null;
    return w;
  };
  ctx.article.addEventListener("mouseover", (event) => {
    const w = target(event);
    if (w && w !== word && !pinned) show(w);
    if (w || event.target.closest(".popup")) clearTimeout(hideTimer);
  });
  ctx.article.addEventListener("mouseout", (event) => {
    if (pinned || !(target(event) || event.target.closest(".popup"))) return;
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 350);
  });
  ctx.article.addEventListener("click", (event) => {
    const w = target(event, true);
    if (w) { show(w, true); return; }
    // (the path, not the target: a mark button clicked has been replaced by the re-render by now)
    if (!event.composedPath().includes(popup)) hide();
  });
  // A tap or click outside the text (the header, the margins) closes the popup too
  document.addEventListener("pointerdown", (event) => {
    if (!popup.hidden && !ctx.article.contains(event.target)) hide();
  });
  popup.addEventListener("click", (event) => {
    const b = event.target.closest("button[data-status]");
    if (!b || !word) return;
    const status = b.dataset.status === "new" ? null : b.dataset.status;
    ctx.words.set(word.dataset.l, status, langOf(word));
    render(word);
  });
  // Tabbing out of a keyboard-opened popup closes it (the focus has gone on to the page)
  popup.addEventListener("focusout", (event) => {
    if (fromKeys && event.relatedTarget && !popup.contains(event.relatedTarget)) hide();
  });
  // Escape closes the popup first (and nothing else: focus.js leaves the words on the next Escape)
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || popup.hidden) return;
    hide(fromKeys);
    event.preventDefault();
    event.stopImmediatePropagation();
  });
  ctx.onStatus = () => { if (word) render(word); };

  return {
    get word() { return word?.classList.contains("w") ? word : null; }, // the word keys 1 2 3 0 mark
    get open() { return !popup.hidden; },
    canShow: (w) => w.classList.contains("w") || !!englishOf(w),
    mark(status) { if (word?.classList.contains("w")) { ctx.words.set(word.dataset.l, status, langOf(word)); } },
    show,
    hide,
  };
}
