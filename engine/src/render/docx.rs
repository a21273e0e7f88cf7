//! DOCX writer (in progress).
