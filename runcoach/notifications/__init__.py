"""Notifications: in-app, email and push, digests, quiet hours."""
