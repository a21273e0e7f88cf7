//! Password mode: an Argon2 hash in the organisation's folder, login
//! sessions in memory (a cookie HttpOnly, SameSite=Strict, with an expiry),
//! a CSRF token per session (the server's own before login and without a
//! password).

use crate::pages;
use crate::Shared;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The file in the organisation's folder holding the password's Argon2
/// hash (PHC string).
pub const PASSWORD_FILE: &str = ".nastavnik-password";
const COOKIE: &str = "nastavnik_session";
/// How long a login lasts.
const SESSION_TTL: Duration = Duration::from_secs(8 * 3600);
/// Sessions kept at most (the oldest are dropped first).
const MAX_SESSIONS: usize = 1000;

pub(crate) struct Auth {
    hash: Option<String>,
    server_csrf: String,
    sessions: Mutex<HashMap<String, Session>>,
}

#[derive(Clone)]
struct Session {
    expires: Instant,
    csrf: String,
}

/// An open session as a request presents it.
pub(crate) struct Current {
    token: String,
    csrf: String,
}

/// 32 random bytes as hex.
fn token() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| format!("нет источника случайных чисел: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Compares in time independent of where the bytes differ.
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl Auth {
    pub fn new(hash: Option<String>) -> Result<Auth, String> {
        Ok(Auth {
            hash,
            server_csrf: token()?,
            sessions: Mutex::new(HashMap::new()),
        })
    }

    pub fn required(&self) -> bool {
        self.hash.is_some()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        // A panic elsewhere never leaves the map half-written (inserts and
        // removes only), so a poisoned lock is still sound.
        self.sessions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The session the request's cookie names, if open and not expired.
    pub fn session(&self, headers: &HeaderMap) -> Option<Current> {
        let token = cookie(headers, COOKIE)?;
        let mut sessions = self.lock();
        match sessions.get(&token) {
            Some(s) if s.expires > Instant::now() => Some(Current {
                csrf: s.csrf.clone(),
                token,
            }),
            Some(_) => {
                sessions.remove(&token);
                None
            }
            None => None,
        }
    }

    /// The token forms must carry.
    pub fn csrf_for(&self, session: Option<&Current>) -> String {
        match session {
            Some(s) if self.required() => s.csrf.clone(),
            _ => self.server_csrf.clone(),
        }
    }

    fn open(&self) -> Result<String, String> {
        let token = token()?;
        let csrf = self::token()?;
        let now = Instant::now();
        let mut sessions = self.lock();
        sessions.retain(|_, s| s.expires > now);
        if sessions.len() >= MAX_SESSIONS {
            if let Some(oldest) = sessions
                .iter()
                .min_by_key(|(_, s)| s.expires)
                .map(|(k, _)| k.clone())
            {
                sessions.remove(&oldest);
            }
        }
        sessions.insert(
            token.clone(),
            Session {
                expires: now + SESSION_TTL,
                csrf,
            },
        );
        Ok(token)
    }
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == name).then(|| v.to_owned())
        })
}

/// Reads the stored hash, if any.
pub(crate) fn read_hash(dir: &Path) -> Result<Option<String>, String> {
    let path = dir.join(PASSWORD_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let hash = text.trim().to_owned();
            argon2::PasswordHash::new(&hash).map_err(|e| {
                format!(
                    "{} испорчен ({e}); задайте пароль заново: nastavnik serve {} --set-password",
                    path.display(),
                    dir.display()
                )
            })?;
            Ok(Some(hash))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("не удалось прочитать {}: {e}", path.display())),
    }
}

/// Stores the password's Argon2 hash in `dir` (atomically, readable by its
/// owner only).
pub fn set_password(dir: &Path, password: &str) -> Result<(), String> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    if password.chars().count() < 8 {
        return Err("пароль слишком короткий: нужно не меньше 8 знаков".to_owned());
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("не удалось создать папку {}: {e}", dir.display()))?;
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| format!("нет источника случайных чисел: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| format!("соль не записывается: {e}"))?;
    let hash = argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| format!("пароль не хешируется: {e}"))?
        .to_string();
    let mut file = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("не удалось записать в папку {}: {e}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = file
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600));
    }
    use std::io::Write;
    file.write_all(format!("{hash}\n").as_bytes())
        .and_then(|_| file.as_file().sync_all())
        .map_err(|e| format!("не удалось записать пароль: {e}"))?;
    file.persist(dir.join(PASSWORD_FILE))
        .map_err(|e| format!("не удалось сохранить пароль: {}", e.error))?;
    Ok(())
}

pub(crate) async fn login_page(State(app): State<Shared>, headers: HeaderMap) -> Response {
    let current = app.auth.session(&headers);
    pages::login_page(&app, current.as_ref(), None)
}

#[derive(serde::Deserialize)]
pub(crate) struct LoginForm {
    password: String,
}

pub(crate) async fn login(State(app): State<Shared>, form: axum::Form<LoginForm>) -> Response {
    let Some(hash) = app.auth.hash.clone() else {
        return Redirect::to("/check").into_response();
    };
    let password = form.0.password;
    let verified = tokio::task::spawn_blocking(move || {
        use argon2::password_hash::PasswordVerifier;
        argon2::PasswordHash::new(&hash)
            .map(|parsed| {
                argon2::Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false);
    if !verified {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let mut page = pages::login_page(&app, None, Some("Неверный пароль."));
        *page.status_mut() = StatusCode::UNAUTHORIZED;
        return page;
    }
    match app.auth.open() {
        Ok(token) => {
            let cookie = format!(
                "{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}",
                SESSION_TTL.as_secs()
            );
            let mut response = Redirect::to("/check").into_response();
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(header::SET_COOKIE, v);
            }
            response
        }
        Err(e) => pages::error_page(StatusCode::INTERNAL_SERVER_ERROR, &e),
    }
}

pub(crate) async fn logout(State(app): State<Shared>, headers: HeaderMap) -> Response {
    if let Some(s) = app.auth.session(&headers) {
        app.auth.lock().remove(&s.token);
    }
    let mut response = Redirect::to("/login").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static(
            "nastavnik_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0",
        ),
    );
    response
}
