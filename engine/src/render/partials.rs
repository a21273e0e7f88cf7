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
const MAX_DEPTH: u32 = 16;

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
        let template = r
            .get_template(name)
            .ok_or_else(|| RenderErrorReason::PartialNotFound(name.to_owned()))?;
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
