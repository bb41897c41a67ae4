// Sentence linking: pointing at a sentence highlights it with its counterpart in the other column (the whole
// bead), scrolled into view if it is off screen; j/k move a "current" bead (and the keyboard focus, see
// focus.js); in reveal mode a click reveals.
export function initLinking(ctx) {
  const beads = () => [...ctx.article.querySelectorAll(".bead")];
  let linked = null;
  let current = null;

  function link(bead) {
    if (linked === bead) return;
    linked?.classList.remove("linked");
    linked = bead;
    bead?.classList.add("linked");
  }

  function keepInView(element) {
    if (!element) return;
    const box = element.getBoundingClientRect();
    if (box.bottom < 0 || box.top > innerHeight) element.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  function counterpart(sentence) {
    const bead = sentence.closest(".bead");
    const other = sentence.closest(".side.source") ? ".side.target" : ".side.source";
    return bead.querySelector(other);
  }

  ctx.article.addEventListener("mouseover", (event) => {
    const sentence = event.target.closest(".s");
    if (!sentence) return;
    link(sentence.closest(".bead"));
    keepInView(counterpart(sentence));
  });
  ctx.article.querySelector(".beads").addEventListener("mouseleave", () => link(null));
  ctx.article.addEventListener("click", (event) => {
    const sentence = event.target.closest(".s");
    if (!sentence) return;
    const bead = sentence.closest(".bead");
    if (ctx.article.classList.contains("hide-translation") && !event.target.closest(".w")) {
      bead.classList.toggle("revealed");
    }
    link(bead); // a tap links as a hover does
    setCurrent(bead, false);
  });

  // focus: move the keyboard's tab stop to the bead's sentence and focus it (true), only move it (false), or
  // leave it where it is (null: focus.js moving among the bead's words)
  function setCurrent(bead, scroll = true, focus = scroll) {
    if (!bead) return;
    if (focus !== null) ctx.focus?.toSentence(bead, focus);
    current?.classList.remove("current");
    current = bead;
    bead.classList.add("current");
    link(bead);
    if (scroll) bead.scrollIntoView({ block: "center", behavior: "smooth" });
    ctx.position?.remember(Number(bead.dataset.bead));
  }

  return {
    get current() { return current; },
    setCurrent,
    move(step) {
      const all = beads();
      const i = current ? all.indexOf(current) : -1;
      const next = i + step;
      if (next >= all.length) return false;
      setCurrent(all[Math.max(0, next)]);
      return true;
    },
    revealCurrent() { (current || linked)?.classList.toggle("revealed"); },
    beadByPosition(position) { return ctx.article.querySelector(`.bead[data-bead="${position}"]`); },
  };
}
