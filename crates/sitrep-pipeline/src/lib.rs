//! sitrep pipeline (being written).
