// Site-wide enhancements. The page works without this file.
import { initExitPage } from "./exit-page.js";

initExitPage(document);
