"""Charts for the back office's screens: series from the rows a screen shows
(`series`), drawn as server-rendered SVG with its table beside (`svg`, `screens`)."""
