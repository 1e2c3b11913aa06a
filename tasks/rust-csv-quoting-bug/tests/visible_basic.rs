use csvlite::{parse, write_record};

fn rec(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn simple_records() {
    assert_eq!(parse("a,b\nc,d\n").unwrap(), vec![rec(&["a", "b"]), rec(&["c", "d"])]);
}

#[test]
fn quoted_comma() {
    assert_eq!(parse("\"x,y\",z\n").unwrap(), vec![rec(&["x,y", "z"])]);
}

#[test]
fn doubled_quote() {
    assert_eq!(parse("\"say \"\"hi\"\"\"\n").unwrap(), vec![rec(&["say \"hi\""])]);
}

#[test]
fn trailing_empty_field() {
    assert_eq!(parse("a,\n").unwrap(), vec![rec(&["a", ""])]);
}

#[test]
fn writer_escapes_quotes() {
    assert_eq!(write_record(&["a\"b", "c"]), "\"a\"\"b\",c\n");
}
