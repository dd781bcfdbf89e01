//! The OpenAPI 3.1 document of the API, served at `/api/openapi.json`: the contract of every
//! route, parameter, body and error.

use axum::Json;
use serde_json::{json, Value};

pub(crate) async fn openapi() -> Json<Value> {
    Json(openapi_document())
}

/// The OpenAPI 3.1 document of the API.
pub fn openapi_document() -> Value {
    let error = json!({"$ref": "#/components/schemas/Error"});
    let err = |desc: &str| json!({"description": desc, "content": {"application/json": {"schema": error}}});
    let id_param = |what: &str| {
        json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"},
                "description": format!("The {what} id.")}])
    };
    let q = |name: &str, ty: &str, desc: &str| {
        json!({"name": name, "in": "query", "required": false, "schema": {"type": ty},
               "description": desc})
    };
    let any_obj = json!({"content": {"application/json": {"schema": {"type": "object"}}}});
    let article_in = json!({
        "type": "object",
        "properties": {
            "id": {"type": "string"}, "url": {"type": "string"}, "outlet": {"type": "string"},
            "title": {"type": "string"}, "published": {"type": "string"},
            "language": {"type": "string"},
            "text": {"type": "string", "pattern": "[A-Za-z]"},
            "html": {"type": "string", "pattern": "[A-Za-z]"}
        },
        "anyOf": [{"required": ["text"]}, {"required": ["html"]}]
    });
    // Empty values are accepted as absent (what an HTML form sends).
    let date = json!({"type": "string", "pattern": "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"});
    let p = |name: &str, schema: &Value, desc: &str| json!({"name": name, "in": "query", "required": false, "schema": schema, "description": desc});
    let mut taxonomy: Vec<String> = vec![String::new()];
    for s in sitrep_core::SubEventType::ALL {
        for v in [
            serde_json::to_value(s.event_type()),
            serde_json::to_value(s),
        ] {
            if let Ok(Value::String(v)) = v {
                if !taxonomy.contains(&v) {
                    taxonomy.push(v);
                }
            }
        }
    }
    let event_filters = vec![
        p("from", &date, "Earliest date.start, YYYY-MM-DD (inclusive)."),
        p("to", &date, "Latest date.start, YYYY-MM-DD (inclusive)."),
        p("type", &json!({"type": "string", "enum": taxonomy}),
          "ACLED event type or sub-event type (any case)."),
        q("actor", "string", "Substring of an actor's name (case-insensitive)."),
        p("bbox", &json!({"type": "string",
                          "pattern": "^(-?[0-9]+(\\.[0-9]+)?(,-?[0-9]+(\\.[0-9]+)?){3})?$"}),
          "minLon,minLat,maxLon,maxLat in degrees: events located inside (west > east crosses the antimeridian; \
           values beyond ±180, ±90 are clamped; south above north is a 400)."),
        q("q", "string", "Words in the event's title, place or actors, or in the title or text of one of its articles."),
    ];
    let page = |default: u32| {
        [
            p(
                "limit",
                &json!({"type": "integer", "minimum": 0}),
                &format!("Page size (default {default}, at most 1000)."),
            ),
            p(
                "offset",
                &json!({"type": "integer", "minimum": 0}),
                "Matching items skipped first.",
            ),
        ]
    };
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "sitrep API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Conflict events resolved from news articles, with their sources."
        },
        "paths": {
            "/api/health": {"get": {
                "summary": "Liveness, store counts and generation (never needs a token)",
                "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {"status": {"type": "string"}, "articles": {"type": "integer"},
                                   "events": {"type": "integer"}}}}}}}
            }},
            "/api/events": {"get": {
                "summary": "A page of events, by date then id",
                "parameters": event_filters.iter().cloned().chain(page(100)).collect::<Vec<_>>(),
                "responses": {
                    "200": {"description": "A page", "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {"events": {"type": "array", "items": {"type": "object"}},
                                       "total": {"type": "integer"}, "limit": {"type": "integer"},
                                       "offset": {"type": "integer"}}}}}},
                    "400": err("Malformed query")
                }
            }},
            "/api/timeline": {"get": {
                "summary": "Events per day (of date.start), with the filters of /api/events",
                "parameters": event_filters.clone(),
                "responses": {
                    "200": {"description": "Days, earliest first", "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {"days": {"type": "array", "items": {"type": "object", "properties": {
                            "date": {"type": "string"}, "events": {"type": "integer"},
                            "fatalities": {"type": "number"}}}}}}}}},
                    "400": err("Malformed query")
                }
            }},
            "/api/search": {"get": {
                "summary": "Full-text search over the articles (every word; the last also as a prefix)",
                "parameters": [
                    {"name": "q", "in": "query", "required": true,
                     "schema": {"type": "string", "pattern": "[A-Za-z0-9]"},
                     "description": "Words to find (at least one letter or digit)."},
                    page(20)[0], page(20)[1]
                ],
                "responses": {
                    "200": {"description": "Articles, best match first", "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {
                            "hits": {"type": "array", "items": {"type": "object", "properties": {
                                "article": {"type": "string"}, "title": {"type": ["string", "null"]},
                                "outlet": {"type": ["string", "null"]}, "published": {"type": ["string", "null"]},
                                "url": {"type": ["string", "null"]}, "snippet": {"type": "string"},
                                "events": {"type": "array", "items": {"type": "string"}}}}},
                            "total": {"type": "integer"}}}}}},
                    "400": err("No word to search for")
                }
            }},
            "/api/live": {"get": {
                "summary": "Server-sent events: `change` with {generation, articles, events} now and at every change of the store",
                "responses": {"200": {"description": "An event stream",
                                      "content": {"text/event-stream": {"schema": {
                                          "description": "One server-sent event",
                                          "type": "object",
                                          "required": ["event", "data"],
                                          "properties": {
                                              "event": {"type": "string", "enum": ["change"]},
                                              "data": {"type": "string", "contentMediaType": "application/json",
                                                       "description": "{\"generation\": G, \"articles\": N, \"events\": M}"}}}}}}}
            }},
            "/api/events/{id}": {"get": {
                "summary": "One event with its claims, conflicts, evidence and articles",
                "parameters": id_param("event"),
                "responses": {"200": any_obj.clone(),
                              "301": {"description": "The event merged into another since: `Location` is that event",
                                      "headers": {"Location": {"schema": {"type": "string"}}},
                                      "content": {"application/json": {"schema": {"type": "object", "properties": {
                                          "moved_to": {"type": "string"}, "location": {"type": "string"}}}}}},
                              "404": err("No such event")}
            }},
            "/api/articles/{id}": {"get": {
                "summary": "One stored article, annotated",
                "parameters": id_param("article"),
                "responses": {"200": any_obj.clone(), "404": err("No such article")}
            }},
            "/api/articles": {"post": {
                "summary": "Add articles: one JSON object, an array, or JSON Lines",
                "description": "Fields: id, url, outlet, title, published, language, text or html. \
                                Needs `Authorization: Bearer TOKEN` when the server has a token.",
                "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {
                    "application/json": {"schema": {"oneOf": [
                        article_in.clone(),
                        {"type": "array", "items": article_in.clone(), "minItems": 1}]}},
                    "application/x-ndjson": {"schema": {"type": "string"}}}},
                "responses": {
                    "200": {"description": "What was ingested", "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {
                            "ids": {"type": "array", "items": {"type": "string"}},
                            "errors": {"type": "array", "items": {"type": "object", "properties": {
                                "line": {"type": "integer"}, "code": {"type": "string"},
                                "message": {"type": "string"}}}},
                            "events_changed": {"type": "integer"}}}}}},
                    "400": err("Empty body, or no article in it could be read"),
                    "401": err("Missing or wrong bearer token"),
                    "403": err("Sent by a browser from a page of another site (Origin is not this server)"),
                    "413": err("Body over the size limit (refused before the body is read)"),
                    "503": err("Too many posts waiting for the pipeline; try again shortly")
                }
            }},
            "/api/openapi.json": {"get": {
                "summary": "This document",
                "responses": {"200": any_obj}
            }}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Error": {
                "type": "object",
                "properties": {"error": {"type": "object", "properties": {
                    "code": {"type": "string", "enum": ["bad_request", "unauthorized", "forbidden", "not_found",
                        "method_not_allowed", "timeout", "payload_too_large", "uri_too_long",
                        "headers_too_large", "internal", "busy"]},
                    "message": {"type": "string"}}}}
            }}
        }
    })
}
