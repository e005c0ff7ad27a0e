//! detente's HTTP server: a JSON API over a corpus store and the analysis library, and a
//! small dashboard (static HTML, CSS and JavaScript compiled into the binary; no build step,
//! nothing fetched at run time).
//!
//! Security: read-only unless a token is configured, and then writes (`POST /api/ingest`)
//! need `Authorization: Bearer TOKEN`; every value from a request is a bound SQL parameter;
//! the dashboard builds its DOM with `textContent`, never from article HTML, under a strict
//! Content-Security-Policy; request bodies and per-client request rates are limited, with
//! JSON errors that say which limit was hit.

mod api;
mod limit;
mod openapi;

use axum::Router;
use detente_core::Analyzer;
use detente_store::Store;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

pub use api::router;

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The store: an SQLite file or a postgres:// URL.
    pub db: String,
    pub addr: SocketAddr,
    /// Token for write endpoints; None makes the server read-only.
    pub token: Option<String>,
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// Requests per second per client address (sustained), and the burst above it.
    pub rate: f64,
    pub burst: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            db: "detente.db".into(),
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            max_body: 2 * 1024 * 1024,
            rate: 1000.0,
            burst: 2000.0,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] detente_store::Error),
    #[error("cannot listen on {addr}: {source} (is another server using the port? pass --addr)")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
}

/// What the handlers share.
pub struct AppState {
    pub config: Config,
    pub analyzer: Arc<Analyzer>,
    /// Idle store connections (one is opened when none is idle).
    pool: Mutex<Vec<Store>>,
    limiter: limit::Limiter,
    /// Dyad series already computed, valid while the store's fingerprint is unchanged.
    pub(crate) dyad_cache: Mutex<DyadCache>,
}

/// Serialised dyad series by request, for one store fingerprint.
#[derive(Default)]
pub(crate) struct DyadCache {
    pub fingerprint: (i64, i64),
    pub entries: std::collections::HashMap<String, Arc<String>>,
}

/// Cached series at most; the cache is emptied when it is full.
pub(crate) const DYAD_CACHE_SIZE: usize = 4096;

impl AppState {
    pub fn new(config: Config, analyzer: Arc<Analyzer>) -> Result<Arc<Self>, Error> {
        // opening once up front creates and migrates the store, and fails early on a bad --db
        let first = Store::open(&config.db)?;
        let limiter = limit::Limiter::new(config.rate, config.burst);
        Ok(Arc::new(AppState {
            config,
            analyzer,
            pool: Mutex::new(vec![first]),
            limiter,
            dyad_cache: Mutex::new(DyadCache::default()),
        }))
    }

    /// Runs `f` with a store connection, on a blocking thread.
    pub async fn with_store<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Store) -> Result<T, detente_store::Error> + Send + 'static,
    ) -> Result<T, detente_store::Error> {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let taken = state.pool.lock().ok().and_then(|mut p| p.pop());
            let mut store = match taken {
                Some(s) => s,
                None => Store::open(&state.config.db)?,
            };
            let out = f(&mut store);
            if let Ok(mut p) = state.pool.lock()
                && p.len() < 16
            {
                p.push(store);
            }
            out
        })
        .await
        .unwrap_or_else(|_| {
            Err(detente_store::Error::Invalid(
                "a database task crashed (a bug)".into(),
            ))
        })
    }
}

/// Serves until Ctrl-C.
pub async fn serve(config: Config, analyzer: Arc<Analyzer>) -> Result<(), Error> {
    let addr = config.addr;
    let state = AppState::new(config, analyzer)?;
    let app: Router = router(state);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| Error::Bind { addr, source })?;
    let local = listener.local_addr().unwrap_or(addr);
    eprintln!("detente: serving http://{local}/ (Ctrl-C to stop)");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .map_err(Error::Serve)
}
