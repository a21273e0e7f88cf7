//! Stage rules in Rhai: loading (layered), sandbox, findings, reports.
//!
//! Owner: rules (issue 4).
