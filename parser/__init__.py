"""Raw report bytes → decoded text → normalised text → sections → table cells (pure Python, no Qt)."""
