//! sitrep ingest (being written).
