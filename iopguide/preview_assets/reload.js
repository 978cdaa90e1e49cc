// Live preview only: iopguide/preview.py adds this to the pages it serves; the
// published site never has it. The server sends the id of each finished build
// (server-sent events, same origin, so the site's CSP allows it); when it is not
// the build this page came from, the page reloads: the new version, or the error.
const built = new URL(import.meta.url).searchParams.get("build");
const events = new EventSource("/__preview__/events");
events.addEventListener("build", (event) => {
  if (event.data !== built) {
    events.close();
    window.location.reload();
  }
});
