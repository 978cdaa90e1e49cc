"""Content checks shared by `make check`, the test suite and the benchmark."""
