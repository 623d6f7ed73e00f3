"""mapviewer: a desktop map of the places a set of articles names, with the passages behind each."""

__version__ = "0.1.0"
