//! Writing the package: every document, manifest.json, atomically.
