// Reading preferences kept in this browser: theme, font size, reveal mode, inline glosses.
const KEY = "bireader.prefs";
const SIZES = [14, 15, 16, 17, 18, 20, 22, 24, 27, 30];

function load() {
  try { return JSON.parse(localStorage.getItem(KEY) || "{}"); } catch { return {}; }
}

export function initPrefs(ctx) {
  const prefs = load();
  const root = document.documentElement;
  const save = () => localStorage.setItem(KEY, JSON.stringify(prefs));
  const button = (action) => ctx.article.querySelector(`[data-action="${action}"]`);

  function apply() {
    if (prefs.theme) root.dataset.theme = prefs.theme; else delete root.dataset.theme;
    if (prefs.font) root.style.setProperty("--font-size", prefs.font + "px");
    ctx.article.classList.toggle("hide-translation", !!prefs.hide);
    ctx.article.classList.toggle("no-glosses", prefs.glosses === false);
    button("reveal-mode")?.setAttribute("aria-pressed", String(!!prefs.hide));
    button("glosses")?.setAttribute("aria-pressed", String(prefs.glosses !== false));
  }

  const api = {
    toggleTheme() {
      const dark = prefs.theme ? prefs.theme === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
      prefs.theme = dark ? "light" : "dark"; save(); apply();
    },
    font(step) {
      const current = prefs.font || parseFloat(getComputedStyle(root).getPropertyValue("--font-size")) || 18;
      let i = SIZES.findIndex((s) => s >= current);
      if (i < 0) i = SIZES.length - 1;
      prefs.font = SIZES[Math.max(0, Math.min(SIZES.length - 1, i + step))]; save(); apply();
    },
    toggleHide() {
      prefs.hide = !prefs.hide; save();
      ctx.article.querySelectorAll(".bead.revealed").forEach((b) => b.classList.remove("revealed"));
      apply();
    },
    toggleGlosses() { prefs.glosses = prefs.glosses === false; save(); apply(); },
  };
  ctx.article.querySelector(".toolbar").addEventListener("click", (event) => {
    const action = event.target.closest("button")?.dataset.action;
    if (action === "theme") api.toggleTheme();
    else if (action === "font-smaller") api.font(-1);
    else if (action === "font-larger") api.font(1);
    else if (action === "reveal-mode") api.toggleHide();
    else if (action === "glosses") api.toggleGlosses();
    else if (action === "help") ctx.article.querySelector("dialog.help").showModal();
    else if (action === "speak") ctx.speech.speakCurrent();
  });
  apply();
  return api;
}
