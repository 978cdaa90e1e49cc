"""The one error type editors see from this plugin."""


class ContentError(Exception):
    """A mistake in content/ that stops the build.

    The message names the file, the field and what is expected, so an editor
    can fix it without reading code.
    """

    def __init__(self, problems):
        self.problems = list(problems)
        listing = "\n".join(f"  - {p}" for p in self.problems)
        noun = "problem" if len(self.problems) == 1 else "problems"
        super().__init__(f"{len(self.problems)} content {noun} found:\n{listing}")
