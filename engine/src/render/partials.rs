//! Partials (`{{> order-header}}`) rendered without copying the context.
//!
//! Handlebars clones the whole current context into every partial call
//! (`merge_json` in handlebars 6.4 `partial.rs`), whether or not the call has
//! parameters. A document context holds every participant, so for the pairs
//! order of a 5,000-pair school the five partial calls spent 140 of the 150 ms
//! of template rendering copying and freeing it (measured with perf).
//!
//! At load, each plain call `{{> name}}` (no context argument, no hash) is
//! rewritten into `{{__include "name"}}`, a helper that renders the partial
//! against the very same context and block scope: what the partial sees is
//! unchanged. Calls with arguments stay real partials. Templates and their
//! error positions are otherwise untouched: the rewrite stays on the same line.

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderErrorReason,
    Renderable,
};
use std::borrow::Cow;
use std::cell::Cell;

/// The helper the rewritten calls use.
pub const HELPER: &str = "__include";

/// How deep partials may include partials: a partial that includes itself,
/// directly or through others, stops here instead of overflowing the stack.
/// Calls with arguments are real handlebars partials, which have no such
/// limit: [`check_calls`] refuses every cycle and every chain deeper than
/// this at load, inline partials included.
pub const MAX_DEPTH: u32 = 16;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Rewrites every plain `{{> name}}` of a template text (see the module note).
pub fn inline_calls(text: &str) -> Cow<'_, str> {
    if !text.contains("{{>") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(at) = rest.find("{{>") {
        out.push_str(&rest[..at]);
        let call = &rest[at..];
        match plain_call(call) {
            Some((name, len)) => {
                out.push_str(&format!("{{{{{HELPER} \"{name}\"}}}}"));
                rest = &call[len..];
            }
            None => {
                out.push_str("{{>");
                rest = &call[3..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `{{> name}}` at the start of `call`: the partial's name and the length of
/// the call; `None` for a call with arguments or anything unusual.
fn plain_call(call: &str) -> Option<(&str, usize)> {
    let inner = &call[3..];
    let end = inner.find("}}")?;
    let name = inner[..end].trim();
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'));
    plain.then_some((name, 3 + end + 2))
}

/// Renders the named partial with the current context and scope.
pub struct Include;

impl HelperDef for Include {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let name = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .ok_or(RenderErrorReason::ParamNotFoundForIndex(HELPER, 0))?;
        // As handlebars looks a partial up: an inline one first, then a file.
        let template = rc
            .get_partial(name)
            .or_else(|| r.get_template(name))
            .ok_or_else(|| RenderErrorReason::PartialNotFound(name.to_owned()))?;
        super::steps::step()?;
        let depth = DEPTH.with(|d| d.get());
        if depth >= MAX_DEPTH {
            return Err(RenderErrorReason::Other(format!(
                "вставка «{name}» вложена глубже {MAX_DEPTH} уровней: вставки включают друг друга по кругу"
            ))
            .into());
        }
        let before = rc.get_current_template_name();
        DEPTH.with(|d| d.set(depth + 1));
        let result = template.render(r, ctx, rc, out);
        DEPTH.with(|d| d.set(depth));
        rc.set_current_template_name(before);
        result
    }
}

/// A template file as [`check_calls`] reads it.
pub struct Source<'a> {
    /// The registered name (`order-header`).
    pub name: &'a str,
    /// The file as shown to the user.
    pub file: &'a str,
    pub text: &'a str,
}

/// A partial call found in a text: the called name and its position.
struct Call {
    name: String,
    offset: usize,
}

/// A node of the call graph: a file, or an inline partial inside one.
struct Node {
    name: String,
    file: usize,
    /// Byte range of the node's text in its file (a whole file, or an inline block).
    range: std::ops::Range<usize>,
    /// An inline partial (`{{#*inline}}`), not a file.
    inline: bool,
    calls: Vec<Call>,
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// The name after `{{#*inline` / `{{>` at `rest`: quoted or bare; `None`
/// for a dynamic name (`{{> (lookup …)}}`).
fn called_name(rest: &str) -> Option<String> {
    let rest = rest.trim_start();
    if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let inner = &rest[1..];
        return inner.find(q).map(|end| inner[..end].to_owned());
    }
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '}' || c == '~' || c == '(')
        .unwrap_or(rest.len());
    (end > 0).then(|| rest[..end].to_owned())
}

/// The partials `text` calls by name (`{{> x}}`, `{{#> x}}`).
pub fn called(text: &str) -> impl Iterator<Item = String> {
    calls_in(text, 0..text.len())
        .into_iter()
        .filter_map(|(name, _)| name)
}

/// Every partial call (`{{> x}}`, `{{#> x}}`, with `~`) in `text[range]`.
fn calls_in(text: &str, range: std::ops::Range<usize>) -> Vec<(Option<String>, usize)> {
    let mut out = Vec::new();
    let mut at = range.start;
    while let Some(found) = text[at..range.end].find("{{") {
        let start = at + found;
        let mut rest = &text[start + 2..range.end];
        rest = rest.strip_prefix('~').unwrap_or(rest);
        rest = rest.strip_prefix('#').unwrap_or(rest);
        if let Some(after) = rest.strip_prefix('>') {
            out.push((called_name(after), start));
        }
        at = start + 2;
    }
    out
}

/// Refuses, at load, partial calls that could recurse without end or nest
/// deeper than [`MAX_DEPTH`]: a partial (a file or an inline one) that
/// calls itself directly or through others, and a dynamic partial name.
/// A call is matched with the inline partial of that name in its own file
/// if there is one (it shadows the rest, as in handlebars), else with every
/// partial of that name, inline ones of other files too (a partial sees its
/// caller's inline partials): stricter than handlebars' scoping.
pub fn check_calls(sources: &[Source]) -> Vec<crate::diag::Problem> {
    use crate::diag::{Place, Problem};
    let place = |file: usize, offset: usize| {
        let (line, column) = line_column(sources[file].text, offset);
        Place::Text {
            file: sources[file].file.to_owned(),
            line,
            column,
        }
    };
    let mut problems = Vec::new();
    let mut nodes: Vec<Node> = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        nodes.push(Node {
            name: s.name.to_owned(),
            file: i,
            range: 0..s.text.len(),
            inline: false,
            calls: Vec::new(),
        });
        let mut at = 0;
        while let Some(found) = s.text[at..].find("{{#*inline") {
            let start = at + found;
            let name = called_name(&s.text[start + "{{#*inline".len()..]);
            let end = s.text[start..]
                .find("{{/inline}}")
                .map_or(s.text.len(), |e| start + e);
            if let Some(name) = name {
                nodes.push(Node {
                    name,
                    file: i,
                    range: start..end,
                    inline: true,
                    calls: Vec::new(),
                });
            }
            at = end.max(start + 1);
        }
    }
    // Each call belongs to the innermost node holding it.
    for (s, source) in sources.iter().enumerate() {
        for (name, offset) in calls_in(source.text, 0..source.text.len()) {
            let Some(name) = name else {
                problems.push(Problem::new(
                    place(s, offset),
                    "имя вставки должно быть записано прямо ({{> имя}}), а не вычисляться",
                ));
                continue;
            };
            let owner = nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| n.file == s && n.range.contains(&offset))
                .min_by_key(|(_, n)| n.range.len())
                .map(|(i, _)| i);
            if let Some(owner) = owner {
                nodes[owner].calls.push(Call { name, offset });
            }
        }
    }
    // Depth-first search: a node on the current path reached again is a cycle.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done(u32),
    }
    fn visit(
        n: usize,
        nodes: &[Node],
        marks: &mut [Mark],
        path: &mut Vec<String>,
        found: &mut Option<(usize, usize, String)>,
    ) -> u32 {
        match marks[n] {
            Mark::Done(d) => return d,
            Mark::OnPath => return 0,
            Mark::New => {}
        }
        marks[n] = Mark::OnPath;
        path.push(nodes[n].name.clone());
        let mut depth = 0;
        let file = nodes[n].file;
        for call in &nodes[n].calls {
            // An inline partial of the caller's own file shadows the rest.
            let own = nodes
                .iter()
                .any(|t| t.inline && t.file == file && t.name == call.name);
            for (m, target) in nodes.iter().enumerate() {
                if target.name != call.name || (own && !(target.inline && target.file == file)) {
                    continue;
                }
                if marks[m] == Mark::OnPath && found.is_none() {
                    let mut cycle: Vec<String> = path
                        .iter()
                        .skip_while(|p| **p != call.name)
                        .cloned()
                        .collect();
                    cycle.push(call.name.clone());
                    *found = Some((nodes[n].file, call.offset, cycle.join(" → ")));
                }
                depth = depth.max(1 + visit(m, nodes, marks, path, found));
            }
        }
        path.pop();
        marks[n] = Mark::Done(depth);
        depth
    }
    let mut marks = vec![Mark::New; nodes.len()];
    for n in 0..nodes.len() {
        let mut found = None;
        let depth = visit(n, &nodes, &mut marks, &mut Vec::new(), &mut found);
        if let Some((file, offset, cycle)) = found {
            problems.push(Problem::new(
                place(file, offset),
                format!("вставки вызывают себя по кругу ({cycle}): рекурсия во вставках запрещена"),
            ));
            break;
        }
        if depth > MAX_DEPTH {
            problems.push(Problem::new(
                place(nodes[n].file, nodes[n].range.start),
                format!(
                    "вставки, начиная с «{}», вложены глубже {MAX_DEPTH} уровней",
                    nodes[n].name
                ),
            ));
            break;
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_calls_are_rewritten_others_kept() {
        assert_eq!(
            inline_calls("a {{> order-header}} b {{>basis }}"),
            "a {{__include \"order-header\"}} b {{__include \"basis\"}}"
        );
        assert_eq!(inline_calls("{{> row this}}"), "{{> row this}}");
        assert_eq!(inline_calls("{{> row a=1}}"), "{{> row a=1}}");
        assert_eq!(inline_calls("нет вставок"), "нет вставок");
        assert_eq!(inline_calls("{{> broken"), "{{> broken");
    }

    #[test]
    fn a_partial_sees_the_same_context_and_scope() {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_helper(HELPER, Box::new(Include));
        hb.register_template_string("item", "[{{@index}}:{{name}}/{{../title}}]")
            .expect("item");
        hb.register_template_string(
            "doc",
            inline_calls("{{title}} {{#each people}}{{> item}}{{/each}}"),
        )
        .expect("doc");
        let out = hb
            .render(
                "doc",
                &serde_json::json!({"title": "Т", "people": [{"name": "А"}, {"name": "Б"}]}),
            )
            .expect("renders");
        assert_eq!(out, "Т [0:А/Т][1:Б/Т]");
    }

    fn refused(texts: &[(&str, &str)]) -> Vec<String> {
        let sources: Vec<Source> = texts
            .iter()
            .map(|(name, text)| Source {
                name,
                file: name,
                text,
            })
            .collect();
        check_calls(&sources)
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn recursive_partials_are_refused_at_load() {
        // An inline partial that calls itself (with an argument: a real
        // handlebars partial, no depth limit of ours) overflowed the stack.
        let got = refused(&[(
            "doc",
            "x\n{{#*inline \"loop\"}}[{{> loop this}}]{{/inline}}{{> loop}}",
        )]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with("doc:2:"), "{got:?}");
        assert!(got[0].contains("loop → loop"), "{got:?}");
        let got = refused(&[
            ("a", "{{> b}}"),
            ("b", "{{~#> a}}{{/a}}"),
            ("doc", "{{> a}}"),
        ]);
        assert!(got[0].contains("по кругу"), "{got:?}");
        assert!(refused(&[("doc", "{{> (lookup . \"x\")}}")])[0].contains("вычисляться"));
        // A chain, and names shared by inline partials of two documents, are fine.
        assert!(refused(&[
            ("a", "{{> b}}{{> b}}"),
            ("b", "{{#*inline \"row\"}}r{{/inline}}{{> row}}"),
            ("doc", "{{#*inline \"row\"}}{{> a}}{{/inline}}{{> row}}"),
        ])
        .is_empty());
        let deep: Vec<(String, String)> = (0..=MAX_DEPTH + 1)
            .map(|i| (format!("p{i}"), format!("{{{{> p{}}}}}", i + 1)))
            .collect();
        let deep: Vec<(&str, &str)> = deep.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        assert!(refused(&deep)[0].contains("глубже"), "{:?}", refused(&deep));
    }

    #[test]
    fn circular_partials_stop_with_an_error() {
        let mut hb = Handlebars::new();
        hb.register_helper(HELPER, Box::new(Include));
        hb.register_template_string("a", inline_calls("{{> b}}"))
            .expect("a");
        hb.register_template_string("b", inline_calls("{{> a}}"))
            .expect("b");
        let err = hb
            .render("a", &serde_json::json!({}))
            .expect_err("circular");
        assert!(err.to_string().contains("по кругу"), "{err}");
        assert!(hb
            .render("missing-partial", &serde_json::json!({}))
            .is_err());
    }
}
