"""Browser tests: the demo personas play the year in Chromium (issue #6 point 5)."""
