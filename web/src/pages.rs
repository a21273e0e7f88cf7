//! The sections: Проверка, Документы, Таблицы, Программа. Each handler
//! calls the engine on a blocking thread (at most [`crate::HEAVY_JOBS`] at
//! once) and renders a template.

use crate::files::{self, Refused};
use crate::{App, Shared};
use askama::Template;
use axum::extract::{Multipart, Path as UrlPath, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use engine::fsread::Kind;
use engine::package::Profile;
use nastavnik_engine as engine;
use std::path::Path;

/// What every page shows around its content.
pub(crate) struct Chrome {
    pub title: String,
    pub section: &'static str,
    pub nav: bool,
    pub logout: bool,
    pub csrf: String,
    pub folder: String,
    /// (`ok` | `error` | `note`, text)
    pub messages: Vec<(&'static str, String)>,
}

/// Whether the folder still holds the example school's organisation
/// (what an empty folder gets): then every page says so.
fn is_example(dir: &Path) -> bool {
    static EXAMPLE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let example = EXAMPLE.get_or_init(|| {
        let json =
            engine::load::programme_json(&engine::example::model(), engine::example::inputs())
                .ok()?;
        json["organisation"]["full_name"]
            .as_str()
            .map(str::to_owned)
    });
    let Some(example) = example else {
        return false;
    };
    files::programme_value(dir)
        .is_some_and(|v| v["organisation"]["full_name"].as_str() == Some(example.as_str()))
}

impl Chrome {
    fn new(app: &App, headers: &HeaderMap, section: &'static str, title: &str) -> Chrome {
        let session = app.auth.session(headers);
        let mut messages = Vec::new();
        if is_example(&app.dir) {
            messages.push((
                "note",
                "В папке — пример школы из nastavnik: замените сведения об организации (раздел «Программа») и таблицы (раздел «Таблицы») своими.".to_owned(),
            ));
        }
        Chrome {
            title: title.to_owned(),
            section,
            nav: true,
            logout: app.auth.required() && session.is_some(),
            csrf: app.auth.csrf_for(session.as_ref()),
            folder: app.dir.display().to_string(),
            messages,
        }
    }

    fn ok(mut self, text: impl Into<String>) -> Self {
        self.messages.push(("ok", text.into()));
        self
    }

    fn error(mut self, text: impl Into<String>) -> Self {
        self.messages.push(("error", text.into()));
        self
    }
}

/// A problem as the page lists it: place (`file › sheet › cell`) and message.
pub(crate) struct ProblemView {
    pub place: String,
    pub message: String,
}

fn views(problems: &[engine::Problem]) -> Vec<ProblemView> {
    problems
        .iter()
        .map(|p| ProblemView {
            place: p.place.to_string(),
            message: p.message.clone(),
        })
        .collect()
}

/// An engine error as problems: its own when the input is at fault, its
/// text otherwise.
fn error_views(e: &engine::Error) -> Vec<ProblemView> {
    match e.problems() {
        [] => vec![ProblemView {
            place: String::new(),
            message: e.to_string(),
        }],
        p => views(p),
    }
}

fn render(page: impl Template) -> Response {
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            eprintln!("ошибка: страница не собирается: {e}");
            (StatusCode::INTERNAL_SERVER_ERROR, "страница не собирается").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    chrome: Chrome,
}

pub(crate) fn error_page(status: StatusCode, text: &str) -> Response {
    let chrome = Chrome {
        title: "Запрос не выполнен".to_owned(),
        section: "",
        nav: false,
        logout: false,
        csrf: String::new(),
        folder: String::new(),
        messages: vec![("error", text.to_owned())],
    };
    let mut response = render(MessagePage { chrome });
    *response.status_mut() = status;
    response
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
}

pub(crate) fn login_page(
    app: &App,
    session: Option<&crate::auth::Current>,
    error: Option<&str>,
) -> Response {
    let mut chrome = Chrome {
        title: "Вход".to_owned(),
        section: "",
        nav: false,
        logout: false,
        csrf: app.auth.csrf_for(session),
        folder: String::new(),
        messages: Vec::new(),
    };
    if let Some(e) = error {
        chrome = chrome.error(e);
    }
    render(LoginPage { chrome })
}

/// Runs engine work on a blocking thread, at most `HEAVY_JOBS` at once; a
/// panic in it is an internal error, never the server's end.
pub(crate) async fn heavy<T: Send + 'static>(
    app: &Shared,
    work: impl FnOnce(&App) -> T + Send + 'static,
) -> Result<T, String> {
    let _permit = app
        .heavy
        .acquire()
        .await
        .map_err(|_| "сервер останавливается".to_owned())?;
    let app = app.clone();
    tokio::task::spawn_blocking(move || work(&app))
        .await
        .map_err(|e| {
            let what = match e.try_into_panic() {
                Ok(payload) => crate::panic_text(&*payload).to_owned(),
                Err(_) => "работа прервана".to_owned(),
            };
            eprintln!(
                "ошибка: внутренняя ошибка при работе движка («{what}»); сервер продолжает работу"
            );
            "Внутренняя ошибка nastavnik (сообщите разработчикам); сервер продолжает работу."
                .to_owned()
        })
}

/// Today (UTC), as the command line reads it.
fn today() -> engine::NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    engine::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.checked_add_days(engine::Days::new(days)))
        .unwrap_or_default()
}

// ───────────────────────────── Проверка ─────────────────────────────

#[derive(serde::Deserialize, Default)]
pub(crate) struct CheckQuery {
    #[serde(default)]
    level: String,
    #[serde(default)]
    stage: String,
}

struct FindingView {
    level: &'static str,
    level_ru: &'static str,
    rule: String,
    message: String,
    basis: String,
    place: String,
}

struct StageView {
    number: u8,
    title: String,
    status: &'static str,
    mark: &'static str,
    class: &'static str,
    findings: Vec<FindingView>,
}

struct ReportView {
    organisation: String,
    programme: String,
    summary: String,
    stages: Vec<StageView>,
}

#[derive(Template)]
#[template(path = "check.html")]
struct CheckPage {
    chrome: Chrome,
    level: String,
    stage: u8,
    problems: Vec<ProblemView>,
    notices: Vec<ProblemView>,
    report: Option<ReportView>,
}

/// The stages and findings as `nastavnik check` prints them, at the
/// package's date (programme.json's `report_date`, else today).
fn run_check(
    app: &App,
    level: &str,
    stage: Option<u8>,
) -> (Vec<ProblemView>, Vec<ProblemView>, Option<ReportView>) {
    use engine::calendar::StageStatus;
    let mut loaded = match engine::load::load(&app.dir) {
        Ok(l) => l,
        Err(e) => return (error_views(&e), Vec::new(), None),
    };
    let notices = views(&loaded.notices);
    loaded.model.report_date = Some(loaded.model.report_date.unwrap_or_else(today));
    let report = Profile::for_programme(&loaded, app.region.as_deref(), None, None)
        .and_then(|profile| profile.check(&loaded.model));
    let report = match report {
        Ok(r) => r,
        Err(e) => return (error_views(&e), notices, None),
    };
    let text = report.to_text(stage, false);
    let summary = text
        .lines()
        .find(|l| l.starts_with("Итого"))
        .unwrap_or_default()
        .to_owned();
    let r = report.for_stage(stage);
    let stages = r
        .stages
        .iter()
        .map(|s| {
            let (mark, class) = match s.status {
                StageStatus::Complete => ("✓", "complete"),
                StageStatus::NotStarted | StageStatus::Running => ("…", "open"),
                StageStatus::Overdue | StageStatus::Incomplete => ("✗", "bad"),
            };
            StageView {
                number: s.stage,
                title: s.title.clone(),
                status: s.status_text,
                mark,
                class,
                findings: s
                    .findings
                    .iter()
                    .filter(|f| level.is_empty() || f.severity.as_str() == level)
                    .map(|f| FindingView {
                        level: f.severity.as_str(),
                        level_ru: f.severity.russian(),
                        rule: f.rule.clone(),
                        message: f.message.clone(),
                        basis: f.basis.clone(),
                        place: f.source.as_ref().map(|s| s.to_string()).unwrap_or_default(),
                    })
                    .collect(),
            }
        })
        .collect();
    let view = ReportView {
        organisation: r.school.organisation.clone(),
        programme: r.school.programme.clone(),
        summary,
        stages,
    };
    (Vec::new(), notices, Some(view))
}

pub(crate) async fn check(
    State(app): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<CheckQuery>,
) -> Response {
    let level = match q.level.as_str() {
        "error" | "warning" | "info" => q.level.clone(),
        _ => String::new(),
    };
    let stage = q
        .stage
        .parse::<u8>()
        .ok()
        .filter(|n| engine::model::STAGE_NUMBERS.contains(n));
    let chrome = Chrome::new(&app, &headers, "check", "Проверка этапов");
    let lv = level.clone();
    match heavy(&app, move |app| run_check(app, &lv, stage)).await {
        Ok((problems, notices, report)) => {
            let chrome = if problems.is_empty() {
                chrome
            } else {
                chrome.error("Данные не прочитаны: исправьте ошибки ниже, затем проверьте снова.")
            };
            render(CheckPage {
                chrome,
                level,
                stage: stage.unwrap_or(0),
                problems,
                notices,
                report,
            })
        }
        Err(e) => render(CheckPage {
            chrome: chrome.error(e),
            level,
            stage: stage.unwrap_or(0),
            problems: Vec::new(),
            notices: Vec::new(),
            report: None,
        }),
    }
}

// ───────────────────────────── Документы ─────────────────────────────

struct DocumentView {
    title: String,
    file: String,
    draft: String,
    /// The package holds its PDF (generated with PDFs).
    pdf: bool,
}

struct PackageView {
    name: String,
    documents: Vec<DocumentView>,
    /// The package was generated with PDFs.
    has_pdf: bool,
    held_back: Vec<String>,
    skipped: Vec<String>,
}

#[derive(Template)]
#[template(path = "documents.html")]
struct DocumentsPage {
    chrome: Chrome,
    problems: Vec<ProblemView>,
    notices: Vec<ProblemView>,
    packages: Vec<String>,
    current: String,
    package: Option<PackageView>,
    /// LibreOffice is installed: PDFs can be made.
    soffice: bool,
    /// Why not, when it is not.
    no_soffice: &'static str,
}

fn str_of<'a>(v: &'a serde_json::Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_default()
}

/// A package as its manifest.json tells it.
fn package_view(dir: &Path, name: &str) -> Option<PackageView> {
    let m = files::manifest(dir, name)?;
    let list = |key: &str| m[key].as_array().cloned().unwrap_or_default();
    let drafts = list("drafts");
    let pdfs = list("pdfs");
    let documents = list("documents")
        .iter()
        .map(|d| {
            let id = str_of(d, "id");
            let draft = drafts
                .iter()
                .find(|x| str_of(x, "id") == id)
                .map(|x| {
                    let when = match engine::russian::parse_date(str_of(x, "sign_from")) {
                        Some(from) => format!(
                            "подписывается не ранее {}",
                            nastavnik_engine::russian::date_short(from)
                        ),
                        None => "не подлежит подписанию".to_owned(),
                    };
                    format!("{when} — {}", str_of(x, "reason"))
                })
                .unwrap_or_default();
            let file = str_of(d, "file").to_owned();
            let pdf = pdfs.iter().any(|p| str_of(p, "id") == id);
            DocumentView {
                title: str_of(d, "title").to_owned(),
                file,
                draft,
                pdf,
            }
        })
        .collect();
    let held_back = list("held_back")
        .iter()
        .map(|h| {
            let s = &h["source"];
            let place = if let Some(p) = s["pointer"].as_str() {
                format!("programme.json › {p}")
            } else {
                let at = match (s["cell"].as_str(), s["column"].as_str()) {
                    (Some(c), Some(col)) => format!("{c} («{col}»)"),
                    _ => format!("строка {}", s["row"]),
                };
                format!("{} › {} › {at}", str_of(s, "file"), str_of(s, "sheet"))
            };
            let docs: Vec<&str> = h["documents"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|d| d.as_str())
                .collect();
            let female = h["female"].as_bool() == Some(true);
            let not_in = if female {
                "не включена"
            } else {
                "не включён"
            };
            let role = match str_of(h, "role") {
                "наставляемый" if female => "наставляемая",
                r => r,
            };
            format!(
                "{} ({}): {not_in} в {} — правило {}: {}; место: {place}",
                str_of(h, "name"),
                role,
                docs.join(", "),
                str_of(h, "rule"),
                str_of(h, "reason"),
            )
        })
        .collect();
    let skipped = list("skipped")
        .iter()
        .map(|s| {
            format!(
                "{} ({}): {}",
                str_of(s, "title"),
                str_of(s, "id"),
                str_of(s, "reason")
            )
        })
        .collect();
    Some(PackageView {
        name: name.to_owned(),
        has_pdf: !pdfs.is_empty(),
        documents,
        held_back,
        skipped,
    })
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct DocumentsQuery {
    #[serde(default)]
    package: String,
}

fn documents_page(
    app: &App,
    chrome: Chrome,
    wanted: &str,
    problems: Vec<ProblemView>,
    notices: Vec<ProblemView>,
) -> Response {
    let packages = files::packages(&app.dir);
    let current = if packages.iter().any(|p| p == wanted) {
        wanted.to_owned()
    } else {
        packages.first().cloned().unwrap_or_default()
    };
    let package = package_view(&app.dir, &current);
    render(DocumentsPage {
        chrome,
        problems,
        notices,
        packages,
        current,
        package,
        soffice: engine::pdf::soffice().is_some(),
        no_soffice: engine::pdf::NOT_INSTALLED,
    })
}

pub(crate) async fn documents(
    State(app): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<DocumentsQuery>,
) -> Response {
    // A generation running, or done and not yet shown: its page.
    if q.package.is_empty() {
        if let Some(job) = app.job.lock().ok().and_then(|j| j.clone()) {
            return show_job(&app, &headers, &job);
        }
    }
    let chrome = Chrome::new(&app, &headers, "documents", "Документы");
    documents_page(&app, chrome, &q.package, Vec::new(), Vec::new())
}

/// What a generation gives the page: the package's name, the notices and
/// the number of documents; or the problems that stopped it.
type Generated = Result<(String, Vec<ProblemView>, usize), Vec<ProblemView>>;

/// A generation running on a blocking thread, its progress read by the
/// progress page; its result kept until a page shows it.
pub(crate) struct Job {
    started: std::time::Instant,
    pdf: bool,
    progress: engine::package::Progress,
    result: std::sync::Mutex<Option<Result<Generated, String>>>,
}

impl Job {
    fn finished(&self) -> bool {
        self.result.lock().is_ok_and(|r| r.is_some())
    }
}

/// Generates the package into `packages/ГГГГ-ММ-ДД` (today), replacing
/// only a previous package of the same day; the engine's lock beside it
/// refuses a second generation at once.
fn run_generate(app: &App, job: &Job) -> Generated {
    let loaded = engine::load::load(&app.dir).map_err(|e| error_views(&e))?;
    let notices = views(&loaded.notices);
    let date = loaded.model.report_date.unwrap_or_else(today);
    let name = today().format("%Y-%m-%d").to_string();
    let out = app.dir.join(files::PACKAGES).join(&name);
    std::fs::create_dir_all(app.dir.join(files::PACKAGES)).map_err(|e| {
        vec![ProblemView {
            place: files::PACKAGES.to_owned(),
            message: format!("не удалось создать папку: {e}"),
        }]
    })?;
    let options = engine::package::Options {
        region: app.region.clone(),
        force: true,
        date: Some(date),
        pdf: job.pdf,
        ..Default::default()
    };
    let profile = Profile::for_programme(&loaded, options.region.as_deref(), None, None)
        .map_err(|e| error_views(&e))?;
    let manifest =
        engine::package::generate_observed(&loaded, &profile, &out, &options, &job.progress)
            .map_err(|e| error_views(&e))?;
    Ok((name, notices, manifest.documents.len()))
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct GenerateForm {
    #[serde(default)]
    pdf: String,
}

/// «Сформировать»: starts the generation (unless one is running) and waits
/// for it up to `App::wait`; a package that takes longer answers with
/// the progress page, which follows the work until its result.
pub(crate) async fn generate(
    State(app): State<Shared>,
    headers: HeaderMap,
    form: Result<axum::Form<GenerateForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    // A form without the box (or without a body at all): no PDFs.
    let pdf = form.is_ok_and(|f| !f.pdf.is_empty());
    let job = {
        let Ok(mut slot) = app.job.lock() else {
            return error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "состояние сервера повреждено",
            );
        };
        match slot.as_ref() {
            Some(running) if !running.finished() => {
                let chrome = Chrome::new(&app, &headers, "documents", "Документы").error(
                    "Пакет уже формируется (в этой или другой вкладке): дождитесь окончания.",
                );
                return progress_page(chrome, running);
            }
            _ => {}
        }
        let job = std::sync::Arc::new(Job {
            started: std::time::Instant::now(),
            pdf,
            progress: Default::default(),
            result: std::sync::Mutex::new(None),
        });
        *slot = Some(job.clone());
        job
    };
    let (worker, shared) = (job.clone(), app.clone());
    tokio::spawn(async move {
        let w = worker.clone();
        let result = heavy(&shared, move |app| run_generate(app, &w)).await;
        if let Ok(mut r) = worker.result.lock() {
            *r = Some(result);
        }
    });
    let deadline = tokio::time::Instant::now() + app.wait;
    while !job.finished() && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    show_job(&app, &headers, &job)
}

/// The result of a finished job (taken: shown once), or its progress.
fn show_job(app: &App, headers: &HeaderMap, job: &std::sync::Arc<Job>) -> Response {
    let chrome = Chrome::new(app, headers, "documents", "Документы");
    let result = job.result.lock().ok().and_then(|mut r| r.take());
    let Some(result) = result else {
        return progress_page(chrome, job);
    };
    if let Ok(mut slot) = app.job.lock() {
        if slot
            .as_ref()
            .is_some_and(|j| std::sync::Arc::ptr_eq(j, job))
        {
            *slot = None;
        }
    }
    match result {
        Ok(Ok((name, notices, count))) => documents_page(
            app,
            chrome.ok(format!(
                "Пакет сформирован: документов — {count}, папка packages/{name}."
            )),
            &name,
            Vec::new(),
            notices,
        ),
        Ok(Err(problems)) => documents_page(
            app,
            chrome.error("Пакет не сформирован: причины ниже."),
            "",
            problems,
            Vec::new(),
        ),
        Err(e) => documents_page(app, chrome.error(e), "", Vec::new(), Vec::new()),
    }
}

#[derive(Template)]
#[template(path = "progress.html")]
struct ProgressPage {
    chrome: Chrome,
    seconds: u64,
    /// Documents to write (0 while the data and rules are read).
    total: usize,
    written: usize,
    pdf: bool,
    pdf_done: usize,
    pdf_total: usize,
}

fn progress_page(chrome: Chrome, job: &Job) -> Response {
    use std::sync::atomic::Ordering::Relaxed;
    let p = &job.progress;
    render(ProgressPage {
        chrome,
        seconds: job.started.elapsed().as_secs(),
        total: p.total.load(Relaxed),
        written: p.written.load(Relaxed),
        pdf: job.pdf,
        pdf_done: p.pdf_done.load(Relaxed),
        pdf_total: p.pdf_total.load(Relaxed),
    })
}

/// The progress page of the running generation (it reloads itself, no
/// script); the result once it is done; the documents when there is none.
pub(crate) async fn progress(State(app): State<Shared>, headers: HeaderMap) -> Response {
    let job = app.job.lock().ok().and_then(|j| j.clone());
    match job {
        Some(job) => show_job(&app, &headers, &job),
        None => axum::response::Redirect::to("/documents").into_response(),
    }
}

fn attachment(bytes: Vec<u8>, content_type: &'static str, file: &str) -> Response {
    // The name is ours (a package's file or a fixed name), ASCII-safe:
    // anything else is replaced.
    let safe: String = file
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn not_found() -> Response {
    error_page(StatusCode::NOT_FOUND, "Нет такого файла.")
}

pub(crate) async fn package_zip(
    State(app): State<Shared>,
    UrlPath(name): UrlPath<String>,
) -> Response {
    if !files::is_package_name(&name) {
        return not_found();
    }
    let n = name.clone();
    match heavy(&app, move |app| files::zip_package(&app.dir, &n)).await {
        Ok(Ok(bytes)) => attachment(bytes, "application/zip", &format!("nastavnik-{name}.zip")),
        Ok(Err(e)) | Err(e) => error_page(StatusCode::NOT_FOUND, &e),
    }
}

pub(crate) async fn package_doc(
    State(app): State<Shared>,
    UrlPath((name, file)): UrlPath<(String, String)>,
) -> Response {
    let Some(manifest) = files::manifest(&app.dir, &name) else {
        return not_found();
    };
    if !files::document_files(&manifest).contains(&file) {
        return not_found();
    }
    match std::fs::read(app.dir.join(files::PACKAGES).join(&name).join(&file)) {
        Ok(bytes) => attachment(bytes, DOCX, &file),
        Err(_) => not_found(),
    }
}

/// A document's PDF: the package's own when it was generated with PDFs,
/// else converted now by LibreOffice into a temporary folder (nothing
/// written into the package), within [`engine::pdf::time_limit`].
#[derive(serde::Deserialize, Default)]
pub(crate) struct PdfQuery {
    #[serde(default)]
    open: String,
}

/// The PDF as an attachment, or shown in the browser (`?open=1`).
fn pdf_response(bytes: Vec<u8>, name: &str, open: bool) -> Response {
    let mut response = attachment(bytes, "application/pdf", name);
    if open {
        if let Ok(v) = axum::http::HeaderValue::from_str(&format!(
            "inline; filename=\"{}\"",
            name.replace(
                |c: char| !c.is_ascii_alphanumeric() && !".-_".contains(c),
                "_"
            )
        )) {
            response
                .headers_mut()
                .insert(header::CONTENT_DISPOSITION, v);
        }
    }
    response
}

pub(crate) async fn package_pdf(
    State(app): State<Shared>,
    UrlPath((name, file)): UrlPath<(String, String)>,
    Query(q): Query<PdfQuery>,
) -> Response {
    let open = !q.open.is_empty();
    let Some(manifest) = files::manifest(&app.dir, &name) else {
        return not_found();
    };
    if !files::document_files(&manifest).contains(&file) {
        return not_found();
    }
    let pdf_name = Path::new(&file).with_extension("pdf").display().to_string();
    let listed = manifest["pdfs"]
        .as_array()
        .is_some_and(|a| a.iter().any(|p| str_of(p, "file") == pdf_name));
    let folder = app.dir.join(files::PACKAGES).join(&name);
    if listed {
        if let Ok(bytes) = std::fs::read(folder.join(&pdf_name)) {
            return pdf_response(bytes, &pdf_name, open);
        }
    }
    let Some(soffice) = engine::pdf::soffice() else {
        return error_page(StatusCode::SERVICE_UNAVAILABLE, engine::pdf::NOT_INSTALLED);
    };
    let docx = folder.join(&file);
    let converted = heavy(&app, move |_| {
        let tmp = tempfile::Builder::new()
            .prefix("nastavnik-pdf-")
            .tempdir()
            .map_err(|e| format!("не удалось создать временную папку: {e}"))?;
        let pdfs = engine::pdf::convert(&soffice, &[docx], tmp.path(), &|_, _| {})
            .map_err(|e| e.to_string())?;
        let pdf = pdfs.first().ok_or("PDF не сформирован")?;
        std::fs::read(pdf).map_err(|e| format!("не удалось прочитать PDF: {e}"))
    })
    .await;
    match converted {
        Ok(Ok(bytes)) => pdf_response(bytes, &pdf_name, open),
        Ok(Err(e)) | Err(e) => error_page(StatusCode::INTERNAL_SERVER_ERROR, &e),
    }
}

// ───────────────────────────── Таблицы ─────────────────────────────

struct TableView {
    kind: &'static str,
    title: &'static str,
    what: &'static str,
    file: String,
    exists: bool,
}

#[derive(Template)]
#[template(path = "tables.html")]
struct TablesPage {
    chrome: Chrome,
    problems: Vec<ProblemView>,
    notices: Vec<ProblemView>,
    tables: Vec<TableView>,
}

fn tables_page(
    app: &App,
    mut chrome: Chrome,
    problems: Vec<ProblemView>,
    notices: Vec<ProblemView>,
) -> Response {
    let tables = files::TABLES
        .iter()
        .map(|t| {
            let file = files::table_file(&app.dir, t).unwrap_or_else(|e| {
                chrome.messages.push(("error", e));
                t.default_file.to_owned()
            });
            TableView {
                kind: t.slug,
                title: t.title,
                what: t.what,
                exists: app.dir.join(&file).is_file(),
                file,
            }
        })
        .collect();
    render(TablesPage {
        chrome,
        problems,
        notices,
        tables,
    })
}

pub(crate) async fn tables(State(app): State<Shared>, headers: HeaderMap) -> Response {
    let chrome = Chrome::new(&app, &headers, "tables", "Таблицы");
    tables_page(&app, chrome, Vec::new(), Vec::new())
}

/// Reads the whole folder as `validate` does: every problem, with its place.
fn read_folder(app: &App) -> (Vec<ProblemView>, Vec<ProblemView>) {
    match engine::load::load(&app.dir) {
        Ok(l) => (Vec::new(), views(&l.notices)),
        Err(e) => (error_views(&e), Vec::new()),
    }
}

pub(crate) async fn upload_table(
    State(app): State<Shared>,
    headers: HeaderMap,
    UrlPath(kind): UrlPath<String>,
    form: Multipart,
) -> Response {
    let chrome = Chrome::new(&app, &headers, "tables", "Таблицы");
    let Some(kind) = files::table_kind(&kind) else {
        return not_found();
    };
    let file = match files::table_file(&app.dir, kind) {
        Ok(f) => f,
        Err(e) => return tables_page(&app, chrome.error(e), Vec::new(), Vec::new()),
    };
    let target = app.dir.join(&file);
    let folder = target.parent().unwrap_or(&app.dir).to_path_buf();
    let temp = match files::receive(form, &folder, Kind::Table.limit()).await {
        Ok(t) => t,
        Err(r) => {
            let status = match r {
                Refused::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
                _ => StatusCode::BAD_REQUEST,
            };
            let mut page = tables_page(
                &app,
                chrome.error(r.message("таблица")),
                Vec::new(),
                Vec::new(),
            );
            *page.status_mut() = status;
            return page;
        }
    };
    if !is_zip(temp.path()) {
        let mut page = tables_page(
            &app,
            chrome.error(format!(
                "Файл не принят: это не книга XLSX. Сохраните таблицу в Excel или LibreOffice как «Книга Excel (.xlsx)». {file} не изменён."
            )),
            Vec::new(),
            Vec::new(),
        );
        *page.status_mut() = StatusCode::BAD_REQUEST;
        return page;
    }
    // A workbook past the reader's limits (a zip bomb, millions of rows,
    // parts calamine would trust) is refused before it replaces anything:
    // the engine's own check, the one `validate` runs first.
    let path = temp.path().to_path_buf();
    let shown = file.clone();
    let scanned = heavy(&app, move |_| {
        let bytes = engine::fsread::read(&path, Kind::Table).map_err(|e| e.message())?;
        engine::ingest::archive::check(bytes, &shown)
            .map(drop)
            .map_err(|p| format!("{}: {}", p.place, p.message))
    })
    .await
    .and_then(|r| r);
    if let Err(why) = scanned {
        let mut page = tables_page(
            &app,
            chrome.error(format!("Файл не принят: {why}. {file} не изменён.")),
            Vec::new(),
            Vec::new(),
        );
        *page.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return page;
    }
    let feeds = files::feeds(&app.dir, kind, &file);
    if let Some(why) = files::foreign_workbook(temp.path(), &file, &feeds) {
        let mut page = tables_page(&app, chrome.error(why), Vec::new(), Vec::new());
        *page.status_mut() = StatusCode::BAD_REQUEST;
        return page;
    }
    if let Err(e) = files::put(temp, &target, true) {
        return tables_page(&app, chrome.error(e), Vec::new(), Vec::new());
    }
    // Which sheets of it the programme reads, and which of the kind's
    // tables it reads from another file (an upload's sheet of that name
    // is not read).
    let mut fed = format!(
        " Из неё читаются листы: {}.",
        feeds
            .here
            .iter()
            .map(|(_, s)| format!("«{s}»"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for (table, sheet, other) in &feeds.elsewhere {
        fed.push_str(&format!(
            " Лист «{sheet}» программа читает не отсюда, а из {other} (programme.json › /inputs/{table}/file): такой лист этой книги не читается."
        ));
    }
    let (problems, notices) = heavy(&app, read_folder).await.unwrap_or_else(|e| {
        (
            vec![ProblemView {
                place: String::new(),
                message: e,
            }],
            Vec::new(),
        )
    });
    let chrome = if problems.is_empty() {
        chrome.ok(format!(
            "{} сохранена в {file} и прочитана без ошибок.{fed}",
            kind.title
        ))
    } else {
        chrome.error(format!(
            "Таблица «{}» сохранена в {file}, но в данных есть ошибки ({}): исправьте их в таблице и загрузите снова.{fed}",
            kind.title,
            problems.len()
        ))
    };
    tables_page(&app, chrome, problems, notices)
}

fn is_zip(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == *b"PK\x03\x04"
}

pub(crate) async fn download_table(
    State(app): State<Shared>,
    UrlPath(kind): UrlPath<String>,
) -> Response {
    let Some(kind) = files::table_kind(&kind) else {
        return not_found();
    };
    let Ok(file) = files::table_file(&app.dir, kind) else {
        return not_found();
    };
    match engine::fsread::read(&app.dir.join(&file), Kind::Table) {
        Ok(bytes) => attachment(bytes, XLSX, &format!("{}.xlsx", kind.slug)),
        Err(_) => not_found(),
    }
}

fn example_file(name: &str) -> Option<Vec<u8>> {
    engine::example::files(None)
        .ok()?
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| b)
}

/// A blank form of a table (`engine::forms`): dropdowns, hints,
/// «Инструкция»; the forms, questions, files and sheets of the folder's
/// programme when it reads (its survey's questions when the tables read
/// too), else those of a new school.
fn blank_file(dir: &Path, kind: &files::TableKind) -> Option<Vec<u8>> {
    use engine::forms::{workbooks, Blank};
    let value = files::programme_value(dir);
    let inputs = value
        .as_ref()
        .and_then(|v| serde_json::from_value::<engine::ingest::Inputs>(v["inputs"].clone()).ok())
        .unwrap_or_else(engine::example::inputs);
    let blank = match engine::load::load(dir) {
        Ok(l) => Blank::of_model(&l.model, inputs),
        Err(_) => match value
            .and_then(|v| serde_json::from_value::<engine::load::ProgrammeJson>(v).ok())
        {
            Some(p) => {
                let m = engine::Model {
                    organisation: p.organisation,
                    programme: p.programme,
                    ..Default::default()
                };
                Blank::of_model(&m, inputs)
            }
            None => Blank::of_kind(engine::model::OrgKind::School),
        },
    };
    let file = files::table_file(dir, kind).unwrap_or_else(|_| kind.default_file.to_owned());
    let books = workbooks(&blank).ok()?;
    books
        .iter()
        .position(|(n, _)| *n == file)
        .or_else(|| books.iter().position(|(n, _)| n == kind.default_file))
        .map(|i| books[i].1.clone())
}

pub(crate) async fn blank_table(
    State(app): State<Shared>,
    UrlPath(kind): UrlPath<String>,
) -> Response {
    let Some(kind) = files::table_kind(&kind) else {
        return not_found();
    };
    match heavy(&app, move |app| blank_file(&app.dir, kind)).await {
        Ok(Some(bytes)) => attachment(bytes, XLSX, &format!("blank-{}.xlsx", kind.slug)),
        _ => not_found(),
    }
}

pub(crate) async fn example_table(UrlPath(kind): UrlPath<String>) -> Response {
    let Some(kind) = files::table_kind(&kind) else {
        return not_found();
    };
    match example_file(kind.default_file) {
        Some(bytes) => attachment(bytes, XLSX, &format!("example-{}.xlsx", kind.slug)),
        None => not_found(),
    }
}

// ───────────────────────────── Программа ─────────────────────────────

#[derive(Template)]
#[template(path = "programme.html")]
struct ProgrammePage {
    chrome: Chrome,
    problems: Vec<ProblemView>,
    notices: Vec<ProblemView>,
    exists: bool,
    /// The organisation's form.
    fields: Vec<FieldView>,
    /// The programme's form (with its lists).
    programme: Vec<ProgrammeField>,
    /// The other sections of programme.json (team, orders, council, …).
    sections: Vec<crate::sections::SectionView>,
    /// programme.json's keys no form edits: (key, title).
    not_on_form: Vec<(String, String)>,
    /// The file's version the forms were drawn from
    /// ([`files::programme_version`]).
    version: String,
}

/// A field of the programme's form, from the schema's `programme` object:
/// text, a date, choices of an enum list (checkboxes), or a list of texts
/// (one input per item, each with «удалить», and an empty one to add).
pub(crate) struct ProgrammeField {
    key: String,
    title: String,
    hint: String,
    /// `text`, `date`, `choices`, `list`.
    input: &'static str,
    value: String,
    /// `choices`: (value, chosen).
    options: Vec<(String, bool)>,
    /// `list`: the items.
    items: Vec<String>,
    required: bool,
    error: String,
}

/// The programme's fields of the schema, with `programme`'s values and
/// the errors found at their pointers (an item's error beside its list).
fn programme_fields(
    programme: Option<&serde_json::Value>,
    problems: &[ProblemView],
) -> Vec<ProgrammeField> {
    let schema: serde_json::Value =
        serde_json::from_str(engine::schema::schema_text()).unwrap_or_default();
    let spec = &schema["properties"]["programme"];
    let defs = &schema["$defs"];
    let resolve = |v: &serde_json::Value| -> serde_json::Value {
        match v["$ref"].as_str() {
            Some(r) => defs[r.trim_start_matches("#/$defs/")].clone(),
            None => v.clone(),
        }
    };
    let required: Vec<&str> = spec["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r.as_str())
        .collect();
    let current = programme.map(|p| &p["programme"]);
    spec["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(key, field)| {
            let own = resolve(field);
            let value = current.map(|c| &c[key.as_str()]);
            let text = value
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned();
            let array: Vec<String> = value
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect();
            let (input, options, items) = if own["type"] == "array" {
                let item = resolve(&own["items"]);
                match item["enum"].as_array() {
                    Some(values) => (
                        "choices",
                        values
                            .iter()
                            .filter_map(|v| v.as_str())
                            .map(|v| (v.to_owned(), array.iter().any(|a| a == v)))
                            .collect(),
                        Vec::new(),
                    ),
                    None if item["type"] == "string" => ("list", Vec::new(), array),
                    None => return None,
                }
            } else if own["format"] == "date" {
                ("date", Vec::new(), Vec::new())
            } else if own["type"] == "string" {
                ("text", Vec::new(), Vec::new())
            } else {
                return None;
            };
            let pointer = format!("/programme/{key}");
            let error = problems
                .iter()
                .filter(|p| {
                    p.place.ends_with(&format!("› {pointer}"))
                        || p.place.contains(&format!("› {pointer}/"))
                })
                .map(|p| p.message.clone())
                .collect::<Vec<_>>()
                .join("; ");
            Some(ProgrammeField {
                key: key.clone(),
                title: field["title"].as_str().unwrap_or(key).to_owned(),
                hint: field["description"].as_str().unwrap_or_default().to_owned(),
                input,
                value: text,
                options,
                items,
                required: required.contains(&key.as_str()),
                error,
            })
        })
        .collect()
}

/// A field of the organisation's form, from
/// `schemas/programme.schema.json`: its Russian title as the label, its
/// description as the hint, an enum as choices.
pub(crate) struct FieldView {
    key: String,
    title: String,
    hint: String,
    /// `text`, `number` or `select`.
    input: &'static str,
    value: String,
    options: Vec<(String, String)>,
    required: bool,
    error: String,
}

/// An enum value as its description words it: «school — общеобразовательная
/// организация, …» gives «общеобразовательная организация».
fn enum_label(description: &str, value: &str) -> String {
    description
        .split(&format!("{value} — "))
        .nth(1)
        .map(|rest| {
            rest.split([',', ';', '.'])
                .next()
                .unwrap_or(rest)
                .trim()
                .to_owned()
        })
        .unwrap_or_else(|| value.to_owned())
}

/// The organisation's plain fields (text, numbers, choices), with the
/// values of `programme` and the errors found at their pointers.
fn organisation_fields(
    programme: Option<&serde_json::Value>,
    problems: &[ProblemView],
) -> Vec<FieldView> {
    let schema: serde_json::Value =
        serde_json::from_str(engine::schema::schema_text()).unwrap_or_default();
    let org = &schema["properties"]["organisation"];
    let required: Vec<&str> = org["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r.as_str())
        .collect();
    let defs = &schema["$defs"];
    org["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(key, spec)| {
            let resolved = match spec["$ref"].as_str() {
                Some(r) => &defs[r.trim_start_matches("#/$defs/")],
                None => spec,
            };
            let description = spec["description"].as_str().unwrap_or_default();
            let (input, options) = if let Some(values) = spec["enum"].as_array() {
                let options = values
                    .iter()
                    .filter_map(|v| v.as_str())
                    .map(|v| (v.to_owned(), enum_label(description, v)))
                    .collect();
                ("select", options)
            } else if spec["type"] == "integer" {
                ("number", Vec::new())
            } else if resolved["type"] == "string" {
                ("text", Vec::new())
            } else {
                return None;
            };
            let value = match programme.map(|p| &p["organisation"][key.as_str()]) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => String::new(),
            };
            let pointer = format!("/organisation/{key}");
            let error = problems
                .iter()
                .filter(|p| p.place.ends_with(&format!("› {pointer}")))
                .map(|p| p.message.clone())
                .collect::<Vec<_>>()
                .join("; ");
            Some(FieldView {
                key: key.clone(),
                title: spec["title"].as_str().unwrap_or(key).to_owned(),
                hint: description.to_owned(),
                input,
                value,
                options,
                required: required.contains(&key.as_str()),
                error,
            })
        })
        .collect()
}

fn programme_page(
    app: &App,
    chrome: Chrome,
    problems: Vec<ProblemView>,
    notices: Vec<ProblemView>,
) -> Response {
    let fields = organisation_fields(files::programme_value(&app.dir).as_ref(), &problems);
    programme_page_with(app, chrome, problems, notices, fields)
}

fn programme_page_with(
    app: &App,
    chrome: Chrome,
    problems: Vec<ProblemView>,
    notices: Vec<ProblemView>,
    fields: Vec<FieldView>,
) -> Response {
    let programme = programme_fields(files::programme_value(&app.dir).as_ref(), &problems);
    programme_page_all(app, chrome, problems, notices, fields, programme)
}

fn programme_page_all(
    app: &App,
    chrome: Chrome,
    problems: Vec<ProblemView>,
    notices: Vec<ProblemView>,
    fields: Vec<FieldView>,
    programme: Vec<ProgrammeField>,
) -> Response {
    programme_page_edited(app, chrome, problems, notices, fields, programme, None)
}

/// The page with the sections showing `edited` (a form refused, not
/// saved) rather than programme.json.
fn programme_page_edited(
    app: &App,
    chrome: Chrome,
    problems: Vec<ProblemView>,
    notices: Vec<ProblemView>,
    fields: Vec<FieldView>,
    programme: Vec<ProgrammeField>,
    edited: Option<&serde_json::Value>,
) -> Response {
    let current = match edited {
        Some(_) => None,
        None => files::programme_value(&app.dir),
    };
    let shown = edited.or(current.as_ref());
    let pointed = crate::sections::pointed(&problems);
    let sections = match shown {
        Some(_) => crate::sections::all()
            .iter()
            .map(|s| s.view(shown, &pointed))
            .collect(),
        None => Vec::new(),
    };
    render(ProgrammePage {
        chrome,
        problems,
        notices,
        exists: app.dir.join(engine::load::PROGRAMME_FILE).is_file(),
        fields,
        programme,
        sections,
        not_on_form: crate::sections::not_on_form(),
        version: files::programme_version(&app.dir),
    })
}

/// A programme form saved over a programme.json changed since the form
/// was drawn (another tab saved, a file was uploaded), or sent without the
/// version it was drawn from (an old page, a script): refused with the
/// current file shown, so nobody's change is silently mixed with another's.
/// `_version` is taken out of the form either way.
fn stale_form(
    app: &App,
    headers: &HeaderMap,
    form: &mut Vec<(String, String)>,
) -> Option<Response> {
    let sent = form
        .iter()
        .find(|(k, _)| k == "_version")
        .map(|(_, v)| v.clone());
    form.retain(|(k, _)| k != "_version");
    let why = match sent {
        Some(sent) if sent == files::programme_version(&app.dir) => return None,
        Some(_) => "Не сохранено: programme.json изменён после того, как эта страница была открыта (в другой вкладке или загрузкой файла). Ниже — текущие сведения; внесите изменения заново.",
        None => "Не сохранено: форма пришла без отметки версии programme.json, с которой она была открыта (старая страница или сценарий), и могла бы затереть чужие изменения. Ниже — текущие сведения; внесите изменения заново.",
    };
    let mut page = programme_page(
        app,
        Chrome::new(app, headers, "programme", "Программа").error(why),
        Vec::new(),
        Vec::new(),
    );
    *page.status_mut() = StatusCode::CONFLICT;
    Some(page)
}

/// A section of programme.json (the team, the orders, the council, …)
/// saved from its form: put into the current programme.json, checked by
/// the schema (its messages beside the fields, nothing saved), saved
/// atomically with a backup.
pub(crate) async fn save_section(
    State(app): State<Shared>,
    headers: HeaderMap,
    UrlPath(slug): UrlPath<String>,
    axum::Form(mut form): axum::Form<Vec<(String, String)>>,
) -> Response {
    if let Some(refused) = stale_form(&app, &headers, &mut form) {
        return refused;
    }
    let Some(section) = crate::sections::by_slug(&slug) else {
        return not_found();
    };
    let chrome = Chrome::new(&app, &headers, "programme", "Программа");
    let Some(mut programme) = files::programme_value(&app.dir) else {
        return programme_page(
            &app,
            chrome.error("programme.json не читается: загрузите исправный файл."),
            Vec::new(),
            Vec::new(),
        );
    };
    let refused = |programme: &serde_json::Value, problems: Vec<ProblemView>| {
        let fields = organisation_fields(Some(programme), &problems);
        let listed = programme_fields(Some(programme), &problems);
        let mut page = programme_page_edited(
            &app,
            Chrome::new(&app, &headers, "programme", "Программа").error(format!(
                "Раздел «{}» не сохранён: исправьте поля, отмеченные ниже (programme.json не изменён).",
                section.title()
            )),
            problems,
            Vec::new(),
            fields,
            listed,
            Some(programme),
        );
        *page.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        page
    };
    if let Err(problems) = section.apply(&mut programme, &form) {
        let problems = problems
            .into_iter()
            .map(|(pointer, message)| ProblemView {
                place: format!("{} › {pointer}", engine::load::PROGRAMME_FILE),
                message,
            })
            .collect();
        return refused(&programme, problems);
    }
    match save_programme_json(&app, &programme) {
        Ok(()) => programme_page(
            &app,
            chrome.ok(format!(
                "Раздел «{}» сохранён в programme.json (прежняя версия — programme.json.bak).",
                section.title()
            )),
            Vec::new(),
            Vec::new(),
        ),
        Err(problems) => refused(&programme, problems),
    }
}

/// The organisation's form saved: its fields put into the current
/// programme.json, the whole checked against the schema (errors beside
/// their fields, nothing saved), then saved atomically with a backup.
pub(crate) async fn save_organisation(
    State(app): State<Shared>,
    headers: HeaderMap,
    axum::Form(mut form): axum::Form<Vec<(String, String)>>,
) -> Response {
    if let Some(refused) = stale_form(&app, &headers, &mut form) {
        return refused;
    }
    let chrome = Chrome::new(&app, &headers, "programme", "Программа");
    let Some(mut programme) = files::programme_value(&app.dir) else {
        return programme_page(
            &app,
            chrome.error("programme.json не читается: загрузите исправный файл."),
            Vec::new(),
            Vec::new(),
        );
    };
    let known = organisation_fields(None, &[]);
    let Some(org) = programme
        .get_mut("organisation")
        .and_then(|o| o.as_object_mut())
    else {
        return programme_page(
            &app,
            chrome.error("В programme.json нет раздела organisation: загрузите исправный файл."),
            Vec::new(),
            Vec::new(),
        );
    };
    for field in &known {
        let Some((_, given)) = form.iter().find(|(k, _)| *k == field.key) else {
            continue;
        };
        let given = given.trim();
        if given.is_empty() && !field.required {
            org.remove(&field.key);
            continue;
        }
        let value = match field.input {
            "number" => given
                .parse::<i64>()
                .map(serde_json::Value::from)
                .unwrap_or_else(|_| serde_json::Value::from(given)),
            _ => serde_json::Value::from(given),
        };
        org.insert(field.key.clone(), value);
    }
    let text = match serde_json::to_string_pretty(&programme) {
        Ok(t) => t + "\n",
        Err(e) => return error_page(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    };
    let problems = views(&schema_problems(&text));
    if !problems.is_empty() {
        let fields = organisation_fields(Some(&programme), &problems);
        let mut page = programme_page_with(
            &app,
            chrome.error("Не сохранено: исправьте поля, отмеченные ниже."),
            problems,
            Vec::new(),
            fields,
        );
        *page.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return page;
    }
    let saved = tempfile::Builder::new()
        .prefix(".upload-")
        .tempfile_in(&app.dir)
        .and_then(|mut t| {
            use std::io::Write;
            t.write_all(text.as_bytes())?;
            t.as_file().sync_all()?;
            Ok(t)
        })
        .map_err(|e| format!("не удалось записать programme.json: {e}"))
        .and_then(|t| files::put(t, &app.dir.join(engine::load::PROGRAMME_FILE), true));
    match saved {
        Ok(()) => programme_page(
            &app,
            chrome.ok("Сведения об организации сохранены в programme.json (прежняя версия — programme.json.bak)."),
            Vec::new(),
            Vec::new(),
        ),
        Err(e) => programme_page(&app, chrome.error(e), Vec::new(), Vec::new()),
    }
}

/// Writes `programme` (checked first: the schema's messages, nothing
/// saved) atomically over programme.json, the previous kept as `.bak`.
fn save_programme_json(app: &App, programme: &serde_json::Value) -> Result<(), Vec<ProblemView>> {
    let text = serde_json::to_string_pretty(programme)
        .map(|t| t + "\n")
        .map_err(|e| {
            vec![ProblemView {
                place: String::new(),
                message: e.to_string(),
            }]
        })?;
    let problems = views(&schema_problems(&text));
    if !problems.is_empty() {
        return Err(problems);
    }
    tempfile::Builder::new()
        .prefix(".upload-")
        .tempfile_in(&app.dir)
        .and_then(|mut t| {
            use std::io::Write;
            t.write_all(text.as_bytes())?;
            t.as_file().sync_all()?;
            Ok(t)
        })
        .map_err(|e| format!("не удалось записать programme.json: {e}"))
        .and_then(|t| files::put(t, &app.dir.join(engine::load::PROGRAMME_FILE), true))
        .map_err(|message| {
            vec![ProblemView {
                place: String::new(),
                message,
            }]
        })
}

/// The programme's form saved: texts and dates, the forms ticked, each
/// list's items in order — an item emptied or marked «удалить» removed,
/// the empty input at the end filled: added.
pub(crate) async fn save_programme(
    State(app): State<Shared>,
    headers: HeaderMap,
    axum::Form(mut form): axum::Form<Vec<(String, String)>>,
) -> Response {
    if let Some(refused) = stale_form(&app, &headers, &mut form) {
        return refused;
    }
    let chrome = Chrome::new(&app, &headers, "programme", "Программа");
    let Some(mut programme) = files::programme_value(&app.dir) else {
        return programme_page(
            &app,
            chrome.error("programme.json не читается: загрузите исправный файл."),
            Vec::new(),
            Vec::new(),
        );
    };
    let known = programme_fields(None, &[]);
    let Some(section) = programme
        .get_mut("programme")
        .and_then(|o| o.as_object_mut())
    else {
        return programme_page(
            &app,
            chrome.error("В programme.json нет раздела programme: загрузите исправный файл."),
            Vec::new(),
            Vec::new(),
        );
    };
    let given = |key: &str| -> Vec<&str> {
        form.iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .collect()
    };
    for field in &known {
        let key = field.key.as_str();
        match field.input {
            // Unticked boxes send nothing: the form marks that it showed them.
            "choices" if given(&format!("{key}.shown")).is_empty() => {}
            "list" if given(key).is_empty() => {}
            "choices" => {
                let chosen: Vec<serde_json::Value> = field
                    .options
                    .iter()
                    .filter(|(v, _)| given(key).contains(&v.as_str()))
                    .map(|(v, _)| serde_json::Value::from(v.as_str()))
                    .collect();
                section.insert(key.to_owned(), chosen.into());
            }
            "list" => {
                let removed: Vec<usize> = given(&format!("{key}.remove"))
                    .iter()
                    .filter_map(|i| i.parse().ok())
                    .collect();
                let items: Vec<serde_json::Value> = given(key)
                    .into_iter()
                    .enumerate()
                    .filter(|(i, v)| !v.is_empty() && !removed.contains(i))
                    .map(|(_, v)| serde_json::Value::from(v))
                    .collect();
                if items.is_empty() && !field.required {
                    section.remove(key);
                } else {
                    section.insert(key.to_owned(), items.into());
                }
            }
            _ => {
                let Some(v) = given(key).first().copied() else {
                    continue;
                };
                if v.is_empty() && !field.required {
                    section.remove(key);
                } else {
                    section.insert(key.to_owned(), v.into());
                }
            }
        }
    }
    match save_programme_json(&app, &programme) {
        Ok(()) => programme_page(
            &app,
            chrome.ok("Сведения о программе сохранены в programme.json (прежняя версия — programme.json.bak)."),
            Vec::new(),
            Vec::new(),
        ),
        Err(problems) => {
            let fields = organisation_fields(Some(&programme), &problems);
            let listed = programme_fields(Some(&programme), &problems);
            let mut page = programme_page_all(
                &app,
                chrome.error("Не сохранено: исправьте поля, отмеченные ниже."),
                problems,
                Vec::new(),
                fields,
                listed,
            );
            *page.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            page
        }
    }
}

pub(crate) async fn programme(State(app): State<Shared>, headers: HeaderMap) -> Response {
    let chrome = Chrome::new(&app, &headers, "programme", "Программа");
    programme_page(&app, chrome, Vec::new(), Vec::new())
}

/// The schema's problems of an uploaded programme.json, with the same
/// Russian messages as `validate`.
fn schema_problems(text: &str) -> Vec<engine::Problem> {
    const FILE: &str = engine::load::PROGRAMME_FILE;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value = match engine::schema::parse(text, FILE) {
        Ok(v) => v,
        Err(p) => return vec![p],
    };
    if let Err(p) = engine::schema::unique_keys(text, FILE) {
        return vec![p];
    }
    match engine::schema::validate(&value, FILE) {
        Ok(p) => p,
        Err(e) => e.problems().to_vec(),
    }
}

pub(crate) async fn upload_programme(
    State(app): State<Shared>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let chrome = Chrome::new(&app, &headers, "programme", "Программа");
    let temp = match files::receive(form, &app.dir, Kind::Programme.limit()).await {
        Ok(t) => t,
        Err(r) => {
            let status = match r {
                Refused::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
                _ => StatusCode::BAD_REQUEST,
            };
            let mut page = programme_page(
                &app,
                chrome.error(r.message("programme.json")),
                Vec::new(),
                Vec::new(),
            );
            *page.status_mut() = status;
            return page;
        }
    };
    let text =
        match std::fs::read(temp.path()).map(String::from_utf8) {
            Ok(Ok(t)) => t,
            _ => return programme_page(
                &app,
                chrome.error(
                    "Файл не принят: он не в кодировке UTF-8; сохраните programme.json в UTF-8.",
                ),
                Vec::new(),
                Vec::new(),
            ),
        };
    let problems = schema_problems(&text);
    if !problems.is_empty() {
        let mut page = programme_page(
            &app,
            chrome.error(
                "programme.json не сохранён: исправьте ошибки ниже (прежний файл не изменён).",
            ),
            views(&problems),
            Vec::new(),
        );
        *page.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return page;
    }
    if let Err(e) = files::put(temp, &app.dir.join(engine::load::PROGRAMME_FILE), true) {
        return programme_page(&app, chrome.error(e), Vec::new(), Vec::new());
    }
    let (problems, notices) = heavy(&app, read_folder).await.unwrap_or_default();
    let chrome = if problems.is_empty() {
        chrome.ok("programme.json сохранён; программа и таблицы прочитаны без ошибок.")
    } else {
        chrome.error("programme.json сохранён, но таблицы читаются с ошибками: исправьте их.")
    };
    programme_page(&app, chrome, problems, notices)
}

pub(crate) async fn download_programme(State(app): State<Shared>) -> Response {
    match engine::fsread::read(&app.dir.join(engine::load::PROGRAMME_FILE), Kind::Programme) {
        Ok(bytes) => attachment(bytes, "application/json", "programme.json"),
        Err(_) => not_found(),
    }
}

pub(crate) async fn example_programme() -> Response {
    match example_file(engine::load::PROGRAMME_FILE) {
        Some(bytes) => attachment(bytes, "application/json", "programme-example.json"),
        None => not_found(),
    }
}

pub(crate) async fn schema() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        engine::schema::schema_text(),
    )
        .into_response()
}
