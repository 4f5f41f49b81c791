"""The library of measures: the ones shipping with the app (measures.json, from real offices' published plans)
and the office's own, kept in the user data folder and merged with them in every listing."""

from ita_desktop.library.store import (
    OFFICE_LIBRARY_NAME,
    LibraryMeasure,
    all_measures,
    find,
    load_office,
    office_library_path,
    save_to_office,
    shipped,
)

__all__ = ["OFFICE_LIBRARY_NAME", "LibraryMeasure", "all_measures", "find", "load_office", "office_library_path",
           "save_to_office", "shipped"]
