"""Helpers every app may use: forms, paging, working days, environment and marking. Imports
no macehub app (the lowest layer)."""
