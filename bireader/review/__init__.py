"""The teacher's alignment review: pure bead edits (:mod:`.edits`) and applying them to a stored text (:mod:`.service`).
See docs/review.md."""
