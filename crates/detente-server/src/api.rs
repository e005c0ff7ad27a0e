//! The routes: the dashboard's static files and the JSON API. Handlers check and convert
//! parameters (a bad one is a 400 naming it), then run the store or the analyzer on a
//! blocking thread.

use crate::{AppState, openapi};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use detente_core::analysis::Fields;
use detente_core::date::Date;
use detente_core::read::{Format, Hints};
use detente_core::{Analysis, Options};
use detente_store::dyad::Period;
use detente_store::{EventFilter, QuoteFilter};
use serde::Deserialize;
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;

const MAX_LIMIT: usize = 500;

/// An error as the API returns it: a status and `{"error": "...", "status": N}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }
    fn bad(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(json!({"error": self.message, "status": self.status.as_u16()})),
        )
            .into_response()
    }
}

impl From<detente_store::Error> for ApiError {
    fn from(e: detente_store::Error) -> Self {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(e: QueryRejection) -> Self {
        ApiError::bad(format!("bad query parameters: {e}"))
    }
}

impl From<BytesRejection> for ApiError {
    fn from(e: BytesRejection) -> Self {
        ApiError::new(e.status(), format!("cannot read the request body: {e}"))
    }
}

type ApiResult = Result<Response, ApiError>;

fn date_param(name: &str, v: &Option<String>) -> Result<Option<i64>, ApiError> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => Date::parse(s)
            .filter(|d| d.day.is_some())
            .and_then(|d| d.days())
            .map(Some)
            .ok_or_else(|| ApiError::bad(format!("{name}={s:?} is not a date: use YYYY-MM-DD"))),
    }
}

fn page(limit: Option<usize>, offset: Option<usize>) -> (usize, usize) {
    (
        limit.unwrap_or(50).clamp(1, MAX_LIMIT),
        offset.unwrap_or(0).min(10_000_000),
    )
}

fn nonempty(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

pub fn router(state: Arc<AppState>) -> Router {
    let max_body = state.config.max_body;
    let security = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ];
    let mut app = Router::new()
        .route("/", get(index))
        .route("/app.js", get(app_js))
        .route("/app.css", get(app_css))
        .route("/api/analyze", post(analyze))
        .route("/api/ingest", post(ingest))
        .route("/api/articles", get(articles))
        .route("/api/articles/{id}", get(article))
        .route("/api/events", get(events))
        .route("/api/quotes", get(quotes))
        .route("/api/actors", get(actors))
        .route("/api/actors/{principal}", get(actor))
        .route("/api/dyad", get(dyad))
        .route("/api/search", get(search))
        .route("/api/openapi.json", get(openapi_doc))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), rate_limit))
        .layer(DefaultBodyLimit::max(max_body));
    for (name, value) in security {
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    app.with_state(state)
}

async fn rate_limit(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(std::net::IpAddr::from([0, 0, 0, 0]));
    if !state.limiter.allow(ip) {
        let mut r = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            format!(
                "too many requests from {ip}: the limit is {} per second; retry in a second",
                state.config.rate
            ),
        )
        .into_response();
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return r;
    }
    // a NUL has no place in a query and databases disagree on it: refuse it up front
    let query = req.uri().query().unwrap_or("");
    if query.contains("%00") || req.uri().path().contains("%00") {
        return ApiError::bad("parameters may not contain NUL characters (%00)").into_response();
    }
    next.run(req).await
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no such page or endpoint: see /api/openapi.json",
    )
}

fn static_file(body: &'static str, kind: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

async fn index() -> Response {
    static_file(
        include_str!("../static/index.html"),
        "text/html; charset=utf-8",
    )
}
async fn app_js() -> Response {
    static_file(
        include_str!("../static/app.js"),
        "text/javascript; charset=utf-8",
    )
}
async fn app_css() -> Response {
    static_file(include_str!("../static/app.css"), "text/css; charset=utf-8")
}
async fn openapi_doc() -> Response {
    Json(openapi::document()).into_response()
}

#[derive(Deserialize)]
struct AnalyzeQuery {
    published: Option<String>,
    format: Option<String>,
    id: Option<String>,
    /// The members of the object to return, as `detente analyze --fields` ("events").
    fields: Option<String>,
    /// "true": the event coder's notes per sentence, as `--explain`.
    explain: Option<bool>,
}

/// POST /api/analyze: text (text/plain), HTML (text/html) or a JSON record in; the contract out.
async fn analyze(
    State(state): State<Arc<AppState>>,
    q: Result<Query<AnalyzeQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    let Query(q) = q?;
    let body = body?;
    let fields = match q.fields.as_deref() {
        None | Some("") => Fields::ALL,
        Some(list) => Fields::parse(list).map_err(|e| ApiError::bad(format!("fields: {e}")))?,
    };
    let explain = q.explain.unwrap_or(false);
    let published = match q.published.as_deref() {
        None | Some("") => None,
        Some(p) => Some(Date::parse(p).filter(|d| d.day.is_some()).ok_or_else(|| {
            ApiError::bad(format!("published={p:?} is not a date: use YYYY-MM-DD"))
        })?),
    };
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let format = match q.format.as_deref() {
        Some("html") => Format::Html,
        Some("text") => Format::Text,
        Some("auto") | None => {
            if ctype.starts_with("text/html") {
                Format::Html
            } else {
                Format::Auto
            }
        }
        Some(f) => {
            return Err(ApiError::bad(format!(
                "format={f:?}: use text, html or auto"
            )));
        }
    };
    let (id, bytes, format, hints) = if ctype.starts_with("application/json") {
        let v: Value = serde_json::from_slice(&body)
            .map_err(|e| ApiError::bad(format!("the body is not JSON: {e}")))?;
        let r = detente_core::record::from_value("the body", &v, format, published)
            .map_err(|e| ApiError::bad(e.message))?;
        (r.id, r.bytes, r.format, r.hints)
    } else {
        (
            q.id.clone().unwrap_or_else(|| "pasted".into()),
            body.to_vec(),
            format,
            Hints {
                published,
                ..Hints::default()
            },
        )
    };
    let analyzer = state.analyzer.clone();
    let result = tokio::task::spawn_blocking(move || {
        let opts = Options {
            id,
            format,
            hints,
            explain,
            fields,
        };
        analyzer.analyze(&bytes, &opts)
    })
    .await
    .map_err(|_| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the analysis crashed (a bug)",
        )
    })?;
    match result {
        // the contract's JSON through the core's direct writer (byte-identical to serde's)
        Ok(a) => Ok((
            [(header::CONTENT_TYPE, "application/json")],
            detente_core::analysis::json::to_vec(&a),
        )
            .into_response()),
        Err(e) => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            e.to_string(),
        )),
    }
}

/// POST /api/ingest (token): JSONL, or a JSON object or array of records, into the store.
async fn ingest(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    let Some(token) = state.config.token.clone() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "the server is read-only: start it with --token (or DETENTE_TOKEN) to allow ingest",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !constant_time_eq(given.as_bytes(), token.as_bytes()) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "ingest needs the header `Authorization: Bearer TOKEN` with the server's token",
        ));
    }
    let body = body?;
    let values: Vec<Value> = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Array(xs)) => xs,
        Ok(v @ Value::Object(_)) => vec![v],
        _ => {
            let mut xs = Vec::new();
            for (n, line) in body.split(|b| *b == b'\n').enumerate() {
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                xs.push(serde_json::from_slice(line).map_err(|e| {
                    ApiError::bad(format!("line {}: not a JSON object ({e})", n + 1))
                })?);
            }
            xs
        }
    };
    let analyzer = state.analyzer.clone();
    let (docs, failed) = tokio::task::spawn_blocking(move || {
        let mut docs = Vec::new();
        let mut failed = Vec::new();
        for (n, v) in values.iter().enumerate() {
            let where_ = format!("record {}", n + 1);
            match detente_core::record::from_value(&where_, v, Format::Auto, None) {
                Ok(r) => {
                    let hash = detente_store::record_hash(
                        &r.id,
                        &r.bytes,
                        r.hints.url.as_deref(),
                        r.hints.outlet.as_deref(),
                        r.hints.published.map(|d| d.to_string()).as_deref(),
                    );
                    let opts = Options {
                        id: r.id.clone(),
                        format: r.format,
                        hints: r.hints,
                        explain: false,
                        fields: Default::default(),
                    };
                    match analyzer.analyze(&r.bytes, &opts) {
                        Ok(a) => docs.push((hash, a)),
                        Err(e) => failed.push(json!({"id": r.id, "error": e.to_string()})),
                    }
                }
                Err(e) => failed.push(json!({"id": e.id, "error": e.message})),
            }
        }
        (docs, failed)
    })
    .await
    .map_err(|_| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the analysis crashed (a bug)",
        )
    })?;
    let docs: Vec<(String, Analysis)> = docs;
    let added = state.with_store(move |s| s.add(&docs)).await?;
    Ok(Json(json!({
        "stored": added.documents, "known": added.known, "new_events": added.new_events,
        "failed": failed,
    }))
    .into_response())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[derive(Deserialize)]
struct ArticlesQuery {
    from: Option<String>,
    to: Option<String>,
    story: Option<i64>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn articles(
    State(state): State<Arc<AppState>>,
    q: Result<Query<ArticlesQuery>, QueryRejection>,
) -> ApiResult {
    let Query(q) = q?;
    let (from, to) = (date_param("from", &q.from)?, date_param("to", &q.to)?);
    let (limit, offset) = page(q.limit, q.offset);
    let story = q.story;
    let rows = state
        .with_store(move |s| s.articles(from, to, story, limit, offset))
        .await?;
    Ok(Json(json!({"items": rows, "limit": limit, "offset": offset})).into_response())
}

async fn article(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> ApiResult {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::bad(format!("{id:?} is not an article id (a number)")))?;
    match state.with_store(move |s| s.article(id)).await? {
        Some(doc) => Ok(Json(doc).into_response()),
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no article {id}"),
        )),
    }
}

#[derive(Deserialize)]
struct EventsQuery {
    actor: Option<String>,
    with: Option<String>,
    code: Option<String>,
    from: Option<String>,
    to: Option<String>,
    text: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn events(
    State(state): State<Arc<AppState>>,
    q: Result<Query<EventsQuery>, QueryRejection>,
) -> ApiResult {
    let Query(q) = q?;
    let (limit, offset) = page(q.limit, q.offset);
    let f = EventFilter {
        actor: nonempty(q.actor),
        other: nonempty(q.with),
        code: nonempty(q.code),
        from: date_param("from", &q.from)?,
        to: date_param("to", &q.to)?,
        text: nonempty(q.text),
        limit,
        offset,
    };
    let rows = state.with_store(move |s| s.events(&f)).await?;
    Ok(Json(json!({"items": rows, "limit": limit, "offset": offset})).into_response())
}

#[derive(Deserialize)]
struct QuotesQuery {
    speaker: Option<String>,
    from: Option<String>,
    to: Option<String>,
    text: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn quotes(
    State(state): State<Arc<AppState>>,
    q: Result<Query<QuotesQuery>, QueryRejection>,
) -> ApiResult {
    let Query(q) = q?;
    let (limit, offset) = page(q.limit, q.offset);
    let f = QuoteFilter {
        speaker: nonempty(q.speaker),
        from: date_param("from", &q.from)?,
        to: date_param("to", &q.to)?,
        text: nonempty(q.text),
        limit,
        offset,
    };
    let rows = state.with_store(move |s| s.quotes(&f)).await?;
    Ok(Json(json!({"items": rows, "limit": limit, "offset": offset})).into_response())
}

#[derive(Deserialize)]
struct ActorsQuery {
    q: Option<String>,
    limit: Option<usize>,
}

async fn actors(
    State(state): State<Arc<AppState>>,
    q: Result<Query<ActorsQuery>, QueryRejection>,
) -> ApiResult {
    let Query(q) = q?;
    let (limit, _) = page(q.limit, None);
    let query = nonempty(q.q);
    let rows = state
        .with_store(move |s| s.actors(query.as_deref(), limit))
        .await?;
    Ok(Json(json!({"items": rows})).into_response())
}

async fn actor(State(state): State<Arc<AppState>>, Path(principal): Path<String>) -> ApiResult {
    let p = principal.clone();
    let (partners, said) = state
        .with_store(move |s| {
            let partners = s.partners(&p, 15)?;
            let said = s.quotes(&QuoteFilter {
                speaker: Some(p.clone()),
                limit: 50,
                ..QuoteFilter::default()
            })?;
            Ok((partners, said))
        })
        .await?;
    Ok(
        Json(json!({"principal": principal.to_uppercase(), "partners": partners, "quotes": said}))
            .into_response(),
    )
}

#[derive(Deserialize)]
struct DyadQuery {
    a: Option<String>,
    b: Option<String>,
    from: Option<String>,
    to: Option<String>,
    by: Option<String>,
    baseline_from: Option<String>,
}

async fn dyad(
    State(state): State<Arc<AppState>>,
    q: Result<Query<DyadQuery>, QueryRejection>,
) -> ApiResult {
    let Query(q) = q?;
    let (Some(a), Some(b)) = (nonempty(q.a), nonempty(q.b)) else {
        return Err(ApiError::bad(
            "a and b are required: /api/dyad?a=RUS&b=NATO",
        ));
    };
    let by = match q.by.as_deref() {
        None | Some("") => Period::Week,
        Some(p) => Period::parse(p).ok_or_else(|| {
            ApiError::bad(format!("by={p:?}: use day, week, month, quarter or year"))
        })?,
    };
    let (from, to) = (date_param("from", &q.from)?, date_param("to", &q.to)?);
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        return Err(ApiError::bad("to is before from"));
    }
    let base = date_param("baseline_from", &q.baseline_from)?;
    let key = format!(
        "{}|{}|{from:?}|{to:?}|{by:?}|{base:?}",
        a.to_uppercase(),
        b.to_uppercase()
    );
    let (a2, b2) = (a.clone(), b.clone());
    let cache_state = state.clone();
    // the series is computed once per store content and request; a new document empties the cache
    let series = state
        .with_store(move |s| {
            let fp = s.fingerprint()?;
            if let Ok(mut c) = cache_state.dyad_cache.lock() {
                if c.fingerprint != fp {
                    c.fingerprint = fp;
                    c.entries.clear();
                }
                if let Some(hit) = c.entries.get(&key) {
                    return Ok(Some(hit.clone()));
                }
            }
            let Some(series) = s.dyad_series(&a2, &b2, from, to, by, base)? else {
                return Ok(None);
            };
            let json = Arc::new(serde_json::to_string(&series).map_err(|e| {
                detente_store::Error::Invalid(format!("cannot serialise the series: {e}"))
            })?);
            if let Ok(mut c) = cache_state.dyad_cache.lock()
                && c.fingerprint == fp
            {
                if c.entries.len() >= crate::DYAD_CACHE_SIZE {
                    c.entries.clear();
                }
                c.entries.insert(key, json.clone());
            }
            Ok(Some(json))
        })
        .await?;
    match series {
        Some(json) => Ok((
            [(header::CONTENT_TYPE, "application/json")],
            json.as_ref().clone(),
        )
            .into_response()),
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no events between {a} and {b} in the store"),
        )),
    }
}

#[derive(Deserialize)]
struct SearchQuery {
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn search(
    State(state): State<Arc<AppState>>,
    q: Result<Query<SearchQuery>, QueryRejection>,
) -> ApiResult {
    let Query(q) = q?;
    let Some(text) = nonempty(q.q) else {
        return Err(ApiError::bad("q is required: /api/search?q=missile"));
    };
    let (limit, offset) = page(q.limit, q.offset);
    let hits = state
        .with_store(move |s| s.search(&text, limit, offset))
        .await?;
    Ok(Json(json!({"items": hits, "limit": limit, "offset": offset})).into_response())
}
