//! What every part written here as text shares: namespaces and escaping.
//!
//! The parts docx-rs gets wrong are written as WordprocessingML text, each
//! element's children in the order of its schema type (ECMA-376 part 1),
//! by the function that knows the element; `engine/tests/ooxml_valid.rs`
//! runs the Open XML SDK validator over the result.

/// Escapes text content and attribute values; characters XML 1.0 cannot
/// hold are dropped.
pub fn escape_into(x: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => x.push_str("&amp;"),
            '<' => x.push_str("&lt;"),
            '>' => x.push_str("&gt;"),
            '"' => x.push_str("&quot;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => x.push(c),
        }
    }
}

/// XML text on its way to a part: written into a buffer that is handed to
/// a writer (the zip entry, deflating) whenever a block or a table row is
/// done and the buffer holds [`Out::CHUNK`] bytes, so a long body is never
/// held whole. Without a writer ([`Out::text`]) it keeps the whole text.
pub struct Out<'w> {
    text: String,
    sink: Option<&'w mut dyn std::io::Write>,
    failed: Option<std::io::Error>,
}

impl<'w> Out<'w> {
    /// Bytes gathered before they are handed on.
    pub const CHUNK: usize = 64 << 10;

    /// Text kept whole, returned by [`Out::finish`] (tests).
    #[cfg(test)]
    pub fn text() -> Out<'static> {
        Out {
            text: String::new(),
            sink: None,
            failed: None,
        }
    }

    /// Text handed to `sink` as it is written.
    pub fn to(sink: &'w mut dyn std::io::Write) -> Out<'w> {
        Out {
            text: String::with_capacity(Self::CHUNK + (8 << 10)),
            sink: Some(sink),
            failed: None,
        }
    }

    /// A block or a row is done: hand the buffer on if it is full enough.
    pub fn row_done(&mut self) {
        if self.text.len() >= Self::CHUNK {
            self.hand_on();
        }
    }

    fn hand_on(&mut self) {
        if let Some(sink) = self.sink.as_mut() {
            if self.failed.is_none() {
                if let Err(e) = sink.write_all(self.text.as_bytes()) {
                    self.failed = Some(e);
                }
            }
            self.text.clear();
        }
    }

    /// Hands on the rest; the whole text when there is no writer, else
    /// an empty string; the first error the writer gave.
    pub fn finish(mut self) -> std::io::Result<String> {
        self.hand_on();
        match self.failed.take() {
            Some(e) => Err(e),
            None => Ok(std::mem::take(&mut self.text)),
        }
    }
}

impl std::ops::Deref for Out<'_> {
    type Target = String;
    fn deref(&self) -> &String {
        &self.text
    }
}

impl std::ops::DerefMut for Out<'_> {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

/// [`escape_into`] a new string.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_controls_dropped() {
        assert_eq!(escape("a<b>&\"c\u{1}\td"), "a&lt;b&gt;&amp;&quot;c\td");
    }

    #[test]
    fn out_hands_on_full_chunks_and_the_rest_at_the_end() {
        let mut sink = Vec::new();
        let mut out = Out::to(&mut sink);
        let row = "x".repeat(Out::CHUNK / 2 + 1);
        out.push_str(&row);
        out.row_done();
        assert_eq!(out.len(), row.len(), "half a chunk is kept");
        out.push_str(&row);
        out.row_done();
        assert!(out.is_empty(), "a full chunk is handed on");
        out.push_str("end");
        assert_eq!(out.finish().expect("a Vec takes all"), "");
        assert_eq!(sink.len(), 2 * row.len() + 3);
        let mut kept = Out::text();
        kept.push_str(&row);
        kept.push_str(&row);
        kept.row_done();
        assert_eq!(kept.finish().expect("no writer").len(), 2 * row.len());
    }
}
