"""The concept's idea in three figures: pure functions from cited inputs to SVG and table rows.

1. :mod:`.lens` — the frame an M lens is made for, with the concept's sensor inside at one scale, and
   the lens's angle of view on each, to scale; :func:`.numbers.lens_numbers` the numbers behind it.
2. :mod:`.flange` — a side view, front to back to scale: the mount's flange focal distance against the
   phone's body; :func:`.numbers.flange_numbers`.
3. :mod:`.module` — a labelled schematic of the camera module (not to scale).

:mod:`.pages` gathers their inputs from the catalogue and makes their pages. Everything else here reads
no data and knows no file: the inputs are facts (values with their sources), so a changed input changes
the drawing and every number, and tests can feed any values they like.
"""
