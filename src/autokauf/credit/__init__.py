"""Credit: applications, affordability, the bureau port, decisions, review by a person."""
