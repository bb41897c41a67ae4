// Entry point of the reader page: finds the page's context and starts each feature module.
// Reading works without this script; each module adds one interaction.
import { initPrefs } from "./prefs.js";
import { initLinking } from "./linking.js";
import { initWords } from "./words.js";
import { initGlosses } from "./glosses.js";
import { initKeys } from "./keys.js";
import { initPosition } from "./position.js";
import { initSpeech } from "./speech.js";
import { initFocus } from "./focus.js";
import { initActivity } from "./activity.js";

const article = document.querySelector("article.reader");
if (article) {
  const ctx = {
    article,
    slug: article.dataset.slug,
    page: Number(article.dataset.page),
    pages: Number(article.dataset.pages),
    sourceLang: article.dataset.sourceLang,
    targetLang: article.dataset.targetLang,
    glosses: JSON.parse(document.getElementById("page-glosses").textContent || "{}"),
    english: JSON.parse(document.getElementById("page-english")?.textContent || "{}"),
    csrf: document.querySelector('meta[name="csrf-token"]')?.content || "", // sent with every write (X-CSRFToken)
  };
  ctx.activity = initActivity(ctx);
  article.querySelector(".toolbar").hidden = false;
  ctx.prefs = initPrefs(ctx);
  ctx.linking = initLinking(ctx);
  ctx.words = initWords(ctx);
  ctx.glossPopup = initGlosses(ctx);
  ctx.speech = initSpeech(ctx);
  ctx.focus = initFocus(ctx);
  ctx.position = initPosition(ctx);
  initKeys(ctx);
  // #b41 (the class page's links to a sentence): that bead becomes the current one, in view
  const target = /^#b(\d+)$/.exec(location.hash);
  if (target) ctx.linking.setCurrent(ctx.linking.beadByPosition(target[1]));
  document.documentElement.classList.add("js");
}
