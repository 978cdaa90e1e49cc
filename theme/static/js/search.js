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

// The words this script shows, in the page's language: data-msg-* attributes on
// the results box (search.html fills them from content/data/strings.yaml).
function msg(name, values = {}) {
  return (box.dataset[name] || "").replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

async function run(query) {
  box.hidden = false;
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = msg("msgType");
    return;
  }
  status.textContent = msg("msgSearching");
  let results, count;
  try {
    const pagefind = await loadPagefind();
    const search = await pagefind.search(query);
    count = search.results.length;   // every match; the first 10 are shown
    results = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  } catch (error) {
    status.textContent = msg("msgError");
    return;
  }
  status.textContent = count
    ? msg(count === 1 ? "msgOne" : "msgMany", { count, query })
    : msg("msgNone", { query });
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
// null: the address asks for no search at all.
function wordsFromAddress() {
  return new URLSearchParams(window.location.hash.slice(1)).get("q");
}

// An old or hand-made link may put the words in the query (?q=insurance): the
// server has seen them once already. Move them to the #fragment so the address
// that stays in the history, and any link copied from it, keeps them private.
function moveQueryToFragment() {
  const words = new URLSearchParams(window.location.search).get("q");
  if (words === null) return;
  history.replaceState(null, "", `${window.location.pathname}#q=${encodeURIComponent(words.trim())}`);
}

if (form) {
  const input = form.querySelector("[data-search-input]");
  moveQueryToFragment();
  const initial = wordsFromAddress();
  if (initial !== null) {
    input.value = initial;
    run(initial);   // an empty #q= says "Type a word to search."
  }
  window.addEventListener("hashchange", () => {
    input.value = wordsFromAddress() || "";
    run(input.value);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    history.replaceState(null, "", `#q=${encodeURIComponent(input.value.trim())}`);
    run(input.value);
    status.focus();
  });
}
