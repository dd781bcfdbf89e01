//! `events.geojson`: the events that have a point, as a GeoJSON FeatureCollection.

use crate::text;
use serde_json::{json, Value};
use sitrep_core::Event;
use std::io::{self, Write};

/// Writes `events.geojson`: a FeatureCollection (RFC 7946) with one Point feature per event
/// whose location has both a latitude and a longitude, in the order given; coordinates are
/// `[longitude, latitude]` (WGS 84). Events without coordinates are left out: a point is
/// never made up. One feature per line, so the file diffs well.
pub fn write_geojson<W: Write>(events: &[Event], mut w: W) -> io::Result<()> {
    w.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
    let mut first = true;
    for event in events {
        let Some(feature) = feature(event) else {
            continue;
        };
        w.write_all(if first { b"\n" } else { b",\n" })?;
        first = false;
        serde_json::to_writer(&mut w, &feature)?;
    }
    w.write_all(b"\n]}\n")?;
    w.flush()
}

/// The feature of one event, or `None` when it has no point.
pub fn feature(event: &Event) -> Option<Value> {
    let loc = event.location.as_ref()?;
    let (lat, lon) = (loc.lat?, loc.lon?);
    if !(lat.is_finite() && lon.is_finite()) {
        return None;
    }
    let country = loc.country.as_deref().and_then(crate::countries::by_alpha2);
    Some(json!({
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "id": event.id,
            "title": event.title,
            "event_type": text::event_type_name(event.event_type),
            "sub_event_type": text::sub_event_type_name(event.sub_event_type),
            "date_start": event.date.start,
            "date_end": event.date.end,
            "date_precision": event.date.precision.map(text::time_precision_name),
            "location": loc.name,
            "admin1": loc.admin1,
            "admin2": loc.admin2,
            "country": loc.country,
            "country_name": country.map(|c| c.name),
            "geo_precision": serde_json::to_value(loc.precision).unwrap_or(Value::Null),
            "fatalities": event.fatalities,
            "injured": event.injured,
            "sources": event.sources,
            "conflicts": event.conflicts.len(),
            "articles": event.articles,
        }
    }))
}
