"""Bring-your-own-articles: extract text from user files, find and place the places they name, store
the result atomically in a user workspace. Qt-free, like the rest of mapviewer.core."""
