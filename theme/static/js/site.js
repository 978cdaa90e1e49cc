// Site-wide enhancements, in one file so each page makes one script request.
// Every page works without this file: the exit link is a plain link and the
// search form opens the list of all pages.

// "Exit this page", after the GOV.UK component: the link works on its own;
// this adds the shortcut (Shift pressed 3 times within 5 seconds), hides the
// page at once, and replaces this page in the history so Back does not return.
const PRESSES_NEEDED = 3;
const WINDOW_MS = 5000;

function initExitPage(doc) {
  const link = doc.querySelector("[data-exit-page-link]");
  if (!link) return;
  const leave = (event) => {
    if (event) event.preventDefault();
    doc.documentElement.classList.add("exit-page--leaving");
    doc.title = "Loading";
    window.location.replace(link.href);
  };
  link.addEventListener("click", leave);

  let presses = 0;
  let timer = null;
  doc.addEventListener("keyup", (event) => {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(() => { presses = 0; }, WINDOW_MS);
    if (presses >= PRESSES_NEEDED) leave();
  });
}

// The header search box. Search words go in the address's #fragment, which
// browsers never send to the server, so they cannot end up in the host's logs.
// Without JavaScript the form opens the search page (its list of every page)
// and sends no words, because the field has no name.
function initSiteSearch(doc) {
  const form = doc.querySelector("[data-site-search]");
  if (!form) return;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const words = form.querySelector("[data-search-input]").value.trim();
    const target = new URL(form.action, doc.baseURI);
    target.search = "";
    target.hash = words ? `q=${encodeURIComponent(words)}` : "";
    window.location.assign(target.href);
  });
}

initExitPage(document);
initSiteSearch(document);
