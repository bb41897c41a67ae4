// Keyboard: arrows turn pages, j/k move from sentence to sentence, t/r hide and reveal the translation,
// g glosses, s speech, 1 2 3 0 mark the pointed word, + - text size, d theme, ? help; inside a sentence's
// words (Enter or w), focus.js takes the arrows, Enter, Space and Escape first.
export function initKeys(ctx) {
  const go = (rel) => {
    const link = ctx.article.querySelector(`.pager-top a[rel="${rel}"]`);
    if (link) location.href = link.href;
  };
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, select, textarea, dialog")) return; // (buttons keep the shortcuts)
    if (ctx.focus.handle(event)) { event.preventDefault(); return; } // in a sentence's words (focus.js)
    const marks = { "1": "known", "2": "learning", "3": "ignore", "0": null };
    switch (event.key) {
      case "ArrowRight": go("next"); break;
      case "ArrowLeft": go("prev"); break;
      case "j": if (!ctx.linking.move(1)) go("next"); break;
      case "k": ctx.linking.move(-1); break;
      case "t": ctx.prefs.toggleHide(); break;
      case "r": ctx.linking.revealCurrent(); break;
      case "g": ctx.prefs.toggleGlosses(); break;
      case "s": ctx.speech.speakCurrent(); break;
      case "d": ctx.prefs.toggleTheme(); break;
      case "+": case "=": ctx.prefs.font(1); break;
      case "-": ctx.prefs.font(-1); break;
      case "?": ctx.article.querySelector("dialog.help").showModal(); break;
      default:
        if (event.key in marks && ctx.glossPopup.word) ctx.glossPopup.mark(marks[event.key]);
        else return;
    }
    event.preventDefault();
  });
}
