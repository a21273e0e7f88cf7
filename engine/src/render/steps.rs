//! Template work counted by steps, not only by output: a loop whose body
//! prints nothing (`{{#each people}}{{#each people}}{{#each people}}{{/each}}…`)
//! never reaches the markup limit, yet runs for hours over a large school.
//! Every pass of an `#each` and every partial included is a step; a
//! document may take [`MAX_STEPS`], counted per thread (a document renders
//! on one thread), reset before each document.
//!
//! `#each` is handlebars' own, rewritten on its public API with the count
//! added (the built-in helper cannot be wrapped: it is not exported).

use handlebars::{
    to_json, BlockContext, BlockParams, Context, Handlebars, Helper, HelperDef, HelperResult,
    Output, PathAndJson, RenderContext, RenderError, RenderErrorReason, Renderable,
};
use serde_json::Value as Json;
use std::cell::Cell;

/// Steps one document may take. The pairs order of a 5,000-pair school,
/// the most of any document, takes about 10,000
/// (`engine/tests/templates_steps.rs`); two million passes of an empty
/// loop take under a second.
pub const MAX_STEPS: u64 = 2_000_000;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Starts counting one document's steps.
pub fn reset() {
    STEPS.with(|s| s.set(0));
}

/// The steps the last document rendered on this thread took.
pub fn taken() -> u64 {
    STEPS.with(|s| s.get())
}

/// Whether the document being rendered ran out of steps.
pub fn exhausted() -> bool {
    STEPS.with(|s| s.get()) > MAX_STEPS
}

/// One step; past [`MAX_STEPS`] an error that stops the rendering where it
/// is (its line and column are the template's).
pub fn step() -> Result<(), RenderError> {
    let n = STEPS.with(|s| {
        let n = s.get().saturating_add(1);
        s.set(n);
        n
    });
    if n > MAX_STEPS {
        return Err(RenderErrorReason::Other(message()).into());
    }
    Ok(())
}

/// Why a document ran out of steps.
pub fn message() -> String {
    format!(
        "шаблон сделал больше {} шагов (повторов #each и вставок) для одного документа — вложенные #each перебирают слишком много; отрисовка остановлена",
        crate::russian::grouped(MAX_STEPS as f64)
    )
}

/// `#each`, counting a step per pass.
pub struct Each;

/// The block an `#each` opens: the list's path, or its value.
fn create_block<'rc>(param: &PathAndJson<'rc>) -> BlockContext<'rc> {
    let mut block = BlockContext::new();
    if let Some(path) = param.context_path() {
        block.base_path_mut().clone_from(path);
    } else {
        block.set_base_value(param.value().clone());
    }
    block
}

fn update_block_context(
    block: &mut BlockContext<'_>,
    base_path: Option<&Vec<String>>,
    relative_path: String,
    is_first: bool,
    value: &Json,
) {
    if let Some(p) = base_path {
        if is_first {
            let mut path = p.clone();
            path.push(relative_path);
            *block.base_path_mut() = path;
        } else if let Some(last) = block.base_path_mut().last_mut() {
            *last = relative_path;
        }
    } else {
        block.set_base_value(value.clone());
    }
}

fn set_block_param<'rc>(
    block: &mut BlockContext<'rc>,
    h: &Helper<'rc>,
    base_path: Option<&Vec<String>>,
    k: &Json,
    v: &Json,
) -> Result<(), RenderError> {
    if let Some(value) = h.block_param() {
        let mut params = BlockParams::new();
        if base_path.is_some() {
            params.add_path(value, Vec::new())?;
        } else {
            params.add_value(value, v.clone())?;
        }
        block.set_block_params(params);
    } else if let Some((value, key)) = h.block_param_pair() {
        let mut params = BlockParams::new();
        if base_path.is_some() {
            params.add_path(value, Vec::new())?;
        } else {
            params.add_value(value, v.clone())?;
        }
        params.add_value(key, k.clone())?;
        block.set_block_params(params);
    }
    Ok(())
}

impl HelperDef for Each {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let value = h
            .param(0)
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("each", 0))?;
        let Some(t) = h.template() else {
            return Ok(());
        };
        match value.value() {
            Json::Array(list) if !list.is_empty() || h.inverse().is_none() => {
                rc.push_block(create_block(value));
                let len = list.len();
                let path = value.context_path();
                for (i, v) in list.iter().enumerate() {
                    step()?;
                    if let Some(block) = rc.block_mut() {
                        let index = to_json(i);
                        block.set_local_var("first", to_json(i == 0));
                        block.set_local_var("last", to_json(i + 1 == len));
                        block.set_local_var("index", index.clone());
                        update_block_context(block, path, i.to_string(), i == 0, v);
                        set_block_param(block, h, path, &index, v)?;
                    }
                    t.render(r, ctx, rc, out)?;
                }
                rc.pop_block();
                Ok(())
            }
            Json::Object(map) if !map.is_empty() || h.inverse().is_none() => {
                rc.push_block(create_block(value));
                let len = map.len();
                let path = value.context_path();
                for (i, (k, v)) in map.iter().enumerate() {
                    step()?;
                    if let Some(block) = rc.block_mut() {
                        let key = to_json(k);
                        block.set_local_var("first", to_json(i == 0));
                        block.set_local_var("last", to_json(i + 1 == len));
                        block.set_local_var("key", key.clone());
                        block.set_local_var("index", to_json(i));
                        update_block_context(block, path, k.to_string(), i == 0, v);
                        set_block_param(block, h, path, &key, v)?;
                    }
                    t.render(r, ctx, rc, out)?;
                }
                rc.pop_block();
                Ok(())
            }
            _ => {
                if let Some(inverse) = h.inverse() {
                    inverse.render(r, ctx, rc, out)
                } else if r.strict_mode() {
                    Err(RenderError::strict_error(value.relative_path()))
                } else {
                    Ok(())
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn registry() -> Handlebars<'static> {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_helper("each", Box::new(Each));
        hb
    }

    #[test]
    fn each_renders_as_handlebars_own() {
        let data = json!({
            "people": [{"name": "А"}, {"name": "Б"}, {"name": "В"}],
            "map": {"x": 1, "y": 2},
            "empty": [],
            "top": "T"
        });
        let template = "{{#each people}}{{@index}}{{name}}{{#if @first}}f{{/if}}{{#if @last}}l{{/if}}{{../top}};{{/each}}|{{#each map}}{{@key}}={{this}}{{/each}}|{{#each empty}}x{{else}}нет{{/each}}|{{#each people as |p i|}}{{i}}{{p.name}}{{/each}}|{{#each map as |v k|}}{{k}}{{v}}{{/each}}";
        let mut builtin = Handlebars::new();
        builtin.set_strict_mode(true);
        let ours = registry();
        reset();
        assert_eq!(
            ours.render_template(template, &data).expect("ours"),
            builtin.render_template(template, &data).expect("built in")
        );
        // Strict mode: a missing list is an error in both.
        assert!(ours
            .render_template("{{#each nope}}{{/each}}", &data)
            .is_err());
        assert!(builtin
            .render_template("{{#each nope}}{{/each}}", &data)
            .is_err());
    }

    #[test]
    fn an_empty_nested_loop_stops_at_its_step_limit() {
        let data = json!({"xs": (0..200).collect::<Vec<_>>()});
        let started = std::time::Instant::now();
        reset();
        let e = registry()
            .render_template(
                "{{#each xs}}{{#each ../xs}}{{#each ../../xs}}{{/each}}{{/each}}{{/each}}",
                &data,
            )
            .expect_err("stopped");
        assert!(exhausted());
        assert!(e.to_string().contains("шагов"), "{e}");
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }
}
