//! Reading the XLSX tables: header row detection, forgiving header matching,
//! dates, yes/no values, with `file › sheet › cell` on every problem.
//!
//! Owner: foundation (issue 2).
