//! programme.json against `schemas/programme.schema.json`, with Russian messages.
//!
//! Owner: foundation (issue 2).
