// Keyboard reading without a Tab stop on every word: one roving tab stop inside the text. It sits on the
// current sentence (the bead's French side, or its English where there is no French) and moves with j/k;
// Enter or w goes into that bead's words (French, then English), ← → move from word to word, Home/End jump,
// Enter or Space opens the word's gloss (glosses.js), Escape closes it and then leaves the words.
const HINT = "reader-keys-hint";

export function initFocus(ctx) {
  let stop = null; // the one element of the text that Tab reaches
  let wordMode = false;

  function sentenceOf(bead) {
    const source = bead.querySelector(".side.source");
    return source?.querySelector(".s") ? source : bead.querySelector(".side.target");
  }

  function wordsOf(bead) {
    const hidden = ctx.article.classList.contains("hide-translation") && !bead.classList.contains("revealed")
      && !bead.classList.contains("solo");
    return [...bead.querySelectorAll(".side .w, .side.target .t")]
      .filter((w) => !(hidden && w.closest(".side.target")))
      .filter((w) => w.classList.contains("w") || ctx.glossPopup.canShow(w));
  }

  function moveStop(element, focus) {
    if (!element) return;
    if (stop && stop !== element) {
      stop.tabIndex = -1;
      stop.removeAttribute("aria-describedby");
    }
    stop = element;
    element.tabIndex = 0;
    if (element.classList.contains("side")) {
      element.setAttribute("aria-describedby", HINT);
    } else {
      element.setAttribute("aria-haspopup", "dialog");
    }
    if (focus) element.focus({ preventScroll: true });
  }

  function toSentence(bead, focus = true) {
    wordMode = false;
    moveStop(sentenceOf(bead), focus);
  }

  function toWord(word) {
    wordMode = true;
    moveStop(word, true);
    if (!word.closest(".bead").classList.contains("current")) ctx.linking.setCurrent(word.closest(".bead"), false, null);
    const box = word.getBoundingClientRect();
    if (box.top < 0 || box.bottom > innerHeight) word.scrollIntoView({ block: "nearest" });
  }

  function enterWords() {
    const bead = ctx.linking.current || (stop && stop.closest(".bead"));
    if (!bead) return false;
    const words = wordsOf(bead);
    if (!words.length) return false;
    toWord(words[0]);
    return true;
  }

  function moveWord(step, to = null) {
    const bead = stop.closest(".bead");
    const words = wordsOf(bead);
    const i = words.indexOf(stop);
    const next = to === "first" ? 0 : to === "last" ? words.length - 1 : Math.max(0, Math.min(words.length - 1, i + step));
    if (words[next]) toWord(words[next]);
  }

  // the first bead is the way in before any j/k
  const first = ctx.article.querySelector(".bead");
  if (first) moveStop(sentenceOf(first), false);

  /** Handles a key for the text's focus; returns true when the key was used. */
  function handle(event) {
    const active = document.activeElement;
    const onWord = wordMode && active === stop && active?.matches(".w, .t");
    if (onWord) {
      switch (event.key) {
        case "ArrowRight": moveWord(1); return true;
        case "ArrowLeft": moveWord(-1); return true;
        case "Home": moveWord(0, "first"); return true;
        case "End": moveWord(0, "last"); return true;
        case "Enter": case " ": ctx.glossPopup.show(active, true, true); return true;
        case "Escape": toSentence(active.closest(".bead")); return true;
        default: return false;
      }
    }
    const onSentence = active === stop && active?.classList.contains("side");
    if ((event.key === "Enter" && onSentence) || event.key === "w") return enterWords();
    return false;
  }

  return { handle, toSentence, toWord, get wordMode() { return wordMode; } };
}
