"""The home screen: one call that gathers what the app shows first."""
