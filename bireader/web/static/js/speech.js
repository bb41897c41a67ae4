// Read-aloud with the browser's speech synthesis: the current (or pointed) sentence in its own language.
const VOICE_LANG = { fr: "fr-FR", en: "en-GB" };

export function initSpeech(ctx) {
  const available = "speechSynthesis" in window;
  if (!available) ctx.article.querySelector('[data-action="speak"]')?.setAttribute("hidden", "");
  return {
    speakCurrent() {
      if (!available) return;
      const bead = ctx.linking.current || ctx.article.querySelector(".bead.linked") || ctx.article.querySelector(".bead");
      if (!bead) return;
      const side = bead.querySelector(".side.source .s") ? bead.querySelector(".side.source") : bead.querySelector(".side.target");
      const text = [...side.querySelectorAll(".s")].map((s) => {
        const copy = s.cloneNode(true);
        copy.querySelectorAll("rt").forEach((rt) => rt.remove()); // inline glosses are not read
        return copy.textContent;
      }).join(" ");
      const lang = side.getAttribute("lang") || ctx.sourceLang;
      speechSynthesis.cancel();
      const utterance = new SpeechSynthesisUtterance(text.replace(/\s+/g, " ").trim());
      utterance.lang = VOICE_LANG[lang] || lang;
      speechSynthesis.speak(utterance);
    },
  };
}
