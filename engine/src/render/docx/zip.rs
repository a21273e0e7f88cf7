//! The zip of a DOCX: deflated at level 6, every entry dated 1980-01-01
//! with the same permissions, in the order the parts are added, so the
//! same parts always give the same bytes. Parts most documents share are
//! deflated once a run and raw-copied ([`shared`], [`Packed`]).

use crate::diag::{Error, Result};
use std::io::{Cursor, Write};
use std::sync::Arc;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// A package being zipped, entry by entry, in the order they are added.
/// With `packed` (the skeleton's parts, deflated when it was built, by
/// name), those parts are raw-copied and the others every document has
/// (see [`shared`]) are deflated once a run.
pub struct Zip<'p> {
    zip: ZipWriter<Cursor<Vec<u8>>>,
    packed: Option<&'p Packed>,
}

impl<'p> Zip<'p> {
    pub fn new(packed: Option<&'p Packed>) -> Zip<'p> {
        Zip {
            zip: ZipWriter::new(Cursor::new(Vec::new())),
            packed,
        }
    }

    /// Adds the part `name`.
    pub fn part(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        let found = self.packed.and_then(|p| p.get(name));
        if let Some(deflated) = found {
            deflated.copy_into(&mut self.zip)
        } else if self.packed.is_some() && shared::is_shared(name) {
            shared::copy_into(&mut self.zip, name, bytes)
        } else {
            self.zip
                .start_file(name, entry_options())
                .map_err(zip_failed)?;
            self.zip.write_all(bytes).map_err(packing)
        }
    }

    /// Adds the part `name`, its bytes written by `write` into the entry
    /// as they come (deflated on the way: the part is never held whole).
    pub fn streamed(
        &mut self,
        name: &str,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        self.zip
            .start_file(name, entry_options())
            .map_err(zip_failed)?;
        write(&mut self.zip).map_err(packing)
    }

    /// The zip's bytes.
    pub fn finish(self) -> Result<Vec<u8>> {
        Ok(self.zip.finish().map_err(zip_failed)?.into_inner())
    }
}

/// The zip of `parts`, in their order (see [`Zip`]).
#[cfg(test)]
fn zip_parts(parts: &[(String, &[u8])], packed: Option<&Packed>) -> Result<Vec<u8>> {
    let mut zip = Zip::new(packed);
    for (name, bytes) in parts {
        zip.part(name, bytes)?;
    }
    zip.finish()
}

/// How every entry is written: deflated at level 6, dated 1980-01-01.
fn entry_options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
}

/// Parts deflated once, by name.
pub type Packed = std::collections::HashMap<String, Deflated>;

/// A part deflated once, as every entry is: a one-entry archive, read once
/// and raw-copied into each package (copying clones the archive's shared
/// index: nothing is parsed or deflated again).
#[derive(Clone)]
pub struct Deflated(ZipArchive<Cursor<Arc<[u8]>>>);

impl Deflated {
    pub fn new(name: &str, bytes: &[u8]) -> Result<Deflated> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file(name, entry_options()).map_err(zip_failed)?;
        zip.write_all(bytes).map_err(packing)?;
        let archive: Arc<[u8]> = zip.finish().map_err(zip_failed)?.into_inner().into();
        Ok(Deflated(
            ZipArchive::new(Cursor::new(archive)).map_err(zip_failed)?,
        ))
    }

    /// The size of the archive, in bytes.
    fn size(&self) -> usize {
        self.0.clone().into_inner().into_inner().len()
    }

    /// Copies the entry into `zip` as it is.
    fn copy_into(&self, zip: &mut ZipWriter<Cursor<Vec<u8>>>) -> Result<()> {
        let mut archive = self.0.clone();
        let entry = archive.by_index_raw(0).map_err(zip_failed)?;
        zip.raw_copy_file(entry).map_err(zip_failed)
    }
}

fn zip_failed(e: zip::result::ZipError) -> Error {
    Error::io("упаковка DOCX", std::io::Error::other(e))
}

fn packing(e: std::io::Error) -> Error {
    Error::io("упаковка DOCX", e)
}

/// Parts that do not carry the document's own text, deflated once a run.
///
/// A consent form is 18 parts of 34 KB; setting up the deflate state for
/// each part cost more than deflating the body (a 1,000-participant
/// school's 1,304 documents spent a third of their CPU in the zip step).
/// Styles, settings, numbering, font table, relationships, content types,
/// headers and the like are the same bytes in most documents of a run, so
/// each distinct (name, bytes) is deflated once into a one-entry archive
/// and raw-copied from it afterwards: the entry written is the one
/// deflating it again would give (same method, level, date, permissions),
/// so the package's bytes do not change. The cache is bounded (it starts
/// again when full).
mod shared {
    use super::Deflated;
    use crate::diag::{Error, Result};
    use std::collections::HashMap;
    use std::io::Cursor;
    use std::sync::{Mutex, OnceLock};
    use zip::ZipWriter;

    /// At most this many parts, and this many bytes of them, are kept.
    const MAX_PARTS: usize = 512;
    const MAX_BYTES: usize = 8 << 20;

    /// The parts of the page setup and the package's plumbing, which most
    /// documents of a run share, and the core properties (the same for
    /// every document of a kind: 782 consent forms of one school); never
    /// the body, pictures or charts.
    pub fn is_shared(name: &str) -> bool {
        matches!(
            name,
            "[Content_Types].xml"
                | "docProps/core.xml"
                | "_rels/.rels"
                | "docProps/app.xml"
                | "docProps/custom.xml"
                | "word/_rels/document.xml.rels"
                | "word/styles.xml"
                | "word/settings.xml"
                | "word/fontTable.xml"
                | "word/comments.xml"
                | "word/numbering.xml"
                | "word/commentsExtended.xml"
                | "word/footnotes.xml"
        ) || name.starts_with("word/header")
            || name.starts_with("word/footer")
            || name.starts_with("word/_rels/header")
            || name.starts_with("word/_rels/footer")
    }

    #[derive(Default)]
    struct Cache {
        /// name → bytes → the part deflated (looked up without copying
        /// either).
        parts: HashMap<String, HashMap<Vec<u8>, Deflated>>,
        count: usize,
        bytes: usize,
    }

    impl Cache {
        /// Makes room for `size` bytes more: a full cache starts again
        /// (a batch moves from school to school; the parts every school
        /// shares come back at once).
        fn room(&mut self, size: usize) {
            if self.count >= MAX_PARTS || self.bytes + size > MAX_BYTES {
                *self = Cache::default();
            }
            self.count += 1;
            self.bytes += size;
        }
    }

    fn cache() -> &'static Mutex<Cache> {
        static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
        CACHE.get_or_init(Mutex::default)
    }

    /// Writes `bytes` as the entry `name` of `zip`, deflating them only if
    /// this part has not been deflated before.
    pub fn copy_into(zip: &mut ZipWriter<Cursor<Vec<u8>>>, name: &str, bytes: &[u8]) -> Result<()> {
        let found = lock()?
            .parts
            .get(name)
            .and_then(|by_bytes| by_bytes.get(bytes))
            .cloned();
        let deflated = match found {
            Some(d) => d,
            None => {
                let d = Deflated::new(name, bytes)?;
                let mut c = lock()?;
                c.room(name.len() + 2 * bytes.len() + d.size());
                c.parts
                    .entry(name.to_owned())
                    .or_default()
                    .insert(bytes.to_vec(), d.clone());
                d
            }
        };
        deflated.copy_into(zip)
    }

    fn lock() -> Result<std::sync::MutexGuard<'static, Cache>> {
        cache()
            .lock()
            .map_err(|_| Error::internal("кэш частей DOCX: поток упал, держа его".to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_parts_are_the_bytes_deflating_them_again_gives() {
        let styles = "<w:styles>".repeat(200);
        let body = "<w:body>".repeat(500);
        let parts: Vec<(String, &[u8])> = vec![
            ("[Content_Types].xml".into(), b"<Types/>"),
            ("word/document.xml".into(), body.as_bytes()),
            ("word/styles.xml".into(), styles.as_bytes()),
            ("word/header1.xml".into(), b"<w:hdr/>"),
        ];
        let direct = zip_parts(&parts, None).expect("zip");
        let mut packed = Packed::new();
        let first = zip_parts(&parts, Some(&packed)).expect("zip, parts deflated into the cache");
        let again = zip_parts(&parts, Some(&packed)).expect("zip, parts copied from the cache");
        packed.insert(
            "word/styles.xml".into(),
            Deflated::new("word/styles.xml", styles.as_bytes()).expect("deflates"),
        );
        let skeleton = zip_parts(&parts, Some(&packed)).expect("zip, styles deflated before");
        assert_eq!(first, direct);
        assert_eq!(again, direct);
        assert_eq!(skeleton, direct);
        let mut archive = zip::ZipArchive::new(Cursor::new(again)).expect("a zip");
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut archive.by_name("word/styles.xml").expect("styles"),
            &mut text,
        )
        .expect("inflates");
        assert_eq!(text, styles);
        assert!(!shared::is_shared("word/document.xml"));
        assert!(!shared::is_shared("word/media/rId1.png"));
    }

    /// A part written in one piece is the bytes of the part written
    /// whole; written in pieces (a long body, a 64 KiB chunk at a time) it
    /// inflates to the same text, though the deflate stream differs (the
    /// deflater's blocks depend on how its input arrives).
    #[test]
    fn a_streamed_part_holds_the_part() {
        let body = "<w:p><w:r><w:t>Иванов Иван</w:t></w:r></w:p>".repeat(20_000);
        let name = "word/document.xml";
        let whole = zip_parts(&[(name.into(), body.as_bytes())], None).expect("zip");
        let streamed = |chunk: usize| {
            let mut zip = Zip::new(None);
            zip.streamed(name, |w| {
                for piece in body.as_bytes().chunks(chunk) {
                    w.write_all(piece)?;
                }
                Ok(())
            })
            .expect("streamed");
            zip.finish().expect("zip")
        };
        assert_eq!(streamed(body.len()), whole);
        let pieces = streamed(65_536);
        let again = streamed(65_536);
        assert_eq!(pieces, again, "the same pieces give the same bytes");
        let mut archive = zip::ZipArchive::new(Cursor::new(pieces)).expect("a zip");
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_name(name).expect("the part"), &mut text)
            .expect("inflates");
        assert_eq!(text, body);
    }
}
