//! A small RFC 4180 CSV reader and writer.
//!
//! * Records are separated by `\n` or `\r\n`; a final line break is optional.
//! * Fields are separated by `,`. A field may be enclosed in double quotes; inside a quoted
//!   field, commas and line breaks are literal and `""` stands for one `"`.
//! * An empty input has no records. An empty line is a record with one empty field.

mod reader;
mod writer;

pub use reader::{parse, ParseError};
pub use writer::{write_field, write_record};
