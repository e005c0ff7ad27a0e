//! The OpenAPI 3.1 description of the API, served at /api/openapi.json.

use serde_json::{Value, json};

fn param(name: &str, description: &str, kind: &str) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description,
           "schema": {"type": kind}})
}

fn list(description: &str, params: Vec<Value>) -> Value {
    json!({"get": {"summary": description, "parameters": params,
        "responses": {"200": {"description": "a page of items",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "429": {"$ref": "#/components/responses/Error"}}}})
}

pub fn document() -> Value {
    let date = |n: &str| param(n, "a date, YYYY-MM-DD", "string");
    let paging = || {
        vec![
            param("limit", "items per page (1-500, default 50)", "integer"),
            param("offset", "items to skip", "integer"),
        ]
    };
    let mut events = vec![
        param(
            "actor",
            "a principal (RUS, NATO) or actor-code prefix, as source or target",
            "string",
        ),
        param(
            "with",
            "a second actor: only events between the two",
            "string",
        ),
        param("code", "a CAMEO code prefix (16, 036)", "string"),
        date("from"),
        date("to"),
        param("text", "words the reporting articles contain", "string"),
    ];
    events.extend(paging());
    let mut quotes = vec![
        param(
            "speaker",
            "part of the speaker's name, or an actor code or principal",
            "string",
        ),
        date("from"),
        date("to"),
        param("text", "words in the quote", "string"),
    ];
    quotes.extend(paging());
    let mut articles = vec![
        date("from"),
        date("to"),
        param("story", "a story id", "integer"),
    ];
    articles.extend(paging());
    let mut search = vec![param("q", "words to find (all of them)", "string")];
    search.extend(paging());
    json!({
        "openapi": "3.1.0",
        "info": {"title": "detente", "version": env!("CARGO_PKG_VERSION"),
                 "description": "Who said what, who did what to whom and when, and how relations between actors move, from international news."},
        "paths": {
            "/api/analyze": {"post": {
                "summary": "Analyse one document: the analysis contract (detente.analysis/1)",
                "parameters": [date("published"), param("format", "text, html or auto", "string"), param("id", "document id", "string"),
                               param("fields", "members to return, comma-separated: document, text, sentences, mentions, quotes, events (default all; schema and document.id always)", "string"),
                               param("explain", "true: the event coder's notes per sentence", "boolean")],
                "requestBody": {"required": true, "content": {
                    "text/plain": {"schema": {"type": "string"}},
                    "text/html": {"schema": {"type": "string"}},
                    "application/json": {"schema": {"$ref": "#/components/schemas/Record"}}}},
                "responses": {"200": {"description": "the analysis", "content": {"application/json": {"schema": {"type": "object"}}}},
                              "400": {"$ref": "#/components/responses/Error"},
                              "413": {"$ref": "#/components/responses/Error"},
                              "422": {"$ref": "#/components/responses/Error"}}}},
            "/api/ingest": {"post": {
                "summary": "Analyse records into the store (needs the server's token)",
                "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {
                    "application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/Record"}, {"type": "array", "items": {"$ref": "#/components/schemas/Record"}}]}},
                    "application/x-ndjson": {"schema": {"type": "string"}}}},
                "responses": {"200": {"description": "what was stored"},
                              "401": {"$ref": "#/components/responses/Error"},
                              "403": {"$ref": "#/components/responses/Error"}}}},
            "/api/articles": list("Stored articles, newest first", articles),
            "/api/articles/{id}": {"get": {"summary": "One stored article as the analysis contract",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "the analysis"}, "404": {"$ref": "#/components/responses/Error"}}}},
            "/api/events": list("Events, each counted once with the articles that report it", events),
            "/api/quotes": list("Quotations with their speakers", quotes),
            "/api/actors": list("Actors taking part in events, busiest first", vec![param("q", "principal or part of a name", "string"), param("limit", "items (1-500)", "integer")]),
            "/api/actors/{principal}": {"get": {"summary": "An actor: whom it interacts with, what its people said",
                "parameters": [{"name": "principal", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "partners and quotes"}}}},
            "/api/dyad": {"get": {"summary": "Relations between two actors over time, with a relations level against a baseline",
                "parameters": [
                    {"name": "a", "in": "query", "required": true, "schema": {"type": "string"}},
                    {"name": "b", "in": "query", "required": true, "schema": {"type": "string"}},
                    date("from"), date("to"), param("by", "day, week, month, quarter or year", "string"), date("baseline_from")],
                "responses": {"200": {"description": "the series"}, "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}},
            "/api/search": list("Full-text search over stored articles", search),
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Page": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object"}}, "limit": {"type": "integer"}, "offset": {"type": "integer"}}},
                "Record": {"type": "object", "required": ["id"], "properties": {
                    "id": {"type": "string"}, "text": {"type": "string"}, "html": {"type": "string"},
                    "published": {"type": "string"}, "url": {"type": "string"}, "outlet": {"type": "string"}, "title": {"type": "string"}}},
                "Error": {"type": "object", "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}},
            },
            "responses": {"Error": {"description": "what went wrong and what to do",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
        }
    })
}
