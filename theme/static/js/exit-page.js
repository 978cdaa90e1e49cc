// "Exit this page", after the GOV.UK component: the link works on its own;
// this adds the shortcut (Shift pressed 3 times within 5 seconds), hides the
// page at once, and replaces this page in the history so Back does not return.
const PRESSES_NEEDED = 3;
const WINDOW_MS = 5000;

export function initExitPage(doc) {
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
