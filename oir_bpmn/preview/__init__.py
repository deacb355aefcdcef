"""``oir-bpmn watch``: rebuild the models as they are saved and show them on a local page.

loop (watch the model files, build incrementally, keep the state) → page (the HTML: each
process's diagram, its diff, the problems at file:line) → server (127.0.0.1 only; the page
reloads itself on server-sent events after each build).
"""
