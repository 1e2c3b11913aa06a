use semverlite::{Version, VersionReq};

#[test]
fn parse_and_display() {
    let v = Version::parse("1.2.3-alpha.1+build.5").unwrap();
    assert_eq!((v.major, v.minor, v.patch), (1, 2, 3));
    assert_eq!(v.to_string(), "1.2.3-alpha.1+build.5");
}

#[test]
fn ordering() {
    let a = Version::parse("1.0.0-alpha").unwrap();
    let b = Version::parse("1.0.0").unwrap();
    assert!(a < b);
}

#[test]
fn caret() {
    let r = VersionReq::parse("^1.2.3").unwrap();
    assert!(r.matches(&Version::parse("1.9.0").unwrap()));
    assert!(!r.matches(&Version::parse("2.0.0").unwrap()));
}
