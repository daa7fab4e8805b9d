//! Exported passages written as JSON Lines or Parquet: one row per passage, the same
//! columns in both — the document's id, path and section, each named metadata field
//! (null when the document has none), the manifest's further fields as one JSON object
//! (`extra`), then the passage's ordinal, its `[start, end)` character offsets in the
//! document's text and the passage itself.

use std::io::Write;
use std::sync::Arc;

use parquet::basic::{Compression, ZstdLevel};
use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::catalog::DocumentRecord;
use crate::document::metadata::fields::FIELDS;
use crate::export::ExportedPassage;

/// Where exported rows go.
pub trait ExportSink {
    /// A document's passages.
    fn document(
        &mut self,
        record: &DocumentRecord,
        passages: &[ExportedPassage],
    ) -> std::io::Result<()>;
    /// Everything written out.
    fn finish(self) -> std::io::Result<()>;
}

/// The manifest's further fields as a JSON object, `None` when there are none.
fn extra_json(record: &DocumentRecord) -> Option<String> {
    let text = record.meta.extra.json_text();
    (!text.is_empty() && text != "{}").then_some(text)
}

/// JSON Lines, one object per passage.
pub struct JsonLinesExport<'w> {
    out: &'w mut dyn Write,
    line: Vec<u8>,
}

impl<'w> JsonLinesExport<'w> {
    pub fn new(out: &'w mut dyn Write) -> Self {
        JsonLinesExport {
            out,
            line: Vec::new(),
        }
    }
}

impl ExportSink for JsonLinesExport<'_> {
    fn document(
        &mut self,
        record: &DocumentRecord,
        passages: &[ExportedPassage],
    ) -> std::io::Result<()> {
        // What every row of the document shares, written once.
        let mut head = Vec::new();
        write!(head, "{{\"doc\":{},\"path\":", record.id)?;
        serde_json::to_writer(&mut head, &record.path)?;
        write!(head, ",\"section\":{}", record.section)?;
        for field in FIELDS {
            write!(head, ",\"{}\":", field.name)?;
            serde_json::to_writer(&mut head, &(field.text)(&record.meta))?;
        }
        head.extend_from_slice(b",\"extra\":");
        match extra_json(record) {
            Some(json) => head.extend_from_slice(json.as_bytes()),
            None => head.extend_from_slice(b"null"),
        }
        for p in passages {
            self.line.clear();
            self.line.extend_from_slice(&head);
            write!(
                self.line,
                ",\"passage\":{},\"start\":{},\"end\":{},\"text\":",
                p.passage, p.start, p.end
            )?;
            serde_json::to_writer(&mut self.line, &p.text)?;
            self.line.extend_from_slice(b"}\n");
            self.out.write_all(&self.line)?;
        }
        Ok(())
    }

    fn finish(self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Rows kept before a Parquet row group is written.
const ROWS_PER_GROUP: usize = 65_536;

/// One Parquet file; rows are gathered by column and written a row group at a time.
pub struct ParquetExport<W: Write + Send> {
    writer: SerializedFileWriter<W>,
    rows: Columns,
}

/// A row group's values, column by column (optional ones as `None`).
#[derive(Default)]
struct Columns {
    doc: Vec<i64>,
    path: Vec<ByteArray>,
    section: Vec<i64>,
    fields: Vec<Vec<Option<ByteArray>>>,
    extra: Vec<Option<ByteArray>>,
    passage: Vec<i64>,
    start: Vec<i64>,
    end: Vec<i64>,
    text: Vec<ByteArray>,
}

impl<W: Write + Send> ParquetExport<W> {
    pub fn new(out: W) -> std::io::Result<Self> {
        let mut schema = String::from(
            "message passage { required int64 doc; required binary path (STRING); required int64 section;",
        );
        for field in FIELDS {
            schema.push_str(&format!(" optional binary {} (STRING);", field.name));
        }
        schema.push_str(
            " optional binary extra (STRING); required int64 passage; required int64 start; \
             required int64 end; required binary text (STRING); }",
        );
        let schema = Arc::new(parse_message_type(&schema).map_err(std::io::Error::other)?);
        let zstd = ZstdLevel::try_new(3).map_err(std::io::Error::other)?;
        let properties = WriterProperties::builder()
            .set_compression(Compression::ZSTD(zstd))
            .build();
        let writer = SerializedFileWriter::new(out, schema, Arc::new(properties))
            .map_err(std::io::Error::other)?;
        Ok(ParquetExport {
            writer,
            rows: Columns {
                fields: vec![Vec::new(); FIELDS.len()],
                ..Columns::default()
            },
        })
    }

    /// Writes the rows gathered as one row group.
    fn flush(&mut self) -> parquet::errors::Result<()> {
        if self.rows.doc.is_empty() {
            return Ok(());
        }
        let rows = std::mem::replace(
            &mut self.rows,
            Columns {
                fields: vec![Vec::new(); FIELDS.len()],
                ..Columns::default()
            },
        );
        let mut group = self.writer.next_row_group()?;
        let mut integers = [&rows.doc, &rows.section].into_iter();
        let mut strings = rows.fields.iter().chain([&rows.extra]);
        let mut tail = [&rows.passage, &rows.start, &rows.end].into_iter();
        let mut column = 0;
        while let Some(mut writer) = group.next_column()? {
            match column {
                0 | 2 => write_integers(&mut writer, integers.next().expect("two columns"))?,
                1 => write_required(&mut writer, &rows.path)?,
                c if c < 3 + FIELDS.len() + 1 => {
                    write_optional(&mut writer, strings.next().expect("a column per field"))?;
                }
                c if c < 3 + FIELDS.len() + 4 => {
                    write_integers(&mut writer, tail.next().expect("three columns"))?;
                }
                _ => write_required(&mut writer, &rows.text)?,
            }
            writer.close()?;
            column += 1;
        }
        group.close()?;
        Ok(())
    }
}

fn write_integers(
    writer: &mut parquet::file::writer::SerializedColumnWriter<'_>,
    values: &[i64],
) -> parquet::errors::Result<()> {
    writer
        .typed::<Int64Type>()
        .write_batch(values, None, None)?;
    Ok(())
}

fn write_required(
    writer: &mut parquet::file::writer::SerializedColumnWriter<'_>,
    values: &[ByteArray],
) -> parquet::errors::Result<()> {
    writer
        .typed::<ByteArrayType>()
        .write_batch(values, None, None)?;
    Ok(())
}

fn write_optional(
    writer: &mut parquet::file::writer::SerializedColumnWriter<'_>,
    values: &[Option<ByteArray>],
) -> parquet::errors::Result<()> {
    let present: Vec<ByteArray> = values.iter().flatten().cloned().collect();
    let levels: Vec<i16> = values.iter().map(|v| i16::from(v.is_some())).collect();
    writer
        .typed::<ByteArrayType>()
        .write_batch(&present, Some(&levels), None)?;
    Ok(())
}

impl<W: Write + Send> ExportSink for ParquetExport<W> {
    fn document(
        &mut self,
        record: &DocumentRecord,
        passages: &[ExportedPassage],
    ) -> std::io::Result<()> {
        let bytes = |s: &str| ByteArray::from(s.as_bytes().to_vec());
        let fields: Vec<Option<ByteArray>> = FIELDS
            .iter()
            .map(|f| (f.text)(&record.meta).map(|v| bytes(&v)))
            .collect();
        let extra = extra_json(record).map(|e| bytes(&e));
        let path = bytes(&record.path);
        for p in passages {
            let rows = &mut self.rows;
            rows.doc.push(record.id as i64);
            rows.path.push(path.clone());
            rows.section.push(record.section as i64);
            for (column, value) in rows.fields.iter_mut().zip(&fields) {
                column.push(value.clone());
            }
            rows.extra.push(extra.clone());
            rows.passage.push(p.passage as i64);
            rows.start.push(p.start as i64);
            rows.end.push(p.end as i64);
            rows.text.push(bytes(&p.text));
            if rows.doc.len() >= ROWS_PER_GROUP {
                self.flush().map_err(std::io::Error::other)?;
            }
        }
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.flush().map_err(std::io::Error::other)?;
        let mut out = self.writer.into_inner().map_err(std::io::Error::other)?;
        out.flush()
    }
}
