/// Quote a field if it needs quoting (it contains `,`, `"`, `\r` or `\n`).
pub fn write_field(field: &str) -> String {
    if field.contains(',') || field.contains('"') {
        format!("\"{}\"", field)
    } else {
        field.to_string()
    }
}

/// One record as a CSV line, terminated by `\n`.
pub fn write_record<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out: Vec<String> = fields.iter().map(|f| write_field(f.as_ref())).collect();
    out.push("\n".to_string());
    out.join(",")
}
