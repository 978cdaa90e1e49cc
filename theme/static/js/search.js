// Search results with Pagefind's JavaScript API (runs in the browser). Without JavaScript the page
// still lists every topic. The index lives in <site root>/pagefind/.
const siteRoot = new URL("../../", import.meta.url);

const form = document.querySelector("[data-search-form]");
const box = document.querySelector("[data-search-results]");
const list = document.querySelector("[data-search-list]");
const status = document.querySelector("[data-search-status]");

let pagefindPromise = null;
function loadPagefind() {
  if (!pagefindPromise) {
    pagefindPromise = import(new URL("pagefind/pagefind.js", siteRoot).href).then(async (pf) => {
      await pf.options({ baseUrl: siteRoot.pathname });
      return pf;
    });
  }
  return pagefindPromise;
}

function plain(htmlText) {
  const doc = new DOMParser().parseFromString(htmlText, "text/html");
  return doc.body.textContent || "";
}

async function run(query) {
  box.hidden = false;
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = "Type a word to search.";
    return;
  }
  status.textContent = "Searching…";
  let results;
  try {
    const pagefind = await loadPagefind();
    const search = await pagefind.search(query);
    results = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  } catch (error) {
    status.textContent = "Search is not available right now. Every page is listed below.";
    return;
  }
  status.textContent = results.length
    ? `${results.length} result${results.length === 1 ? "" : "s"} for “${query}”`
    : `No results for “${query}”. Try another word, or see every page below.`;
  for (const data of results) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = data.url;
    a.textContent = data.meta.title;
    const p = document.createElement("p");
    p.className = "hint";
    p.textContent = plain(data.excerpt);
    li.append(a, p);
    list.append(li);
  }
}

// Search words live in the #fragment (never sent to the server), e.g. #q=medicare.
function wordsFromAddress() {
  return new URLSearchParams(window.location.hash.slice(1)).get("q") || "";
}

if (form) {
  const input = form.querySelector("[data-search-input]");
  const initial = wordsFromAddress();
  if (initial) {
    input.value = initial;
    run(initial);
  }
  window.addEventListener("hashchange", () => {
    input.value = wordsFromAddress();
    run(input.value);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    history.replaceState(null, "", `#q=${encodeURIComponent(input.value.trim())}`);
    run(input.value);
    status.focus();
  });
}
