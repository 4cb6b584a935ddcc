"""Insurance: quotes, policies, eVB numbers."""
