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

// "On this page": a folded <details> before the text on phones; open where
// site.css puts it in a right-hand column (.page--toc-side, 64 em up: the
// same width as there). No style is read, so nothing is laid out twice.
function initContents(doc) {
  const details = doc.querySelector(".page--toc-side [data-toc]");
  if (!details) return;
  const wide = window.matchMedia("(min-width: 64em)");
  const place = () => { details.open = wide.matches; };
  place();
  wide.addEventListener("change", place);
}

// Sources: open in the HTML (so without JavaScript a citation link always
// lands on its entry); folded here, and opened again whenever the address
// points into the list (a citation followed, a shared link, Back) or the page
// is printed.
function initSources(doc) {
  const details = doc.querySelector("[data-sources]");
  if (!details) return;
  const showTarget = () => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id && doc.getElementById(id);
    if (target && details.contains(target)) {
      details.open = true;
      target.scrollIntoView();
    }
  };
  details.open = false;
  showTarget();
  window.addEventListener("hashchange", showTarget);
  // The same citation followed twice does not change the address: open on click too.
  doc.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest('a[href^="#source-"]')) details.open = true;
  });
  window.addEventListener("beforeprint", () => { details.open = true; });
}

// The self-check (a page whose quiz names its data module) loads its scripts
// only once the page has first painted. Until then Start is a plain link to
// the printable self-check, which works on its own, so nothing is lost; and on
// a slow phone the quiz's code (about 25 KB) no longer holds up the first sight
// of the page (Lighthouse counted it against the largest paint). quiz.js is
// fetched beside the data module, not after it; both resolve to one module.
function initSelfCheck(doc) {
  const root = doc.querySelector("[data-quiz-module]");
  if (!root) return;
  const load = () => Promise.all([
    import("./quiz/quiz.js"),
    import(new URL(root.dataset.quizModule, doc.baseURI).href),
  ]).catch(() => {});   // Start stays a link to the printable self-check
  afterFirstPaint(load);
}

function afterFirstPaint(run) {
  let done = false;
  const once = () => {
    if (!done) {
      done = true;
      run();
    }
  };
  const types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
  if (!types.includes("paint")) {
    once();
    return;
  }
  new PerformanceObserver((list, observer) => {
    if (list.getEntriesByName("first-contentful-paint").length) {
      observer.disconnect();
      setTimeout(once, 0);
    }
  }).observe({ type: "paint", buffered: true });
  // A page opened in a background tab paints only when shown: load anyway.
  setTimeout(once, 1500);
}

initExitPage(document);
initSiteSearch(document);
initContents(document);
initSources(document);
initSelfCheck(document);
