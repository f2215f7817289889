"""Infrastructure shared by every feature: configuration, database, auth plumbing, errors."""
