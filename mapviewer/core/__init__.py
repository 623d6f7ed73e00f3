"""The Qt-free core: data model, loading and validation, mentions, claims, filters, map and export data.

Nothing under this package may import PySide6; a test enforces it.
"""
