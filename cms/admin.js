// Starts the page editor (Sveltia CMS, self-hosted: cms/README.md says why
// and how it is built). No inline script: the page's policy is script-src 'self'.
import { makeFormat } from "./header-format.js";

// The bundle asks unpkg.com for its newest version every hour, which would be a
// request to a third party and is blocked by the policy anyway. The version is
// pinned in cms/package-lock.json and updated with npm, so answer "not found" here.
const networkFetch = window.fetch.bind(window);
window.fetch = (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (url.startsWith("https://unpkg.com/")) return Promise.resolve(new Response("", { status: 404 }));
  return networkFetch(input, init);
};

// The bundle starts by itself unless this is set before it is evaluated.
window.CMS_MANUAL_INIT = true;

const config = await (await networkFetch("./config.json", { cache: "no-store" })).json();
const { header_fields: headerFields } = config;
for (const key of Object.keys(config)) if (key.startsWith("_") || key === "header_fields") delete config[key];

const CMS = await import("./sveltia-cms.mjs");
CMS.registerCustomFormat(config.collections[0].format, "md", makeFormat(headerFields));
CMS.init({ config: { ...config, load_config_file: false } });
