// The header search box. Search words go in the address's #fragment, which
// browsers never send to the server, so they cannot end up in the host's logs.
// Without JavaScript the form opens the search page (its list of every page)
// and sends no words, because the field has no name.
export function initSiteSearch(doc) {
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
