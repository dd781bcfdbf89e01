//! sitrep clean (being written).
