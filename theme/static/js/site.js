// Site-wide enhancements. Every page works without this file.
import { initExitPage } from "./exit-page.js";
import { initSiteSearch } from "./site-search.js";

initExitPage(document);
initSiteSearch(document);
