"""What the bot does: answer now; clarify, tickets, routing, handoff and notify come next."""

from actions.answer import office_hours_text, render_answer

__all__ = ["office_hours_text", "render_answer"]
