//! The web front end, `gongwen serve`: search, document, mentions, trend and document
//! pages, and a JSON API under `/api/`, over the same library calls as the commands.
//!
//! One index is followed as it changes ([`LiveIndex`]): each request takes the handle of
//! the generation in use, which it keeps until it is answered, so a new generation is
//! served without a restart and no request in flight is cut off. The library's work runs
//! on blocking threads; a request that runs past the time limit is answered with an
//! error, heavy ones (mentions, trends, downloads) run a few at a time. Read-only: no
//! request names a file (documents by id only); every piece of text is escaped; errors
//! are pages or JSON with a status code.

mod answers;
mod api;
mod citing;
mod counting;
mod download;
mod formulations;
mod html;
mod i18n;
mod keywording;
mod listen;
mod pages;
mod params;
mod reading;
mod reusing;
mod searching;
mod spreading;
mod trending;

use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::catalog::{IndexHandle, LiveIndex};
use crate::config::{ServeConfig, ServeLimits};
use crate::error::{Error, Result};

/// What every request shares.
pub(crate) struct App {
    live: LiveIndex,
    heavy: Arc<Semaphore>,
    /// Slots for streamed answers (see [`download::MAX_DOWNLOADS`]).
    downloads: Arc<Semaphore>,
    /// Slots for the library's work other than downloads: as many as the blocking
    /// threads it had before downloads got threads of their own (more run at once only
    /// queue on the cores, and each holds its own allocator arena and buffers).
    workers: Arc<Semaphore>,
    limits: ServeLimits,
    /// Broad answers kept while the index is unchanged (see [`answers`]).
    answers: answers::Answers,
}

/// Why a request is not answered as asked.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The request is wrong (a bad query, a bad filter, a limit exceeded).
    Bad(String),
    /// A request this server does not answer (a foreign `Host:` on loopback).
    Forbidden(String),
    NotFound(String),
    /// Too many heavy requests are running.
    Busy,
    /// The request ran past the time limit.
    Timeout,
    /// The request would hold more memory than it may (`allowed` bytes).
    OverBudget {
        overrun: crate::Overrun,
        allowed: u64,
    },
    Internal(String),
}

impl Failure {
    fn status(&self) -> StatusCode {
        match self {
            Failure::Bad(_) | Failure::OverBudget { .. } => StatusCode::BAD_REQUEST,
            Failure::Forbidden(_) => StatusCode::FORBIDDEN,
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::Busy => StatusCode::SERVICE_UNAVAILABLE,
            Failure::Timeout => StatusCode::GATEWAY_TIMEOUT,
            Failure::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What went wrong, in `lang` where the server says it; a message from the library
    /// (a query's or a filter's fault) as the library words it.
    fn message(&self, lang: i18n::Lang) -> String {
        match self {
            Failure::Bad(m)
            | Failure::Forbidden(m)
            | Failure::NotFound(m)
            | Failure::Internal(m) => m.clone(),
            Failure::Busy => lang.words().busy.into(),
            Failure::Timeout => lang.words().timeout.into(),
            Failure::OverBudget { overrun, allowed } => lang.over_budget(overrun, *allowed),
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        match e {
            Error::Query { .. } | Error::Filter(_) => Failure::Bad(e.to_string()),
            Error::OverBudget {
                overrun, allowed, ..
            } => Failure::OverBudget { overrun, allowed },
            other => Failure::Internal(other.to_string()),
        }
    }
}

impl App {
    /// Runs `work` on the index as it is now, on a blocking thread, within the time
    /// limit; work that `heavy` says is heavy (judged on the index, before it runs)
    /// waits for one of the few heavy slots.
    async fn run<T: Send + 'static>(
        self: &Arc<App>,
        heavy: impl FnOnce(&IndexHandle) -> bool + Send + 'static,
        work: impl FnOnce(&IndexHandle) -> Result<T> + Send + 'static,
    ) -> std::result::Result<T, Failure> {
        let limit = self.limits.timeout;
        let (handle, permit) = self.weigh(heavy).await?;
        let worker = self.worker().await?;
        let task = tokio::task::spawn_blocking(move || {
            let _permits = (permit, worker);
            work(&handle)
        });
        match tokio::time::timeout(limit, task).await {
            Err(_) => Err(Failure::Timeout),
            Ok(Err(_)) => Err(Failure::Internal("the request failed".into())),
            Ok(Ok(answer)) => answer.map_err(Failure::from),
        }
    }

    /// [`App::run`] for an answer that depends only on `key` and the index: kept for the
    /// generation it was computed on, and handed out again without waiting for a slot.
    async fn run_kept<T: Send + Sync + 'static>(
        self: &Arc<App>,
        key: String,
        heavy: impl FnOnce(&IndexHandle) -> bool + Send + 'static,
        work: impl FnOnce(&IndexHandle) -> Result<T> + Send + 'static,
    ) -> std::result::Result<Arc<T>, Failure> {
        let app = Arc::clone(self);
        let generation = tokio::task::spawn_blocking(move || {
            app.live.handle().map(|h| h.generation().to_path_buf())
        })
        .await
        .map_err(|_| Failure::Internal("the request failed".into()))?
        .map_err(Failure::from)?;
        if let Some(kept) = self.answers.get::<T>(&generation, &key) {
            return Ok(kept);
        }
        // The same request arriving meanwhile waits for this one's answer.
        let lock = self.answers.computing(&key);
        let answer = {
            let _computing = lock.lock().await;
            match self.answers.get::<T>(&generation, &key) {
                Some(kept) => Ok(kept),
                None => self.compute_kept(key.clone(), heavy, work).await,
            }
        };
        self.answers.done(&key, lock);
        answer
    }

    /// Computes an answer [`App::run_kept`] keeps, for the generation it is computed on
    /// (a new one may be published meanwhile).
    async fn compute_kept<T: Send + Sync + 'static>(
        self: &Arc<App>,
        key: String,
        heavy: impl FnOnce(&IndexHandle) -> bool + Send + 'static,
        work: impl FnOnce(&IndexHandle) -> Result<T> + Send + 'static,
    ) -> std::result::Result<Arc<T>, Failure> {
        let (answer, computed_on) = self
            .run(heavy, move |handle| {
                Ok((work(handle)?, handle.generation().to_path_buf()))
            })
            .await?;
        let answer = Arc::new(answer);
        self.answers.put(&computed_on, key, Arc::clone(&answer));
        Ok(answer)
    }

    /// The index as it is now, and a heavy slot when `heavy` says the work is heavy
    /// (judged on the index, before it runs; waits at most the time limit for one).
    async fn weigh(
        self: &Arc<App>,
        heavy: impl FnOnce(&IndexHandle) -> bool + Send + 'static,
    ) -> std::result::Result<(Arc<IndexHandle>, Option<OwnedSemaphorePermit>), Failure> {
        let limit = self.limits.timeout;
        let app = Arc::clone(self);
        let worker = self.worker().await?;
        // Weighing reads postings: on a blocking thread too.
        let weighed = tokio::task::spawn_blocking(move || {
            let _worker = worker;
            let handle = app.live.handle()?;
            let heavy = heavy(&handle);
            Ok::<_, Error>((handle, heavy))
        });
        let (handle, is_heavy) = match tokio::time::timeout(limit, weighed).await {
            Err(_) => return Err(Failure::Timeout),
            Ok(Err(_)) => return Err(Failure::Internal("the request failed".into())),
            Ok(Ok(weighed)) => weighed.map_err(Failure::from)?,
        };
        if !is_heavy {
            return Ok((handle, None));
        }
        let permit = self.slot(&self.heavy, Failure::Busy).await?;
        Ok((handle, Some(permit)))
    }

    /// A slot for the library's work, waiting at most the time limit.
    async fn worker(self: &Arc<App>) -> std::result::Result<OwnedSemaphorePermit, Failure> {
        self.slot(&self.workers, Failure::Timeout).await
    }

    /// A slot of `slots`, waiting at most the time limit; `waited_too_long` otherwise.
    async fn slot(
        &self,
        slots: &Arc<Semaphore>,
        waited_too_long: Failure,
    ) -> std::result::Result<OwnedSemaphorePermit, Failure> {
        match tokio::time::timeout(self.limits.timeout, Arc::clone(slots).acquire_owned()).await {
            Err(_) => Err(waited_too_long),
            Ok(permit) => permit.map_err(|_| Failure::Busy),
        }
    }

    /// Runs `print` as [`App::run`] runs work, its answer streamed to the client as it
    /// is printed (see [`download`]): a failure before the first byte is answered as
    /// any failure; one after cuts the answer short.
    async fn stream(
        self: &Arc<App>,
        heavy: impl FnOnce(&IndexHandle) -> bool + Send + 'static,
        print: impl FnOnce(&IndexHandle, &mut dyn Write) -> Result<()> + Send + 'static,
    ) -> std::result::Result<axum::body::Body, Failure> {
        let limit = self.limits.timeout;
        let download = self.slot(&self.downloads, Failure::Busy).await?;
        let (handle, permit) = self.weigh(heavy).await?;
        let (mut writer, mut chunks) = download::channel(limit, limit);
        let task = tokio::task::spawn_blocking(move || {
            let _permits = (permit, download);
            print(&handle, &mut writer)?;
            writer
                .finish()
                .map_err(|e| Error::Serve(format!("the answer could not be sent: {e}")))
        });
        match chunks.first(limit).await {
            None => Err(Failure::Timeout),
            Some(true) => Ok(chunks.into_body()),
            Some(false) => match task.await {
                Ok(Ok(())) => Ok(chunks.into_body()),
                Ok(Err(e)) => Err(Failure::from(e)),
                Err(_) => Err(Failure::Internal("the request failed".into())),
            },
        }
    }
}

/// Always heavy, never heavy: for work whose weight does not depend on the query.
pub(crate) fn heavy(_: &IndexHandle) -> bool {
    true
}
pub(crate) fn light(_: &IndexHandle) -> bool {
    false
}

/// A search or count is heavy when the passages it reads (see [`crate::search::breadth`])
/// are more than this share of all (的, 发展, or a rare name among common characters):
/// it then reads a large part of the index.
const BROAD_SHARE: f64 = 0.02;

/// Whether `query` is a heavy search on `handle`.
pub(crate) fn broad(query: crate::search::Query) -> impl FnOnce(&IndexHandle) -> bool + Send {
    move |handle| crate::search::breadth(handle, &query).map_or(true, |b| b > BROAD_SHARE)
}

/// Whether counting `terms` is heavy on `handle`: the passages of all of them together.
pub(crate) fn broad_terms(terms: Vec<String>) -> impl FnOnce(&IndexHandle) -> bool + Send {
    move |handle| {
        let mut reach = 0.0;
        for t in &terms {
            match crate::search::query::parse(&format!("\"{t}\""))
                .and_then(|q| crate::search::breadth(handle, &q))
            {
                Ok(share) => reach += share,
                Err(_) => return true,
            }
        }
        reach > BROAD_SHARE
    }
}

/// Serves `live` until Ctrl-C (or SIGTERM): prints the address on `out` first.
pub fn serve(
    live: LiveIndex,
    config: &ServeConfig,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let listener = std::net::TcpListener::bind(config.addr)
        .and_then(|l| l.set_nonblocking(true).map(|()| l))
        .map_err(|e| Error::Serve(format!("cannot listen on {}: {e}", config.addr)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Serve(e.to_string()))?;
    let index = live.dir().display().to_string();
    let app = Arc::new(App {
        live,
        heavy: Arc::new(Semaphore::new(config.limits.heavy.max(1))),
        downloads: Arc::new(Semaphore::new(download::MAX_DOWNLOADS)),
        workers: Arc::new(Semaphore::new(blocking_workers())),
        limits: config.limits,
        answers: answers::Answers::default(),
    });
    let router = router(app, config, addr);
    // A few blocking threads do the library's work: more only queue on the cores and
    // each holds memory (its allocator arena, its buffers). Downloads have threads of
    // their own: one waiting for a slow reader takes none from searches.
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores.min(4))
        .max_blocking_threads(blocking_workers() + download::MAX_DOWNLOADS)
        .enable_all()
        .build()
        .map_err(|e| Error::Serve(e.to_string()))?;
    let announce = &mut *err;
    runtime.block_on(async move {
        let err = announce;
        // Listening for a stop before saying where it serves: a script that reads the
        // address and stops the server at once is heard (the stop was lost, or killed
        // the server before it could say so, when it came before the listening began).
        let stop = stopped().map_err(|e| Error::Serve(format!("cannot listen for a stop: {e}")))?;
        let _ = writeln!(out, "http://{addr}/");
        let _ = out.flush();
        let _ = writeln!(
            err,
            "gongwen: serving the index at {index} on http://{addr}/ (Ctrl-C stops)"
        );
        if !addr.ip().is_loopback() {
            let _ = writeln!(
                err,
                "gongwen: listening on {addr}, not on this machine only: anyone who can reach \
                 it over the network can read every document of the index"
            );
        }
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|e| Error::Serve(e.to_string()))?;
        listen::serve(listener, router, stop).await;
        Ok::<(), Error>(())
    })?;
    // Work still running for a request already answered (the library cannot stop it
    // midway) does not hold the stop up.
    runtime.shutdown_timeout(Duration::from_secs(1));
    let _ = writeln!(err, "gongwen: stopped");
    Ok(())
}

/// Blocking threads for the library's work other than downloads: two per core.
fn blocking_workers() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZero::get) * 2
}

/// A future resolving on Ctrl-C (SIGINT) or SIGTERM, both listened for from now on.
#[cfg(unix)]
fn stopped() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut term = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = term.recv() => {}
        }
    })
}

/// A future resolving on Ctrl-C.
#[cfg(not(unix))]
fn stopped() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

/// Per-request settings of the middleware.
#[derive(Clone)]
struct Edge {
    quiet: bool,
    cors: Option<HeaderValue>,
    /// The `Host:` values answered when listening on loopback (any otherwise).
    hosts: Option<Arc<[String]>>,
}

/// The names a browser on this machine uses for a loopback address: a page of another
/// site that points its own name at 127.0.0.1 (DNS rebinding) sends its own name, and is
/// refused.
fn loopback_hosts(addr: std::net::SocketAddr) -> Option<Arc<[String]>> {
    if !addr.ip().is_loopback() {
        return None;
    }
    let port = addr.port();
    let mut hosts = vec![
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        addr.to_string(),
    ];
    if port == 80 {
        hosts.extend(["127.0.0.1", "localhost", "[::1]"].map(String::from));
    }
    Some(hosts.into())
}

fn router(app: Arc<App>, config: &ServeConfig, addr: std::net::SocketAddr) -> Router {
    let edge = Edge {
        quiet: config.quiet,
        cors: config
            .cors
            .as_deref()
            .and_then(|o| HeaderValue::from_str(o).ok()),
        hosts: loopback_hosts(addr),
    };
    Router::new()
        .route("/", get(searching::search))
        .route("/doc/{id}", get(reading::document))
        .route("/cite/{id}", get(citing::cite))
        .route("/mentions", get(counting::mentions))
        .route("/trend", get(trending::trend))
        .route("/trend.svg", get(trending::trend_svg))
        .route("/docs", get(reading::documents))
        .route("/keywords", get(keywording::keywords))
        .route("/api/keywords", get(api::keywords))
        .route("/collocates", get(keywording::collocates))
        .route("/api/collocates", get(api::collocates))
        .route("/new", get(formulations::new))
        .route("/api/new", get(api::new))
        .route("/spread", get(spreading::spread))
        .route("/spread.svg", get(spreading::spread_svg))
        .route("/api/spread", get(api::spread))
        .route("/reuse", get(reusing::reuse_page))
        .route("/reuse/pair", get(reusing::pair))
        .route("/api/reuse", get(api::reuse))
        .route("/style.css", get(html::style))
        .route("/app.js", get(html::script))
        .route("/api/search", get(api::search))
        .route("/api/mentions", get(api::mentions))
        .route("/api/trend", get(api::trend))
        .route("/api/docs", get(api::docs))
        .route("/api/doc/{id}", get(api::document))
        .fallback(not_found)
        .with_state(app)
        .layer(middleware::from_fn_with_state(edge, around))
}

async fn not_found(request: Request) -> Response {
    let failure = Failure::NotFound(format!("no page {}", request.uri().path()));
    failure_at(request.uri(), &failure)
}

/// A failure as the page or the API answers it: JSON under `/api/`, a page elsewhere (in
/// the language the request asks for, with an empty search box).
fn failure_at(uri: &axum::http::Uri, failure: &Failure) -> Response {
    if uri.path().starts_with("/api/") {
        return api::failure(failure);
    }
    let english = uri.query().is_some_and(|q| {
        form_urlencoded::parse(q.as_bytes()).any(|(k, v)| k == "lang" && v == "en")
    });
    let params = params::Params {
        lang: english.then(|| "en".to_string()),
        ..Default::default()
    };
    let frame = html::Frame::new("/", &params);
    html::failure(failure, &frame, pages::form("/", &params, maud::html! {}))
}

/// Around every request: the `Host:` check on loopback, security headers, CORS when
/// asked, the log line. A request the router's extractors refuse (`page=abc`) is
/// answered as every other bad request is, not as axum's plain text.
async fn around(State(edge): State<Edge>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let (method, uri) = (request.method().clone(), request.uri().clone());
    let path = uri.path().to_string();
    let host = request
        .headers()
        .get(header::HOST)
        .map(|h| String::from_utf8_lossy(h.as_bytes()).to_ascii_lowercase());
    let foreign = match (&edge.hosts, &host) {
        (Some(allowed), Some(host)) => !allowed.iter().any(|a| a == host),
        _ => false,
    };
    let mut response = if foreign {
        let failure = Failure::Forbidden(format!(
            "this server answers requests to {} only, not to {}",
            edge.hosts
                .as_deref()
                .and_then(|h| h.first())
                .map_or("", String::as_str),
            host.as_deref().unwrap_or("")
        ));
        failure_at(&uri, &failure)
    } else {
        let response = next.run(request).await;
        let plain = response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|t| t.as_bytes().starts_with(b"text/plain"));
        if response.status().is_client_error() && plain {
            let bytes = axum::body::to_bytes(response.into_body(), 4096)
                .await
                .unwrap_or_default();
            let message = String::from_utf8_lossy(&bytes).into_owned();
            failure_at(&uri, &Failure::Bad(message))
        } else {
            response
        }
    };
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self' 'unsafe-inline'; script-src 'self'; img-src 'self'; \
             form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    if let Some(origin) = &edge.cors {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
    }
    if !edge.quiet {
        eprintln!(
            "{method} {path} {} {} ms",
            response.status().as_u16(),
            started.elapsed().as_millis()
        );
    }
    response.into_response()
}
