//! The Handlebars registry: templates layered base → region → user folder,
//! rendered strictly into document markup (`docs/markup.md`).
//!
//! Strict mode makes a misspelt variable an error instead of a silent gap in
//! a legal document; the error names the template file (as the user knows it:
//! `templates/order-curator.hbs` or their own path), line and column.
//! HTML escaping is replaced by XML escaping of `& < > "`, the only characters
//! that could break the markup; raw output (`{{{…}}}`, `{{&…}}`), which would
//! skip it, is refused at load.
//!
//! Nothing a template does can take the process down: partials that recurse
//! or nest deeper than [`partials::MAX_DEPTH`] are refused at load
//! ([`partials::check_calls`]), the output is counted while it is
//! rendered, stopping past [`MAX_MARKUP_BYTES`], and so is the work
//! (`#each` passes and partials, [`super::steps`]): a loop that prints
//! nothing stops too.

use super::{helpers, partials};
use crate::diag::{Error, Place, Problem, Result};
use crate::layers::{self, LayeredFile};
use handlebars::{Context, Handlebars, RenderError, RenderErrorReason, TemplateError};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Folder of the partials, inside each layer.
const PARTIALS: &str = "partials/";
/// Templates of documents about many schools (`region-summary`), not of
/// a school's package: not in the catalogue, not checked against a school.
const SUMMARIES: &str = "summary/";

/// The loaded templates of one run.
pub struct Templates {
    hb: Handlebars<'static>,
    /// Registered name → file as shown to the user.
    files: BTreeMap<String, String>,
    /// Names of the document templates (not partials), sorted.
    documents: Vec<String>,
    /// Templates whose text names the rules report ([`REPORT_KEY`]).
    reading_report: BTreeSet<String>,
    /// Whether some partial names it (then every template may read it).
    partial_reads_report: bool,
    /// Registered name → (shown file, text as written, is a partial): to
    /// find a markup error's place in the template ([`Templates::locate`]).
    sources: BTreeMap<String, (String, String, bool)>,
    /// Registered name → what the file is for.
    kinds: BTreeMap<String, Kind>,
    /// Files of a region or a user's folder that no file of the base
    /// shares a name with: [`super::unused`] tells a new document or
    /// partial from a misspelt override.
    added: BTreeSet<String>,
}

/// What a template file is for, from its folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A document of a school's package (`order-curator.hbs`).
    Document,
    /// A partial (`partials/signature.hbs`).
    Partial,
    /// A summary about many schools (`summary/region-summary.hbs`).
    Summary,
}

impl Kind {
    fn of(file_name: &str) -> Kind {
        if file_name.starts_with(PARTIALS) {
            Kind::Partial
        } else if file_name.starts_with(SUMMARIES) {
            Kind::Summary
        } else {
            Kind::Document
        }
    }
}

/// The context key holding the rules report (`compliance`): documents whose
/// templates never name it are rendered while the rules still run.
pub const REPORT_KEY: &str = "compliance";

/// Largest markup one document may render to. The pairs order of a
/// 5,000-pair school is about 2 MB; nested `#each` or repeated partials could
/// otherwise grow it to gigabytes before any check saw it.
pub const MAX_MARKUP_BYTES: usize = 16 << 20;

/// The renderer's output, counted as it is written: past
/// [`MAX_MARKUP_BYTES`] the write fails and handlebars stops at once.
struct Capped {
    bytes: Vec<u8>,
    over: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len().saturating_add(buf.len()) > MAX_MARKUP_BYTES {
            self.over = true;
            return Err(std::io::Error::other("markup limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub use crate::text::escape_xml;

impl Templates {
    /// Loads the embedded templates, then `templates/regions/REGION/`, then
    /// the user's folder; a file replaces the one with the same name below it.
    /// Every template that fails to parse is reported, not just the first.
    pub fn load(region: Option<&str>, user_dir: Option<&Path>) -> Result<Templates> {
        Templates::of(&layers::Layers::builtin(region, None, user_dir)?)
    }

    /// [`Templates::load`] for any layers: a region built in or a folder,
    /// and `--templates`.
    pub fn of(layers: &layers::Layers) -> Result<Templates> {
        let files = layers::resolve(&layers::TEMPLATES, layers, ".hbs")?;
        let base = layers::resolve(
            &layers::TEMPLATES,
            &layers::Layers::builtin(None, None, None)?,
            ".hbs",
        )?;
        let base: BTreeSet<String> = base.values().map(|f| registered_name(&f.name)).collect();
        let added: BTreeSet<String> = files
            .values()
            .map(|f| registered_name(&f.name))
            .filter(|name| !base.contains(name))
            .collect();
        let mut templates = Templates::from_files(files.into_values())?;
        templates.added = added;
        Ok(templates)
    }

    /// Builds the registry from resolved files (names relative to a layer root).
    pub fn from_files(files: impl IntoIterator<Item = LayeredFile>) -> Result<Templates> {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        // Every printed value gets the Russian typography the data may lack
        // (`№ 17` and `г. Омска` unbroken, «ёлочки»), then markup escaping.
        hb.register_escape_fn(|text| escape_xml(&crate::russian::typograph(text)));
        helpers::register(&mut hb);
        hb.register_helper(partials::HELPER, Box::new(partials::Include));
        // `#each` counting its passes (`steps`).
        hb.register_helper("each", Box::new(super::steps::Each));
        let mut shown = BTreeMap::new();
        let mut documents = Vec::new();
        let mut problems = Vec::new();
        let mut reading_report = BTreeSet::new();
        let mut partial_reads_report = false;
        let mut texts: Vec<(String, String, String)> = Vec::new();
        let mut kinds = BTreeMap::new();
        // Compiling is the costly part (handlebars' parser finds each
        // token's line from the text's start: 6 % of `check` on 10,000
        // participants, on one thread): the files are compiled in parallel,
        // then registered and judged in their order.
        let files: Vec<LayeredFile> = files.into_iter().collect();
        let compiled: Vec<std::result::Result<handlebars::Template, TemplateError>> = files
            .par_iter()
            .map(|file| {
                let text = partials::inline_calls(&file.text);
                handlebars::Template::compile_with_name(&text, registered_name(&file.name))
            })
            .collect();
        for (file, compiled) in files.into_iter().zip(compiled) {
            let display = file.origin.display();
            let name = registered_name(&file.name);
            if file.text.contains(REPORT_KEY) {
                if file.name.starts_with(PARTIALS) {
                    partial_reads_report = true;
                } else {
                    reading_report.insert(name.clone());
                }
            }
            if let Some(p) = refuse_raw_output(&file.text, &display) {
                problems.push(p);
                continue;
            }
            match compiled {
                Ok(template) => hb.register_template(&name, template),
                Err(e) => {
                    problems.push(template_problem(&e, &display, &file.text));
                    continue;
                }
            }
            if !file.name.starts_with(PARTIALS) && !file.name.starts_with(SUMMARIES) {
                documents.push(name.clone());
            }
            kinds.insert(name.clone(), Kind::of(&file.name));
            texts.push((name.clone(), display.clone(), file.text));
            shown.insert(name, display);
        }
        let sources: Vec<partials::Source> = texts
            .iter()
            .map(|(name, file, text)| partials::Source { name, file, text })
            .collect();
        problems.extend(partials::check_calls(&sources));
        let sources: BTreeMap<String, (String, String, bool)> = texts
            .into_iter()
            .map(|(name, file, text)| {
                let partial = !documents.contains(&name);
                (name, (file, text, partial))
            })
            .collect();
        if !problems.is_empty() {
            return Err(Error::Input(problems));
        }
        documents.sort();
        documents.dedup();
        Ok(Templates {
            hb,
            files: shown,
            documents,
            reading_report,
            partial_reads_report,
            sources,
            kinds,
            added: BTreeSet::new(),
        })
    }

    /// Templates a region or a user's folder adds (no base file has
    /// their name), with what each is for.
    pub fn added(&self) -> impl Iterator<Item = (&str, Kind)> {
        self.added
            .iter()
            .filter_map(|n| Some((n.as_str(), *self.kinds.get(n)?)))
    }

    /// The loaded templates of one kind, by name.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.kinds
            .iter()
            .filter(move |(_, k)| **k == kind)
            .map(|(n, _)| n.as_str())
    }

    /// Each template's text as written (partials included).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.sources.values().map(|(_, text, _)| text.as_str())
    }

    /// A problem the markup parser found in the rendered text of
    /// `template`, moved to the template file that wrote that markup: the
    /// document's template first, then the partials, at the first place
    /// whose text is the rendered text at the error (the longest such
    /// prefix, widened backwards while it is ambiguous). Where no template
    /// holds it (the markup came from data), the rendered line is kept and
    /// said so.
    pub fn locate(&self, template: &str, rendered: &str, problem: Problem) -> Problem {
        let Place::Text { file, line, column } = &problem.place else {
            return problem;
        };
        if self.file_of(template) != Some(file.as_str()) {
            return problem;
        }
        let Some(offset) = offset_of(rendered, *line, *column) else {
            return problem;
        };
        let mut order: Vec<&(String, String, bool)> =
            self.sources.get(template).into_iter().collect();
        order.extend(self.sources.values().filter(|(_, _, partial)| *partial));
        // The file holding the longest piece of the rendered text wins;
        // on a tie, the document's own template (it comes first).
        let mut best: Option<(usize, &String, &String, usize)> = None;
        for (shown, text, _) in order {
            if let Some((at, len)) = find_in(text, rendered, offset) {
                if best.is_none_or(|(l, ..)| len > l) {
                    best = Some((len, shown, text, at));
                }
            }
        }
        if let Some((_, shown, text, at)) = best {
            let (line, column) = position(text, at);
            return Problem::new(
                Place::Text {
                    file: shown.clone(),
                    line,
                    column,
                },
                problem.message,
            );
        }
        Problem::new(
            problem.place.clone(),
            format!(
                "{} (строка {line}, столбец {column} разметки после подстановки данных; в тексте шаблона это место не найдено — вероятно, оно пришло из данных)",
                problem.message
            ),
        )
    }

    /// Whether `template` may read the rules report: its text or a
    /// partial's names [`REPORT_KEY`]. A text search errs on the safe side
    /// (a comment naming it counts too).
    pub fn reads_report(&self, template: &str) -> bool {
        self.partial_reads_report || self.reading_report.contains(template)
    }

    /// The document templates (partials excluded), by name: `order-curator`.
    pub fn documents(&self) -> &[String] {
        &self.documents
    }

    /// Whether a template of this name is loaded.
    pub fn has(&self, template: &str) -> bool {
        self.files.contains_key(template)
    }

    /// The file a template came from, as shown in messages.
    pub fn file_of(&self, template: &str) -> Option<&str> {
        self.files.get(template).map(String::as_str)
    }

    /// Renders `template` against `context` into markup.
    pub fn render(&self, template: &str, context: &serde_json::Value) -> Result<String> {
        self.render_owned(template, context.clone())
    }

    /// As [`Templates::render`], taking the context by value: Handlebars
    /// would otherwise copy the whole context (every participant) before
    /// rendering.
    pub fn render_owned(&self, template: &str, context: serde_json::Value) -> Result<String> {
        if !self.has(template) {
            return Err(Error::input(Problem::nowhere(format!(
                "нет шаблона «{template}.hbs» ни в базовых шаблонах, ни в региональном профиле, ни в папке --templates"
            ))));
        }
        let mut out = Capped {
            bytes: Vec::new(),
            over: false,
        };
        let ctx = Context::from(context);
        super::steps::reset();
        let rendered = self
            .hb
            .render_with_context_to_write(template, &ctx, &mut out);
        match rendered {
            Ok(()) => String::from_utf8(out.bytes).map_err(|e| {
                Error::input(Problem::nowhere(format!(
                    "внутренняя ошибка: шаблон «{template}» выдал не UTF-8: {e}"
                )))
            }),
            Err(e) if out.over => Err(Error::input(self.render_problem_with(
                &e,
                template,
                format!(
                    "документ длиннее {} МиБ разметки — вставки или #each повторяются слишком много раз; отрисовка остановлена",
                    MAX_MARKUP_BYTES >> 20
                ),
            ))),
            Err(e) => {
                let mut problem = self.render_problem(&e, template);
                if let RenderErrorReason::MissingVariable(Some(path)) = e.reason() {
                    problem.message.push_str(&known_names(ctx.data(), path));
                }
                Err(Error::input(problem))
            }
        }
    }

    fn render_problem(&self, e: &RenderError, template: &str) -> Problem {
        self.render_problem_with(e, template, render_reason(e.reason()))
    }

    fn render_problem_with(&self, e: &RenderError, template: &str, message: String) -> Problem {
        let name = e.template_name.as_deref().unwrap_or(template);
        let file = self
            .files
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("{name}.hbs"));
        match (e.line_no, e.column_no) {
            (Some(line), Some(column)) => Problem::new(Place::Text { file, line, column }, message),
            _ => Problem::new(Place::File { file }, message),
        }
    }
}

/// For an unknown variable `a.b.c`: the names that are there instead and
/// the closest one. Where `a.b` resolves from the document's root, its
/// fields; else (inside `#each`, `#with`) the fields of every object of
/// the context that holds `a.b`.
fn known_names(root: &serde_json::Value, path: &str) -> String {
    use serde_json::Value;
    let path = path.trim_start_matches("this.").trim_start_matches("../");
    let segments: Vec<&str> = path.split(['.', '/']).filter(|s| !s.is_empty()).collect();
    let Some((last, parent)) = segments.split_last() else {
        return String::new();
    };
    let walk = |from: &Value| -> Option<Vec<String>> {
        let mut at = from;
        for s in parent {
            at = at.get(s)?;
        }
        at.as_object().map(|o| o.keys().cloned().collect())
    };
    let mut known: BTreeSet<String> = walk(root).unwrap_or_default().into_iter().collect();
    let near_root = crate::rules::suggest::closest(last, known.iter().map(String::as_str));
    if near_root.is_none() {
        // Every object of the context, breadth first, a bounded number.
        let mut queue = std::collections::VecDeque::from([root]);
        let mut seen = 0usize;
        while let Some(v) = queue.pop_front() {
            seen += 1;
            if seen > 20_000 {
                break;
            }
            if let Some(keys) = walk(v) {
                known.extend(keys);
            }
            match v {
                Value::Object(o) => queue.extend(o.values()),
                Value::Array(a) => queue.extend(a.iter()),
                _ => {}
            }
        }
    }
    known.remove(*last);
    if known.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = known.iter().map(String::as_str).collect();
    const SHOWN: usize = 30;
    let mut list = names
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        list.push_str(&format!(" и ещё {}", names.len() - SHOWN));
    }
    let near = crate::rules::suggest::closest(last, names.iter().copied())
        .map(|n| format!("; возможно, имелось в виду «{n}»"))
        .unwrap_or_default();
    let place = if parent.is_empty() {
        String::new()
    } else {
        format!(" у «{}»", parent.join("."))
    };
    format!("; есть{place}: {list}{near}")
}

/// `order-curator.hbs` → `order-curator`; `partials/header.hbs` → `header`.
fn registered_name(file_name: &str) -> String {
    let base = file_name.rsplit('/').next().unwrap_or(file_name);
    base.strip_suffix(".hbs").unwrap_or(base).to_owned()
}

/// Raw output skips escaping, so data could become markup (a page break,
/// a paragraph in an order): `{{{…}}}`, `{{&…}}` (and their `~` forms,
/// and raw blocks `{{{{…}}}}`) are refused with their position.
fn refuse_raw_output(text: &str, file: &str) -> Option<Problem> {
    let mut from = 0;
    while let Some(found) = text[from..].find("{{") {
        let at = from + found;
        let rest = &text[at + 2..];
        let rest = rest.strip_prefix('~').unwrap_or(rest);
        let what = if rest.starts_with('{') {
            Some("«{{{…}}}»")
        } else if rest.trim_start().starts_with('&') {
            Some("«{{&…}}»")
        } else {
            None
        };
        if let Some(what) = what {
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            return Some(Problem::new(
                Place::Text {
                    file: file.to_owned(),
                    line,
                    column,
                },
                format!("{what}: вывод без экранирования запрещён — данные могли бы стать разметкой документа; пишите «{{{{ … }}}}»"),
            ));
        }
        from = at + 2;
    }
    None
}

/// A template Handlebars could not parse, in Russian. Handlebars reports
/// an unclosed block at the end of the file, in English; the block's
/// balance is scanned here first ([`unbalanced_block`]) so the message
/// names the line where the block was opened.
fn template_problem(e: &TemplateError, file: &str, text: &str) -> Problem {
    if let Some(p) = unbalanced_block(text, file) {
        return p;
    }
    use handlebars::TemplateErrorReason as R;
    let message = match e.reason() {
        R::MismatchingClosedHelper(open, close) | R::MismatchingClosedDecorator(open, close) => {
            format!("блок «{{{{#{open}}}}}» закрыт чужим «{{{{/{close}}}}}»")
        }
        R::InvalidSyntax(_) => {
            "неверная запись Handlebars: проверьте скобки «{{ … }}», кавычки и имена".to_owned()
        }
        R::InvalidParam(p) => format!("неверный параметр «{p}»"),
        R::NestedSubexpression => {
            "вложенные подвыражения «( … ( … ) )» не поддерживаются".to_owned()
        }
        other => format!("шаблон не разобран: {other}"),
    };
    match e.pos() {
        Some((line, column)) => Problem::new(
            Place::Text {
                file: file.to_owned(),
                line,
                column,
            },
            message,
        ),
        None => Problem::new(
            Place::File {
                file: file.to_owned(),
            },
            message,
        ),
    }
}

/// The byte offset of a 1-based line and column (in characters).
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let mut start = 0;
    for _ in 1..line {
        start += text[start..].find('\n')? + 1;
    }
    let rest = &text[start..];
    let within = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    Some(start + within)
}

/// Where in `source` the rendered text at `offset` was written: the
/// longest prefix (at least 2 characters, up to the line's end) of the
/// rendered text there that `source` holds; if it occurs more than once,
/// the rendered text before it is added until one occurrence is left.
/// Returns the offset in `source` and the prefix's length.
fn find_in(source: &str, rendered: &str, offset: usize) -> Option<(usize, usize)> {
    let after = &rendered[offset..];
    let after = &after[..after.find('\n').unwrap_or(after.len())];
    let ends: Vec<usize> = after
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .skip(1)
        .take(60)
        .collect();
    let prefix = ends
        .iter()
        .rev()
        .map(|&e| &after[..e])
        .find(|p| source.contains(p))?;
    let mut hits: Vec<usize> = source.match_indices(prefix).map(|(i, _)| i).collect();
    let before = &rendered[..offset];
    let mut back = before.char_indices().rev().take(80);
    while hits.len() > 1 {
        let Some((from, _)) = back.next() else {
            break;
        };
        let wider = format!("{}{prefix}", &before[from..]);
        let narrower: Vec<usize> = source
            .match_indices(wider.as_str())
            .map(|(i, _)| i + (offset - from))
            .collect();
        if narrower.is_empty() {
            break;
        }
        hits = narrower;
    }
    hits.first().map(|&at| (at, prefix.len()))
}

/// Line and column (1-based, in characters) of a byte offset of `text`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// The first block of `text` left open or closed by the wrong name:
/// `{{#name …}}` / `{{^name …}}` (and inline partials `{{#*inline …}}`)
/// against `{{/name}}`; comments skipped. `{{else}}` does not count.
pub fn unbalanced_block(text: &str, file: &str) -> Option<Problem> {
    let at = |offset: usize, message: String| {
        let (line, column) = position(text, offset);
        Problem::new(
            Place::Text {
                file: file.to_owned(),
                line,
                column,
            },
            message,
        )
    };
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("{{") {
        let start = from + found;
        let inner = &text[start + 2..];
        // Comments may hold anything, braces included.
        if let Some(rest) = inner.strip_prefix("!--") {
            from = rest.find("--}}").map_or(text.len(), |e| start + 5 + e + 4);
            continue;
        }
        if inner.starts_with('!') {
            from = inner.find("}}").map_or(text.len(), |e| start + 2 + e + 2);
            continue;
        }
        let inner = inner.strip_prefix('~').unwrap_or(inner).trim_start();
        let name = |s: &str| -> String {
            s.trim_start_matches('*')
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '}' && *c != '~')
                .collect()
        };
        if let Some(rest) = inner.strip_prefix('#').or_else(|| inner.strip_prefix('^')) {
            let n = name(rest);
            // `{{#>partial}}` blocks close with `{{/partial}}`.
            let n = n.trim_start_matches('>').to_owned();
            open.push((n, start));
        } else if let Some(rest) = inner.strip_prefix('/') {
            let n = name(rest);
            match open.pop() {
                Some((o, _)) if o == n => {}
                Some((o, opened)) => {
                    let (line, column) = position(text, opened);
                    return Some(at(
                        start,
                        format!(
                            "«{{{{/{n}}}}}» закрывает не тот блок: открыт «{{{{#{o}}}}}» (строка {line}, столбец {column})"
                        ),
                    ));
                }
                None => {
                    return Some(at(
                        start,
                        format!("«{{{{/{n}}}}}» закрывает блок, который не был открыт"),
                    ))
                }
            }
        }
        from = start + 2;
    }
    open.pop().map(|(n, opened)| {
        at(
            opened,
            format!("блок «{{{{#{n}}}}}» открыт здесь и не закрыт: не хватает «{{{{/{n}}}}}»"),
        )
    })
}

/// A Russian message for a render failure.
fn render_reason(reason: &RenderErrorReason) -> String {
    match reason {
        RenderErrorReason::MissingVariable(Some(path)) => {
            format!("неизвестная переменная «{path}»")
        }
        RenderErrorReason::MissingVariable(None) => "неизвестная переменная".to_owned(),
        RenderErrorReason::HelperNotFound(name) => format!(
            "неизвестный помощник «{name}»; есть: {}",
            helpers::NAMES.join(", ")
        ),
        RenderErrorReason::PartialNotFound(name) => {
            format!("нет вставки (partial) «{name}»: ожидался файл partials/{name}.hbs")
        }
        RenderErrorReason::TemplateNotFound(name) => format!("нет шаблона «{name}»"),
        RenderErrorReason::InvalidParamType(t) => format!("неверный тип параметра: нужен {t}"),
        RenderErrorReason::Other(text) => text.clone(),
        other => format!("ошибка шаблона: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(
            escape_xml("ООО «Рога & <Копыта>» \"x\""),
            "ООО «Рога &amp; &lt;Копыта&gt;» &quot;x&quot;"
        );
    }

    #[test]
    fn an_unclosed_block_is_named_where_it_was_opened() {
        let text = "<document>\n{{!-- {{#if x}} in a comment --}}\n  {{#each team}}\n<p>{{#if role}}{{role}}{{/if}}</p>\n</document>\n";
        let p = unbalanced_block(text, "x.hbs").expect("found");
        assert_eq!(
            p.place,
            Place::Text {
                file: "x.hbs".into(),
                line: 3,
                column: 3
            }
        );
        assert!(
            p.message.contains("«{{#each}}» открыт здесь и не закрыт"),
            "{}",
            p.message
        );
        let p = unbalanced_block("{{#if a}}\n{{/each}}", "x.hbs").expect("found");
        assert!(
            p.message.contains("открыт «{{#if}}» (строка 1, столбец 1)"),
            "{}",
            p.message
        );
        assert!(unbalanced_block("{{#if a}}{{else}}{{#each b}}{{/each}}{{/if}}", "x").is_none());
        assert!(unbalanced_block("{{#*inline \"x\"}}a{{/inline}}", "x").is_none());
    }

    #[test]
    fn a_broken_template_is_reported_in_russian_at_its_opener() {
        let files = [LayeredFile {
            name: "order-x.hbs".into(),
            text: "<document>\n{{#if org}}\n<p>x</p>\n</document>\n".into(),
            origin: layers::Origin::User {
                path: "t/order-x.hbs".into(),
            },
        }];
        let e = Templates::from_files(files).err().expect("refused");
        let p = &e.problems()[0];
        assert_eq!(
            p.place,
            Place::Text {
                file: "t/order-x.hbs".into(),
                line: 2,
                column: 1
            }
        );
        assert!(p.message.contains("не закрыт"), "{}", p.message);
        assert!(!p.message.contains("invalid"), "{}", p.message);
    }

    #[test]
    fn an_unknown_variable_names_the_fields_there_and_the_closest() {
        let ctx = serde_json::json!({
            "curator": {"name": "Иванова", "position": "завуч"},
            "team": [{"name": "Петров", "role": "член"}]
        });
        let hint = known_names(&ctx, "curator.possition");
        assert_eq!(
            hint,
            "; есть у «curator»: name, position; возможно, имелось в виду «position»"
        );
        // Inside #each: the fields of the objects found anywhere.
        let hint = known_names(&ctx, "rol");
        assert!(
            hint.contains("role") && hint.contains("возможно, имелось в виду «role»"),
            "{hint}"
        );
    }

    #[test]
    fn a_markup_error_is_found_in_the_template_that_wrote_it() {
        let template = "<document>\n{{#each team}}\n<p>{{name}}</p>\n{{/each}}\n<p colour=\"red\">x</p>\n</document>\n";
        let rendered = "<document>\n\n<p>Иванов</p>\n\n<p>Петров</p>\n\n<p colour=\"red\">x</p>\n</document>\n";
        let at = rendered.find("colour").expect("there");
        let (found, _) = find_in(template, rendered, at).expect("found");
        assert_eq!(position(template, found), (5, 4));
        // `<p>` is everywhere: the text before it decides.
        let at = rendered.find("<p colour").expect("there");
        let (found, _) = find_in(template, rendered, at).expect("found");
        assert_eq!(position(template, found), (5, 1));
        assert_eq!(offset_of(rendered, 7, 4), Some(at + 3));
    }

    #[test]
    fn partials_register_by_stem() {
        assert_eq!(registered_name("partials/order-header.hbs"), "order-header");
        assert_eq!(registered_name("order-curator.hbs"), "order-curator");
    }

    #[test]
    fn raw_output_is_refused_with_position() {
        let p = refuse_raw_output("<p>\n  {{{name}}}</p>", "x.hbs").expect("refused");
        assert_eq!(
            p.place,
            Place::Text {
                file: "x.hbs".into(),
                line: 2,
                column: 3
            }
        );
        for raw in [
            "{{&name}}",
            "{{~& name}}",
            "{{~{name}~}}",
            "{{{{raw}}}}x{{{{/raw}}}}",
        ] {
            let p = refuse_raw_output(&format!("<p>{{{{a}}}}\n {raw}</p>"), "x.hbs");
            assert!(
                p.as_ref().is_some_and(|p| p.place
                    == Place::Text {
                        file: "x.hbs".into(),
                        line: 2,
                        column: 2
                    }),
                "{raw}: {p:?}"
            );
        }
        assert!(refuse_raw_output("{{a}} {{#if b}}&amp;{{/if}}", "x.hbs").is_none());
    }
}
