//! Hostile workbooks made from the example's real ones: an XML part
//! patched (a stray cell, a reference past Excel's sheet, a lying count),
//! or a part replaced by a zip bomb written by hand. Shared by
//! `engine/tests/ingest_hostile.rs`, `engine/tests/ingest_fuzz_xml.rs` and
//! `cli/tests/hostile_xlsx_cli.rs`.

#![allow(dead_code)]

use std::io::{Cursor, Read, Write};

/// Every part of a zip, in order, inflated.
pub fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut part = zip.by_index(i).expect("part");
            let mut out = Vec::new();
            part.read_to_end(&mut out).expect("inflate");
            (part.name().expect("name").into_owned(), out)
        })
        .collect()
}

/// A zip of `parts`, deflated, as a spreadsheet program writes one.
pub fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options).expect("start");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

/// The workbook with part `name` changed by `f` (as text).
pub fn edit(bytes: &[u8], name: &str, f: impl FnOnce(String) -> String) -> Vec<u8> {
    let mut all = parts(bytes);
    let part = all
        .iter_mut()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no part {name}"));
    let text = String::from_utf8(std::mem::take(&mut part.1)).expect("utf-8");
    part.1 = f(text).into_bytes();
    zip_of(&all)
}

/// `xml` with one more `<row>` (or anything) just before `</sheetData>`.
pub fn add_before_end(xml: String, row: &str) -> String {
    let at = xml.find("</sheetData>").expect("sheetData");
    format!("{}{row}{}", &xml[..at], &xml[at..])
}

/// `xml` with the cell `r` replaced by `cell` (a whole `<c …>…</c>`).
pub fn replace_cell(xml: String, r: &str, cell: &str) -> String {
    let start = xml
        .find(&format!("<c r=\"{r}\""))
        .unwrap_or_else(|| panic!("no cell {r}"));
    let rest = &xml[start..];
    let tag_end = rest.find('>').expect("tag end");
    let end = if rest[..tag_end].ends_with('/') {
        start + tag_end + 1
    } else {
        start + rest.find("</c>").expect("</c>") + 4
    };
    format!("{}{cell}{}", &xml[..start], &xml[end..])
}

/// A raw deflate stream (one block, fixed Huffman codes) of `prefix`
/// followed by `fill` repeated until `total` bytes: 13 bits for every 258
/// bytes, so 3 GB take 19 MB, written in a moment.
pub fn deflate_repeat(prefix: &[u8], fill: u8, total: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        /// `len` bits of `value`, least significant first.
        fn put(&mut self, value: u64, len: u32) {
            self.acc |= value << self.n;
            self.n += len;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// A Huffman code: most significant bit first.
        fn code(&mut self, code: u32, len: u32) {
            let reversed =
                (0..len).fold(0u64, |r, i| r | u64::from((code >> i) & 1) << (len - 1 - i));
            self.put(reversed, len);
        }
        fn literal(&mut self, b: u8) {
            if b < 144 {
                self.code(0x30 + u32::from(b), 8);
            } else {
                self.code(0x190 + u32::from(b) - 144, 9);
            }
        }
        /// Length 258 (symbol 285), distance 1 (code 0).
        fn repeat(&mut self) {
            self.code(0xC0 + 5, 8);
            self.code(0, 5);
        }
    }
    let mut bits = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    bits.put(1, 1); // the last block
    bits.put(1, 2); // fixed Huffman codes
    for &b in prefix {
        bits.literal(b);
    }
    bits.literal(fill);
    let mut left = total.saturating_sub(prefix.len() as u64 + 1);
    // Eight repeats are 104 bits, 13 whole bytes: once aligned, copy them.
    while bits.n != 0 && left >= 258 {
        bits.repeat();
        left -= 258;
    }
    if left >= 258 * 8 {
        let before = bits.out.len();
        for _ in 0..8 {
            bits.repeat();
        }
        left -= 258 * 8;
        let pattern = bits.out[before..].to_vec();
        let times = left / (258 * 8);
        left -= times * 258 * 8;
        for _ in 0..times {
            bits.out.extend_from_slice(&pattern);
        }
    }
    while left >= 258 {
        bits.repeat();
        left -= 258;
    }
    for _ in 0..left {
        bits.literal(fill);
    }
    bits.code(0, 7); // end of block
    if bits.n > 0 {
        bits.put(0, 8 - bits.n);
    }
    bits.out
}

/// The workbook with part `name` replaced by a bomb: `prefix`, then
/// `fill` up to `total` inflated bytes. The zip headers declare
/// `declared` bytes (the truth, or a lie) and a checksum never checked.
pub fn with_bomb(
    bytes: &[u8],
    name: &str,
    prefix: &[u8],
    fill: u8,
    total: u64,
    declared: u32,
) -> Vec<u8> {
    let others: Vec<(String, Vec<u8>)> = parts(bytes)
        .into_iter()
        .filter(|(n, _)| n != name)
        .collect();
    let base = zip_of(&others);
    let data = deflate_repeat(prefix, fill, total);
    // The end of central directory record of `base` (no comment): 22 bytes.
    let eocd = base.len() - 22;
    let u16_at = |i: usize| u16::from_le_bytes([base[i], base[i + 1]]);
    let u32_at = |i: usize| u32::from_le_bytes([base[i], base[i + 1], base[i + 2], base[i + 3]]);
    assert_eq!(u32_at(eocd), 0x0605_4b50, "zip without a comment");
    let entries = u16_at(eocd + 10);
    let cd_size = u32_at(eocd + 12) as usize;
    let cd_start = u32_at(eocd + 16) as usize;
    let mut out = base[..cd_start].to_vec();
    let local = out.len() as u32;
    let header = |sig: u32, central: bool| {
        let mut h = Vec::new();
        h.extend_from_slice(&sig.to_le_bytes());
        if central {
            h.extend_from_slice(&20u16.to_le_bytes()); // made by
        }
        h.extend_from_slice(&20u16.to_le_bytes()); // needed
        h.extend_from_slice(&0u16.to_le_bytes()); // flags
        h.extend_from_slice(&8u16.to_le_bytes()); // deflate
        h.extend_from_slice(&0u16.to_le_bytes()); // time
        h.extend_from_slice(&0x21u16.to_le_bytes()); // 1980-01-01
        h.extend_from_slice(&0u32.to_le_bytes()); // crc32, never reached
        h.extend_from_slice(&(data.len() as u32).to_le_bytes());
        h.extend_from_slice(&declared.to_le_bytes());
        h.extend_from_slice(&(name.len() as u16).to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes()); // extra
        if central {
            h.extend_from_slice(&0u16.to_le_bytes()); // comment
            h.extend_from_slice(&0u16.to_le_bytes()); // disk
            h.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
            h.extend_from_slice(&0u32.to_le_bytes()); // external attributes
            h.extend_from_slice(&local.to_le_bytes());
        }
        h.extend_from_slice(name.as_bytes());
        h
    };
    out.extend(header(0x0403_4b50, false));
    out.extend_from_slice(&data);
    let new_cd_start = out.len() as u32;
    out.extend_from_slice(&base[cd_start..cd_start + cd_size]);
    let central = header(0x0201_4b50, true);
    out.extend_from_slice(&central);
    let new_cd_size = (cd_size + central.len()) as u32;
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(entries + 1).to_le_bytes());
    out.extend_from_slice(&(entries + 1).to_le_bytes());
    out.extend_from_slice(&new_cd_size.to_le_bytes());
    out.extend_from_slice(&new_cd_start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// The example's `inputs/participants.xlsx` (sheets «Наставники»,
/// «Наставляемые», «Пары» as `xl/worksheets/sheet1..3.xml`).
pub fn participants() -> Vec<u8> {
    nastavnik_engine::example::files(None)
        .expect("example")
        .into_iter()
        .find(|(n, _)| n.ends_with("participants.xlsx"))
        .expect("participants.xlsx")
        .1
}

/// An example programme in a temporary folder with `participants.xlsx`
/// replaced by `bytes`.
pub fn programme_with(bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    nastavnik_engine::example::write(dir.path(), None).expect("example");
    std::fs::write(dir.path().join("inputs/participants.xlsx"), bytes).expect("write");
    dir
}

/// A sheet of `rows` rows below the example's header row, each one filled
/// cell (a shared string), as `xl/worksheets/sheet1.xml`.
pub fn sheet_of_rows(rows: u32) -> String {
    let mut xml = String::with_capacity(rows as usize * 48);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
    for r in 1..=rows {
        xml.push_str(&format!(
            "<row r=\"{r}\"><c r=\"A{r}\" t=\"s\"><v>0</v></c></row>"
        ));
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}
