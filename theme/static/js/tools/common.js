// Small helpers the tool modules share (the next-steps sheet, fill-in
// scripts and letters, the option grid). No dependencies, no storage, no
// requests: what a visitor types stays in the page's memory and is gone when
// the page closes. Nodes are built with the DOM, never from HTML text, and
// no inline styles are set (strict CSP): only classes and attributes.

/** An element: el("p", {class: "x", text: "words"}, child, ...). */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value == null) continue;
    if (key === "text") node.textContent = value;
    else if (key === "on") for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child != null && child !== false) node.append(child);
  return node;
}

/** Text with links, from the data's segments: "plain" or {t, href}. */
export function rich(parts, linkClass) {
  const out = document.createDocumentFragment();
  for (const part of parts || []) {
    out.append(typeof part === "string" ? part : el("a", { href: part.href, class: linkClass, text: part.t }));
  }
  return out;
}

/** The words the page gives the tool scripts (theme/templates/partials/tool_words.html). */
export function words(doc = document) {
  const node = doc.querySelector("[data-tool-words]");
  return node ? { ...node.dataset } : {};
}

/**
 * Print one part of the page: site.css hides everything else on paper
 * (html.print-one) until the print dialog closes. `title` is printed above
 * it (data-print-title), so a letter or script keeps its name on paper.
 */
export function printOnly(node, title) {
  const root = document.documentElement;
  const path = [];
  for (let p = node.parentElement; p && p !== root; p = p.parentElement) {
    p.setAttribute("data-print-path", "");
    path.push(p);
  }
  node.setAttribute("data-print-target", "");
  if (title) node.setAttribute("data-print-title", title);
  root.classList.add("print-one");
  const done = () => {
    root.classList.remove("print-one");
    for (const p of path) p.removeAttribute("data-print-path");
    node.removeAttribute("data-print-target");
    node.removeAttribute("data-print-title");
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  window.print();
}

/** Copy text to the clipboard; resolves true if it worked. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
