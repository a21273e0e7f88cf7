//! Loading the rule scripts: layered (base → region → user folder), each
//! compiled once into an AST, and each file's `rules()` read for metadata.

use super::meta::{parse_list, RuleMeta};
use super::params::InForce;
use super::sandbox;
use crate::diag::{Error, Place, Problem, Result};
use crate::layers::{resolve, Layers, RULES};
use rhai::{CallFnOptions, Dynamic, Engine, Scope, AST};

/// The names scripts see: the model, the parameters in force and the act
/// that set each of them, all read-only.
pub const MODEL: &str = "model";
pub const PARAMS: &str = "params";
/// The programme's figures, computed once by the engine ([`crate::figures`]).
pub const FIGURES: &str = "figures";
pub const PARAMS_BASIS: &str = "params_basis";
/// The function every rule file defines to declare its rules.
pub const RULES_FN: &str = "rules";

/// One compiled rule file.
#[derive(Debug, Clone)]
pub struct Script {
    /// Layer-relative name (`stage5.rhai`): the same name in an upper layer replaces it.
    pub name: String,
    /// Shown in messages: `rules/stage5.rhai` or the user's path.
    pub file: String,
    /// The source, to name places Rhai does not report.
    pub text: String,
    pub ast: AST,
}

/// The scope scripts run in: `model`, `params`, `params_basis` and
/// `figures` constants.
pub fn scope(model: Dynamic, params: Dynamic, bases: Dynamic, figures: Dynamic) -> Scope<'static> {
    let mut scope = Scope::new();
    scope.push_constant_dynamic(MODEL, model);
    scope.push_constant_dynamic(PARAMS, params);
    scope.push_constant_dynamic(PARAMS_BASIS, bases);
    scope.push_constant_dynamic(FIGURES, figures);
    scope
}

/// The scope scripts are compiled in: the same names, but not constants, so
/// that the optimiser does not fold placeholder values into the functions
/// (folding a constant map into `model.x = 1` even makes rhai 1.27 panic).
pub fn compile_scope() -> Scope<'static> {
    let mut scope = Scope::new();
    scope.push_dynamic(MODEL, Dynamic::UNIT);
    scope.push_dynamic(PARAMS, Dynamic::UNIT);
    scope.push_dynamic(FIGURES, Dynamic::UNIT);
    scope.push_dynamic(PARAMS_BASIS, Dynamic::UNIT);
    scope
}

/// `params` and `params_basis` for scripts.
pub fn params_dynamic(params: &InForce) -> Result<(Dynamic, Dynamic)> {
    let convert = |v: &serde_json::Value| {
        rhai::serde::to_dynamic(v).map_err(|e| {
            Error::input(Problem::nowhere(format!(
                "не удалось передать параметры правилам: {e}"
            )))
        })
    };
    Ok((convert(&params.values)?, convert(&params.bases)?))
}

/// Calls a function of a script without running its top level.
/// A panic inside the interpreter (a bug of rhai, not of ours) is turned
/// into an error too, so that no script can crash the program.
///
/// Every call of script code goes through here, under the run's `clock`
/// (wall-clock and data limits, [`sandbox::Clock`]).
pub fn call(
    engine: &Engine,
    scope: &mut Scope,
    script: &Script,
    name: &str,
    clock: &sandbox::Clock,
) -> std::result::Result<Dynamic, Box<rhai::EvalAltResult>> {
    let run = std::panic::AssertUnwindSafe(|| {
        engine.call_fn_with_options::<Dynamic>(
            CallFnOptions::new().eval_ast(false).rewind_scope(true),
            scope,
            &script.ast,
            name,
            (),
        )
    });
    clock
        .guard(|| std::panic::catch_unwind(run))
        .unwrap_or_else(|_| {
            Err(Box::new(rhai::EvalAltResult::ErrorRuntime(
                "внутренняя ошибка интерпретатора Rhai".into(),
                rhai::Position::NONE,
            )))
        })
}

/// Compiles every layered `.rhai` file; each must define `rules()`.
/// All problems of all files are reported together.
pub fn load(engine: &Engine, layers: &Layers) -> Result<Vec<Script>> {
    let files = resolve(&RULES, layers, ".rhai")?;
    let compile = compile_scope();
    let mut scripts = Vec::new();
    let mut problems = Vec::new();
    for (name, f) in files {
        let file = f.origin.display();
        let ast = match engine.compile_with_scope(&compile, &f.text) {
            Ok(ast) => ast,
            Err(e) => {
                problems.push(super::syntax::problem(&file, &f.text, &e));
                continue;
            }
        };
        let script = Script {
            name,
            file,
            text: f.text,
            ast,
        };
        if !script
            .ast
            .iter_functions()
            .any(|f| f.name == RULES_FN && f.params.is_empty())
        {
            problems.push(Problem::new(
                Place::File {
                    file: script.file.clone(),
                },
                "в файле правил нет функции rules(), возвращающей описания правил",
            ));
            continue;
        }
        scripts.push(script);
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    Ok(scripts)
}

/// Reads every script's `rules()` with the parameters in force (a rule's
/// basis names the value in force and its act; its dates may come from
/// `params`). All problems of all files are reported together.
pub fn read_rules(engine: &Engine, scripts: &[Script], params: &InForce) -> Result<Vec<RuleMeta>> {
    let (params, bases) = params_dynamic(params)?;
    let mut scope = scope(Dynamic::UNIT, params, bases, Dynamic::UNIT);
    let clock = sandbox::Clock::start(sandbox::Budget::for_records(0));
    let mut rules: Vec<RuleMeta> = Vec::new();
    let mut problems = Vec::new();
    for script in scripts {
        let list = match call(engine, &mut scope, script, RULES_FN, &clock) {
            Ok(v) => v,
            Err(e) => {
                problems.push(sandbox::runtime_problem(
                    &script.file,
                    &script.text,
                    RULES_FN,
                    RULES_FN,
                    &e,
                ));
                continue;
            }
        };
        match parse_list(list, &script.file) {
            Ok(list) => {
                for meta in list {
                    if !script
                        .ast
                        .iter_functions()
                        .any(|f| f.name == meta.check && f.params.is_empty())
                    {
                        problems.push(Problem::new(
                            Place::File {
                                file: script.file.clone(),
                            },
                            format!(
                                "правило «{}»: нет функции {}() без параметров, указанной в поле check",
                                meta.id, meta.check
                            ),
                        ));
                    } else if let Some(other) = rules.iter().find(|r| r.id == meta.id) {
                        problems.push(Problem::new(
                            Place::File {
                                file: script.file.clone(),
                            },
                            format!(
                                "правило «{}» уже объявлено в {}: идентификаторы должны быть уникальны",
                                meta.id, other.file
                            ),
                        ));
                    } else {
                        rules.push(meta);
                    }
                }
            }
            Err(Error::Input(p)) => problems.extend(p),
            Err(e) => return Err(e),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    // Stage order; within a stage, file and declaration order (stable sort).
    rules.sort_by_key(|r| r.stage);
    Ok(rules)
}
