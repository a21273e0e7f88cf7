//! `nastavnik serve`: a Russian page for school staff over one
//! organisation's folder (the same `programme.json` + `inputs/` the command
//! line reads).
//!
//! A thin layer over `nastavnik-engine`, as ripgrep's binary is over its
//! crates: it reads requests, calls the engine's library API (`load`,
//! `Profile::check`, `package::generate_with`, `example`) on a blocking
//! thread and renders the answer with askama templates compiled into the
//! binary. No document logic lives here.
//!
//! Safety: every response carries a strict Content-Security-Policy (no
//! script at all, styles from the binary only), `X-Frame-Options: DENY`
//! and `Referrer-Policy: no-referrer`; every POST needs the CSRF token;
//! uploads are counted while they stream and held to the engine's limits;
//! a panic in a request answers 500 and the server goes on; at most
//! [`MAX_REQUESTS`] requests are served at once and [`HEAVY_JOBS`] engine
//! runs.

mod auth;
mod files;
mod pages;
mod sections;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use auth::{set_password, PASSWORD_FILE};

/// Requests served at once; more wait in the accept queue.
pub const MAX_REQUESTS: usize = 64;
/// Engine runs (check, generate, reading an upload) at once.
pub const HEAVY_JOBS: usize = 2;

/// What `nastavnik serve` was asked for.
#[derive(Debug, Clone)]
pub struct Config {
    /// The organisation's folder.
    pub dir: PathBuf,
    /// Where to listen; `None`: 127.0.0.1 on a free port.
    pub listen: Option<SocketAddr>,
    /// A regional profile instead of programme.json's `region`.
    pub region: Option<String>,
    /// How long «Сформировать» waits for the package before answering
    /// with a progress page that follows the work (`None`: [`WAIT`]).
    pub wait: Option<std::time::Duration>,
}

/// How long a generation's request waits for the package before the
/// page shows its progress instead.
pub const WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// The server's shared state.
pub(crate) struct App {
    pub dir: PathBuf,
    pub region: Option<String>,
    pub auth: auth::Auth,
    pub heavy: tokio::sync::Semaphore,
    /// The generation running or finished and not yet shown.
    pub job: std::sync::Mutex<Option<Arc<pages::Job>>>,
    pub wait: std::time::Duration,
}

pub(crate) type Shared = Arc<App>;

/// Prepares the folder and the listening socket: creates `dir` with the
/// example school when it is missing or empty, refuses an address reachable
/// from the network until a password is set.
pub async fn bind(config: &Config) -> Result<(tokio::net::TcpListener, Router), String> {
    let addr = config
        .listen
        .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 0)));
    let password = auth::read_hash(&config.dir)?;
    if !addr.ip().is_loopback() && password.is_none() {
        return Err(format!(
            "адрес {addr} доступен из сети: сначала задайте пароль командой «nastavnik serve {} --set-password»",
            config.dir.display()
        ));
    }
    prepare_dir(&config.dir, config.region.as_deref())?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("не удалось занять адрес {addr}: {e}"))?;
    let app = Arc::new(App {
        dir: config.dir.clone(),
        region: config.region.clone(),
        auth: auth::Auth::new(password)?,
        heavy: tokio::sync::Semaphore::new(HEAVY_JOBS),
        job: std::sync::Mutex::new(None),
        wait: config.wait.unwrap_or(WAIT),
    });
    Ok((listener, router(app)))
}

/// Serves until the process ends; `ready` is told the address first.
pub fn run(config: &Config, ready: impl FnOnce(SocketAddr)) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(8)
        .enable_all()
        .build()
        .map_err(|e| format!("не удалось запустить сервер: {e}"))?;
    runtime.block_on(async {
        let (listener, router) = bind(config).await?;
        let addr = listener
            .local_addr()
            .map_err(|e| format!("не удалось узнать адрес сервера: {e}"))?;
        ready(addr);
        axum::serve(listener, router)
            .await
            .map_err(|e| format!("сервер остановлен: {e}"))
    })
}

/// A server running on its own thread (tests, embedding).
pub struct Running {
    pub addr: SocketAddr,
}

/// Starts the server on a thread of its own and returns its address.
pub fn spawn(config: Config) -> Result<Running, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let tx2 = tx.clone();
        if let Err(e) = run(&config, move |addr| {
            let _ = tx2.send(Ok(addr));
        }) {
            let _ = tx.send(Err(e));
        }
    });
    let addr = rx.recv().map_err(|_| "сервер не запустился".to_owned())??;
    Ok(Running { addr })
}

/// An empty or missing folder (or one holding only the password) gets the
/// example school (programme.json and the tables), so the page shows a
/// whole package at once; a folder with anything else is served as it is.
fn prepare_dir(dir: &Path, region: Option<&str>) -> Result<(), String> {
    if let Some(region) = region {
        nastavnik_engine::layers::check_region(region).map_err(|e| e.to_string())?;
    }
    let empty = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .flatten()
            .all(|e| e.file_name() == std::ffi::OsStr::new(PASSWORD_FILE)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        Err(e) if dir.exists() && !dir.is_dir() => {
            return Err(format!(
                "{} — файл, а не папка; укажите папку организации ({e})",
                dir.display()
            ))
        }
        Err(e) => return Err(format!("не удалось прочитать папку {}: {e}", dir.display())),
    };
    if !empty {
        return Ok(());
    }
    let files = nastavnik_engine::example::files(region).map_err(|e| e.to_string())?;
    for (name, bytes) in files {
        let path = dir.join(&name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("не удалось создать папку {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| format!("не удалось записать файл {}: {e}", path.display()))?;
    }
    Ok(())
}

fn router(app: Shared) -> Router {
    layered(routes(), app)
}

fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/",
            get(|| async { axum::response::Redirect::to("/check") }),
        )
        .route("/static/style.css", get(style))
        .route("/login", get(auth::login_page).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/check", get(pages::check))
        .route("/documents", get(pages::documents))
        .route("/documents/generate", post(pages::generate))
        .route("/documents/progress", get(pages::progress))
        .route("/packages/{name}/zip", get(pages::package_zip))
        .route("/packages/{name}/doc/{file}", get(pages::package_doc))
        .route("/packages/{name}/pdf/{file}", get(pages::package_pdf))
        .route("/tables", get(pages::tables))
        .route(
            "/tables/{kind}",
            post(pages::upload_table).layer(DefaultBodyLimit::max(files::TABLE_BODY_LIMIT)),
        )
        .route("/tables/{kind}/download", get(pages::download_table))
        .route("/tables/{kind}/example", get(pages::example_table))
        .route("/tables/{kind}/blank", get(pages::blank_table))
        .route("/programme", get(pages::programme))
        .route(
            "/programme",
            post(pages::upload_programme).layer(DefaultBodyLimit::max(files::PROGRAMME_BODY_LIMIT)),
        )
        .route("/programme/organisation", post(pages::save_organisation))
        .route("/programme/programme", post(pages::save_programme))
        .route("/programme/section/{section}", post(pages::save_section))
        .route("/programme/download", get(pages::download_programme))
        .route("/programme/example", get(pages::example_programme))
        .route("/programme/schema", get(pages::schema))
}

/// The layers every route is served under, outermost last.
fn layered(routes: Router<Shared>, app: Shared) -> Router {
    use tower::limit::ConcurrencyLimitLayer;
    routes
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked))
        .layer(middleware::from_fn(security_headers))
        .layer(ConcurrencyLimitLayer::new(MAX_REQUESTS))
        .with_state(app)
}

async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("../assets/style.css"),
    )
        .into_response()
}

/// A panic's message, as `panic!` gave it.
pub(crate) fn panic_text(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("без сообщения")
}

/// The log's line of a panic, in Russian: what, where, and that the
/// server goes on.
fn panic_line(payload: &(dyn std::any::Any + Send), place: Option<(&str, u32)>) -> String {
    let at = place.map_or_else(String::new, |(file, line)| {
        format!(" ({file}, строка {line})")
    });
    format!(
        "ошибка: внутренняя ошибка nastavnik{at}: {} — сообщите разработчикам; запрос прерван, сервер продолжает работу",
        panic_text(payload)
    )
}

/// Logs every panic of the process in Russian with its place, instead of
/// the standard library's English line (`nastavnik serve` calls it before
/// [`run`]); the request that panicked is answered 500 and the server
/// goes on.
pub fn log_panics_in_russian() {
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "{}",
            panic_line(
                info.payload(),
                info.location().map(|l| (l.file(), l.line()))
            )
        );
    }));
}

/// A request that panicked: logged (what panicked; the hook of
/// [`log_panics_in_russian`] gave its place), answered 500, the server
/// goes on.
fn panicked(payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
    eprintln!(
        "ошибка: запрос прерван внутренней ошибкой («{}»), ответ 500; сервер продолжает работу",
        panic_text(&*payload)
    );
    pages::error_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Внутренняя ошибка nastavnik (сообщите разработчикам); запрос прерван, сервер продолжает работу.",
    )
}

/// Login and CSRF: in password mode every page but the login form and the
/// style sheet needs a session; every POST needs `?csrf=` equal to the
/// session's token (the server's own before login).
async fn guard(State(app): State<Shared>, request: Request, next: Next) -> Response {
    if !app.auth.required() && !loopback_host(request.headers()) {
        // Without a password the page is for this computer only: a name
        // other than a loopback one is a page elsewhere rebinding its name
        // to 127.0.0.1 to read ours (DNS rebinding).
        return pages::error_page(
            StatusCode::FORBIDDEN,
            "Без пароля страница открывается только по адресу этого компьютера (127.0.0.1 или localhost).",
        );
    }
    let path = request.uri().path().to_owned();
    let session = app.auth.session(request.headers());
    let open = path == "/login" || path == "/static/style.css";
    if app.auth.required() && session.is_none() && !open {
        if request.method() == Method::GET {
            return axum::response::Redirect::to("/login").into_response();
        }
        return pages::error_page(
            StatusCode::UNAUTHORIZED,
            "Нужно войти: сессия не открыта или истекла.",
        );
    }
    if request.method() == Method::POST {
        let given = request
            .uri()
            .query()
            .and_then(|q| {
                q.split('&')
                    .find_map(|kv| kv.strip_prefix("csrf="))
                    .map(str::to_owned)
            })
            .unwrap_or_default();
        let expected = app.auth.csrf_for(session.as_ref());
        if !auth::same(given.as_bytes(), expected.as_bytes()) {
            return pages::error_page(
                StatusCode::FORBIDDEN,
                "Форма отклонена: нет ключа защиты (CSRF) или он устарел. Обновите страницу и повторите.",
            );
        }
    }
    next.run(request).await
}

/// Whether the request names this computer: `localhost`, `127.0.0.1`,
/// `[::1]` (any port).
fn loopback_host(headers: &axum::http::HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(n, _)| n),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    fn app(dir: &Path) -> Shared {
        Arc::new(App {
            dir: dir.to_path_buf(),
            region: None,
            auth: auth::Auth::new(None).unwrap(),
            heavy: tokio::sync::Semaphore::new(HEAVY_JOBS),
            job: std::sync::Mutex::new(None),
            wait: WAIT,
        })
    }

    fn get(addr: SocketAddr, path: &str) -> String {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    /// A handler that panics answers 500 and the server goes on serving.
    #[test]
    fn a_panic_in_a_request_never_stops_the_server() {
        let tmp = tempfile::tempdir().unwrap();
        prepare_dir(tmp.path(), None).unwrap();
        let app = app(tmp.path());
        let routes = routes().route(
            "/boom",
            axum::routing::get(|| async {
                if true {
                    panic!("a bug in a handler");
                }
                "never"
            }),
        );
        let router = layered(routes, app.clone());
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let addr = listener.local_addr().unwrap();
        runtime.spawn(async move { axum::serve(listener, router).await });
        for _ in 0..3 {
            let boom = get(addr, "/boom");
            assert!(boom.starts_with("HTTP/1.1 500"), "{boom}");
            assert!(boom.contains("сервер продолжает работу"), "{boom}");
            assert!(boom.contains("x-frame-options: DENY"), "{boom}");
        }
        let page = get(addr, "/check");
        assert!(page.starts_with("HTTP/1.1 200"), "{page}");
        // A panic inside engine work is an error message, not the end.
        let failed = runtime.block_on(pages::heavy(&app, |_| -> u8 {
            panic!("a bug in the engine")
        }));
        assert!(failed.unwrap_err().contains("сервер продолжает работу"));
        let page = get(addr, "/tables");
        assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    }

    /// The log says in Russian what panicked and where.
    #[test]
    fn a_panic_is_logged_in_russian_with_its_place() {
        let line = panic_line(&"index out of bounds", Some(("web/src/pages.rs", 42)));
        assert_eq!(
            line,
            "ошибка: внутренняя ошибка nastavnik (web/src/pages.rs, строка 42): index out of bounds — сообщите разработчикам; запрос прерван, сервер продолжает работу"
        );
        let owned: Box<dyn std::any::Any + Send> = Box::new(format!("row {}", 7));
        assert!(panic_line(&*owned, None).contains(": row 7 — "));
        let other: Box<dyn std::any::Any + Send> = Box::new(5_u8);
        assert!(panic_line(&*other, None).contains("без сообщения"));
    }
}
