"""Text in, dataclasses out. Never imports Django."""
